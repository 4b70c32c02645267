import { error, fail } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { translator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { websites } from '$lib/server/db/schema';
import {
  programmeFromParams,
  registryWriters,
  requireRegistryReader,
  requireRegistryWriter,
  updateWebsite,
} from '$lib/server/registry/pages';
import { formObject, idParam, parseOrBadRequest } from '$lib/server/validation';
import { registryOptions } from '../../../options.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  const user = requireRegistryReader(event);
  const lang = event.locals.lang;
  const database = await db();
  const programme = await programmeFromParams(database, event);
  const websiteId = parseOrBadRequest(idParam, event.params.websiteId, lang);
  const [website] = await database
    .select()
    .from(websites)
    .where(and(eq(websites.id, websiteId), eq(websites.programmeId, programme.id)));
  if (!website) error(404, { message: translator(lang)('registry.notFound') });
  return {
    programme,
    website: {
      ...website,
      updatedAt: website.updatedAt.toISOString(),
      createdAt: website.createdAt.toISOString(),
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
    const websiteId = parseOrBadRequest(idParam, event.params.websiteId, lang);
    const fields = formObject(await event.request.formData().catch(() => new FormData()));
    const outcome = await updateWebsite(database, event, programme.id, websiteId, fields);
    const t = translator(lang);
    if (!outcome.ok) return fail(outcome.status, { form: 'update', errors: outcome.errors, values: fields });
    return {
      form: 'update',
      message: outcome.changed ? t('registry.saved') : t('registry.unchanged'),
      version: outcome.version,
    };
  },
} satisfies Actions;
