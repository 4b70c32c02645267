import { and, eq } from 'drizzle-orm';
import { newMediaAccounts } from '$lib/server/db/schema';
import { updateAccount } from '$lib/server/registry/pages';
import {
  loadRegistryTarget,
  updateRegistryTarget,
  type RegistryTarget,
} from '$lib/server/registry/target-page';
import { registryOptions } from '../../../options.server';
import type { Actions, PageServerLoad } from './$types';

const account: RegistryTarget<typeof newMediaAccounts.$inferSelect> = {
  param: 'accountId',
  notFound: 'registry.accountNotFound',
  find: async (database, programmeId, id) =>
    (
      await database
        .select()
        .from(newMediaAccounts)
        .where(and(eq(newMediaAccounts.id, id), eq(newMediaAccounts.programmeId, programmeId)))
    )[0],
  update: updateAccount,
};

export const load = (async (event) => {
  const { row, ...page } = await loadRegistryTarget(event, account);
  return { ...page, account: row, options: registryOptions(event.locals.lang) };
}) satisfies PageServerLoad;

export const actions = {
  update: (event) => updateRegistryTarget(event, account),
} satisfies Actions;
