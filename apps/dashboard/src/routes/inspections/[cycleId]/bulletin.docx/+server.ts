import { error } from '@sveltejs/kit';
import { inspectionReaders, loadInspectionCycle } from '$lib/server/inspections/access';
import { bulletinFigures } from '$lib/server/inspections/bulletin';
import { bulletinDocx } from '$lib/server/inspections/docx';
import { bulletinDraft } from '$lib/server/inspections/draft';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  const { db, programme, cycle } = await loadInspectionCycle(event, inspectionReaders);
  const figures = await bulletinFigures({ db, cycleId: cycle.id });
  if (!figures) error(404);
  const bytes = await bulletinDocx(bulletinDraft(figures));
  const name = `${programme.slug}-${cycle.slug}-bulletin.docx`;
  return new Response(bytes as BodyInit, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`${cycle.title}通报草稿.docx`)}`,
      'cache-control': 'no-store',
    },
  });
};
