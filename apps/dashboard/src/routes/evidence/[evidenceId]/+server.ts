import { error } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { translator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { evidence, evidenceFiles } from '$lib/server/db/schema';
import { attachment } from '$lib/server/export';
import { requireUnitAccess, requireUser } from '$lib/server/guard';
import { idParam, parseOrBadRequest } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** An evidence file, for whoever may read its unit; always as a download, never rendered in the app's origin. */
export const GET: RequestHandler = async (event) => {
  requireUser(event);
  const lang = event.locals.lang;
  const evidenceId = parseOrBadRequest(idParam, event.params.evidenceId, lang);
  const database = await db();
  const [row] = await database
    .select()
    .from(evidence)
    .where(and(eq(evidence.id, evidenceId), isNull(evidence.removedAt)));
  if (!row) error(404, { message: translator(lang)('error.notFound') });
  requireUnitAccess(event, row.unitId, 'read');
  if (row.kind === 'link' || !row.sha256) {
    return new Response(null, { status: 303, headers: { location: row.url ?? '/' } });
  }
  const [file] = await database.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, row.sha256));
  if (!file) error(404, { message: translator(lang)('error.notFound') });
  return new Response(file.content as BodyInit, {
    headers: {
      'content-type': file.mediaType,
      'content-length': String(file.sizeBytes),
      'content-disposition': attachment(row.fileName ?? 'evidence', `evidence-${row.id}`),
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
};
