import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { asc } from 'drizzle-orm';
import { translator, type MessageKey } from '$lib/i18n';
import { db } from '../db';
import type { Database } from '../db/open';
import { units } from '../db/schema';
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

/** what both registry tables have: timestamps, and the owner and supervising units a name links to */
interface TargetRow {
  createdAt: Date;
  updatedAt: Date;
  ownerUnitId: number | null;
  supervisingUnitId: number | null;
}

export interface RegistryTarget<Row extends TargetRow> {
  /** the route parameter holding the target's id, e.g. "websiteId" */
  param: string;
  notFound: MessageKey;
  find(database: Database, programmeId: number, id: number): Promise<Row | undefined>;
  update: typeof updateWebsite;
}

export async function loadRegistryTarget<Row extends TargetRow>(
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
  // the assessed units a name may link to: the edit form offers them, and the page says which one a name links to
  const unitRows = await database
    .select({ id: units.id, name: units.name, nameEn: units.nameEn })
    .from(units)
    .orderBy(asc(units.id));
  const unitName = (id: number | null) => {
    const unit = unitRows.find((candidate) => candidate.id === id);
    return unit ? (lang === 'en' && unit.nameEn ? `${unit.nameEn} (${unit.name})` : unit.name) : null;
  };
  return {
    programme,
    row: { ...row, updatedAt: row.updatedAt.toISOString(), createdAt: row.createdAt.toISOString() },
    canWrite: registryWriters.includes(user.role),
    linkedUnits: { owner: unitName(row.ownerUnitId), supervising: unitName(row.supervisingUnitId) },
    unitNames: [...new Set(unitRows.map((unit) => unit.name))],
  };
}

export async function updateRegistryTarget<Row extends TargetRow>(
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
