import { asc, desc, eq, sql } from 'drizzle-orm';
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
    .orderBy(asc(programmes.id), sql`${cycles.periodEnd} desc nulls last`, desc(cycles.id));
  // one card per programme (its level shown), its cycles newest first
  const byProgramme = new Map<
    number,
    {
      id: number;
      title: string;
      titleEn: string | null;
      ruleSetId: string;
      level: (typeof rows)[number]['level'];
      kind: (typeof rows)[number]['kind'];
      organiser: string | null;
      cycles: {
        id: number;
        title: string;
        titleEn: string | null;
        status: NonNullable<(typeof rows)[number]['status']>;
      }[];
    }
  >();
  for (const row of rows) {
    let programme = byProgramme.get(row.programmeId);
    if (!programme) {
      programme = {
        id: row.programmeId,
        title: row.programmeTitle,
        titleEn: row.programmeTitleEn,
        ruleSetId: row.ruleSetId,
        level: row.level,
        kind: row.kind,
        organiser: row.organiser,
        cycles: [],
      };
      byProgramme.set(row.programmeId, programme);
    }
    if (row.cycleId !== null && row.cycleTitle !== null && row.status !== null)
      programme.cycles.push({
        id: row.cycleId,
        title: row.cycleTitle,
        titleEn: row.cycleTitleEn,
        status: row.status,
      });
  }
  return { programmes: [...byProgramme.values()] };
}) satisfies PageServerLoad;
