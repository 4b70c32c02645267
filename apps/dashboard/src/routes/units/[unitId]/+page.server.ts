import { error } from '@sveltejs/kit';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { loadBreakdown } from '$lib/server/assessment/breakdown';
import { loadCycle } from '$lib/server/assessment/ranking-view';
import { db } from '$lib/server/db';
import { markPublishedView } from '$lib/server/page-cache';
import { cycles, programmes, programmeUnits } from '$lib/server/db/schema';
import { requireUnitAccess, requireUser } from '$lib/server/guard';
import { idParam, parseOrBadRequest, searchParamsObject } from '$lib/server/validation';
import type { PageServerLoad } from './$types';

const Query = z.strictObject({ cycle: idParam.optional() });

export const load = (async (event) => {
  requireUser(event);
  const lang = event.locals.lang;
  const unitId = parseOrBadRequest(idParam, event.params.unitId, lang);
  const query = parseOrBadRequest(Query, searchParamsObject(event.url), lang);
  // an assessor sees only the unit they are bound to, drafts included; the other roles every unit
  requireUnitAccess(event, unitId, 'read');
  const database = await db();
  const cycleId = query.cycle ?? (await latestCycleOf(unitId));
  if (cycleId === undefined)
    error(404, { message: lang === 'zh' ? '该单位不在任何考核周期中。' : 'This unit is in no cycle.' });
  const context = await loadCycle(database, cycleId, lang);
  const unit = context.units.find((candidate) => candidate.id === unitId);
  if (!unit) {
    error(404, {
      message:
        lang === 'zh' ? `单位 ${unitId} 不在该考核周期中。` : `Unit ${unitId} is not assessed in this cycle.`,
    });
  }
  const breakdown = await loadBreakdown(database, context, unit, lang);
  const group = context.groups.find((candidate) => candidate.key === unit.groupKey) ?? null;
  // a frozen revision: the page changes only with an audited write, so viewers of the same class may share it
  if (breakdown.source.kind === 'published') markPublishedView(event.locals);
  return {
    programme: context.programme,
    cycle: context.cycle,
    ruleSetId: context.ruleSet.id,
    group,
    breakdown,
  };
}) satisfies PageServerLoad;

async function latestCycleOf(unitId: number): Promise<number | undefined> {
  const database = await db();
  const rows = await database
    .select({ id: cycles.id, status: cycles.status })
    .from(cycles)
    .innerJoin(
      programmeUnits,
      and(eq(programmeUnits.programmeId, cycles.programmeId), eq(programmeUnits.unitId, unitId)),
    )
    // an inspection programme's cycles rank no units
    .innerJoin(programmes, and(eq(programmes.id, cycles.programmeId), eq(programmes.kind, 'assessment')))
    .orderBy(desc(cycles.id));
  return (rows.find((row) => row.status === 'published') ?? rows[0])?.id;
}
