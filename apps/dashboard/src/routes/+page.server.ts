import { asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { cycles, programmes } from '$lib/server/db/schema';
import { requireRole, readerRoles } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRole(event, readerRoles);
  const database = await db();
  const rows = await database
    .select({
      programmeId: programmes.id,
      programmeTitle: programmes.title,
      programmeTitleEn: programmes.titleEn,
      ruleSetId: programmes.ruleSetId,
      level: programmes.level,
      kind: programmes.kind,
      organiser: programmes.organiser,
      cycleId: cycles.id,
      cycleTitle: cycles.title,
      cycleTitleEn: cycles.titleEn,
      status: cycles.status,
    })
    .from(programmes)
    .leftJoin(cycles, eq(cycles.programmeId, programmes.id))
    .orderBy(asc(programmes.id), asc(cycles.id));
  return { rows };
}) satisfies PageServerLoad;
