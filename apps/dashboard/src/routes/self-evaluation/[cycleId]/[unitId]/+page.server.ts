import { db } from '$lib/server/db';
import { scoreUnit } from '$lib/server/assessment/results';
import { requireUnitAccess, requireUser } from '$lib/server/guard';
import { fedFieldValue, feedsView } from '$lib/server/inspections/feed-view';
import { findSubItem, isPercentField } from '$lib/entry-form';
import { acceptAttribute, maxUploadBytes } from '$lib/server/uploads';
import { idParam, parseOrBadRequest } from '$lib/server/validation';
import { cycleAndUnit } from '$lib/server/workflow/common';
import { reviewStates } from '$lib/server/workflow/review';
import {
  removeEvidence,
  saveEntry,
  selfEvaluationEntries,
  submissionState,
  submitSelfEvaluation,
  unitEvidence,
} from '$lib/server/workflow/self-evaluation';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function target(event: RequestEvent | Parameters<PageServerLoad>[0]) {
  requireUser(event);
  const lang = event.locals.lang;
  const cycleId = parseOrBadRequest(idParam, event.params.cycleId, lang);
  const unitId = parseOrBadRequest(idParam, event.params.unitId, lang);
  // the unit's own assessor, and the roles that read every unit; another unit's assessor gets 403
  requireUnitAccess(event, unitId, 'read');
  const database = await db();
  return { database, ...(await cycleAndUnit(database, cycleId, unitId, lang)) };
}

export const load = (async (event) => {
  const { database, context, unit } = await target(event);
  const user = event.locals.user!;
  const [storedEntries, evidence, submission, reviewRows, inspectionFeeds] = await Promise.all([
    selfEvaluationEntries(database, context, unit.id),
    unitEvidence(database, context.cycle.id, unit.id),
    submissionState(database, context.cycle.id, unit.id),
    reviewStates(database, context, unit.id),
    feedsView(database, context, unit.id, user.role, event.locals.lang),
  ]);
  // a fed sub-item the unit has not saved starts from the inspections' value (in the form and so in the live
  // preview); a saved input always wins
  const fedValues = new Map(
    inspectionFeeds.feeds.flatMap((feed) => (feed.status === 'fed' ? [[feed.subItemId, feed.value]] : [])),
  );
  const entries = storedEntries.map((entry) => {
    const fedValue = entry.entryKind === 'subItem' ? fedValues.get(entry.entryId) : undefined;
    const subItem = fedValue === undefined ? undefined : findSubItem(context.ruleSet, entry.entryId);
    if (entry.input !== null || fedValue === undefined || !subItem) return { ...entry, prefilled: false };
    return {
      ...entry,
      fields: { ...entry.fields, value: fedFieldValue(fedValue, isPercentField(subItem)) },
      prefilled: true,
    };
  });
  const saved = entries.filter((entry) => entry.input !== null);
  const scored = saved.length
    ? scoreUnit(
        context.ruleSet,
        saved.map((entry) => ({ entryKind: entry.entryKind, entryId: entry.entryId, inputs: entry.input })),
      )
    : null;
  const canEdit =
    user.role === 'assessor' &&
    user.unitId === unit.id &&
    context.cycle.status === 'open' &&
    submission.status === 'draft';
  return {
    programme: context.programme,
    cycle: context.cycle,
    unit,
    ruleSet: context.ruleSet,
    entries,
    evidence,
    submission,
    // the reviewers' decisions, shown to the unit once it is verified
    reviews: submission.status === 'verified' ? reviewRows : [],
    canEdit,
    inspectionFeeds,
    savedTotal: scored?.result.total ?? null,
    accept: acceptAttribute,
    maxUploadBytes,
  };
}) satisfies PageServerLoad;

export const actions = {
  save: async (event) => {
    const { database, context, unit } = await target(event);
    return saveEntry(database, event, context, unit);
  },
  removeEvidence: async (event) => {
    const { database, context, unit } = await target(event);
    return removeEvidence(database, event, context, unit);
  },
  submit: async (event) => {
    const { database, context, unit } = await target(event);
    return submitSelfEvaluation(database, event, context, unit);
  },
} satisfies Actions;
