import { fail } from '@sveltejs/kit';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseEntryForm, reasonMaxLength, type EntryFields } from '$lib/entry-form';
import type { CycleContext, UnitInfo } from '../assessment/context';
import { freezeResults } from '../assessment/results';
import { recordAudit } from '../audit';
import type { Database } from '../db/open';
import { cycles, resultRevisions, reviews, unitResults, unitSubmissions, users } from '../db/schema';
import { requireRole } from '../guard';
import { deny, entryKey, entryWhere, say, textFields, type WorkflowEvent } from './common';

// Publishing freezes a cycle's results (revision 1, see cycles.ts). Afterwards nothing changes them except a
// correction: an admin replaces one verified entry, with a reason, and the whole cycle is frozen again as the next
// revision. Earlier revisions stay, so the history shows every published figure and why it changed.

export interface RevisionUnitChange {
  unitId: number;
  unitName: string;
  before: string | null;
  after: string | null;
}

export interface RevisionView {
  revision: number;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  units: number;
  /** units whose total differs from the previous revision */
  changes: RevisionUnitChange[];
}

export async function revisionHistory(database: Database, context: CycleContext): Promise<RevisionView[]> {
  const revisions = await database
    .select({
      id: resultRevisions.id,
      revision: resultRevisions.revision,
      reason: resultRevisions.reason,
      createdAt: resultRevisions.createdAt,
      createdBy: users.displayName,
    })
    .from(resultRevisions)
    .leftJoin(users, eq(resultRevisions.createdBy, users.id))
    .where(eq(resultRevisions.cycleId, context.cycle.id))
    .orderBy(asc(resultRevisions.revision));
  const names = new Map(context.units.map((unit) => [unit.id, unit.name]));
  const views: RevisionView[] = [];
  let previous: Map<number, string | null> | null = null;
  for (const revision of revisions) {
    const rows = await database
      .select({ unitId: unitResults.unitId, total: unitResults.total })
      .from(unitResults)
      .where(eq(unitResults.revisionId, revision.id));
    const totals = new Map(rows.map((row) => [row.unitId, row.total]));
    const changes: RevisionUnitChange[] = [];
    if (previous) {
      const ids = new Set([...previous.keys(), ...totals.keys()]);
      for (const unitId of ids) {
        const before = previous.get(unitId) ?? null;
        const after = totals.get(unitId) ?? null;
        if (before !== after)
          changes.push({ unitId, unitName: names.get(unitId) ?? String(unitId), before, after });
      }
    }
    views.push({
      revision: revision.revision,
      reason: revision.reason,
      createdBy: revision.createdBy,
      createdAt: revision.createdAt.toISOString(),
      units: rows.length,
      changes,
    });
    previous = totals;
  }
  return views.reverse();
}

export async function submissionCounts(database: Database, cycleId: number) {
  const rows = await database
    .select({ status: unitSubmissions.status, count: sql<number>`count(*)::int` })
    .from(unitSubmissions)
    .where(eq(unitSubmissions.cycleId, cycleId))
    .groupBy(unitSubmissions.status);
  const counts = { draft: 0, submitted: 0, verified: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

const CorrectionHeader = z.object({
  entryKind: z.enum(['subItem', 'measurement', 'bonus']),
  entryId: z.string().min(1).max(80),
  cycleVersion: z.coerce.number().int().min(1),
  reason: z.string().trim().max(reasonMaxLength).default(''),
});

export interface CorrectionFailure {
  [key: string]: unknown;
  action: 'correct';
  errors: Record<string, string>;
  fields: EntryFields;
}

/**
 * The `correct` action (admin, published cycle only): the verified input of one entry of one unit is replaced, with
 * a mandatory reason, and the cycle's results are frozen again as the next revision — all in one transaction.
 */
export async function correctPublished(
  database: Database,
  event: WorkflowEvent,
  context: CycleContext,
  unit: UnitInfo,
) {
  const lang = event.locals.lang;
  requireRole(event, ['admin']);
  const fields = textFields(await event.request.formData());
  const failure = (status: number, errors: Record<string, string>) =>
    fail(status, { action: 'correct', errors, fields } satisfies CorrectionFailure);
  const header = CorrectionHeader.safeParse(fields);
  if (!header.success) return failure(400, { _: say(lang, 'publish.badRequest') });
  const { entryKind, entryId, cycleVersion, reason } = header.data;
  const errors: Record<string, string> = {};
  if (!reason) errors.reason = say(lang, 'publish.correction.reasonRequired');
  const parsed = parseEntryForm(context.ruleSet, entryKind, entryId, fields, lang);
  if (!parsed.ok) Object.assign(errors, parsed.errors);
  if (Object.keys(errors).length > 0 || !parsed.ok) return failure(400, errors);

  const outcome = await database.transaction(async (tx) => {
    const [cycle] = await tx.select().from(cycles).where(eq(cycles.id, context.cycle.id)).for('update');
    if (!cycle || cycle.status !== 'published') deny(lang, 'publish.correction.notPublished');
    if (cycle.version !== cycleVersion) return { ok: false as const };
    const [submission] = await tx
      .select({ status: unitSubmissions.status })
      .from(unitSubmissions)
      .where(and(eq(unitSubmissions.cycleId, cycle.id), eq(unitSubmissions.unitId, unit.id)));
    if (submission?.status !== 'verified') deny(lang, 'publish.correction.noVerifiedResult');
    const where = entryWhere(reviews, cycle.id, unit.id, entryKind, entryId);
    const [current] = await tx.select().from(reviews).where(where).for('update');
    const now = new Date();
    if (current) {
      await tx
        .update(reviews)
        .set({
          inputs: parsed.input,
          decision: 'adjusted',
          reason,
          reviewerId: event.locals.user?.id ?? null,
          version: current.version + 1,
          updatedAt: now,
        })
        .where(eq(reviews.id, current.id));
    } else {
      await tx.insert(reviews).values({
        cycleId: cycle.id,
        unitId: unit.id,
        entryKind,
        entryId,
        inputs: parsed.input,
        decision: 'adjusted',
        reason,
        reviewerId: event.locals.user?.id ?? null,
        updatedAt: now,
      });
    }
    const frozen = await freezeResults(tx, context, { createdBy: event.locals.user?.id ?? null, reason });
    await tx
      .update(cycles)
      .set({ version: cycle.version + 1, updatedAt: now })
      .where(eq(cycles.id, cycle.id));
    await recordAudit(tx, event, {
      action: 'result.correct',
      entityType: 'review',
      entityId: `${cycle.id}/${unit.id}/${entryKey(entryKind, entryId)}`,
      before: current ? { inputs: current.inputs, decision: current.decision, reason: current.reason } : null,
      after: { inputs: parsed.input, decision: 'adjusted', reason, revision: frozen.revision },
      reason,
    });
    return { ok: true as const, revision: frozen.revision };
  });
  if (!outcome.ok)
    return failure(409, {
      _: say(lang, 'publish.correction.conflict'),
    });
  return {
    action: 'correct' as const,
    revision: outcome.revision,
    message: say(lang, 'publish.correction.published', { revision: outcome.revision }),
  };
}

/** The latest revision number of a cycle (0 when never published). */
export async function latestRevision(database: Database, cycleId: number): Promise<number> {
  const [row] = await database
    .select({ revision: resultRevisions.revision })
    .from(resultRevisions)
    .where(eq(resultRevisions.cycleId, cycleId))
    .orderBy(desc(resultRevisions.revision))
    .limit(1);
  return row?.revision ?? 0;
}
