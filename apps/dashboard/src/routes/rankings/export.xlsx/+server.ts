import { loadRankingView } from '$lib/server/assessment/ranking-view';
import { attachment, rankingTable, toXlsx } from '$lib/server/export';
import type { RequestHandler } from './$types';

/** The ranking as shown for the same filters, as an Excel workbook (exceljs). */
export const GET: RequestHandler = async (event) => {
  const view = await loadRankingView(event);
  const table = rankingTable(view, event.locals.lang);
  const body = await toXlsx(table);
  return new Response(body as BodyInit, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': attachment(`${table.title} 排名.xlsx`, `ranking-${view.filters.cycle}.xlsx`),
      'cache-control': 'private, no-store',
    },
  });
};
