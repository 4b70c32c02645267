import { asc, eq } from 'drizzle-orm';
import { chineseCollator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { roles, units, users } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { idParam, parseOrBadRequest } from '$lib/server/validation';
import { notFound } from '../../admin.server';
import { passwordMinLength, resetPassword, setUserActive, updateUser } from '../users.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRole(event, ['admin']);
  const userId = parseOrBadRequest(idParam, event.params.userId, event.locals.lang);
  const database = await db();
  const [user] = await database
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      unitId: users.unitId,
      active: users.active,
      createdAt: users.createdAt,
      passwordChangedAt: users.passwordChangedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) notFound(event.locals.lang, '用户不存在。', 'No such user.');
  const unitRows = await database
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .orderBy(asc(units.code));
  unitRows.sort((a, b) => chineseCollator.compare(a.name, b.name));
  return {
    account: {
      ...user,
      createdAt: user.createdAt.toISOString(),
      passwordChangedAt: user.passwordChangedAt.toISOString(),
    },
    isSelf: user.id === event.locals.user!.id,
    units: unitRows,
    roles,
    passwordMinLength,
  };
}) satisfies PageServerLoad;

/** The user id of the URL; checked after the admin check (adminForm), so a forbidden caller learns nothing. */
function userIdOf(event: { params: { userId: string }; locals: App.Locals }): number {
  return parseOrBadRequest(idParam, event.params.userId, event.locals.lang);
}

export const actions = {
  update: (event) => {
    requireRole(event, ['admin']);
    return updateUser(event, userIdOf(event));
  },
  active: (event) => {
    requireRole(event, ['admin']);
    return setUserActive(event, userIdOf(event));
  },
  password: (event) => {
    requireRole(event, ['admin']);
    return resetPassword(event, userIdOf(event));
  },
} satisfies Actions;
