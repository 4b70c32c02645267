import { getRuleSet, type InspectionRuleSet } from '@kaohe/rules';
import { ScoringInputError, scoreInspection, type InspectionResult } from '@kaohe/scoring';
import type { RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit';
import type { Database } from '../db/open';
import { auditLog, inspections, type InspectionSource, type TargetType } from '../db/schema';

// One inspection of one website or new-media account: the inputs are parsed with zod, scored by @kaohe/scoring
// (never a verdict of our own), stored with the explanation in both languages, versioned and audited. A lower
// office's reported verdict without measurements is stored as reported and marked as not computed by Kaohe.

export const websiteRuleSetId = 'cn-2019-website-inspection';
export const newMediaRuleSetId = 'cn-2019-newmedia-inspection';

export function ruleSetFor(targetType: TargetType): InspectionRuleSet {
  return getRuleSet(targetType === 'website' ? websiteRuleSetId : newMediaRuleSetId) as InspectionRuleSet;
}

const occurrence = z.strictObject({
  criterion: z.string().min(1),
  count: z.number().int().positive(),
  note: z.string().max(500).optional(),
});

/** What an inspector records, in the shape scoreInspection reads. */
export const measuredInputsSchema = z.strictObject({
  kind: z.literal('measured'),
  target: z.strictObject({ isPortal: z.boolean(), hasServiceFunctions: z.boolean() }),
  measurements: z.record(z.string().min(1), z.union([z.boolean(), z.string().max(40)])),
  findings: z.array(occurrence).max(500),
  bonus: z.array(occurrence).max(100).default([]),
});

/** A verdict reported without measurements (e.g. a city's appendix table): kept as reported, not computed here. */
export const reportedInputsSchema = z.strictObject({
  kind: z.literal('reported'),
  verdict: z.enum(['qualified', 'unqualified']),
  /** 检查结果 as written: 单项否决 / 不合格 / 合格 */
  resultText: z.string().max(40),
});

export const inspectionInputsSchema = z.discriminatedUnion('kind', [
  measuredInputsSchema,
  reportedInputsSchema,
]);
export type MeasuredInputs = z.output<typeof measuredInputsSchema>;
export type ReportedInputs = z.output<typeof reportedInputsSchema>;
export type InspectionInputs = z.output<typeof inspectionInputsSchema>;

export type InspectionTargetRef =
  { type: 'website'; websiteId: number } | { type: 'newMedia'; accountId: number };

export interface RecordInspectionOptions {
  db: Database;
  cycleId: number;
  target: InspectionTargetRef;
  inputs: unknown;
  source: InspectionSource;
  /** the signed-in inspector, or the name of an outside one (an imported report) */
  inspector: { userId: number | null; name?: string | null };
  inspectedOn: string;
  /** 存在的问题 as written by the office; otherwise written from the explanation */
  problems?: string | null;
  /** the version the caller last saw, for an update; a mismatch is refused */
  expectedVersion?: number;
  /** the request, for the audit row's actor and client address */
  event?: Pick<RequestEvent, 'locals' | 'getClientAddress'>;
}

export interface InputProblem {
  path: string;
  message: string;
  messageEn: string;
}

export type RecordInspectionOutcome =
  | { ok: true; id: number; version: number; created: boolean; verdict: string }
  | { ok: false; problems: InputProblem[] }
  | { ok: false; conflict: true; version: number };

export interface ScoredInputs {
  verdict: 'qualified' | 'unqualified';
  reason: string | null;
  vetoIds: string[];
  score: string | null;
  total: string | null;
  explanation: string[];
  explanationEn: string[];
  problems: string;
  computed: boolean;
  result: InspectionResult | null;
}

/** 存在的问题 written from the scoring result: the vetoes that tripped with what was measured, or the score. */
export function problemsFromResult(result: InspectionResult): string {
  if (result.verdict === 'qualified') return '';
  if (result.reason === 'veto') {
    return result.vetoes
      .filter((veto) => veto.triggered)
      .map((veto) => {
        const clauses = veto.clauses
          .filter((clause) => clause.provided && clauseTriggered(clause))
          .map((clause) =>
            clause.kind === 'flag'
              ? clauseLabel(clause)
              : `${clause.title} ${String(clause.measured)}${clause.unit ?? ''}`,
          );
        return clauses.length ? `${veto.title}（${clauses.join('，')}）` : veto.title;
      })
      .join('；');
  }
  return `得分 ${result.total ?? result.score ?? '—'}，低于合格分 ${result.passMark ?? '—'}`;
}

type Clause = InspectionResult['vetoes'][number]['clauses'][number];

/** A clause's name as a finding: a flag that trips when false ("提供在线办事服务") reads as its absence. */
export function clauseLabel(clause: Clause): string {
  return clause.kind === 'flag' && clause.threshold === false ? `未${clause.title}` : clause.title;
}

/** Whether one clause of a veto holds for the measured value (the scoring result keeps every clause). */
export function clauseTriggered(clause: Clause): boolean {
  if (clause.measured === null) return false;
  if (clause.kind === 'flag') return clause.measured === clause.threshold;
  const measured = Number(clause.measured);
  const threshold = Number(clause.threshold);
  // counts and shares with few places: a float comparison is exact enough to pick which clause to name
  switch (clause.op) {
    case '>=':
      return measured >= threshold;
    case '>':
      return measured > threshold;
    case '<=':
      return measured <= threshold;
    case '<':
      return measured < threshold;
    default:
      return measured === threshold;
  }
}

/** Parses and scores inputs without storing them (the live preview and the import use this too). */
export function scoreInputs(
  targetType: TargetType,
  rawInputs: unknown,
): { ok: true; scored: ScoredInputs; inputs: InspectionInputs } | { ok: false; problems: InputProblem[] } {
  const parsed = inspectionInputsSchema.safeParse(rawInputs, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
        messageEn: issue.message,
      })),
    };
  }
  const inputs = parsed.data;
  if (inputs.kind === 'reported') {
    const label = inputs.verdict === 'qualified' ? '合格' : '不合格';
    return {
      ok: true,
      inputs,
      scored: {
        verdict: inputs.verdict,
        reason: inputs.resultText.includes('否决') ? 'veto' : null,
        vetoIds: [],
        score: null,
        total: null,
        explanation: [`上报结果：${label}（${inputs.resultText}）；未附检查数据，结论非 Kaohe 计算。`],
        explanationEn: [
          `Reported result: ${inputs.verdict} (${inputs.resultText}); no measurements given, not computed by Kaohe.`,
        ],
        problems: '',
        computed: false,
        result: null,
      },
    };
  }
  const ruleSet = ruleSetFor(targetType);
  try {
    const input = {
      ruleSet,
      target: inputs.target,
      measurements: inputs.measurements,
      findings: inputs.findings,
    };
    const withBonus = inputs.bonus.length ? { ...input, bonus: inputs.bonus } : input;
    const result = scoreInspection(withBonus);
    const english = scoreInspection({ ...withBonus, locale: 'en' });
    return {
      ok: true,
      inputs,
      scored: {
        verdict: result.verdict,
        reason: result.reason,
        vetoIds: result.vetoes.filter((veto) => veto.triggered).map((veto) => veto.id),
        score: result.score,
        total: result.total,
        explanation: [...result.explanation],
        explanationEn: [...english.explanation],
        problems: problemsFromResult(result),
        computed: true,
        result,
      },
    };
  } catch (error) {
    if (error instanceof ScoringInputError) {
      return {
        ok: false,
        problems: error.issues.map((issue) => ({
          path: issue.path,
          message: issue.messageZh,
          messageEn: issue.message,
        })),
      };
    }
    throw error;
  }
}

/** Stores one inspection (insert, or a versioned update of the same target and source in the cycle). */
export async function recordInspection(options: RecordInspectionOptions): Promise<RecordInspectionOutcome> {
  const { db, cycleId, target, source, inspector, inspectedOn } = options;
  const scoredInputs = scoreInputs(target.type, options.inputs);
  if (!scoredInputs.ok) return scoredInputs;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(inspectedOn) || Number.isNaN(Date.parse(inspectedOn))) {
    return {
      ok: false,
      problems: [
        { path: 'inspectedOn', message: '检查日期应为 YYYY-MM-DD', messageEn: 'date must be YYYY-MM-DD' },
      ],
    };
  }
  const { scored, inputs } = scoredInputs;
  const problems = options.problems?.trim() || scored.problems || null;
  const values = {
    ruleSetId: target.type === 'website' ? websiteRuleSetId : newMediaRuleSetId,
    inspectedOn,
    inspectorId: inspector.userId,
    inspectorName: inspector.name ?? null,
    inputs,
    verdict: scored.verdict,
    reason: scored.reason,
    vetoIds: scored.vetoIds,
    score: scored.score,
    total: scored.total,
    explanation: scored.explanation,
    explanationEn: scored.explanationEn,
    problems,
  };
  const targetColumn =
    target.type === 'website'
      ? eq(inspections.websiteId, target.websiteId)
      : eq(inspections.accountId, target.accountId);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(inspections)
      .where(and(eq(inspections.cycleId, cycleId), targetColumn, eq(inspections.source, source)))
      .for('update');
    if (existing) {
      if (options.expectedVersion !== undefined && options.expectedVersion !== existing.version) {
        return { ok: false as const, conflict: true as const, version: existing.version };
      }
      const [updated] = await tx
        .update(inspections)
        .set({ ...values, version: existing.version + 1, updatedAt: new Date() })
        .where(eq(inspections.id, existing.id))
        .returning({ id: inspections.id, version: inspections.version });
      await audit(tx, options, {
        action: 'inspection.update',
        entityId: String(existing.id),
        before: summaryOf(existing),
        after: summaryOf({ ...existing, ...values }),
      });
      return {
        ok: true as const,
        id: updated!.id,
        version: updated!.version,
        created: false,
        verdict: scored.verdict,
      };
    }
    const [inserted] = await tx
      .insert(inspections)
      .values({
        cycleId,
        targetType: target.type,
        websiteId: target.type === 'website' ? target.websiteId : null,
        accountId: target.type === 'newMedia' ? target.accountId : null,
        source,
        ...values,
      })
      .returning({ id: inspections.id, version: inspections.version });
    await audit(tx, options, {
      action: 'inspection.create',
      entityId: String(inserted!.id),
      before: null,
      after: summaryOf(values),
    });
    return {
      ok: true as const,
      id: inserted!.id,
      version: inserted!.version,
      created: true,
      verdict: scored.verdict,
    };
  });
}

function summaryOf(row: { verdict: string; reason: string | null; total: string | null; inputs: unknown }) {
  return { verdict: row.verdict, reason: row.reason, total: row.total, inputs: row.inputs };
}

async function audit(
  db: Database,
  options: RecordInspectionOptions,
  entry: { action: string; entityId: string; before: unknown; after: unknown },
): Promise<void> {
  const full = { ...entry, entityType: 'inspection' };
  if (options.event) {
    await recordAudit(db, options.event, full);
    return;
  }
  await db.insert(auditLog).values({ ...full, actorId: options.inspector.userId });
}

/**
 * The row for one inspection, scored by @kaohe/scoring like any other; for bulk writers (demo seeds, imports)
 * that insert many rows at once in their own transaction. Throws on inputs that do not parse.
 */
export function inspectionValues(options: {
  cycleId: number;
  target: InspectionTargetRef;
  inputs: unknown;
  source: InspectionSource;
  inspectorId: number | null;
  inspectorName?: string | null;
  inspectedOn: string;
  problems?: string | null;
}): typeof inspections.$inferInsert {
  const { target } = options;
  const scoredInputs = scoreInputs(target.type, options.inputs);
  if (!scoredInputs.ok) {
    throw new Error(
      `inspection inputs do not parse: ${scoredInputs.problems.map((p) => `${p.path}: ${p.messageEn}`).join('; ')}`,
    );
  }
  const { scored, inputs } = scoredInputs;
  return {
    cycleId: options.cycleId,
    targetType: target.type,
    websiteId: target.type === 'website' ? target.websiteId : null,
    accountId: target.type === 'newMedia' ? target.accountId : null,
    source: options.source,
    ruleSetId: target.type === 'website' ? websiteRuleSetId : newMediaRuleSetId,
    inspectedOn: options.inspectedOn,
    inspectorId: options.inspectorId,
    inspectorName: options.inspectorName ?? null,
    inputs,
    verdict: scored.verdict,
    reason: scored.reason,
    vetoIds: scored.vetoIds,
    score: scored.score,
    total: scored.total,
    explanation: scored.explanation,
    explanationEn: scored.explanationEn,
    problems: options.problems?.trim() || scored.problems || null,
  };
}
