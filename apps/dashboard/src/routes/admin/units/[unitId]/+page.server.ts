import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { units } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { idParam, parseOrBadRequest } from '$lib/server/validation';
import { notFound } from '../../admin.server';
import { updateUnit } from '../units.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRole(event, ['admin']);
  const unitId = parseOrBadRequest(idParam, event.params.unitId, event.locals.lang);
  const [unit] = await (
    await db()
  )
    .select({ id: units.id, code: units.code, name: units.name, nameEn: units.nameEn, kind: units.kind })
    .from(units)
    .where(eq(units.id, unitId));
  if (!unit) notFound(event.locals.lang, '单位不存在。', 'No such unit.');
  return { unit };
}) satisfies PageServerLoad;

export const actions = {
  update: (event) => {
    requireRole(event, ['admin']);
    return updateUnit(event, parseOrBadRequest(idParam, event.params.unitId, event.locals.lang));
  },
} satisfies Actions;
