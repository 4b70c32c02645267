import { error, fail } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { translator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { newMediaAccounts } from '$lib/server/db/schema';
import {
  programmeFromParams,
  registryWriters,
  requireRegistryReader,
  requireRegistryWriter,
  updateAccount,
} from '$lib/server/registry/pages';
import { formObject, idParam, parseOrBadRequest } from '$lib/server/validation';
import { registryOptions } from '../../../options.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  const user = requireRegistryReader(event);
  const lang = event.locals.lang;
  const database = await db();
  const programme = await programmeFromParams(database, event);
  const accountId = parseOrBadRequest(idParam, event.params.accountId, lang);
  const [account] = await database
    .select()
    .from(newMediaAccounts)
    .where(and(eq(newMediaAccounts.id, accountId), eq(newMediaAccounts.programmeId, programme.id)));
  if (!account) error(404, { message: translator(lang)('registry.accountNotFound') });
  return {
    programme,
    account: {
      ...account,
      updatedAt: account.updatedAt.toISOString(),
      createdAt: account.createdAt.toISOString(),
    },
    options: registryOptions(lang),
    canWrite: registryWriters.includes(user.role),
  };
}) satisfies PageServerLoad;

export const actions = {
  update: async (event) => {
    requireRegistryWriter(event);
    const lang = event.locals.lang;
    const database = await db();
    const programme = await programmeFromParams(database, event);
    const accountId = parseOrBadRequest(idParam, event.params.accountId, lang);
    const fields = formObject(await event.request.formData().catch(() => new FormData()));
    const outcome = await updateAccount(database, event, programme.id, accountId, fields);
    const t = translator(lang);
    if (!outcome.ok) return fail(outcome.status, { form: 'update', errors: outcome.errors, values: fields });
    return {
      form: 'update',
      message: outcome.changed ? t('registry.saved') : t('registry.unchanged'),
      version: outcome.version,
    };
  },
} satisfies Actions;
