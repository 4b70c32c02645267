import { error, type RequestEvent } from '@sveltejs/kit';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { translator, type Lang } from '$lib/i18n';
import { recordAudit } from '../audit';
import type { Database } from '../db/open';
import {
  newMediaAccounts,
  programmes,
  targetLevels,
  targetStatuses,
  websiteKinds,
  websites,
  type Role,
} from '../db/schema';
import { requireRole } from '../guard';
import { idParam, parseOrBadRequest, parseWith, searchParamsObject, type FieldErrors } from '../validation';
import { unitDirectory } from './unit-names';
import { accountFields } from './newmedia';
import { isHttpUrl, websiteFields } from './websites';

// The registry pages' server side: who may read and write, the list filters (in the URL), and the one edit of a
// website with optimistic versioning and an audit entry.

/** reviewers and leaders read the registry; admins and inspectors also import and edit; assessors do not see it */
export const registryReaders: readonly Role[] = ['admin', 'inspector', 'reviewer', 'leader'];
export const registryWriters: readonly Role[] = ['admin', 'inspector'];

export const pageSize = 50;

type GuardEvent = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'params'>;

export async function inspectionProgrammes(db: Database) {
  return db
    .select({
      id: programmes.id,
      slug: programmes.slug,
      title: programmes.title,
      titleEn: programmes.titleEn,
    })
    .from(programmes)
    .where(eq(programmes.kind, 'inspection'))
    .orderBy(asc(programmes.id));
}

/** The inspection programme named in the URL; 404 when there is none (or it is an assessment programme). */
export async function programmeFromParams(db: Database, event: GuardEvent) {
  const lang = event.locals.lang;
  const programmeId = parseOrBadRequest(idParam, event.params.programmeId, lang);
  const [programme] = await db
    .select({
      id: programmes.id,
      title: programmes.title,
      titleEn: programmes.titleEn,
      kind: programmes.kind,
      ruleSetId: programmes.ruleSetId,
    })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  const t = translator(lang);
  if (!programme) error(404, { message: t('error.notFound') });
  if (programme.kind !== 'inspection') error(404, { message: t('registry.notInspection') });
  return programme;
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export const websiteFilterSchema = z.strictObject({
  level: z.preprocess(emptyToUndefined, z.enum(targetLevels).optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(websiteKinds).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(targetStatuses).optional()),
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
});
export type WebsiteFilters = z.output<typeof websiteFilterSchema>;

export const accountFilterSchema = z.strictObject({
  level: z.preprocess(emptyToUndefined, z.enum(targetLevels).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(targetStatuses).optional()),
  platform: z.preprocess(emptyToUndefined, z.string().trim().max(50).optional()),
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
});
export type AccountFilters = z.output<typeof accountFilterSchema>;

export function filtersFromUrl<Schema extends z.ZodType>(
  schema: Schema,
  url: URL,
  lang: Lang,
): z.output<Schema> {
  return parseOrBadRequest(schema, searchParamsObject(url), lang);
}

/** a LIKE pattern matching the text anywhere, with % _ \ in it taken literally */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export async function listWebsites(db: Database, programmeId: number, filters: WebsiteFilters) {
  const conditions: SQL[] = [eq(websites.programmeId, programmeId)];
  if (filters.level) conditions.push(eq(websites.level, filters.level));
  if (filters.kind) conditions.push(eq(websites.kind, filters.kind));
  if (filters.status) conditions.push(eq(websites.status, filters.status));
  if (filters.q) {
    const pattern = containing(filters.q);
    conditions.push(
      or(
        ilike(websites.name, pattern),
        ilike(websites.siteCode, pattern),
        ilike(websites.homeUrl, pattern),
        ilike(websites.ownerName, pattern),
        ilike(websites.supervisingName, pattern),
      )!,
    );
  }
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(websites).where(where);
  const rows = await db
    .select()
    .from(websites)
    .where(where)
    .orderBy(asc(websites.siteCode))
    .limit(pageSize)
    .offset((filters.page - 1) * pageSize);
  return { rows, total: total!.n, pages: Math.max(1, Math.ceil(total!.n / pageSize)) };
}

export async function listAccounts(db: Database, programmeId: number, filters: AccountFilters) {
  const conditions: SQL[] = [eq(newMediaAccounts.programmeId, programmeId)];
  if (filters.level) conditions.push(eq(newMediaAccounts.level, filters.level));
  if (filters.status) conditions.push(eq(newMediaAccounts.status, filters.status));
  if (filters.platform) conditions.push(eq(newMediaAccounts.platform, filters.platform));
  if (filters.q) {
    const pattern = containing(filters.q);
    conditions.push(
      or(
        ilike(newMediaAccounts.name, pattern),
        ilike(newMediaAccounts.ownerName, pattern),
        ilike(newMediaAccounts.supervisingName, pattern),
      )!,
    );
  }
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(newMediaAccounts).where(where);
  const rows = await db
    .select()
    .from(newMediaAccounts)
    .where(where)
    .orderBy(asc(newMediaAccounts.platform), asc(newMediaAccounts.name))
    .limit(pageSize)
    .offset((filters.page - 1) * pageSize);
  const platforms = await db
    .selectDistinct({ platform: newMediaAccounts.platform })
    .from(newMediaAccounts)
    .where(eq(newMediaAccounts.programmeId, programmeId))
    .orderBy(asc(newMediaAccounts.platform));
  return {
    rows,
    total: total!.n,
    pages: Math.max(1, Math.ceil(total!.n / pageSize)),
    platforms: platforms.map((row) => row.platform),
  };
}

// ——— editing one website ———

/**
 * 主管单位 in an edit form: empty means none; a form without the field (an older page) keeps what is stored. Linked
 * to a unit by name like the owner (unit-names.ts).
 */
function supervisingField(lang: Lang) {
  return z
    .string()
    .trim()
    .max(200, { error: lang === 'zh' ? '不超过 200 个字符。' : 'At most 200 characters.' })
    .transform((text) => (text === '' ? null : text))
    .optional();
}

/** The owner's and the supervising unit's links as the form's values give them (stored ones when left out). */
async function linkedUnits(
  tx: Database,
  values: { ownerName: string; supervisingName?: string | null | undefined },
  before: { supervisingName: string | null; supervisingUnitId: number | null },
) {
  const directory = await unitDirectory(tx);
  const supervisingName =
    values.supervisingName === undefined ? before.supervisingName : values.supervisingName;
  return {
    ownerUnitId: directory.resolve(values.ownerName),
    supervisingName,
    supervisingUnitId:
      values.supervisingName === undefined
        ? (directory.resolve(supervisingName) ?? before.supervisingUnitId)
        : directory.resolve(supervisingName),
  };
}

function websiteFormSchema(lang: Lang) {
  const zh = lang === 'zh';
  return z.strictObject({
    name: z
      .string()
      .trim()
      .min(1, { error: zh ? '必填。' : 'Required.' })
      .max(200, { error: zh ? '不超过 200 个字符。' : 'At most 200 characters.' }),
    homeUrl: z
      .string()
      .trim()
      .max(2000)
      .refine(isHttpUrl, {
        error: zh
          ? '应为以 http:// 或 https:// 开头的完整网址。'
          : 'A full address starting with http:// or https://.',
      }),
    ownerName: z
      .string()
      .trim()
      .max(200, { error: zh ? '不超过 200 个字符。' : 'At most 200 characters.' }),
    supervisingName: supervisingField(lang),
    kind: z.enum(websiteKinds),
    level: z.enum(targetLevels),
    consolidated: z.enum(['yes', 'no']).transform((value) => value === 'yes'),
    hasExternalServices: z.enum(['yes', 'no']).transform((value) => value === 'yes'),
    status: z.enum(targetStatuses),
    version: z.coerce.number().int().min(1),
  });
}

export type WebsiteUpdate =
  { ok: true; changed: boolean; version: number } | { ok: false; status: 400 | 409; errors: FieldErrors };

/** Saves the form if the website is still at the version the form was loaded with; audit with before and after. */
export async function updateWebsite(
  db: Database,
  event: Pick<RequestEvent, 'locals' | 'getClientAddress'>,
  programmeId: number,
  websiteId: number,
  fields: Record<string, string>,
): Promise<WebsiteUpdate> {
  const lang = event.locals.lang;
  const t = translator(lang);
  const parsed = parseWith(websiteFormSchema(lang), fields, lang);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.fieldErrors };
  const { version, ...values } = parsed.data;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(websites)
      .where(and(eq(websites.id, websiteId), eq(websites.programmeId, programmeId)))
      .for('update');
    if (!before) error(404, { message: t('registry.notFound') });
    if (before.version !== version)
      return {
        ok: false,
        status: 409,
        errors: { _: t('registry.stale', { version: before.version }) },
      } as const;
    const next = { ...values, ...(await linkedUnits(tx as unknown as Database, values, before)) };
    const changed = websiteFields.filter((field) => before[field] !== next[field]);
    if (changed.length === 0) return { ok: true, changed: false, version: before.version } as const;
    const [after] = await tx
      .update(websites)
      .set({ ...next, version: sql`${websites.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(websites.id, websiteId), eq(websites.version, version)))
      .returning({ version: websites.version });
    await recordAudit(tx as unknown as Database, event, {
      action: 'registry.website.update',
      entityType: 'website',
      entityId: String(websiteId),
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: Object.fromEntries(changed.map((field) => [field, next[field]])),
    });
    return { ok: true, changed: true, version: after!.version } as const;
  });
}

export function requireRegistryReader(event: GuardEvent) {
  return requireRole(event, registryReaders);
}

export function requireRegistryWriter(event: GuardEvent) {
  return requireRole(event, registryWriters);
}

// ——— editing one new-media account (its platform and name are its identity; a new one comes by import) ———

function accountFormSchema(lang: Lang) {
  const zh = lang === 'zh';
  return z.strictObject({
    ownerName: z
      .string()
      .trim()
      .min(1, { error: zh ? '必填。' : 'Required.' })
      .max(200, { error: zh ? '不超过 200 个字符。' : 'At most 200 characters.' }),
    supervisingName: supervisingField(lang),
    level: z
      .preprocess(emptyToUndefined, z.enum(targetLevels).optional())
      .transform((value) => value ?? null),
    status: z.enum(targetStatuses),
    version: z.coerce.number().int().min(1),
  });
}

/** Like updateWebsite: saved only if the account is still at the form's version; audited with before and after. */
export async function updateAccount(
  db: Database,
  event: Pick<RequestEvent, 'locals' | 'getClientAddress'>,
  programmeId: number,
  accountId: number,
  fields: Record<string, string>,
): Promise<WebsiteUpdate> {
  const lang = event.locals.lang;
  const t = translator(lang);
  const parsed = parseWith(accountFormSchema(lang), fields, lang);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.fieldErrors };
  const { version, ...values } = parsed.data;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(newMediaAccounts)
      .where(and(eq(newMediaAccounts.id, accountId), eq(newMediaAccounts.programmeId, programmeId)))
      .for('update');
    if (!before) error(404, { message: t('registry.accountNotFound') });
    if (before.version !== version)
      return {
        ok: false,
        status: 409,
        errors: { _: t('registry.staleAccount', { version: before.version }) },
      } as const;
    const next = { ...values, ...(await linkedUnits(tx as unknown as Database, values, before)) };
    const changed = accountFields.filter((field) => before[field] !== next[field]);
    if (changed.length === 0) return { ok: true, changed: false, version: before.version } as const;
    const [after] = await tx
      .update(newMediaAccounts)
      .set({ ...next, version: sql`${newMediaAccounts.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(newMediaAccounts.id, accountId), eq(newMediaAccounts.version, version)))
      .returning({ version: newMediaAccounts.version });
    await recordAudit(tx as unknown as Database, event, {
      action: 'registry.account.update',
      entityType: 'newMediaAccount',
      entityId: String(accountId),
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: Object.fromEntries(changed.map((field) => [field, next[field]])),
    });
    return { ok: true, changed: true, version: after!.version } as const;
  });
}
