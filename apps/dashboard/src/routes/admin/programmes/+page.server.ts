import { asc, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { cycles, programmes, programmeUnits } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { ruleSetChoices } from '../admin.server';
import { createProgramme } from './programmes.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRole(event, ['admin']);
  const database = await db();
  const rows = await database
    .select({
      id: programmes.id,
      slug: programmes.slug,
      title: programmes.title,
      titleEn: programmes.titleEn,
      ruleSetId: programmes.ruleSetId,
      level: programmes.level,
      organiser: programmes.organiser,
      units: sql<number>`(select count(*)::int from ${programmeUnits} where ${programmeUnits.programmeId} = ${programmes.id})`,
      cycles: sql<number>`(select count(*)::int from ${cycles} where ${cycles.programmeId} = ${programmes.id})`,
    })
    .from(programmes)
    .orderBy(asc(programmes.id));
  return { programmes: rows, ruleSets: ruleSetChoices() };
}) satisfies PageServerLoad;

export const actions = {
  create: (event) => createProgramme(event),
} satisfies Actions;
