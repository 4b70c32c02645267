import { filterQuery, loadRankingView } from '$lib/server/assessment/ranking-view';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const view = await loadRankingView(event);
  const { context, source, filters, groups, cycles } = view;
  return {
    programme: context.programme,
    cycle: context.cycle,
    ruleSetId: context.ruleSet.id,
    grades: context.ruleSet.grades.map((grade) => ({
      id: grade.id,
      title: grade.title,
      titleEn: grade.titleEn ?? null,
    })),
    allGroups: context.groups,
    source,
    filters,
    query: filterQuery(filters),
    groups,
    cycles,
    /** assessors may open only their own unit's breakdown */
    linkableUnit: event.locals.user?.role === 'assessor' ? event.locals.user.unitId : 'all',
  };
}) satisfies PageServerLoad;
