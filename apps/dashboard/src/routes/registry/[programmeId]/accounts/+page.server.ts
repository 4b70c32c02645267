import { db } from '$lib/server/db';
import {
  accountFilterSchema,
  filtersFromUrl,
  listAccounts,
  programmeFromParams,
  registryWriters,
  requireRegistryReader,
} from '$lib/server/registry/pages';
import { registryOptions } from '../../options.server';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const user = requireRegistryReader(event);
  const lang = event.locals.lang;
  const database = await db();
  const programme = await programmeFromParams(database, event);
  const filters = filtersFromUrl(accountFilterSchema, event.url, lang);
  const list = await listAccounts(database, programme.id, filters);
  return {
    programme,
    filters: { ...filters, q: filters.q ?? '', platform: filters.platform ?? '' },
    ...list,
    options: registryOptions(lang),
    canWrite: registryWriters.includes(user.role),
  };
}) satisfies PageServerLoad;
