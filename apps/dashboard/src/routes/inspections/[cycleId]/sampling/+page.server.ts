import { fail } from '@sveltejs/kit';
import { drawRecheck, drawSample, ScoringInputError } from '@kaohe/scoring';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '$lib/server/audit';
import { cycles, inspectionSamples, inspections, websites } from '$lib/server/db/schema';
import { inspectionReaders, inspectionWriters, loadInspectionCycle } from '$lib/server/inspections/access';
import { parseWith } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

// Sampling (抽查): a reproducible draw per level over the running websites, last quarter's failures always
// re-checked; and the province's re-check of a share of the reported results, with verdict mismatches shown.

const ratioText = z
  .string()
  .trim()
  .regex(/^(?:0(?:\.[0-9]{1,4})?|1(?:\.0{1,4})?)$/, '比例应为 0 到 1 之间的小数，如 0.3');

const drawSchema = z.strictObject({
  seed: z.string().trim().min(1, '请填写随机种子').max(100),
  ratio: ratioText,
  scope: z.string().trim().min(1).max(60).default('全部'),
});
const recheckSchema = z.strictObject({
  seed: z.string().trim().min(1, '请填写随机种子').max(100),
  share: ratioText,
});

export const load = (async (event) => {
  const { db, cycle } = await loadInspectionCycle(event, inspectionReaders);
  const samples = await db
    .select()
    .from(inspectionSamples)
    .where(eq(inspectionSamples.cycleId, cycle.id))
    .orderBy(desc(inspectionSamples.drawnAt), desc(inspectionSamples.id));
  const sites = await db
    .select({ id: websites.id, name: websites.name, siteCode: websites.siteCode })
    .from(websites)
    .where(eq(websites.programmeId, cycle.programmeId));
  const siteById = new Map(sites.map((site) => [String(site.id), site]));
  const rows = await db
    .select({
      websiteId: inspections.websiteId,
      source: inspections.source,
      verdict: inspections.verdict,
      id: inspections.id,
    })
    .from(inspections)
    .where(
      and(eq(inspections.cycleId, cycle.id), inArray(inspections.source, ['reported', 'provinceRecheck'])),
    );
  const reported = new Map(rows.filter((r) => r.source === 'reported').map((r) => [r.websiteId, r]));
  const mismatches = rows
    .filter(
      (r) =>
        r.source === 'provinceRecheck' &&
        reported.has(r.websiteId) &&
        reported.get(r.websiteId)!.verdict !== r.verdict,
    )
    .map((r) => ({
      website: siteById.get(String(r.websiteId)) ?? null,
      cityVerdict: reported.get(r.websiteId)!.verdict,
      provinceVerdict: r.verdict,
      inspectionId: r.id,
    }));
  return {
    cycle: { id: cycle.id, title: cycle.title, titleEn: cycle.titleEn },
    reportedCount: reported.size,
    provinceRechecked: rows.filter((r) => r.source === 'provinceRecheck').length,
    mismatches,
    samples: samples.map((sample) => {
      const plan = sample.plan as { drawn?: unknown[]; levels?: unknown[]; required?: number };
      const drawn = Array.isArray(plan.drawn) ? plan.drawn : [];
      return {
        id: sample.id,
        scope: sample.scope,
        seed: sample.seed,
        ratio: sample.ratio,
        drawnAt: sample.drawnAt.toISOString(),
        levels: (Array.isArray(plan.levels) ? plan.levels : []) as {
          level: string;
          population: number;
          required: number;
          random: number;
          rechecks: number;
        }[],
        drawn: drawn.slice(0, 2000).map((entry) => {
          const item =
            typeof entry === 'string'
              ? { id: entry, reason: 'provinceRecheck', level: '' }
              : (entry as { id: string; reason: string; level: string });
          const site = siteById.get(item.id);
          return {
            id: item.id,
            reason: item.reason,
            level: item.level,
            name: site?.name ?? item.id,
            siteCode: site?.siteCode ?? '',
          };
        }),
        drawnTotal: drawn.length,
      };
    }),
    canWrite: ['admin', 'inspector'].includes(event.locals.user!.role),
  };
}) satisfies PageServerLoad;

export const actions = {
  draw: async (event) => {
    const { db, cycle } = await loadInspectionCycle(event, inspectionWriters);
    const form = Object.fromEntries(await event.request.formData());
    const parsed = parseWith(
      drawSchema,
      { seed: form.seed, ratio: form.ratio, scope: form.scope || undefined },
      event.locals.lang,
    );
    if (!parsed.ok) return fail(400, { errors: parsed.fieldErrors, drew: false });
    const running = await db
      .select({ id: websites.id, level: websites.level })
      .from(websites)
      .where(and(eq(websites.programmeId, cycle.programmeId), eq(websites.status, 'running')));
    // last quarter's failures still running are re-checked (整改复查)
    let mustInclude: string[] = [];
    if (cycle.periodStart) {
      const [previous] = await db
        .select({ id: cycles.id })
        .from(cycles)
        .where(and(eq(cycles.programmeId, cycle.programmeId), lt(cycles.periodEnd, cycle.periodStart)))
        .orderBy(desc(cycles.periodEnd))
        .limit(1);
      if (previous) {
        const failed = await db
          .select({ websiteId: inspections.websiteId })
          .from(inspections)
          .where(and(eq(inspections.cycleId, previous.id), eq(inspections.verdict, 'unqualified')));
        const runningIds = new Set(running.map((site) => site.id));
        mustInclude = [
          ...new Set(
            failed
              .map((row) => row.websiteId)
              .filter((id): id is number => id !== null && runningIds.has(id)),
          ),
        ].map(String);
      }
    }
    try {
      const plan = drawSample({
        targets: running.map((site) => ({ id: String(site.id), level: site.level })),
        ratio: parsed.data.ratio,
        seed: parsed.data.seed,
        mustInclude,
      });
      const [row] = await db
        .insert(inspectionSamples)
        .values({
          cycleId: cycle.id,
          targetType: 'website',
          scope: parsed.data.scope,
          seed: parsed.data.seed,
          ratio: parsed.data.ratio,
          plan,
          drawnBy: event.locals.user!.id,
        })
        .returning({ id: inspectionSamples.id });
      await recordAudit(db, event, {
        action: 'sample.draw',
        entityType: 'inspection_sample',
        entityId: String(row!.id),
        after: { seed: plan.seed, ratio: plan.ratio, drawn: plan.drawn.length },
      });
      return { drew: true, errors: {} };
    } catch (error) {
      if (error instanceof ScoringInputError)
        return fail(400, { errors: { _: error.issues.map((i) => i.messageZh).join('；') }, drew: false });
      throw error;
    }
  },
  recheck: async (event) => {
    const { db, cycle } = await loadInspectionCycle(event, inspectionWriters);
    const form = Object.fromEntries(await event.request.formData());
    const parsed = parseWith(recheckSchema, { seed: form.seed, share: form.share }, event.locals.lang);
    if (!parsed.ok) return fail(400, { errors: parsed.fieldErrors, drew: false });
    const reported = await db
      .select({ websiteId: inspections.websiteId, verdict: inspections.verdict })
      .from(inspections)
      .where(
        and(
          eq(inspections.cycleId, cycle.id),
          eq(inspections.source, 'reported'),
          eq(inspections.targetType, 'website'),
        ),
      );
    if (reported.length === 0)
      return fail(400, { errors: { _: '本季度没有上报结果可供复核。' }, drew: false });
    try {
      const plan = drawRecheck({
        results: reported.map((row) => ({
          id: String(row.websiteId),
          qualified: row.verdict === 'qualified',
        })),
        share: parsed.data.share,
        seed: parsed.data.seed,
      });
      const [row] = await db
        .insert(inspectionSamples)
        .values({
          cycleId: cycle.id,
          targetType: 'website',
          scope: '省级复核',
          seed: plan.seed,
          ratio: plan.share,
          plan,
          drawnBy: event.locals.user!.id,
        })
        .returning({ id: inspectionSamples.id });
      await recordAudit(db, event, {
        action: 'sample.recheck',
        entityType: 'inspection_sample',
        entityId: String(row!.id),
        after: { seed: plan.seed, share: plan.share, drawn: plan.drawn.length },
      });
      return { drew: true, errors: {} };
    } catch (error) {
      if (error instanceof ScoringInputError)
        return fail(400, { errors: { _: error.issues.map((i) => i.messageZh).join('；') }, drew: false });
      throw error;
    }
  },
} satisfies Actions;
