import { fail } from '@sveltejs/kit';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { entryFields, parseEntryForm, sameInput, type EntryFields } from '$lib/entry-form';
import type { CycleContext, UnitInfo } from '../assessment/context';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/open';
import {
  cycles,
  evidence,
  programmes,
  reviews,
  selfEvaluations,
  units,
  unitSubmissions,
  users,
} from '../db/schema';
import { requireRole } from '../guard';
import { reasonMaxLength } from '$lib/entry-form';
import {
  deny,
  entryKey,
  entryWhere,
  listOf,
  lockedCycleStatus,
  say,
  textFields,
  type WorkflowEvent,
} from './common';
import { alignEntries, entryList } from './self-evaluation';

// 复核查验: a reviewer accepts each entry of a submitted unit or adjusts it with a mandatory reason, then marks the unit
// verified; only then does it enter the ranking. Nobody reviews a unit they assessed (four eyes).

export interface QueueRow {
  cycleId: number;
  cycleTitle: string;
  cycleTitleEn: string | null;
  programmeTitle: string;
  unitId: number;
  unitName: string;
  unitNameEn: string | null;
  status: 'submitted' | 'verified';
  submittedAt: string | null;
  verifiedAt: string | null;
}

/** Submitted units (and those verified) of every cycle that is not published yet. */
export async function reviewQueue(database: Database): Promise<QueueRow[]> {
  const rows = await database
    .select({
      cycleId: cycles.id,
      cycleTitle: cycles.title,
      cycleTitleEn: cycles.titleEn,
      programmeTitle: programmes.title,
      unitId: units.id,
      unitName: units.name,
      unitNameEn: units.nameEn,
      status: unitSubmissions.status,
      submittedAt: unitSubmissions.submittedAt,
      verifiedAt: unitSubmissions.verifiedAt,
    })
    .from(unitSubmissions)
    .innerJoin(cycles, eq(unitSubmissions.cycleId, cycles.id))
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .innerJoin(units, eq(unitSubmissions.unitId, units.id))
    .where(
      and(
        inArray(cycles.status, ['open', 'review']),
        or(eq(unitSubmissions.status, 'submitted'), eq(unitSubmissions.status, 'verified')),
      ),
    )
    .orderBy(asc(unitSubmissions.submittedAt), asc(units.id));
  return rows.map((row) => ({
    ...row,
    status: row.status as 'submitted' | 'verified',
    submittedAt: row.submittedAt?.toISOString() ?? null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
  }));
}

/** Did this user take part in the unit's self-evaluation (submitted it, saved an entry, uploaded evidence)? */
export async function assessedBy(
  database: Database,
  cycleId: number,
  unitId: number,
  userId: number,
): Promise<boolean> {
  const [submitted] = await database
    .select({ unitId: unitSubmissions.unitId })
    .from(unitSubmissions)
    .where(
      and(
        eq(unitSubmissions.cycleId, cycleId),
        eq(unitSubmissions.unitId, unitId),
        eq(unitSubmissions.submittedBy, userId),
      ),
    )
    .limit(1);
  if (submitted) return true;
  const [saved] = await database
    .select({ id: selfEvaluations.id })
    .from(selfEvaluations)
    .where(
      and(
        eq(selfEvaluations.cycleId, cycleId),
        eq(selfEvaluations.unitId, unitId),
        eq(selfEvaluations.updatedBy, userId),
      ),
    )
    .limit(1);
  if (saved) return true;
  const [uploaded] = await database
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.cycleId, cycleId), eq(evidence.unitId, unitId), eq(evidence.uploadedBy, userId)))
    .limit(1);
  return Boolean(uploaded);
}

export interface ReviewState {
  key: string;
  decision: 'accepted' | 'adjusted' | null;
  reason: string | null;
  reviewer: string | null;
  fields: EntryFields | null;
  input: unknown;
  version: number;
}

export async function reviewStates(
  database: Database,
  context: CycleContext,
  unitId: number,
): Promise<ReviewState[]> {
  const rows = await database
    .select({
      entryKind: reviews.entryKind,
      entryId: reviews.entryId,
      inputs: reviews.inputs,
      decision: reviews.decision,
      reason: reviews.reason,
      version: reviews.version,
      reviewer: users.displayName,
    })
    .from(reviews)
    .leftJoin(users, eq(reviews.reviewerId, users.id))
    .where(and(eq(reviews.cycleId, context.cycle.id), eq(reviews.unitId, unitId)));
  return alignEntries(context, rows).map(({ key, entryKind, entryId, row }) => {
    return {
      key,
      decision: row?.decision ?? null,
      reason: row?.reason ?? null,
      reviewer: row?.reviewer ?? null,
      fields: row ? entryFields(context.ruleSet, entryKind, entryId, row.inputs, null) : null,
      input: row?.inputs ?? null,
      version: row?.version ?? 0,
    };
  });
}

/**
 * May the caller review this unit now? A reviewer, on a cycle that is not published, on a unit that was submitted
 * (not a draft, not already verified), that they did not assess themselves. 403 otherwise; call it in the write's
 * transaction.
 */
export async function requireReviewWrite(
  tx: Database,
  event: WorkflowEvent,
  cycleId: number,
  unitId: number,
  options: { allowVerified?: boolean } = {},
): Promise<{ user: SessionUser; submissionVersion: number }> {
  const user = requireRole(event, ['reviewer']);
  const lang = event.locals.lang;
  const status = await lockedCycleStatus(tx, cycleId);
  if (status === 'published') deny(lang, 'review.denied.published');
  const [submission] = await tx
    .select()
    .from(unitSubmissions)
    .where(and(eq(unitSubmissions.cycleId, cycleId), eq(unitSubmissions.unitId, unitId)))
    .for('update');
  if (!submission || submission.status === 'draft') deny(lang, 'review.denied.notSubmitted');
  if (submission.status === 'verified' && !options.allowVerified) deny(lang, 'review.denied.verified');
  if (await assessedBy(tx, cycleId, unitId, user.id)) deny(lang, 'review.denied.ownUnit');
  return { user, submissionVersion: submission.version };
}

const ReviewHeader = z.object({
  entryKind: z.enum(['subItem', 'measurement', 'bonus']),
  entryId: z.string().min(1).max(80),
  version: z.coerce.number().int().min(0).max(2_147_483_647),
  decision: z.enum(['accept', 'adjust']),
  reason: z.string().trim().max(reasonMaxLength).default(''),
});

export interface ReviewFailure {
  [key: string]: unknown;
  action: 'review';
  entry: string;
  errors: Record<string, string>;
  fields: EntryFields;
}

/** The `review` action: accept the unit's input for one entry, or replace it with an adjusted one and a reason. */
export async function reviewEntry(
  database: Database,
  event: WorkflowEvent,
  context: CycleContext,
  unit: UnitInfo,
) {
  const lang = event.locals.lang;
  requireRole(event, ['reviewer']);
  const fields = textFields(await event.request.formData());
  const header = ReviewHeader.safeParse(fields);
  if (!header.success) {
    const errors: Record<string, string> = {};
    for (const issue of header.error.issues) {
      const field = issue.path.map(String).join('.') || '_';
      errors[field] ??=
        field === 'decision' ? say(lang, 'review.chooseDecision') : say(lang, 'review.badRequest');
    }
    return fail(400, { action: 'review', entry: '', errors, fields } satisfies ReviewFailure);
  }
  const { entryKind, entryId, version, decision, reason } = header.data;
  const key = entryKey(entryKind, entryId);
  const failure = (status: number, errors: Record<string, string>) =>
    fail(status, { action: 'review', entry: key, errors, fields } satisfies ReviewFailure);

  let adjusted: { input: unknown } | null = null;
  if (decision === 'adjust') {
    const errors: Record<string, string> = {};
    if (!reason) errors.reason = say(lang, 'review.reasonRequired');
    const parsed = parseEntryForm(context.ruleSet, entryKind, entryId, fields, lang);
    if (!parsed.ok) Object.assign(errors, parsed.errors);
    if (Object.keys(errors).length > 0 || !parsed.ok) return failure(400, errors);
    adjusted = { input: parsed.input };
  }

  const outcome = await database.transaction(async (tx) => {
    const { user } = await requireReviewWrite(tx, event, context.cycle.id, unit.id);
    const [self] = await tx
      .select()
      .from(selfEvaluations)
      .where(entryWhere(selfEvaluations, context.cycle.id, unit.id, entryKind, entryId));
    if (!self && !adjusted) return { ok: false as const, reason: 'noSelf' as const };
    const input = adjusted ? adjusted.input : self!.inputs;
    const isAdjustment = adjusted !== null && !(self && sameInput(self.inputs, adjusted.input));
    const where = entryWhere(reviews, context.cycle.id, unit.id, entryKind, entryId);
    const [current] = await tx.select().from(reviews).where(where).for('update');
    if ((current?.version ?? 0) !== version) return { ok: false as const, reason: 'conflict' as const };
    const values = {
      inputs: input,
      decision: isAdjustment ? ('adjusted' as const) : ('accepted' as const),
      reason: isAdjustment ? reason : reason || null,
      reviewerId: user.id,
      updatedAt: new Date(),
    };
    let saved: { version: number } | undefined;
    if (current) {
      [saved] = await tx
        .update(reviews)
        .set({ ...values, version: current.version + 1 })
        .where(and(eq(reviews.id, current.id), eq(reviews.version, current.version)))
        .returning({ version: reviews.version });
    } else {
      [saved] = await tx
        .insert(reviews)
        .values({ cycleId: context.cycle.id, unitId: unit.id, entryKind, entryId, ...values })
        .onConflictDoNothing()
        .returning({ version: reviews.version });
    }
    if (!saved) return { ok: false as const, reason: 'conflict' as const };
    await recordAudit(tx, event, {
      action: isAdjustment ? 'review.adjust' : 'review.accept',
      entityType: 'review',
      entityId: `${context.cycle.id}/${unit.id}/${key}`,
      before: current
        ? {
            inputs: current.inputs,
            decision: current.decision,
            reason: current.reason,
            version: current.version,
          }
        : { selfEvaluation: self?.inputs ?? null },
      after: { inputs: input, decision: values.decision, reason: values.reason, version: saved.version },
      reason: values.reason,
    });
    return { ok: true as const, decision: values.decision };
  });
  if (!outcome.ok && outcome.reason === 'noSelf')
    return failure(400, {
      _: say(lang, 'review.emptyEntry'),
    });
  if (!outcome.ok)
    return failure(409, {
      _: say(lang, 'review.conflictEntry'),
    });
  return {
    action: 'review' as const,
    entry: key,
    message:
      outcome.decision === 'adjusted' ? say(lang, 'review.savedAdjusted') : say(lang, 'review.savedAccepted'),
  };
}

const AcceptRemainingForm = z.object({ version: z.coerce.number().int().min(1) });

/**
 * The `acceptRemaining` action: every entry not reviewed yet is accepted as the unit entered it, in one transaction,
 * each with its own audit entry. Entries already decided (an adjustment above all) are left as they are.
 */
export async function acceptRemaining(
  database: Database,
  event: WorkflowEvent,
  context: CycleContext,
  unit: UnitInfo,
) {
  const lang = event.locals.lang;
  requireRole(event, ['reviewer']);
  const form = AcceptRemainingForm.safeParse(textFields(await event.request.formData()));
  if (!form.success)
    return fail(400, {
      action: 'acceptRemaining',
      errors: { _: say(lang, 'review.badRequest') },
    });
  const outcome = await database.transaction(async (tx) => {
    const { user, submissionVersion } = await requireReviewWrite(tx, event, context.cycle.id, unit.id);
    if (submissionVersion !== form.data.version) return { ok: false as const };
    const selfRows = await tx
      .select()
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.cycleId, context.cycle.id), eq(selfEvaluations.unitId, unit.id)));
    const reviewed = await tx
      .select({ entryKind: reviews.entryKind, entryId: reviews.entryId })
      .from(reviews)
      .where(and(eq(reviews.cycleId, context.cycle.id), eq(reviews.unitId, unit.id)))
      .for('update');
    const done = new Set(reviewed.map((row) => entryKey(row.entryKind, row.entryId)));
    const now = new Date();
    let accepted = 0;
    for (const { key, row } of alignEntries(context, selfRows)) {
      if (!row || done.has(key)) continue;
      const [saved] = await tx
        .insert(reviews)
        .values({
          cycleId: context.cycle.id,
          unitId: unit.id,
          entryKind: row.entryKind,
          entryId: row.entryId,
          inputs: row.inputs,
          decision: 'accepted',
          reviewerId: user.id,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ version: reviews.version });
      // reviewed by someone else since the read: theirs stands
      if (!saved) continue;
      await recordAudit(tx, event, {
        action: 'review.accept',
        entityType: 'review',
        entityId: `${context.cycle.id}/${unit.id}/${key}`,
        before: { selfEvaluation: row.inputs },
        after: { inputs: row.inputs, decision: 'accepted', reason: null, version: saved.version },
      });
      accepted += 1;
    }
    return { ok: true as const, accepted };
  });
  if (!outcome.ok)
    return fail(409, {
      action: 'acceptRemaining',
      errors: { _: say(lang, 'review.conflict') },
    });
  return {
    action: 'acceptRemaining' as const,
    message: say(lang, 'review.acceptedRemaining', { count: outcome.accepted }),
  };
}

const VerifyForm = z.object({ version: z.coerce.number().int().min(1) });

/** The `verify` action: every entry reviewed → the unit is verified and its verified result enters the ranking. */
export async function verifyUnit(
  database: Database,
  event: WorkflowEvent,
  context: CycleContext,
  unit: UnitInfo,
) {
  const lang = event.locals.lang;
  requireRole(event, ['reviewer']);
  const form = VerifyForm.safeParse(textFields(await event.request.formData()));
  if (!form.success) return fail(400, { action: 'verify', errors: { _: say(lang, 'review.badRequest') } });
  const outcome = await database.transaction(async (tx) => {
    const { user, submissionVersion } = await requireReviewWrite(tx, event, context.cycle.id, unit.id);
    if (submissionVersion !== form.data.version) return { ok: false as const, reason: 'conflict' as const };
    const rows = await tx
      .select({ entryKind: reviews.entryKind, entryId: reviews.entryId })
      .from(reviews)
      .where(and(eq(reviews.cycleId, context.cycle.id), eq(reviews.unitId, unit.id)));
    const reviewed = new Set(rows.map((row) => entryKey(row.entryKind, row.entryId)));
    const missing = entryList(context).filter(
      (entry) => !reviewed.has(entryKey(entry.entryKind, entry.entryId)),
    );
    if (missing.length > 0) return { ok: false as const, reason: 'missing' as const, missing };
    const now = new Date();
    const [updated] = await tx
      .update(unitSubmissions)
      .set({
        status: 'verified',
        verifiedAt: now,
        verifiedBy: user.id,
        updatedAt: now,
        version: submissionVersion + 1,
      })
      .where(
        and(
          eq(unitSubmissions.cycleId, context.cycle.id),
          eq(unitSubmissions.unitId, unit.id),
          eq(unitSubmissions.version, submissionVersion),
        ),
      )
      .returning({ version: unitSubmissions.version });
    if (!updated) return { ok: false as const, reason: 'conflict' as const };
    await recordAudit(tx, event, {
      action: 'submission.verify',
      entityType: 'submission',
      entityId: `${context.cycle.id}/${unit.id}`,
      before: { status: 'submitted', version: submissionVersion },
      after: { status: 'verified', version: updated.version },
    });
    return { ok: true as const };
  });
  if (!outcome.ok && outcome.reason === 'missing')
    return fail(400, {
      action: 'verify',
      missing: outcome.missing.map((entry) => entryKey(entry.entryKind, entry.entryId)),
      errors: {
        _: say(lang, 'review.missing', {
          count: outcome.missing.length,
          ids: listOf(
            lang,
            outcome.missing.map((entry) => entry.entryId),
          ),
        }),
      },
    });
  if (!outcome.ok)
    return fail(409, {
      action: 'verify',
      errors: { _: say(lang, 'review.conflict') },
    });
  return {
    action: 'verify' as const,
    message: say(lang, 'review.verified'),
  };
}
