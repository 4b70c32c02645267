import { z } from 'zod';
import { db } from '$lib/server/db';
import { attachment } from '$lib/server/export';
import {
  newMediaRegistryTable,
  simpleCsv,
  simpleXlsx,
  websiteRegistryTable,
} from '$lib/server/registry/export';
import { programmeFromParams, requireRegistryReader } from '$lib/server/registry/pages';
import { parseOrBadRequest, searchParamsObject } from '$lib/server/validation';
import type { RequestHandler } from './$types';

// The registry as a file in the layout the import reads: ?kind=websites|newMedia&format=xlsx|csv.

const query = z.strictObject({
  kind: z.enum(['websites', 'newMedia']).default('websites'),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const GET = (async (event) => {
  requireRegistryReader(event);
  const { kind, format } = parseOrBadRequest(query, searchParamsObject(event.url), event.locals.lang);
  const database = await db();
  const programme = await programmeFromParams(database, event);
  const table =
    kind === 'websites'
      ? await websiteRegistryTable(database, programme.id)
      : await newMediaRegistryTable(database, programme.id);
  const baseName = `${table.sheetName}-${programme.id}`;
  const asciiName = `${kind === 'websites' ? 'websites' : 'new-media'}-${programme.id}.${format}`;
  if (format === 'csv')
    return new Response(simpleCsv(table), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachment(`${baseName}.csv`, asciiName),
        'cache-control': 'no-store',
      },
    });
  return new Response(await simpleXlsx(table), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': attachment(`${baseName}.xlsx`, asciiName),
      'cache-control': 'no-store',
    },
  });
}) satisfies RequestHandler;
