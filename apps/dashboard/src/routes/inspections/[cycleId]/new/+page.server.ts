import { fail, redirect } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { newMediaAccounts, websites } from '$lib/server/db/schema';
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
});

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
  return {
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
