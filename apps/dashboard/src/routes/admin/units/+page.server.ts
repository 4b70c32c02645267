import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { chineseCollator } from '$lib/i18n';
import { db } from '$lib/server/db';
import { units, users } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { parseOrBadRequest, searchParamsObject } from '$lib/server/validation';
import { createUnit } from './units.server';
import type { Actions, PageServerLoad } from './$types';

const Query = z.strictObject({ q: z.string().trim().max(80).optional() });

export const load = (async (event) => {
  requireRole(event, ['admin']);
  const query = parseOrBadRequest(Query, searchParamsObject(event.url), event.locals.lang);
  const database = await db();
  const rows = await database
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      nameEn: units.nameEn,
      kind: units.kind,
      assessors: sql<number>`(select count(*)::int from ${users} where ${users.unitId} = ${units.id})`,
    })
    .from(units)
    .orderBy(asc(units.code));
  const needle = query.q?.toLowerCase();
  const shown = needle
    ? rows.filter((unit) =>
        [unit.code, unit.name, unit.nameEn ?? ''].some((text) => text.toLowerCase().includes(needle)),
      )
    : rows;
  shown.sort((a, b) => chineseCollator.compare(a.name, b.name));
  return { units: shown, total: rows.length, q: query.q ?? '' };
}) satisfies PageServerLoad;

export const actions = {
  create: (event) => createUnit(event),
} satisfies Actions;
