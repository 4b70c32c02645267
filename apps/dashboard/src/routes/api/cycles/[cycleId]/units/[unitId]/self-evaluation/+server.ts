import { json } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { selfEvaluations, unitSubmissions } from '$lib/server/db/schema';
import { requireUnitAccess, requireUser } from '$lib/server/guard';
import { idParam, parseOrBadRequest } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** A unit's self-evaluation (自查自评) as it stands, drafts included: its own assessor, reviewers, leaders, admins. */
export const GET: RequestHandler = async (event) => {
  requireUser(event);
  const lang = event.locals.lang;
  const cycleId = parseOrBadRequest(idParam, event.params.cycleId, lang);
  const unitId = parseOrBadRequest(idParam, event.params.unitId, lang);
  requireUnitAccess(event, unitId, 'read');
  const database = await db();
  const [submission] = await database
    .select({ status: unitSubmissions.status, version: unitSubmissions.version })
    .from(unitSubmissions)
    .where(and(eq(unitSubmissions.cycleId, cycleId), eq(unitSubmissions.unitId, unitId)));
  const entries = await database
    .select({
      entryKind: selfEvaluations.entryKind,
      entryId: selfEvaluations.entryId,
      inputs: selfEvaluations.inputs,
      note: selfEvaluations.note,
      version: selfEvaluations.version,
      updatedAt: selfEvaluations.updatedAt,
    })
    .from(selfEvaluations)
    .where(and(eq(selfEvaluations.cycleId, cycleId), eq(selfEvaluations.unitId, unitId)))
    .orderBy(asc(selfEvaluations.entryKind), asc(selfEvaluations.entryId));
  return json({ cycleId, unitId, status: submission?.status ?? 'draft', entries });
};
