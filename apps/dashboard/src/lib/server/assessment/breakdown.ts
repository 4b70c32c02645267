import { Decimal, type AssessmentResult, type SubItemResult } from '@kaohe/scoring';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Lang } from '$lib/i18n';
import type { Database } from '../db/open';
import { evidence, reviews, users } from '../db/schema';
import type { CycleContext, UnitInfo } from './context';
import { buildRanking } from './ranking';
import {
  cycleOutcomes,
  selfEvaluationResult,
  type AreaScore,
  type OutcomeSource,
  type UnitOutcome,
  type VetoClauseView,
} from './results';

// A unit's breakdown: area → item → sub-item, the verified result beside the self-evaluation, each reviewer
// adjustment with its reason, and the evidence. Scores are @kaohe/scoring's; this only lines them up.

export interface SubItemView {
  id: string;
  title: string;
  titleEn: string | null;
  confidence: string;
  method: string;
  max: string;
  verified: Pick<SubItemResult, 'awarded' | 'status' | 'rescaled'> | null;
  self: Pick<SubItemResult, 'awarded' | 'status' | 'rescaled'> | null;
  verifiedLines: string[];
  selfLines: string[];
  review: { decision: 'accepted' | 'adjusted'; reason: string | null; reviewer: string | null } | null;
  evidence: { id: number; title: string; sizeBytes: number | null }[];
}

export interface NodeView {
  id: string;
  title: string;
  titleEn: string | null;
  confidence: string;
  max: string;
  verified: string | null;
  self: string | null;
}

export interface ItemView extends NodeView {
  subItems: SubItemView[];
}

export interface AreaView extends NodeView {
  items: ItemView[];
}

export interface AreaShare {
  id: string;
  title: string;
  titleEn: string | null;
  /** the unit's awarded ÷ max of the area, in percent (1 decimal); null when not scored */
  unit: string | null;
  /** the mean of the same share over the group's verified, not vetoed units */
  groupAverage: string | null;
  groupUnits: number;
}

type EvidenceView = { id: number; title: string; sizeBytes: number | null };
type ReviewView = { decision: 'accepted' | 'adjusted'; reason: string | null; reviewer: string | null };

/** A veto (单项否决) of the rule set: each clause, measured against its threshold, as verified and as self-evaluated. */
export interface VetoView {
  id: string;
  title: string;
  titleEn: string | null;
  /** verified: true = triggered (不合格), false = clear, null = undecided; null when not verified */
  triggered: boolean | null;
  selfTriggered: boolean | null;
  clauses: (VetoClauseView & {
    /** what the unit itself entered for the measurement */
    selfMeasured: string | boolean | null;
    review: ReviewView | null;
    evidence: EvidenceView[];
  })[];
}

/** One bonus criterion (加分): what the unit claimed, what was verified, what it was worth. */
export interface BonusCriterionView {
  id: string;
  title: string;
  titleEn: string | null;
  /** points per occurrence, and the criterion's own cap */
  perOccurrence: string;
  maxAward: string | null;
  selfCount: number | null;
  verifiedCount: number | null;
  /** points counted; null when the bonus was not scored (vetoed, at or below the gate, not verified) */
  awarded: string | null;
  review: ReviewView | null;
  evidence: EvidenceView[];
}

export interface BonusView {
  /** the gate: the bonus counts only above it (80 分以上方可加分) */
  gate: string | null;
  max: string;
  /** scored / belowGate / vetoed / awaitingInput / none, as @kaohe/scoring decided */
  status: AssessmentResult['bonusStatus'] | null;
  selfStatus: AssessmentResult['bonusStatus'] | null;
  awarded: string | null;
  selfAwarded: string | null;
  indicators: {
    id: string;
    title: string;
    titleEn: string | null;
    max: string;
    awarded: string | null;
    capped: boolean;
    criteria: BonusCriterionView[];
  }[];
}

export interface Breakdown {
  unit: UnitInfo;
  vetoes: VetoView[];
  /** null when the rule set has no bonus */
  bonus: BonusView | null;
  source: OutcomeSource;
  verified: Summary | null;
  self: Summary | null;
  rank: { rank: number; tied: boolean; of: number } | null;
  areas: AreaView[];
  unitEvidence: { id: number; title: string; sizeBytes: number | null }[];
  shares: AreaShare[];
}

export interface Summary {
  total: string | null;
  score: string | null;
  grade: AssessmentResult['grade'];
  verdict: AssessmentResult['verdict'];
  complete: boolean;
  vetoes: { id: string; title: string; titleEn: string | null; triggered: boolean | null }[];
  /** lines about the whole unit (vetoes, rescaling, the total) */
  lines: string[];
}

export async function loadBreakdown(
  db: Database,
  context: CycleContext,
  unit: UnitInfo,
  lang: Lang,
): Promise<Breakdown> {
  const [{ source, outcomes, details }, self, reviewRows, evidenceRows] = await Promise.all([
    cycleOutcomes(db, context, undefined, { withResultsFor: [unit.id] }),
    selfEvaluationResult(db, context, unit.id),
    db
      .select({
        entryKind: reviews.entryKind,
        entryId: reviews.entryId,
        inputs: reviews.inputs,
        decision: reviews.decision,
        reason: reviews.reason,
        reviewer: users.displayName,
      })
      .from(reviews)
      .leftJoin(users, eq(reviews.reviewerId, users.id))
      .where(and(eq(reviews.cycleId, context.cycle.id), eq(reviews.unitId, unit.id))),
    db
      .select({
        id: evidence.id,
        entryKind: evidence.entryKind,
        entryId: evidence.entryId,
        title: evidence.title,
        sizeBytes: evidence.sizeBytes,
      })
      .from(evidence)
      .where(
        and(eq(evidence.cycleId, context.cycle.id), eq(evidence.unitId, unit.id), isNull(evidence.removedAt)),
      )
      .orderBy(asc(evidence.id)),
  ]);
  const outcome = outcomes.find((candidate) => candidate.unit.id === unit.id);
  const detail = details.get(unit.id);
  const verified = detail?.result ?? null;
  const verifiedLines = (verified && (lang === 'en' ? detail?.explanationEn : verified.explanation)) || [];
  const selfResult = self?.result ?? null;
  const selfLines = (self && (lang === 'en' ? self.explanationEn : self.result.explanation)) || [];

  const reviewBySubItem = new Map(
    reviewRows.filter((row) => row.entryKind === 'subItem').map((row) => [row.entryId, row]),
  );
  // evidence by entry ("subItem:A1.1", "measurement:…", "bonus:…")
  const evidenceByEntry = new Map<string, EvidenceView[]>();
  for (const row of evidenceRows) {
    const key = `${row.entryKind}:${row.entryId}`;
    const list = evidenceByEntry.get(key) ?? [];
    list.push({ id: row.id, title: row.title, sizeBytes: row.sizeBytes });
    evidenceByEntry.set(key, list);
  }
  const reviewByEntry = new Map(reviewRows.map((row) => [`${row.entryKind}:${row.entryId}`, row]));
  const reviewView = (row: (typeof reviewRows)[number] | undefined): ReviewView | null =>
    row ? { decision: row.decision, reason: row.reason, reviewer: row.reviewer } : null;
  const selfInputs = new Map(
    (self?.rows ?? []).map((row) => [`${row.entryKind}:${row.entryId}`, row.inputs]),
  );

  const find = (result: AssessmentResult | null) => ({
    area: (id: string) => result?.areas.find((area) => area.id === id),
    item: (areaId: string, id: string) =>
      result?.areas.find((area) => area.id === areaId)?.items.find((item) => item.id === id),
    subItem: (areaId: string, itemId: string, id: string) =>
      result?.areas
        .find((area) => area.id === areaId)
        ?.items.find((item) => item.id === itemId)
        ?.subItems.find((subItem) => subItem.id === id),
  });
  const v = find(verified);
  const s = find(selfResult);
  const pick = (node: SubItemResult | undefined) =>
    node ? { awarded: node.awarded, status: node.status, rescaled: node.rescaled } : null;
  // a sub-item's lines start "A1.1 <title>："; the row already shows both
  const linesFor = (lines: readonly string[], id: string) =>
    lines
      .filter((line) => line.startsWith(`${id} `) || line.startsWith(`${id}：`))
      .map((line) => line.replace(/^\S+ [^：:]*[：:]\s*/, ''));

  // the rule set gives the order and the titles; the results give the numbers
  const areas: AreaView[] = context.ruleSet.areas.map((area) => ({
    id: area.id,
    title: area.title,
    titleEn: area.titleEn ?? null,
    confidence: area.provenance.confidence,
    max: v.area(area.id)?.max ?? area.points,
    verified: v.area(area.id)?.awarded ?? null,
    self: s.area(area.id)?.awarded ?? null,
    items: area.items.map((item) => ({
      id: item.id,
      title: item.title,
      titleEn: item.titleEn ?? null,
      confidence: item.provenance.confidence,
      max: v.item(area.id, item.id)?.max ?? item.points,
      verified: v.item(area.id, item.id)?.awarded ?? null,
      self: s.item(area.id, item.id)?.awarded ?? null,
      subItems: item.subItems.map((subItem) => {
        const review = reviewBySubItem.get(subItem.id);
        return {
          id: subItem.id,
          title: subItem.title,
          titleEn: subItem.titleEn ?? null,
          confidence: subItem.provenance.confidence,
          method: subItem.method.kind,
          max: subItem.points,
          verified: pick(v.subItem(area.id, item.id, subItem.id)),
          self: pick(s.subItem(area.id, item.id, subItem.id)),
          verifiedLines: linesFor(verifiedLines, subItem.id),
          selfLines: linesFor(selfLines, subItem.id),
          review: review
            ? { decision: review.decision, reason: review.reason, reviewer: review.reviewer }
            : null,
          evidence: evidenceByEntry.get(`subItem:${subItem.id}`) ?? [],
        };
      }),
    })),
  }));

  const subItemIds = new Set(
    context.ruleSet.areas.flatMap((area) => area.items.flatMap((item) => item.subItems.map((sub) => sub.id))),
  );
  const unitLines = (lines: readonly string[]) =>
    lines.filter(
      (line) => ![...subItemIds].some((id) => line.startsWith(`${id} `) || line.startsWith(`${id}：`)),
    );
  const summary = (result: AssessmentResult | null, lines: readonly string[]): Summary | null =>
    result
      ? {
          total: result.total,
          score: result.score,
          grade: result.grade,
          verdict: result.verdict,
          complete: result.complete,
          vetoes: result.vetoes.map((veto) => ({
            id: veto.id,
            title: veto.title,
            titleEn: veto.titleEn,
            triggered: veto.triggered,
          })),
          lines: unitLines(lines),
        }
      : null;

  const [groupView] = buildRanking(context, outcomes, { group: unit.groupKey, grade: null, q: null });
  const rankRow = groupView?.rows.find((row) => row.unitId === unit.id);

  return {
    unit,
    vetoes: vetoViews(context, verified, selfResult, (kind, id) => ({
      selfInput: selfInputs.get(`${kind}:${id}`),
      review: reviewView(reviewByEntry.get(`${kind}:${id}`)),
      evidence: evidenceByEntry.get(`${kind}:${id}`) ?? [],
    })),
    bonus: bonusView(context, verified, selfResult, (kind, id) => ({
      selfInput: selfInputs.get(`${kind}:${id}`),
      verifiedInput: outcome?.verified ? reviewByEntry.get(`${kind}:${id}`)?.inputs : undefined,
      review: reviewView(reviewByEntry.get(`${kind}:${id}`)),
      evidence: evidenceByEntry.get(`${kind}:${id}`) ?? [],
    })),
    source,
    verified: summary(verified, verifiedLines),
    self: summary(selfResult, selfLines),
    rank: rankRow ? { rank: rankRow.rank, tied: rankRow.tied, of: groupView?.rows.length ?? 0 } : null,
    areas,
    unitEvidence: evidenceRows
      .filter((row) => row.entryKind === 'unit')
      .map((row) => ({ id: row.id, title: row.title, sizeBytes: row.sizeBytes })),
    shares: areaShares(context, unit.groupKey, outcome, outcomes),
  };
}

const hundred = new Decimal(100);

function share(areas: readonly AreaScore[] | null | undefined, areaId: string): Decimal | null {
  const area = areas?.find((candidate) => candidate.id === areaId);
  if (!area || area.awarded === null || new Decimal(area.max).isZero()) return null;
  return new Decimal(area.awarded).div(area.max).times(hundred);
}

// a frozen revision's outcomes come back as the same array: its group means are computed once
const groupMeans = new WeakMap<
  readonly UnitOutcome[],
  Map<string, Map<string, { mean: Decimal | null; units: number }>>
>();

function groupMean(context: CycleContext, groupKey: string, outcomes: readonly UnitOutcome[]) {
  let perGroup = groupMeans.get(outcomes);
  if (!perGroup) {
    perGroup = new Map();
    groupMeans.set(outcomes, perGroup);
  }
  let means = perGroup.get(groupKey);
  if (!means) {
    const members = outcomes.filter(
      (candidate) => candidate.unit.groupKey === groupKey && candidate.verified && !candidate.vetoed,
    );
    means = new Map(
      context.ruleSet.areas.map((area) => {
        const shares = members
          .map((candidate) => share(candidate.areas, area.id))
          .filter((value): value is Decimal => value !== null);
        const mean = shares.length
          ? shares.reduce((sum, value) => sum.plus(value), new Decimal(0)).div(shares.length)
          : null;
        return [area.id, { mean, units: shares.length }];
      }),
    );
    perGroup.set(groupKey, means);
  }
  return means;
}

/** Each area as a percentage of its points (the area's max after rescaling), against the group's mean. */
function areaShares(
  context: CycleContext,
  groupKey: string,
  own: UnitOutcome | undefined,
  outcomes: readonly UnitOutcome[],
): AreaShare[] {
  const means = groupMean(context, groupKey, outcomes);
  return context.ruleSet.areas.map((area) => {
    const { mean, units } = means.get(area.id) ?? { mean: null, units: 0 };
    const value = own && !own.vetoed ? share(own.areas, area.id) : null;
    return {
      id: area.id,
      title: area.title,
      titleEn: area.titleEn ?? null,
      unit: value === null ? null : value.toDecimalPlaces(1).toFixed(1),
      groupAverage: mean === null ? null : mean.toDecimalPlaces(1).toFixed(1),
      groupUnits: units,
    };
  });
}

type EntryLookup = (
  kind: 'measurement' | 'bonus',
  id: string,
) => { selfInput: unknown; verifiedInput?: unknown; review: ReviewView | null; evidence: EvidenceView[] };

/** Every veto of the rule set, each clause measured against its threshold (verified, and as self-evaluated). */
function vetoViews(
  context: CycleContext,
  verified: AssessmentResult | null,
  self: AssessmentResult | null,
  entry: EntryLookup,
): VetoView[] {
  return context.ruleSet.vetoes.map((veto) => {
    const ownVerified = verified?.vetoes.find((candidate) => candidate.id === veto.id);
    const ownSelf = self?.vetoes.find((candidate) => candidate.id === veto.id);
    const clauses = ownVerified?.clauses ?? ownSelf?.clauses ?? [];
    return {
      id: veto.id,
      title: veto.title,
      titleEn: veto.titleEn ?? null,
      triggered: ownVerified ? ownVerified.triggered : null,
      selfTriggered: ownSelf ? ownSelf.triggered : null,
      clauses: clauses.map((clause) => {
        const found = entry('measurement', clause.measurement);
        const selfClause = ownSelf?.clauses.find((candidate) => candidate.measurement === clause.measurement);
        return {
          measurement: clause.measurement,
          title: clause.title,
          titleEn: clause.titleEn,
          op: clause.op,
          threshold: clause.threshold,
          measured: ownVerified ? clause.measured : null,
          unit: clause.unit,
          triggered: ownVerified ? clause.triggered : null,
          selfMeasured: selfClause?.measured ?? null,
          review: found.review,
          evidence: found.evidence,
        };
      }),
    };
  });
}

const countOf = (input: unknown): number | null => {
  const count = (input as { count?: unknown } | undefined)?.count;
  return typeof count === 'number' ? count : null;
};

/** The bonus tree of the rule set with the unit's claims, the verified counts and what they were worth. */
function bonusView(
  context: CycleContext,
  verified: AssessmentResult | null,
  self: AssessmentResult | null,
  entry: EntryLookup,
): BonusView | null {
  const tree = context.ruleSet.bonus;
  if (!tree) return null;
  const breakdown = verified?.bonusBreakdown ?? null;
  return {
    gate: verified?.bonusGate ?? context.ruleSet.policy.bonusGate?.above ?? null,
    max: tree.points,
    status: verified?.bonusStatus ?? null,
    selfStatus: self?.bonusStatus ?? null,
    awarded: verified?.bonus ?? null,
    selfAwarded: self?.bonus ?? null,
    indicators: tree.indicators.map((indicator) => {
      const scored = breakdown?.indicators.find((candidate) => candidate.id === indicator.id);
      return {
        id: indicator.id,
        title: indicator.title,
        titleEn: indicator.titleEn ?? null,
        max: indicator.points,
        awarded: scored?.awarded ?? null,
        capped: scored?.capped ?? false,
        criteria: indicator.criteria.map((criterion) => {
          const found = entry('bonus', criterion.id);
          const award = scored?.awards.find((candidate) => candidate.criterion === criterion.id);
          return {
            id: criterion.id,
            title: criterion.title,
            titleEn: criterion.titleEn ?? null,
            perOccurrence: criterion.award,
            maxAward: criterion.maxAward ?? null,
            selfCount: countOf(found.selfInput),
            verifiedCount: countOf(found.verifiedInput),
            awarded: breakdown ? (award?.awarded ?? '0') : null,
            review: found.review,
            evidence: found.evidence,
          };
        }),
      };
    }),
  };
}
