import { z } from 'zod';
import { db } from '$lib/server/db';
import { requireRole } from '$lib/server/guard';
import { idParam, parseOrBadRequest, searchParamsObject } from '$lib/server/validation';
import { cycleAndUnit, notFound, textFields } from '$lib/server/workflow/common';
import { loadCycleContext } from '$lib/server/assessment/context';
import { correctPublished } from '$lib/server/workflow/publish';
import { reviewStates } from '$lib/server/workflow/review';
import { entryList } from '$lib/server/workflow/self-evaluation';
import type { Actions, PageServerLoad } from './$types';

const Query = z.strictObject({
  unit: idParam.optional(),
  entry: z
    .string()
    .regex(/^(subItem|measurement|bonus):[A-Za-z][A-Za-z0-9._-]*$/)
    .optional(),
});

/** A correction of a published cycle: choose the unit and the entry (GET), then give the new value and the reason. */
export const load = (async (event) => {
  requireRole(event, ['admin']);
  const lang = event.locals.lang;
  const cycleId = parseOrBadRequest(idParam, event.params.cycleId, lang);
  const query = parseOrBadRequest(Query, searchParamsObject(event.url), lang);
  const database = await db();
  const context = await loadCycleContext(database, cycleId);
  if (!context) notFound(lang, 'self.noCycle', { id: cycleId });
  const entries = entryList(context);
  let selected = null;
  if (query.unit && query.entry) {
    const { unit } = await cycleAndUnit(database, cycleId, query.unit, lang);
    const states = await reviewStates(database, context, unit.id);
    const index = entries.findIndex((entry) => `${entry.entryKind}:${entry.entryId}` === query.entry);
    if (index < 0) notFound(lang, 'publish.correction.noEntry', { entry: query.entry });
    const entry = entries[index]!;
    selected = { unit, entry, review: states[index]! };
  }
  return {
    cycle: context.cycle,
    programme: context.programme,
    ruleSet: context.ruleSet,
    units: context.units,
    entries,
    selected,
  };
}) satisfies PageServerLoad;

export const actions = {
  correct: async (event) => {
    requireRole(event, ['admin']);
    const lang = event.locals.lang;
    const cycleId = parseOrBadRequest(idParam, event.params.cycleId, lang);
    const unitId = parseOrBadRequest(
      idParam,
      textFields(await event.request.clone().formData()).unitId,
      lang,
    );
    const database = await db();
    const { context, unit } = await cycleAndUnit(database, cycleId, unitId, lang);
    return correctPublished(database, event, context, unit);
  },
} satisfies Actions;
