import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { builtinRuleSets } from '@kaohe/rules';
import { z } from 'zod';
import type { Lang } from '$lib/i18n';
import { db } from '$lib/server/db';
import type { Database } from '$lib/server/db/open';
import { requireRole } from '$lib/server/guard';
import { parseWith, type FieldErrors } from '$lib/server/validation';

// Shared by the admin pages: the admin check, form parsing with messages per field, and database errors turned
// into those messages (a unique or foreign-key violation is the user's mistake, not a 500).

export type AdminEvent = Pick<RequestEvent, 'locals' | 'getClientAddress' | 'url' | 'request'>;

export const say = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** The built-in rule sets a programme can use: only assessment rule sets rank units. */
export const assessmentRuleSetIds = Object.values(builtinRuleSets)
  .filter((ruleSet) => ruleSet.kind === 'assessment')
  .map((ruleSet) => ruleSet.id) as [string, ...string[]];

export function ruleSetChoices() {
  return Object.values(builtinRuleSets)
    .filter((ruleSet) => ruleSet.kind === 'assessment')
    .map((ruleSet) => ({ id: ruleSet.id, title: ruleSet.title }));
}

/**
 * The admin's database and form, after checking the caller (actions are not protected by a page's load). Every
 * admin action starts here, so a forbidden caller is refused before the body is even read.
 */
export async function adminForm(
  event: AdminEvent,
): Promise<{ database: Database; fields: Record<string, string> }> {
  requireRole(event, ['admin']);
  const formData = await event.request.formData().catch(() => new FormData());
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === 'string') fields[key] = value;
  return { database: await db(), fields };
}

/** What a failed action returns: which form, the messages per field, and the values to show again (never passwords). */
export function formFailure(
  status: number,
  form: string,
  errors: FieldErrors,
  fields: Record<string, string>,
) {
  const values = Object.fromEntries(Object.entries(fields).filter(([key]) => !/password|confirm/i.test(key)));
  return fail(status, { form, errors, values });
}

export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  fields: Record<string, string>,
  lang: Lang,
): { ok: true; data: z.output<Schema> } | { ok: false; errors: FieldErrors } {
  const parsed = parseWith(schema, fields, lang);
  return parsed.ok ? { ok: true, data: parsed.data } : { ok: false, errors: parsed.fieldErrors };
}

export function notFound(lang: Lang, zh: string, en: string): never {
  error(404, { message: say(lang, zh, en) });
}

/** Form text fields: trimmed; an empty optional field is null. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value));
export const formId = z.coerce.number().int().positive().max(2_147_483_647);
export const optionalFormId = z.preprocess((value) => (value === '' ? undefined : value), formId.optional());

/** A lower-case code for URLs and imports: letters, digits and hyphens. */
export function codeField(lang: Lang, max = 64) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .regex(new RegExp(`^[a-z0-9][a-z0-9-]{0,${max - 1}}$`), {
      error: say(
        lang,
        `只能包含小写字母、数字和连字符，不超过 ${max} 个字符。`,
        `Lower-case letters, digits and hyphens only, at most ${max} characters.`,
      ),
    });
}

interface ConstraintMessage {
  field: string;
  zh: string;
  en: string;
}

/** Constraint names from the migrations → the field and message a violation means. */
const constraintMessages: Record<string, ConstraintMessage> = {
  users_username_unique: { field: 'username', zh: '用户名已存在。', en: 'That username is taken.' },
  users_unit_id_units_id_fk: { field: 'unitId', zh: '所选单位不存在。', en: 'No such unit.' },
  users_assessor_has_unit: {
    field: 'unitId',
    zh: '填报员必须选择所属单位。',
    en: 'An assessor needs a unit.',
  },
  units_code_unique: { field: 'code', zh: '单位代码已存在。', en: 'That unit code is taken.' },
  programmes_slug_unique: { field: 'slug', zh: '方案标识已存在。', en: 'That programme slug is taken.' },
  programme_groups_key_idx: {
    field: 'key',
    zh: '该方案已有此分组标识。',
    en: 'The programme already has a group with that key.',
  },
  cycles_slug_idx: {
    field: 'slug',
    zh: '该方案已有此标识的考核周期。',
    en: 'The programme already has a cycle with that slug.',
  },
  programme_units_group_id_programme_groups_id_fk: {
    field: 'groupId',
    zh: '分组不存在。',
    en: 'No such group.',
  },
  programme_units_unit_id_units_id_fk: { field: 'unitCodes', zh: '单位不存在。', en: 'No such unit.' },
};

const genericMessages: Record<string, { zh: string; en: string }> = {
  '23505': { zh: '与已有记录重复。', en: 'That duplicates an existing record.' },
  '23503': { zh: '引用的记录不存在或仍被使用。', en: 'A referenced record does not exist or is in use.' },
  '23514': { zh: '数据不符合约束。', en: 'The data violates a constraint.' },
  '23502': { zh: '缺少必填数据。', en: 'Required data is missing.' },
  '22001': { zh: '内容过长。', en: 'A value is too long.' },
  '40001': { zh: '与他人的修改冲突，请重试。', en: 'Conflicted with another change; try again.' },
  '40P01': { zh: '与他人的修改冲突，请重试。', en: 'Conflicted with another change; try again.' },
};

/** The SQLSTATE and constraint of a database error, however the driver and drizzle wrapped it. */
export function databaseErrorOf(thrown: unknown): { code: string; constraint: string | null } | null {
  let current: unknown = thrown;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code))
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : null,
      };
    current = candidate.cause;
  }
  return null;
}

/** A database error as messages per field, or null when it is not the user's doing (then it is rethrown: a 500). */
export function databaseErrorFields(thrown: unknown, lang: Lang): FieldErrors | null {
  const found = databaseErrorOf(thrown);
  if (!found) return null;
  const known = found.constraint ? constraintMessages[found.constraint] : undefined;
  if (known) return { [known.field]: say(lang, known.zh, known.en) };
  const generic = genericMessages[found.code];
  return generic ? { _: say(lang, generic.zh, generic.en) } : null;
}

/**
 * Runs a write; a database error the user caused becomes a failed form (status 409 for duplicates and conflicts,
 * 400 otherwise) instead of a 500. The write runs in one transaction, so nothing is half-written.
 */
export async function writeOrFail<T>(
  form: string,
  fields: Record<string, string>,
  lang: Lang,
  write: () => Promise<T>,
): Promise<T | ReturnType<typeof formFailure>> {
  try {
    return await write();
  } catch (thrown) {
    const errors = databaseErrorFields(thrown, lang);
    if (!errors) throw thrown;
    const code = databaseErrorOf(thrown)?.code ?? '';
    const status = code === '23505' || code.startsWith('40') ? 409 : 400;
    return formFailure(status, form, errors, fields);
  }
}
