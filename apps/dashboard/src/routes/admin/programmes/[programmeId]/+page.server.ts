import { asc, eq } from 'drizzle-orm';
import { chineseCollator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { cycles, programmeGroups, programmes, programmeUnits, units } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { idParam, parseOrBadRequest } from '$lib/server/validation';
import { notFound, ruleSetChoices, type AdminEvent } from '../../admin.server';
import { addGroup, assignUnits, createCycle, updateGroup, updateProgramme } from '../programmes.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRole(event, ['admin']);
  const programmeId = parseOrBadRequest(idParam, event.params.programmeId, event.locals.lang);
  const database = await db();
  const [programme] = await database.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!programme) notFound(event.locals.lang, '考核方案不存在。', 'No such programme.');
  const [groupRows, unitRows, cycleRows] = await Promise.all([
    database
      .select({
        id: programmeGroups.id,
        key: programmeGroups.key,
        label: programmeGroups.label,
        labelEn: programmeGroups.labelEn,
      })
      .from(programmeGroups)
      .where(eq(programmeGroups.programmeId, programmeId))
      .orderBy(asc(programmeGroups.position), asc(programmeGroups.id)),
    database
      .select({ id: units.id, code: units.code, name: units.name, groupId: programmeUnits.groupId })
      .from(programmeUnits)
      .innerJoin(units, eq(programmeUnits.unitId, units.id))
      .where(eq(programmeUnits.programmeId, programmeId)),
    database
      .select({
        id: cycles.id,
        slug: cycles.slug,
        title: cycles.title,
        titleEn: cycles.titleEn,
        status: cycles.status,
      })
      .from(cycles)
      .where(eq(cycles.programmeId, programmeId))
      .orderBy(asc(cycles.id)),
  ]);
  unitRows.sort((a, b) => chineseCollator.compare(a.name, b.name));
  return {
    programme: {
      id: programme.id,
      slug: programme.slug,
      title: programme.title,
      titleEn: programme.titleEn,
      ruleSetId: programme.ruleSetId,
      level: programme.level,
      organiser: programme.organiser,
    },
    groups: groupRows.map((group) => ({
      ...group,
      units: unitRows.filter((unit) => unit.groupId === group.id),
    })),
    cycles: cycleRows,
    groupsFixed: cycleRows.some((cycle) => cycle.status !== 'open'),
    ruleSets: ruleSetChoices(),
  };
}) satisfies PageServerLoad;

/** The programme of the URL, read after the admin check. */
function programmeIdOf(event: AdminEvent & { params: { programmeId: string } }): number {
  requireRole(event, ['admin']);
  return parseOrBadRequest(idParam, event.params.programmeId, event.locals.lang);
}

export const actions = {
  update: (event) => updateProgramme(event, programmeIdOf(event)),
  addGroup: (event) => addGroup(event, programmeIdOf(event)),
  group: (event) => updateGroup(event, programmeIdOf(event)),
  assign: (event) => assignUnits(event, programmeIdOf(event)),
  cycle: (event) => createCycle(event, programmeIdOf(event)),
} satisfies Actions;
