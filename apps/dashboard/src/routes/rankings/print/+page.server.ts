import { loadRankingView } from '$lib/server/assessment/ranking-view';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const { context, source, filters, groups } = await loadRankingView(event);
  return {
    programme: context.programme,
    cycle: context.cycle,
    source,
    filters,
    groups,
    printedAt: new Date().toISOString(),
  };
}) satisfies PageServerLoad;
