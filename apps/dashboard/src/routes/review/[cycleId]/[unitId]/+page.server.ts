import { db } from '$lib/server/db';
import { scoreUnit } from '$lib/server/assessment/results';
import { requireRole } from '$lib/server/guard';
import { compareWithFeed, differsFromFeed, feedsView } from '$lib/server/inspections/feed-view';
import { idParam, parseOrBadRequest } from '$lib/server/validation';
import { cycleAndUnit } from '$lib/server/workflow/common';
import {
  acceptRemaining,
  assessedBy,
  reviewEntry,
  reviewStates,
  verifyUnit,
} from '$lib/server/workflow/review';
import { selfEvaluationEntries, submissionState, unitEvidence } from '$lib/server/workflow/self-evaluation';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function target(event: RequestEvent | Parameters<PageServerLoad>[0]) {
  requireRole(event, ['reviewer', 'admin']);
  const lang = event.locals.lang;
  const cycleId = parseOrBadRequest(idParam, event.params.cycleId, lang);
  const unitId = parseOrBadRequest(idParam, event.params.unitId, lang);
  const database = await db();
  return { database, ...(await cycleAndUnit(database, cycleId, unitId, lang)) };
}

export const load = (async (event) => {
  const { database, context, unit } = await target(event);
  const user = event.locals.user!;
  const [entries, reviews, evidence, submission, conflicted, feeds] = await Promise.all([
    selfEvaluationEntries(database, context, unit.id),
    reviewStates(database, context, unit.id),
    unitEvidence(database, context.cycle.id, unit.id),
    submissionState(database, context.cycle.id, unit.id),
    assessedBy(database, context.cycle.id, unit.id, user.id),
    feedsView(database, context, unit.id, user.role, event.locals.lang),
  ]);
  // per fed sub-item: does the unit's saved value differ from what the inspections give?
  const inspectionFeeds = {
    linkSources: feeds.linkSources,
    feeds: feeds.feeds.map((feed) => {
      const input =
        entries.find((entry) => entry.entryKind === 'subItem' && entry.entryId === feed.subItemId)?.input ??
        null;
      const compared = feed.status === 'fed' && input !== null;
      return {
        ...feed,
        differs: compared && differsFromFeed(input, feed.value),
        // and whether the difference changes the points (null: nothing saved to compare)
        comparison: compared
          ? compareWithFeed({
              ruleSet: context.ruleSet,
              subItemId: feed.subItemId,
              input,
              fedValue: feed.value,
            })
          : null,
      };
    }),
  };
  const verifiedRows = reviews
    .map((review, index) => ({ review, entry: entries[index]! }))
    .filter(({ review }) => review.input !== null)
    .map(({ review, entry }) => ({
      entryKind: entry.entryKind,
      entryId: entry.entryId,
      inputs: review.input,
    }));
  const selfRows = entries
    .filter((entry) => entry.input !== null)
    .map((entry) => ({ entryKind: entry.entryKind, entryId: entry.entryId, inputs: entry.input }));
  const total = (rows: typeof selfRows) =>
    rows.length ? scoreUnit(context.ruleSet, rows).result.total : null;
  const canReview =
    user.role === 'reviewer' &&
    !conflicted &&
    context.cycle.status !== 'published' &&
    submission.status === 'submitted';
  return {
    programme: context.programme,
    cycle: context.cycle,
    unit,
    ruleSet: context.ruleSet,
    entries,
    reviews,
    evidence,
    submission,
    conflicted,
    canReview,
    inspectionFeeds,
    selfTotal: total(selfRows),
    verifiedTotal: total(verifiedRows),
  };
}) satisfies PageServerLoad;

export const actions = {
  review: async (event) => {
    const { database, context, unit } = await target(event);
    return reviewEntry(database, event, context, unit);
  },
  acceptRemaining: async (event) => {
    const { database, context, unit } = await target(event);
    return acceptRemaining(database, event, context, unit);
  },
  verify: async (event) => {
    const { database, context, unit } = await target(event);
    return verifyUnit(database, event, context, unit);
  },
} satisfies Actions;
