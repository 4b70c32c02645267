import { fail } from '@sveltejs/kit';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { translator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { imports } from '$lib/server/db/schema';
import { newMediaColumns, importNewMediaAccounts } from '$lib/server/registry/newmedia';
import { programmeFromParams, requireRegistryWriter } from '$lib/server/registry/pages';
import { importWebsites, websiteColumns } from '$lib/server/registry/websites';
import { parseOrBadRequest } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

// The import page: upload a registry file; the answer is the row-by-row report, or the counts written.

const kindSchema = z.enum(['websites', 'newMedia']);
/** the report table shows this many problems; the count says how many there were */
const shownProblems = 500;

export const load = (async (event) => {
  requireRegistryWriter(event);
  const lang = event.locals.lang;
  const database = await db();
  const programme = await programmeFromParams(database, event);
  // only ?kind: after a form post without JavaScript the URL also carries the action (?/import)
  const kind = parseOrBadRequest(
    kindSchema.default('websites'),
    event.url.searchParams.get('kind') ?? undefined,
    lang,
  );
  const columns = (kind === 'websites' ? websiteColumns : newMediaColumns).map((column) => ({
    label: lang === 'en' ? `${column.labelEn} (${column.label})` : column.label,
    required: column.required,
    aliases: column.aliases ?? [],
  }));
  const history = await database
    .select({
      id: imports.id,
      kind: imports.kind,
      fileName: imports.fileName,
      rowCount: imports.rowCount,
      status: imports.status,
      counts: sql<{
        created: number;
        updated: number;
        unchanged: number;
      } | null>`${imports.report} -> 'counts'`,
      problemCount: sql<number | null>`(${imports.report} ->> 'problemCount')::int`,
      noticeCount: sql<number | null>`(${imports.report} ->> 'noticeCount')::int`,
      createdAt: imports.createdAt,
    })
    .from(imports)
    .where(eq(imports.programmeId, programme.id))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(20);
  return {
    programme,
    kind,
    columns,
    history: history.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
  };
}) satisfies PageServerLoad;

export const actions = {
  import: async (event) => {
    const user = requireRegistryWriter(event);
    const lang = event.locals.lang;
    const t = translator(lang);
    const database = await db();
    const programme = await programmeFromParams(database, event);
    const formData = await event.request.formData().catch(() => null);
    const kind = kindSchema.safeParse(formData?.get('kind'));
    const file = formData?.get('file');
    if (!kind.success || !(file instanceof File) || file.name === '')
      return fail(400, { status: 'invalid' as const, message: t('import.noFile') });
    const options = {
      db: database,
      programmeId: programme.id,
      file,
      actor: { userId: user.id, clientAddress: clientAddress(event) },
    };
    const outcome =
      kind.data === 'websites' ? await importWebsites(options) : await importNewMediaAccounts(options);
    if (outcome.status === 'rejected')
      return fail(400, {
        status: 'rejected' as const,
        kind: kind.data,
        fileName: file.name,
        problemCount: outcome.problems.length,
        problems: outcome.problems.slice(0, shownProblems),
      });
    return {
      status: 'applied' as const,
      kind: kind.data,
      fileName: file.name,
      rowCount: outcome.rowCount,
      counts: outcome.counts,
      ignoredColumns: outcome.ignoredColumns,
      noticeCount: outcome.notices.length,
      notices: outcome.notices.slice(0, shownProblems),
    };
  },
} satisfies Actions;

function clientAddress(event: { getClientAddress(): string }): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}
