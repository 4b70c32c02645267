import { filterQuery, loadRankingView } from '$lib/server/assessment/ranking-view';
import { db } from '$lib/server/db';
import { loadInspectionSummary } from '$lib/server/inspection-summary';
import { markPublishedView } from '$lib/server/page-cache';
import type { PageServerLoad } from './$types';

const pageSize = 100;

export const load = (async (event) => {
  const view = await loadRankingView(event);
  const { context, source, filters, groups, cycles, programmes } = view;
  // a frozen revision: the page changes only with an audited write, so viewers of the same class may share it
  if (source.kind === 'published') markPublishedView(event.locals);
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
    // a page of each group's ranking: a national programme ranks thousands of units
    groups: groups.map((group) => ({
      ...group,
      rows: group.rows.slice((filters.page - 1) * pageSize, filters.page * pageSize),
      totalRows: group.rows.length,
    })),
    pageSize,
    pages: Math.max(1, ...groups.map((group) => Math.ceil(group.rows.length / pageSize))),
    cycles,
    programmes,
    /** the programme's published inspection figures (e.g. 328 websites, 91.8%), if it has any */
    inspectionSummary: await loadInspectionSummary(await db(), context.cycle.id),
    /** assessors may open only their own unit's breakdown */
    linkableUnit: event.locals.user?.role === 'assessor' ? event.locals.user.unitId : 'all',
  };
}) satisfies PageServerLoad;
