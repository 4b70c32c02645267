import { db } from '$lib/server/db';
import { scoreUnit } from '$lib/server/assessment/results';
import { requireUnitAccess, requireUser } from '$lib/server/guard';
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
  const [entries, evidence, submission, reviewRows] = await Promise.all([
    selfEvaluationEntries(database, context, unit.id),
    unitEvidence(database, context.cycle.id, unit.id),
    submissionState(database, context.cycle.id, unit.id),
    reviewStates(database, context, unit.id),
  ]);
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
