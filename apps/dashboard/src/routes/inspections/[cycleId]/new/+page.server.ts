import { fail, redirect } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inspections, newMediaAccounts, websites } from '$lib/server/db/schema';
import type { Database } from '$lib/server/db/open';
import { inspectionWriters, loadInspectionCycle } from '$lib/server/inspections/access';
import { recordInspection, ruleSetFor, scoreInputs } from '$lib/server/inspections/record';
import { formSpec, inputsFromForm } from './form';
import type { Actions, PageServerLoad } from './$types';

const typeSchema = z.enum(['website', 'newMedia']).catch('website');
const headerSchema = z.strictObject({
  targetType: z.enum(['website', 'newMedia']),
  siteCode: z
    .string()
    .trim()
    .regex(/^[0-9]{10}$/, '网站标识码应为10位数字')
    .optional(),
  accountId: z.coerce.number().int().positive().optional(),
  source: z.enum(['sample', 'recheck', 'reported', 'provinceRecheck']),
  inspectedOn: z.iso.date('检查日期应为 YYYY-MM-DD'),
  problems: z.string().trim().max(2000).optional(),
  version: z.coerce.number().int().positive().optional(),
});

/** The form's fields for a stored inspection, to correct it (a new version of the same record). */
async function prefillFrom(
  db: Database,
  cycleId: number,
  id: number,
): Promise<Record<string, string> | null> {
  const [row] = await db
    .select({ inspection: inspections, siteCode: websites.siteCode })
    .from(inspections)
    .leftJoin(websites, eq(inspections.websiteId, websites.id))
    .where(and(eq(inspections.id, id), eq(inspections.cycleId, cycleId)));
  if (!row) return null;
  const { inspection } = row;
  const inputs = inspection.inputs as {
    kind?: string;
    target?: { isPortal: boolean; hasServiceFunctions: boolean };
    measurements?: Record<string, string | boolean>;
    findings?: { criterion: string; count: number }[];
  };
  const values: Record<string, string> = {
    source: inspection.source,
    inspectedOn: inspection.inspectedOn,
    problems: inspection.problems ?? '',
    version: String(inspection.version),
  };
  if (row.siteCode) values.siteCode = row.siteCode;
  if (inspection.accountId) values.accountId = String(inspection.accountId);
  if (inputs.target?.isPortal) values.isPortal = 'on';
  if (inputs.target?.hasServiceFunctions) values.hasServiceFunctions = 'on';
  for (const [id, value] of Object.entries(inputs.measurements ?? {}))
    if (value === true) values[`m:${id}`] = 'on';
    else if (value !== false) values[`m:${id}`] = String(value);
  for (const finding of inputs.findings ?? []) values[`f:${finding.criterion}`] = String(finding.count);
  return values;
}

export const load = (async (event) => {
  const { db, programme, cycle } = await loadInspectionCycle(event, inspectionWriters);
  const targetType = typeSchema.parse(event.url.searchParams.get('type') ?? 'website');
  const accounts =
    targetType === 'newMedia'
      ? await db
          .select({
            id: newMediaAccounts.id,
            name: newMediaAccounts.name,
            platform: newMediaAccounts.platform,
          })
          .from(newMediaAccounts)
          .where(eq(newMediaAccounts.programmeId, programme.id))
          .orderBy(asc(newMediaAccounts.name))
      : [];
  const from = z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .safeParse(event.url.searchParams.get('from'));
  const prefill = from.success ? await prefillFrom(db, cycle.id, from.data) : null;
  return {
    prefill,
    cycle: { id: cycle.id, title: cycle.title, titleEn: cycle.titleEn, periodEnd: cycle.periodEnd },
    targetType,
    spec: formSpec(ruleSetFor(targetType)),
    ruleSet: ruleSetFor(targetType),
    accounts,
  };
}) satisfies PageServerLoad;

export const actions = {
  save: async (event) => {
    const { db, programme, cycle } = await loadInspectionCycle(event, inspectionWriters);
    const form = await event.request.formData();
    const get = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : null;
    };
    const header = headerSchema.safeParse(
      {
        targetType: get('targetType'),
        siteCode: get('siteCode') || undefined,
        accountId: get('accountId') || undefined,
        source: get('source'),
        inspectedOn: get('inspectedOn'),
        problems: get('problems') || undefined,
        version: get('version') || undefined,
      },
      { error: z.locales.zhCN().localeError },
    );
    const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<
      string,
      string
    >;
    if (!header.success) {
      return fail(400, {
        values,
        problems: header.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        })),
        preview: null,
      });
    }
    const { targetType } = header.data;
    const inputs = inputsFromForm(formSpec(ruleSetFor(targetType)), get);
    let target: { type: 'website'; websiteId: number } | { type: 'newMedia'; accountId: number } | null =
      null;
    if (targetType === 'website' && header.data.siteCode) {
      const [site] = await db
        .select({ id: websites.id })
        .from(websites)
        .where(and(eq(websites.programmeId, programme.id), eq(websites.siteCode, header.data.siteCode)));
      if (site) target = { type: 'website', websiteId: site.id };
    } else if (targetType === 'newMedia' && header.data.accountId) {
      const [account] = await db
        .select({ id: newMediaAccounts.id })
        .from(newMediaAccounts)
        .where(
          and(eq(newMediaAccounts.programmeId, programme.id), eq(newMediaAccounts.id, header.data.accountId)),
        );
      if (account) target = { type: 'newMedia', accountId: account.id };
    }
    const scored = scoreInputs(targetType, inputs);
    const preview = scored.ok
      ? { verdict: scored.scored.verdict, total: scored.scored.total, explanation: scored.scored.explanation }
      : null;
    if (!target) {
      const message =
        targetType === 'website' ? '名录中没有这个网站标识码。' : '请选择名录中的政务新媒体账号。';
      return fail(400, {
        values,
        problems: [{ path: targetType === 'website' ? 'siteCode' : 'accountId', message }],
        preview,
      });
    }
    const outcome = await recordInspection({
      db,
      cycleId: cycle.id,
      target,
      inputs,
      source: header.data.source,
      inspector: { userId: event.locals.user!.id },
      inspectedOn: header.data.inspectedOn,
      problems: header.data.problems ?? null,
      ...(header.data.version ? { expectedVersion: header.data.version } : {}),
      event,
    });
    if (!outcome.ok) {
      if ('conflict' in outcome)
        return fail(409, {
          values,
          problems: [{ path: '', message: '记录已被他人修改，请刷新后重试。' }],
          preview,
        });
      return fail(400, {
        values,
        problems: outcome.problems.map((p) => ({ path: p.path, message: p.message })),
        preview,
      });
    }
    redirect(303, `/inspections/${cycle.id}/i/${outcome.id}`);
  },
} satisfies Actions;
