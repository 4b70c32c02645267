import { asc } from 'drizzle-orm';
import { chineseCollator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { roles, units } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { createUser, listUsers, passwordMinLength } from './users.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRole(event, ['admin']);
  const database = await db();
  const [userRows, unitRows] = await Promise.all([
    listUsers(database),
    database
      .select({ id: units.id, code: units.code, name: units.name })
      .from(units)
      .orderBy(asc(units.code)),
  ]);
  unitRows.sort((a, b) => chineseCollator.compare(a.name, b.name));
  return { users: userRows, units: unitRows, roles, passwordMinLength };
}) satisfies PageServerLoad;

export const actions = {
  create: (event) => createUser(event),
} satisfies Actions;
