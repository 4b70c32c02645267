import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { translator, type MessageKey } from '$lib/i18n';
import { db } from '../db';
import type { Database } from '../db/open';
import { idParam, formObject, parseOrBadRequest } from '../validation';
import {
  programmeFromParams,
  registryWriters,
  requireRegistryReader,
  requireRegistryWriter,
  type updateWebsite,
} from './pages';

// One registry target's page (a website or a new-media account): read it, and save an edit. The two pages differ
// only in their table, route parameter and messages.

type TargetEvent = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'getClientAddress'> & {
  params: Partial<Record<string, string>>;
};

export interface RegistryTarget<Row extends { createdAt: Date; updatedAt: Date }> {
  /** the route parameter holding the target's id, e.g. "websiteId" */
  param: string;
  notFound: MessageKey;
  find(database: Database, programmeId: number, id: number): Promise<Row | undefined>;
  update: typeof updateWebsite;
}

export async function loadRegistryTarget<Row extends { createdAt: Date; updatedAt: Date }>(
  event: TargetEvent,
  target: RegistryTarget<Row>,
) {
  const user = requireRegistryReader(event);
  const lang = event.locals.lang;
  const database = await db();
  const programme = await programmeFromParams(database, event);
  const id = parseOrBadRequest(idParam, event.params[target.param], lang);
  const row = await target.find(database, programme.id, id);
  if (!row) error(404, { message: translator(lang)(target.notFound) });
  return {
    programme,
    row: { ...row, updatedAt: row.updatedAt.toISOString(), createdAt: row.createdAt.toISOString() },
    canWrite: registryWriters.includes(user.role),
  };
}

export async function updateRegistryTarget<Row extends { createdAt: Date; updatedAt: Date }>(
  event: TargetEvent,
  target: RegistryTarget<Row>,
) {
  requireRegistryWriter(event);
  const lang = event.locals.lang;
  const database = await db();
  const programme = await programmeFromParams(database, event);
  const id = parseOrBadRequest(idParam, event.params[target.param], lang);
  const fields = formObject(await event.request.formData().catch(() => new FormData()));
  const outcome = await target.update(database, event, programme.id, id, fields);
  const t = translator(lang);
  if (!outcome.ok) return fail(outcome.status, { form: 'update', errors: outcome.errors, values: fields });
  return {
    form: 'update',
    message: outcome.changed ? t('registry.saved') : t('registry.unchanged'),
    version: outcome.version,
  };
}
