import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { entryFieldNames, reasonMaxLength, type EntryFields } from '$lib/entry-form';
import { translator } from '$lib/i18n';
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

/**
 * The correction form's own fields, parsed strictly: the form also carries the chosen entry's fields, whose names
 * depend on the entry (entryFieldNames); every other field is refused with a 400 naming it, never silently ignored.
 */
const CorrectionFields = z.strictObject({
  unitId: idParam,
  entryKind: z.enum(['subItem', 'measurement', 'bonus']),
  entryId: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9._-]*$/)
    .max(80),
  cycleVersion: z.string().regex(/^[1-9][0-9]{0,9}$/),
  reason: z.string().max(reasonMaxLength).optional(),
});
const correctionFieldNames = new Set(Object.keys(CorrectionFields.shape));

export const actions = {
  correct: async (event) => {
    requireRole(event, ['admin']);
    const lang = event.locals.lang;
    const t = translator(lang);
    const cycleId = parseOrBadRequest(idParam, event.params.cycleId, lang);
    const formData = await event.request
      .clone()
      .formData()
      .catch(() => null);
    // the posted values the form knows, so that the page shows them again
    const refuse = (message: string, kept: EntryFields = {}) =>
      fail(400, { action: 'correct' as const, errors: { _: message }, fields: kept });
    if (!formData) return refuse(t('publish.badRequest'));
    // a file or a repeated field is not part of this form either
    const names = [...formData.keys()];
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    const files = names.filter((name) => formData.getAll(name).some((value) => typeof value !== 'string'));
    const fields = textFields(formData);
    const own = Object.fromEntries(Object.entries(fields).filter(([name]) => correctionFieldNames.has(name)));
    const header = CorrectionFields.safeParse(own);
    if (!header.success) {
      const invalid = [...new Set(header.error.issues.map((issue) => issue.path.map(String).join('.')))];
      return refuse(t('correct.invalidFields', { fields: invalid.join(lang === 'zh' ? '、' : ', ') }));
    }
    const database = await db();
    const { context, unit } = await cycleAndUnit(database, cycleId, header.data.unitId, lang);
    const entryNames = entryFieldNames(context.ruleSet, header.data.entryKind, header.data.entryId);
    if (!entryNames) return refuse(t('publish.correction.noEntry', { entry: header.data.entryId }));
    const allowed = new Set([...correctionFieldNames, ...entryNames]);
    const unknown = [...new Set([...names.filter((name) => !allowed.has(name)), ...repeated, ...files])];
    if (unknown.length)
      return refuse(
        t('publish.unknownFields', { fields: unknown.join(lang === 'zh' ? '、' : ', ') }),
        Object.fromEntries(Object.entries(fields).filter(([name]) => allowed.has(name))),
      );
    return correctPublished(database, event, context, unit);
  },
} satisfies Actions;
