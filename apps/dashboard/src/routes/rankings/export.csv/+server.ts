import { loadRankingView } from '$lib/server/assessment/ranking-view';
import { attachment, rankingTable, toCsv } from '$lib/server/export';
import type { RequestHandler } from './$types';

/** The ranking as shown for the same filters, as CSV (UTF-8 with BOM). */
export const GET: RequestHandler = async (event) => {
  const view = await loadRankingView(event);
  const table = rankingTable(view, event.locals.lang);
  return new Response(toCsv(table), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(`${table.title} 排名.csv`, `ranking-${view.filters.cycle}.csv`),
      'cache-control': 'private, no-store',
    },
  });
};
