import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '$lib/server/db';
import { auditLog, users } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { idParam, parseOrBadRequest, searchParamsObject } from '$lib/server/validation';
import type { PageServerLoad } from './$types';

const pageSize = 50;

const Query = z.strictObject({
  entity: z
    .string()
    .regex(/^[A-Za-z]{0,40}$/)
    .optional(),
  action: z
    .string()
    .regex(/^[A-Za-z.]{0,60}$/)
    .optional(),
  id: z.string().max(120).optional(),
  before: idParam.optional(),
});

/** The audit log, newest first: who, when, what, before and after. Admins only; filters stay in the URL. */
export const load = (async (event) => {
  requireRole(event, ['admin']);
  const query = parseOrBadRequest(Query, searchParamsObject(event.url), event.locals.lang);
  const database = await db();
  const conditions: SQL[] = [];
  if (query.entity) conditions.push(eq(auditLog.entityType, query.entity));
  if (query.action) conditions.push(like(auditLog.action, `${query.action}%`));
  if (query.id) conditions.push(like(auditLog.entityId, `${query.id.replace(/[%_\\]/g, '\\$&')}%`));
  if (query.before) conditions.push(lt(auditLog.id, query.before));
  const rows = await database
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: users.displayName,
      actorUsername: users.username,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      clientAddress: auditLog.clientAddress,
    })
    .from(auditLog)
    .leftJoin(users, eq(auditLog.actorId, users.id))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(pageSize + 1);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize).map((row) => ({
    ...row,
    at: row.at.toISOString(),
    before: row.before === null ? null : JSON.stringify(row.before, null, 1),
    after: row.after === null ? null : JSON.stringify(row.after, null, 1),
  }));
  return {
    rows: page,
    filters: { entity: query.entity ?? '', action: query.action ?? '', id: query.id ?? '' },
    nextBefore: more ? page[page.length - 1]?.id : null,
  };
}) satisfies PageServerLoad;
