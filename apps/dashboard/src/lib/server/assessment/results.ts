import {
  scoreAssessment,
  type AssessmentResult,
  type MeasurementValue,
  type Occurrence,
  type SubItemInput,
} from '@kaohe/scoring';
import type { AssessmentRuleSet } from '@kaohe/rules';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/open';
import {
  resultRevisions,
  reviews,
  selfEvaluations,
  unitResults,
  unitSubmissions,
  type EntryKind,
} from '../db/schema';
import type { CycleContext, UnitInfo } from './context';

// Every number shown comes from @kaohe/scoring: this module only gathers the inputs from the database, calls it,
// and freezes what it returned when a cycle is published.

export interface EntryRow {
  entryKind: EntryKind;
  entryId: string;
  inputs: unknown;
}

export interface ScoringInputs {
  inputs: Record<string, SubItemInput>;
  measurements: Record<string, MeasurementValue>;
  /** bonus criteria (加分) with how often each occurred; scored by @kaohe/scoring only above the gate */
  bonus: Occurrence[];
}

/**
 * Stored entries → the scorer's input: sub-items by id, veto measurements by id (a measurement row holds
 * { value }), bonus criteria as occurrences (a bonus row holds { count }).
 */
export function scoringInputs(rows: readonly EntryRow[]): ScoringInputs {
  const result: ScoringInputs = { inputs: {}, measurements: {}, bonus: [] };
  for (const row of rows) {
    if (row.entryKind === 'subItem') result.inputs[row.entryId] = row.inputs as SubItemInput;
    else if (row.entryKind === 'measurement') {
      result.measurements[row.entryId] = (row.inputs as { value: MeasurementValue }).value;
    } else if (row.entryKind === 'bonus') {
      result.bonus.push({ criterion: row.entryId, count: (row.inputs as { count: number }).count });
    }
  }
  // in a stable order, so that the inputs frozen with a result compare equal however the rows came back
  result.bonus.sort((a, b) => (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : 0));
  return result;
}

export interface ScoredUnit {
  result: AssessmentResult;
  explanationEn: string[];
}

/** Scores one unit's entries: the result (explanation in Chinese) plus the English lines. */
export function scoreUnit(ruleSet: AssessmentRuleSet, rows: readonly EntryRow[]): ScoredUnit {
  const { inputs, measurements, bonus } = scoringInputs(rows);
  // a rule set without a bonus tree takes no bonus input: pass it only when there is something to pass
  const withBonus = ruleSet.bonus && bonus.length ? { bonus } : {};
  const result = scoreAssessment({ ruleSet, inputs, measurements, ...withBonus, locale: 'zh' });
  const english = scoreAssessment({ ruleSet, inputs, measurements, ...withBonus, locale: 'en' });
  return { result, explanationEn: english.explanation };
}

/** One clause of a triggered veto: what was measured against its threshold (e.g. 6 个 > 5). */
export interface VetoClauseView {
  measurement: string;
  title: string;
  titleEn: string | null;
  op: string;
  threshold: string | boolean;
  measured: string | boolean | null;
  unit: string | null;
  triggered: boolean | null;
}

export interface TriggeredVeto {
  id: string;
  title: string;
  titleEn: string | null;
  /** the clauses as @kaohe/scoring evaluated them; the reason a unit is 不合格 */
  clauses: VetoClauseView[];
}

export interface AreaScore {
  id: string;
  max: string;
  awarded: string | null;
}

export interface UnitOutcome {
  unit: UnitInfo;
  /** verified (复核完成) and therefore ranked; otherwise listed apart */
  verified: boolean;
  total: string | null;
  grade: AssessmentResult['grade'];
  vetoed: boolean;
  /** the vetoes that were triggered (一票否决) */
  vetoes: TriggeredVeto[];
  /** each area's points, for comparisons within a group */
  areas: AreaScore[] | null;
  /** the whole result: always for a live cycle; for a published one only for the units asked for */
  result: AssessmentResult | null;
  explanationEn: string[] | null;
}

export type OutcomeSource =
  { kind: 'published'; revision: number; publishedAt: Date | null } | { kind: 'live' };

export interface CycleOutcomes {
  source: OutcomeSource;
  outcomes: UnitOutcome[];
  /** the whole results asked for with `withResultsFor` (published cycles; live outcomes carry theirs) */
  details: Map<number, { result: AssessmentResult; explanationEn: string[] | null }>;
}

export interface OutcomeOptions {
  /** published cycles: the units whose whole result (tree, explanation) is needed, e.g. one breakdown */
  withResultsFor?: readonly number[];
}

/**
 * A published cycle's frozen results (latest revision); any other cycle's current verified results. `unitIds`
 * restricts the units returned. For a published cycle without `unitIds` the same (cached) array comes back each
 * time, so what is derived from it can be cached by identity.
 */
export async function cycleOutcomes(
  db: Database,
  context: CycleContext,
  unitIds?: readonly number[],
  options: OutcomeOptions = {},
): Promise<CycleOutcomes> {
  if (context.cycle.status === 'published') {
    const [revision] = await db
      .select({ id: resultRevisions.id, revision: resultRevisions.revision })
      .from(resultRevisions)
      .where(eq(resultRevisions.cycleId, context.cycle.id))
      .orderBy(desc(resultRevisions.revision))
      .limit(1);
    if (revision) {
      const index = await revisionIndex(db, context, revision.id);
      const wanted = options.withResultsFor ?? [];
      const rows = wanted.length
        ? await db
            .select({
              unitId: unitResults.unitId,
              result: unitResults.result,
              explanationEn: unitResults.explanationEn,
            })
            .from(unitResults)
            .where(and(eq(unitResults.revisionId, revision.id), inArray(unitResults.unitId, [...wanted])))
        : [];
      const details = new Map(
        rows.map((row) => [
          row.unitId,
          {
            result: row.result as AssessmentResult,
            explanationEn: (row.explanationEn as string[] | null) ?? null,
          },
        ]),
      );
      const outcomes = unitIds
        ? selectUnits(context, unitIds).map((unit) => index.byUnit.get(unit.id) ?? notVerified(unit))
        : index.outcomes;
      return {
        source: { kind: 'published', revision: revision.revision, publishedAt: context.cycle.publishedAt },
        outcomes,
        details,
      };
    }
  }
  const outcomes = await liveOutcomes(db, context, unitIds);
  const details = new Map(
    outcomes.flatMap((outcome) =>
      outcome.result
        ? [[outcome.unit.id, { result: outcome.result, explanationEn: outcome.explanationEn }] as const]
        : [],
    ),
  );
  return { source: { kind: 'live' }, outcomes, details };
}

interface RevisionIndex {
  /** every unit of the programme in Chinese collation, without the heavy result trees */
  outcomes: UnitOutcome[];
  byUnit: Map<number, UnitOutcome>;
}

// A revision never changes once written, so what is derived from it can be kept; keyed by the database so that
// tests with several databases in one process never mix them up.
const revisionIndexes = new WeakMap<Database, Map<number, Promise<RevisionIndex>>>();
const revisionsKept = 16;
/** the unit list an index was built for: a new list (see loadCycleContext's cache) rebuilds it */
const cachedUnits = new WeakMap<Promise<RevisionIndex>, readonly UnitInfo[]>();

function revisionIndex(db: Database, context: CycleContext, revisionId: number): Promise<RevisionIndex> {
  let perDatabase = revisionIndexes.get(db);
  if (!perDatabase) {
    perDatabase = new Map();
    revisionIndexes.set(db, perDatabase);
  }
  const cached = perDatabase.get(revisionId);
  if (cached && cachedUnits.get(cached) === context.units) return cached;
  const built = buildRevisionIndex(db, context, revisionId);
  cachedUnits.set(built, context.units);
  perDatabase.set(revisionId, built);
  built.catch(() => perDatabase.delete(revisionId));
  if (perDatabase.size > revisionsKept) perDatabase.delete(perDatabase.keys().next().value as number);
  return built;
}

async function buildRevisionIndex(
  db: Database,
  context: CycleContext,
  revisionId: number,
): Promise<RevisionIndex> {
  const rows = await db
    .select({
      unitId: unitResults.unitId,
      total: unitResults.total,
      vetoed: unitResults.vetoed,
      // only the parts a ranking and a group comparison need, cut out by the database
      grade: sql<AssessmentResult['grade']>`${unitResults.result} -> 'grade'`,
      vetoes: sql<
        TriggeredVeto[] | null
      >`(select jsonb_agg(jsonb_build_object('id', v -> 'id', 'title', v -> 'title', 'titleEn', v -> 'titleEn', 'clauses', (select jsonb_agg(jsonb_build_object('measurement', c -> 'measurement', 'title', c -> 'title', 'titleEn', c -> 'titleEn', 'op', c -> 'op', 'threshold', c -> 'threshold', 'measured', c -> 'measured', 'unit', c -> 'unit', 'triggered', c -> 'triggered')) from jsonb_array_elements(v -> 'clauses') as c))) from jsonb_array_elements(${unitResults.result} -> 'vetoes') as v where v -> 'triggered' = 'true'::jsonb)`,
      areas: sql<
        AreaScore[] | null
      >`(select jsonb_agg(jsonb_build_object('id', a -> 'id', 'max', a -> 'max', 'awarded', a -> 'awarded')) from jsonb_array_elements(${unitResults.result} -> 'areas') as a)`,
    })
    .from(unitResults)
    .where(eq(unitResults.revisionId, revisionId));
  const byRow = new Map(rows.map((row) => [row.unitId, row]));
  const outcomes = context.units.map((unit): UnitOutcome => {
    const row = byRow.get(unit.id);
    if (!row) return notVerified(unit);
    return {
      unit,
      verified: true,
      total: row.total,
      grade: row.grade ?? null,
      vetoed: row.vetoed,
      vetoes: row.vetoes ?? [],
      areas: row.areas ?? null,
      result: null,
      explanationEn: null,
    };
  });
  return { outcomes, byUnit: new Map(outcomes.map((outcome) => [outcome.unit.id, outcome])) };
}

function selectUnits(context: CycleContext, unitIds?: readonly number[]): UnitInfo[] {
  if (!unitIds) return context.units;
  const wanted = new Set(unitIds);
  return context.units.filter((unit) => wanted.has(unit.id));
}

function notVerified(unit: UnitInfo): UnitOutcome {
  return {
    unit,
    verified: false,
    total: null,
    grade: null,
    vetoed: false,
    vetoes: [],
    areas: null,
    result: null,
    explanationEn: null,
  };
}

/** Scores every verified unit from its reviewed inputs; units not verified yet are not scored (never 0). */
async function liveOutcomes(
  db: Database,
  context: CycleContext,
  unitIds?: readonly number[],
): Promise<UnitOutcome[]> {
  const cycleId = context.cycle.id;
  const verifiedRows = await db
    .select({ unitId: unitSubmissions.unitId })
    .from(unitSubmissions)
    .where(and(eq(unitSubmissions.cycleId, cycleId), eq(unitSubmissions.status, 'verified')));
  const verified = new Set(verifiedRows.map((row) => row.unitId));
  const selected = selectUnits(context, unitIds);
  const verifiedIds = selected.filter((unit) => verified.has(unit.id)).map((unit) => unit.id);
  const reviewRows = verifiedIds.length
    ? await db
        .select({
          unitId: reviews.unitId,
          entryKind: reviews.entryKind,
          entryId: reviews.entryId,
          inputs: reviews.inputs,
        })
        .from(reviews)
        .where(and(eq(reviews.cycleId, cycleId), inArray(reviews.unitId, verifiedIds)))
    : [];
  const rowsByUnit = groupBy(reviewRows, (row) => row.unitId);
  return selected.map((unit) => {
    if (!verified.has(unit.id)) return notVerified(unit);
    const { result, explanationEn } = scoreUnit(context.ruleSet, rowsByUnit.get(unit.id) ?? []);
    return {
      unit,
      verified: true,
      total: result.total,
      grade: result.grade,
      vetoed: result.reason === 'veto',
      vetoes: triggeredVetoes(result),
      areas: result.areas.map((area) => ({ id: area.id, max: area.max, awarded: area.awarded })),
      result,
      explanationEn,
    };
  });
}

function triggeredVetoes(result: AssessmentResult): TriggeredVeto[] {
  return result.vetoes
    .filter((veto) => veto.triggered === true)
    .map((veto) => ({
      id: veto.id,
      title: veto.title,
      titleEn: veto.titleEn ?? null,
      clauses: veto.clauses.map((clause) => ({
        measurement: clause.measurement,
        title: clause.title,
        titleEn: clause.titleEn,
        op: clause.op,
        threshold: clause.threshold,
        measured: clause.measured,
        unit: clause.unit,
        triggered: clause.triggered,
      })),
    }));
}

/** The unit's own self-evaluation scored as it stands (drafts included). */
export async function selfEvaluationResult(
  db: Database,
  context: CycleContext,
  unitId: number,
): Promise<(ScoredUnit & { rows: EntryRow[] }) | null> {
  const rows = await db
    .select({
      entryKind: selfEvaluations.entryKind,
      entryId: selfEvaluations.entryId,
      inputs: selfEvaluations.inputs,
    })
    .from(selfEvaluations)
    .where(and(eq(selfEvaluations.cycleId, context.cycle.id), eq(selfEvaluations.unitId, unitId)));
  if (rows.length === 0) return null;
  return { ...scoreUnit(context.ruleSet, rows), rows };
}

/**
 * Freezes a cycle's results as a new revision: every verified unit scored from its reviewed inputs, stored with
 * those inputs. Runs inside the publishing transaction.
 */
export async function freezeResults(
  tx: Database,
  context: CycleContext,
  options: { createdBy: number | null; reason: string | null },
): Promise<{ revision: number; units: number }> {
  const outcomes = await liveOutcomes(tx, context);
  const [latest] = await tx
    .select({ revision: resultRevisions.revision })
    .from(resultRevisions)
    .where(eq(resultRevisions.cycleId, context.cycle.id))
    .orderBy(desc(resultRevisions.revision))
    .limit(1);
  const [revision] = await tx
    .insert(resultRevisions)
    .values({
      cycleId: context.cycle.id,
      revision: (latest?.revision ?? 0) + 1,
      reason: options.reason,
      createdBy: options.createdBy,
    })
    .returning();
  if (!revision) throw new Error('revision not inserted');
  const verified = outcomes.filter((outcome) => outcome.verified && outcome.result);
  const reviewRows = await tx
    .select({
      unitId: reviews.unitId,
      entryKind: reviews.entryKind,
      entryId: reviews.entryId,
      inputs: reviews.inputs,
    })
    .from(reviews)
    .where(eq(reviews.cycleId, context.cycle.id));
  const inputsByUnit = groupBy(reviewRows, (row) => row.unitId);
  for (const chunk of chunks(verified, 200)) {
    await tx.insert(unitResults).values(
      chunk.map((outcome) => ({
        revisionId: revision.id,
        unitId: outcome.unit.id,
        total: outcome.total,
        grade: outcome.grade?.id ?? null,
        vetoed: outcome.vetoed,
        result: outcome.result,
        explanationEn: outcome.explanationEn,
        inputs: scoringInputs(inputsByUnit.get(outcome.unit.id) ?? []),
      })),
    );
  }
  return { revision: revision.revision, units: verified.length };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
