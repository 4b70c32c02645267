import { redirect } from '@sveltejs/kit';
import { and, desc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { cycles, programmes, programmeUnits } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** An assessor's way in: the cycles their unit takes part in, the open one first. */
export const load = (async (event) => {
  const user = requireRole(event, ['assessor']);
  const database = await db();
  const rows = await database
    .select({
      id: cycles.id,
      title: cycles.title,
      titleEn: cycles.titleEn,
      status: cycles.status,
      programmeTitle: programmes.title,
      programmeTitleEn: programmes.titleEn,
    })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .innerJoin(
      programmeUnits,
      and(eq(programmeUnits.programmeId, programmes.id), eq(programmeUnits.unitId, user.unitId ?? -1)),
    )
    .orderBy(desc(cycles.id));
  const open = rows.filter((row) => row.status === 'open');
  if (open.length === 1 && open[0]) redirect(303, `/self-evaluation/${open[0].id}/${user.unitId}`);
  return { cycles: rows, unitId: user.unitId, unitName: user.unitName };
}) satisfies PageServerLoad;
