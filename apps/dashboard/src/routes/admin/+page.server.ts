import { asc, eq, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { cycles, programmes, units, users } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/**
 * The admin's start page: what there is to manage, and every cycle with its status. Status changes (closing
 * self-evaluation, publishing) have one place: /publish, through cycles.ts.
 */
export const load = (async (event) => {
  requireRole(event, ['admin']);
  const database = await db();
  const [counts, cycleRows] = await Promise.all([
    database
      .select({
        users: sql<number>`(select count(*)::int from ${users})`,
        activeUsers: sql<number>`(select count(*)::int from ${users} where ${users.active})`,
        units: sql<number>`(select count(*)::int from ${units})`,
        programmes: sql<number>`(select count(*)::int from ${programmes})`,
      })
      .from(sql`(select 1) as one`),
    database
      .select({
        id: cycles.id,
        title: cycles.title,
        titleEn: cycles.titleEn,
        status: cycles.status,
        programmeId: programmes.id,
        programmeTitle: programmes.title,
        programmeTitleEn: programmes.titleEn,
      })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .orderBy(asc(cycles.id)),
  ]);
  return { counts: counts[0]!, cycles: cycleRows };
}) satisfies PageServerLoad;
