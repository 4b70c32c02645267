import { and, eq } from 'drizzle-orm';
import { websites } from '$lib/server/db/schema';
import { updateWebsite } from '$lib/server/registry/pages';
import {
  loadRegistryTarget,
  updateRegistryTarget,
  type RegistryTarget,
} from '$lib/server/registry/target-page';
import { registryOptions } from '../../../options.server';
import type { Actions, PageServerLoad } from './$types';

const website: RegistryTarget<typeof websites.$inferSelect> = {
  param: 'websiteId',
  notFound: 'registry.notFound',
  find: async (database, programmeId, id) =>
    (
      await database
        .select()
        .from(websites)
        .where(and(eq(websites.id, id), eq(websites.programmeId, programmeId)))
    )[0],
  update: updateWebsite,
};

export const load = (async (event) => {
  const { row, ...page } = await loadRegistryTarget(event, website);
  return { ...page, website: row, options: registryOptions(event.locals.lang) };
}) satisfies PageServerLoad;

export const actions = {
  update: (event) => updateRegistryTarget(event, website),
} satisfies Actions;
