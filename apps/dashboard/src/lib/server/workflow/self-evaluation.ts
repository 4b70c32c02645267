import { fail } from '@sveltejs/kit';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import {
  allBonusCriteria,
  allSubItems,
  blankFields,
  entryFields,
  parseEntryForm,
  type EntryFields,
  type FormEntryKind,
} from '$lib/entry-form';
import type { Lang } from '$lib/i18n';
import type { CycleContext, UnitInfo } from '../assessment/context';
import { recordAudit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/open';
import { evidence, selfEvaluations, unitSubmissions, users, type SubmissionStatus } from '../db/schema';
import { storeEvidenceFile } from '../evidence';
import { requireUnitAccess } from '../guard';
import { checkUpload, uploadProblemMessage } from '../uploads';
import { idParam } from '../validation';
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

// 自查自评: the unit's assessor saves one entry at a time (with its evidence), then submits the whole unit for review.
// Every write runs in one transaction with its audit entry; a save names the version it edited, so that two people
// saving the same entry never overwrite each other silently.

export interface EntryState {
  key: string;
  entryKind: FormEntryKind;
  entryId: string;
  fields: EntryFields;
  /** 0: never saved */
  version: number;
  input: unknown;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface EvidenceItem {
  id: number;
  key: string;
  kind: 'file' | 'link';
  title: string;
  url: string | null;
  fileName: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  uploadedAt: string;
}

export interface SubmissionState {
  status: SubmissionStatus;
  /** 0: no row yet (a draft nobody has touched) */
  version: number;
  submittedAt: string | null;
}

export function entryList(context: CycleContext): { entryKind: FormEntryKind; entryId: string }[] {
  return [
    ...context.ruleSet.measurements.map((measurement) => ({
      entryKind: 'measurement' as const,
      entryId: measurement.id,
    })),
    ...allSubItems(context.ruleSet).map((subItem) => ({
      entryKind: 'subItem' as const,
      entryId: subItem.id,
    })),
    // bonus criteria (加分) only where the rule set has a bonus; each states how often it occurred, 0 included
    ...allBonusCriteria(context.ruleSet).map(({ criterion }) => ({
      entryKind: 'bonus' as const,
      entryId: criterion.id,
    })),
  ];
}

/** Every entry of the rule set, in its order, with the stored row for it (if any). */
export function alignEntries<Row extends { entryKind: string; entryId: string }>(
  context: CycleContext,
  rows: Row[],
) {
  const byKey = new Map(rows.map((row) => [entryKey(row.entryKind, row.entryId), row]));
  return entryList(context).map((entry) => {
    const key = entryKey(entry.entryKind, entry.entryId);
    return { ...entry, key, row: byKey.get(key) };
  });
}

export async function submissionState(
  database: Database,
  cycleId: number,
  unitId: number,
): Promise<SubmissionState> {
  const [row] = await database
    .select()
    .from(unitSubmissions)
    .where(and(eq(unitSubmissions.cycleId, cycleId), eq(unitSubmissions.unitId, unitId)));
  return row
    ? { status: row.status, version: row.version, submittedAt: row.submittedAt?.toISOString() ?? null }
    : { status: 'draft', version: 0, submittedAt: null };
}

export async function selfEvaluationEntries(
  database: Database,
  context: CycleContext,
  unitId: number,
): Promise<EntryState[]> {
  const rows = await database
    .select({
      entryKind: selfEvaluations.entryKind,
      entryId: selfEvaluations.entryId,
      inputs: selfEvaluations.inputs,
      note: selfEvaluations.note,
      version: selfEvaluations.version,
      updatedAt: selfEvaluations.updatedAt,
      updatedBy: users.displayName,
    })
    .from(selfEvaluations)
    .leftJoin(users, eq(selfEvaluations.updatedBy, users.id))
    .where(and(eq(selfEvaluations.cycleId, context.cycle.id), eq(selfEvaluations.unitId, unitId)));
  return alignEntries(context, rows).map(({ key, entryKind, entryId, row }) => {
    return {
      key,
      entryKind,
      entryId,
      fields: row
        ? entryFields(context.ruleSet, entryKind, entryId, row.inputs, row.note)
        : blankFields(context.ruleSet, entryKind, entryId),
      version: row?.version ?? 0,
      input: row?.inputs ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}

export async function unitEvidence(
  database: Database,
  cycleId: number,
  unitId: number,
): Promise<EvidenceItem[]> {
  const rows = await database
    .select()
    .from(evidence)
    .where(and(eq(evidence.cycleId, cycleId), eq(evidence.unitId, unitId), isNull(evidence.removedAt)))
    .orderBy(asc(evidence.id));
  return rows.map((row) => ({
    id: row.id,
    key: entryKey(row.entryKind, row.entryId),
    kind: row.kind,
    title: row.title,
    url: row.url,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    uploadedAt: row.uploadedAt.toISOString(),
  }));
}

/**
 * May the caller write this unit's self-evaluation now? Only the unit's assessor, only while the cycle is open and
 * the unit has not been submitted. Throws 403 (nothing written) otherwise. Call it inside the write's transaction.
 */
export async function requireSelfEvaluationWrite(
  tx: Database,
  event: WorkflowEvent,
  cycleId: number,
  unitId: number,
): Promise<{ user: SessionUser; submission: SubmissionState }> {
  const user = requireUnitAccess(event, unitId, 'write');
  const lang = event.locals.lang;
  const status = await lockedCycleStatus(tx, cycleId);
  if (status === 'published') deny(lang, 'self.denied.published');
  if (status !== 'open') deny(lang, 'self.denied.closed');
  const [row] = await tx
    .select()
    .from(unitSubmissions)
    .where(and(eq(unitSubmissions.cycleId, cycleId), eq(unitSubmissions.unitId, unitId)))
    .for('update');
  if (row && row.status !== 'draft') deny(lang, 'self.denied.submitted');
  return {
    user,
    submission: row
      ? { status: row.status, version: row.version, submittedAt: row.submittedAt?.toISOString() ?? null }
      : { status: 'draft', version: 0, submittedAt: null },
  };
}

const EntryHeader = z.object({
  entryKind: z.enum(['subItem', 'measurement', 'bonus']),
  entryId: z.string().min(1).max(80),
  version: z.coerce.number().int().min(0).max(2_147_483_647),
});

const LinkFields = (lang: Lang) =>
  z.object({
    linkUrl: z
      .string()
      .trim()
      .max(2000, say(lang, 'evidence.linkTooLong'))
      .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), say(lang, 'evidence.linkScheme'))
      .refine(
        (value) => {
          if (value === '') return true;
          try {
            new URL(value);
            return true;
          } catch {
            return false;
          }
        },
        say(lang, 'evidence.linkInvalid'),
      )
      .default(''),
    linkTitle: z.string().trim().max(200, say(lang, 'evidence.titleTooLong')).default(''),
    fileTitle: z.string().trim().max(200, say(lang, 'evidence.titleTooLong')).default(''),
  });

export interface SaveFailure {
  [key: string]: unknown;
  action: 'save';
  entry: string;
  errors: Record<string, string>;
  fields: EntryFields;
  /** on a conflict: what is stored now, and its version */
  conflict?: { version: number; fields: EntryFields; updatedBy: string | null };
}

/** The `save` action: one entry's input, note and (optionally) one new file and one new link, atomically. */
export async function saveEntry(
  database: Database,
  event: WorkflowEvent,
  context: CycleContext,
  unit: UnitInfo,
) {
  const lang = event.locals.lang;
  // authorization before reading the body: a forbidden caller's upload is never even parsed
  requireUnitAccess(event, unit.id, 'write');
  const formData = await event.request.formData();
  const fields = textFields(formData);
  const header = EntryHeader.safeParse(fields);
  if (!header.success)
    return fail(400, {
      action: 'save',
      entry: '',
      errors: { _: say(lang, 'self.formIncomplete') },
      fields,
    } satisfies SaveFailure);
  const { entryKind, entryId, version } = header.data;
  const key = entryKey(entryKind, entryId);
  const failure = (status: number, errors: Record<string, string>, extra: Partial<SaveFailure> = {}) =>
    fail(status, { action: 'save', entry: key, errors, fields, ...extra } satisfies SaveFailure);

  const parsed = parseEntryForm(context.ruleSet, entryKind, entryId, fields, lang);
  const links = LinkFields(lang).safeParse(fields);
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  if (!links.success)
    for (const issue of links.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;

  const file = formData.get('file');
  let upload: Awaited<ReturnType<typeof checkUpload>> | null = null;
  if (file instanceof File && (file.size > 0 || file.name !== '')) {
    upload = await checkUpload(file);
    if (!upload.ok) errors.file = uploadProblemMessage(upload.problem, lang);
  }
  if (Object.keys(errors).length > 0 || !parsed.ok || !links.success) {
    const status = upload && !upload.ok && upload.problem.code === 'tooLarge' ? 413 : 400;
    return failure(status, errors);
  }

  const outcome = await database.transaction(async (tx) => {
    const { user } = await requireSelfEvaluationWrite(tx, event, context.cycle.id, unit.id);
    const where = entryWhere(selfEvaluations, context.cycle.id, unit.id, entryKind, entryId);
    const [current] = await tx.select().from(selfEvaluations).where(where).for('update');
    if ((current?.version ?? 0) !== version) {
      const [by] = current?.updatedBy
        ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, current.updatedBy))
        : [];
      return {
        ok: false as const,
        conflict: {
          version: current?.version ?? 0,
          fields: current
            ? entryFields(context.ruleSet, entryKind, entryId, current.inputs, current.note)
            : blankFields(context.ruleSet, entryKind, entryId),
          updatedBy: by?.name ?? null,
        },
      };
    }
    const now = new Date();
    let saved: { version: number } | undefined;
    if (current) {
      [saved] = await tx
        .update(selfEvaluations)
        .set({
          inputs: parsed.input,
          note: parsed.note,
          version: current.version + 1,
          updatedBy: user.id,
          updatedAt: now,
        })
        .where(and(eq(selfEvaluations.id, current.id), eq(selfEvaluations.version, current.version)))
        .returning({ version: selfEvaluations.version });
    } else {
      [saved] = await tx
        .insert(selfEvaluations)
        .values({
          cycleId: context.cycle.id,
          unitId: unit.id,
          entryKind,
          entryId,
          inputs: parsed.input,
          note: parsed.note,
          updatedBy: user.id,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ version: selfEvaluations.version });
    }
    // someone inserted the same entry between our read and our write: the same conflict
    if (!saved) return { ok: false as const, conflict: null };
    await recordAudit(tx, event, {
      action: 'selfEvaluation.save',
      entityType: 'selfEvaluation',
      entityId: `${context.cycle.id}/${unit.id}/${key}`,
      before: current ? { inputs: current.inputs, note: current.note, version: current.version } : null,
      after: { inputs: parsed.input, note: parsed.note, version: saved.version },
    });
    const added: number[] = [];
    if (upload?.ok) {
      const title = links.data.fileTitle || upload.fileName;
      const evidenceId = await storeEvidenceFile(tx, {
        cycleId: context.cycle.id,
        unitId: unit.id,
        entryKind,
        entryId,
        title,
        fileName: upload.fileName,
        mediaType: upload.mediaType,
        content: upload.content,
        uploadedBy: user.id,
      });
      added.push(evidenceId);
      await recordAudit(tx, event, {
        action: 'evidence.upload',
        entityType: 'evidence',
        entityId: String(evidenceId),
        after: {
          entry: key,
          unitId: unit.id,
          title,
          fileName: upload.fileName,
          mediaType: upload.mediaType,
          sizeBytes: upload.content.byteLength,
        },
      });
    }
    if (links.data.linkUrl) {
      const [row] = await tx
        .insert(evidence)
        .values({
          cycleId: context.cycle.id,
          unitId: unit.id,
          entryKind,
          entryId,
          kind: 'link',
          title: links.data.linkTitle || links.data.linkUrl,
          url: links.data.linkUrl,
          uploadedBy: user.id,
        })
        .returning({ id: evidence.id });
      if (!row) throw new Error('link not inserted');
      added.push(row.id);
      await recordAudit(tx, event, {
        action: 'evidence.link',
        entityType: 'evidence',
        entityId: String(row.id),
        after: {
          entry: key,
          unitId: unit.id,
          title: links.data.linkTitle || links.data.linkUrl,
          url: links.data.linkUrl,
        },
      });
    }
    return { ok: true as const, version: saved.version, evidence: added };
  });
  if (!outcome.ok) {
    const message = outcome.conflict?.updatedBy
      ? say(lang, 'self.conflictBy', { name: outcome.conflict.updatedBy })
      : say(lang, 'self.conflict');
    return failure(409, { _: message }, outcome.conflict ? { conflict: outcome.conflict } : {});
  }
  return {
    action: 'save' as const,
    entry: key,
    version: outcome.version,
    message: say(lang, 'self.savedDraft'),
  };
}

const RemoveForm = z.object({ evidenceId: idParam });

/** The `removeEvidence` action: the evidence is hidden (kept for the audit trail), never deleted. */
export async function removeEvidence(
  database: Database,
  event: WorkflowEvent,
  context: CycleContext,
  unit: UnitInfo,
) {
  const lang = event.locals.lang;
  requireUnitAccess(event, unit.id, 'write');
  const form = RemoveForm.safeParse(textFields(await event.request.formData()));
  if (!form.success)
    return fail(400, {
      action: 'removeEvidence',
      errors: { _: say(lang, 'self.badRequest') },
    });
  const removed = await database.transaction(async (tx) => {
    await requireSelfEvaluationWrite(tx, event, context.cycle.id, unit.id);
    const [row] = await tx
      .update(evidence)
      .set({ removedAt: new Date() })
      .where(
        and(
          eq(evidence.id, form.data.evidenceId),
          eq(evidence.cycleId, context.cycle.id),
          eq(evidence.unitId, unit.id),
          isNull(evidence.removedAt),
        ),
      )
      .returning();
    if (!row) return false;
    await recordAudit(tx, event, {
      action: 'evidence.remove',
      entityType: 'evidence',
      entityId: String(row.id),
      before: {
        entry: entryKey(row.entryKind, row.entryId),
        title: row.title,
        fileName: row.fileName,
        url: row.url,
      },
      after: { removed: true },
    });
    return true;
  });
  if (!removed)
    return fail(404, {
      action: 'removeEvidence',
      errors: { _: say(lang, 'evidence.notFound') },
    });
  return { action: 'removeEvidence' as const, message: say(lang, 'evidence.removed') };
}

const SubmitForm = z.object({ version: z.coerce.number().int().min(0) });

/** The `submit` action: every entry filled in, then the unit goes to the reviewers and is no longer editable. */
export async function submitSelfEvaluation(
  database: Database,
  event: WorkflowEvent,
  context: CycleContext,
  unit: UnitInfo,
) {
  const lang = event.locals.lang;
  requireUnitAccess(event, unit.id, 'write');
  const form = SubmitForm.safeParse(textFields(await event.request.formData()));
  if (!form.success) return fail(400, { action: 'submit', errors: { _: say(lang, 'self.badRequest') } });
  const outcome = await database.transaction(async (tx) => {
    const { user, submission } = await requireSelfEvaluationWrite(tx, event, context.cycle.id, unit.id);
    if (submission.version !== form.data.version) return { ok: false as const, reason: 'conflict' as const };
    const rows = await tx
      .select({ entryKind: selfEvaluations.entryKind, entryId: selfEvaluations.entryId })
      .from(selfEvaluations)
      .where(and(eq(selfEvaluations.cycleId, context.cycle.id), eq(selfEvaluations.unitId, unit.id)));
    const filled = new Set(rows.map((row) => entryKey(row.entryKind, row.entryId)));
    const missing = entryList(context).filter(
      (entry) => !filled.has(entryKey(entry.entryKind, entry.entryId)),
    );
    if (missing.length > 0) return { ok: false as const, reason: 'missing' as const, missing };
    const now = new Date();
    const values = { status: 'submitted' as const, submittedAt: now, submittedBy: user.id, updatedAt: now };
    let updated: { version: number } | undefined;
    if (submission.version === 0) {
      [updated] = await tx
        .insert(unitSubmissions)
        .values({ cycleId: context.cycle.id, unitId: unit.id, ...values })
        .onConflictDoNothing()
        .returning({ version: unitSubmissions.version });
    } else {
      [updated] = await tx
        .update(unitSubmissions)
        .set({ ...values, version: submission.version + 1 })
        .where(
          and(
            eq(unitSubmissions.cycleId, context.cycle.id),
            eq(unitSubmissions.unitId, unit.id),
            eq(unitSubmissions.version, submission.version),
          ),
        )
        .returning({ version: unitSubmissions.version });
    }
    if (!updated) return { ok: false as const, reason: 'conflict' as const };
    await recordAudit(tx, event, {
      action: 'submission.submit',
      entityType: 'submission',
      entityId: `${context.cycle.id}/${unit.id}`,
      before: { status: submission.status, version: submission.version },
      after: { status: 'submitted', version: updated.version },
    });
    return { ok: true as const };
  });
  if (!outcome.ok && outcome.reason === 'missing') {
    const ids = listOf(
      lang,
      outcome.missing.map((entry) => entry.entryId),
    );
    return fail(400, {
      action: 'submit',
      missing: outcome.missing.map((entry) => entryKey(entry.entryKind, entry.entryId)),
      errors: {
        _: say(lang, 'self.missing', { count: outcome.missing.length, ids }),
      },
    });
  }
  if (!outcome.ok)
    return fail(409, {
      action: 'submit',
      errors: {
        _: say(lang, 'self.submitConflict'),
      },
    });
  return { action: 'submit' as const, message: say(lang, 'self.submitted') };
}
