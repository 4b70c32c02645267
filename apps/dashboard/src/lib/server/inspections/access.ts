import { error, type RequestEvent } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { translator } from '$lib/i18n';
import { db as appDb } from '../db';
import type { Database } from '../db/open';
import { cycles, programmes, type Role } from '../db/schema';
import { requireRole } from '../guard';

// Who may see and change quarterly inspections: inspectors and admins write; reviewers and leaders read;
// assessors (who fill in their own unit's annual self-evaluation) are refused.

export const inspectionReaders: readonly Role[] = ['admin', 'inspector', 'reviewer', 'leader'];
export const inspectionWriters: readonly Role[] = ['admin', 'inspector'];

type Event = Pick<RequestEvent, 'locals' | 'url' | 'request' | 'params'>;

const cycleParam = z.coerce.number().int().positive().max(2_147_483_647);

export interface InspectionCycle {
  db: Database;
  programme: typeof programmes.$inferSelect;
  cycle: typeof cycles.$inferSelect;
}

/** The inspection cycle in the URL, after the role check; 404 for an assessment cycle or none. */
export async function loadInspectionCycle(event: Event, roles: readonly Role[]): Promise<InspectionCycle> {
  requireRole(event, roles);
  const t = translator(event.locals.lang);
  const parsed = cycleParam.safeParse(event.params.cycleId);
  if (!parsed.success) error(404, { message: t('inspection.notFound') });
  const db = await appDb();
  const [row] = await db
    .select({ cycle: cycles, programme: programmes })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .where(and(eq(cycles.id, parsed.data), eq(programmes.kind, 'inspection')));
  if (!row) error(404, { message: t('inspection.notFound') });
  return { db, programme: row.programme, cycle: row.cycle };
}

export async function inspectionProgrammes(db: Database) {
  const rows = await db
    .select({ programme: programmes, cycle: cycles })
    .from(programmes)
    .leftJoin(cycles, eq(cycles.programmeId, programmes.id))
    .where(eq(programmes.kind, 'inspection'))
    .orderBy(asc(programmes.id), asc(cycles.periodStart), asc(cycles.id));
  const byId = new Map<
    number,
    {
      id: number;
      slug: string;
      title: string;
      titleEn: string | null;
      organiser: string | null;
      cycles: { id: number; slug: string; title: string; titleEn: string | null; status: string }[];
    }
  >();
  for (const { programme, cycle } of rows) {
    const entry = byId.get(programme.id) ?? {
      id: programme.id,
      slug: programme.slug,
      title: programme.title,
      titleEn: programme.titleEn,
      organiser: programme.organiser,
      cycles: [],
    };
    byId.set(programme.id, entry);
    if (cycle)
      entry.cycles.push({
        id: cycle.id,
        slug: cycle.slug,
        title: cycle.title,
        titleEn: cycle.titleEn,
        status: cycle.status,
      });
  }
  return [...byId.values()];
}
