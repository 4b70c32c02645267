import type { Confidence, InspectionRuleSet, Rounding, TargetKind } from '@kaohe/rules';
import { Decimal } from './decimal.js';
import {
  Issues,
  checkKnownKeys,
  describeValue,
  hasOwn,
  isRecord,
  readLocale,
  type Locale,
} from './checks.js';
import {
  countByCriterion,
  readOccurrences,
  scoreBonus,
  type BonusBreakdown,
  type Occurrence,
  type ReadOccurrence,
} from './bonus.js';
import {
  cachedInspection,
  compileRuleSet,
  finishScore,
  type CompiledIndicator,
  type CompiledInspection,
  type LeanPlan,
  type ScoringVariant,
} from './compile.js';
import { anyTriggered, evaluateVetoes, readMeasurements, type VetoResult } from './conditions.js';
import { explainInspection, explainOnRead, headerAfterName } from './explain.js';
import { lazyField, stampLazy } from './lazy.js';
import { paths } from './paths.js';
import { ZERO, divideRounded, text, unitsText, type Fraction } from './points.js';

export type { Locale } from './checks.js';
export type { VetoClause, VetoLogic, VetoResult } from './conditions.js';
export type { Occurrence, BonusBreakdown, BonusIndicatorResult, BonusAwardResult } from './bonus.js';
export type { Fraction } from './points.js';

// Scoring one website or new-media account at one monitoring point (检查指标): vetoes (单项否决) first, then
// deductions (扣分指标) against the pass mark, then the bonus (加分指标) above the gate.
//
// Numbers in results are decimal strings in canonical form: no exponent, no trailing zeros ("58.5", "60",
// "67.33"). Scores and totals are rounded by the rule set's policy.rounding, and it is that rounded value that is
// compared with the pass mark, the bonus gate and grade bounds. Per-occurrence amounts and deductions are exact.
// Format them for display with `formatRounded` (fixed places) if a table needs "60.00".

/** The website or new-media account being inspected. */
export interface InspectionTarget {
  /** 门户网站: only portals earn the bonus under the national rules. */
  isPortal: boolean;
  /** false: no external service functions (无对外服务功能), so 办事服务 is not checked. */
  hasServiceFunctions: boolean;
  name?: string;
}

/** A flag (true / false), or a number as a decimal string ("0.05") or a finite number. */
export type MeasurementValue = boolean | string | number;

export interface ScoreInspectionInput {
  ruleSet: InspectionRuleSet;
  target: InspectionTarget;
  /**
   * measurement id → value. Every numeric measurement a veto reads is required; a flag that is left out
   * counts as false (not observed) and is shown as `provided: false`.
   */
  measurements: Readonly<Record<string, MeasurementValue>>;
  /** Deductions found (扣分): criterion id and number of occurrences. */
  findings: readonly Occurrence[];
  /** Bonus criteria met (加分). */
  bonus?: readonly Occurrence[];
  /** Language of `explanation`: Chinese (default) or English. */
  locale?: Locale;
}

export type Verdict = 'qualified' | 'unqualified'; // 合格 / 不合格
export type VerdictReason = 'veto' | 'belowPassMark'; // 单项否决 / 低于合格分

export type IndicatorStatus = 'scored' | 'notApplicable' | 'vetoed';

export interface FindingResult {
  criterion: string;
  title: string;
  titleEn: string | null;
  count: number;
  /** Points deducted per occurrence. */
  perOccurrence: string;
  /** Deducted by this criterion after its own cap; null when a veto stopped the scoring. */
  deducted: string | null;
  /** The criterion's maxDeduction was reached. */
  capped: boolean;
}

export interface IndicatorResult {
  id: string;
  title: string;
  titleEn: string | null;
  confidence: Confidence;
  status: IndicatorStatus;
  /** The indicator's points for this target (with any points spread onto it). */
  max: string;
  /** Points spread onto this indicator from the not-applicable service indicator (spreadEvenly). */
  addedPoints: string | null;
  /** null unless scored */
  awarded: string | null;
  /** null unless scored; never more than `max` when the policy caps per indicator */
  deducted: string | null;
  /** The findings added up to more than the indicator's points and were capped (capPerIndicator). */
  capped: boolean;
  findings: FindingResult[];
}

export interface InspectionBreakdown {
  /** The deduction table's points (national: 100). */
  max: string;
  /** Points actually checked: 75 for a target without service functions under `scale`. */
  applicableMax: string;
  /** Sum of the indicators before scaling; null when vetoed. */
  awarded: string | null;
  treatment: 'none' | 'scale' | 'spreadEvenly';
  /** scale: the factor total ÷ applicableMax (4/3). */
  factor: Fraction | null;
  /** The deductions went below 0 and the score was held at 0 (only without capPerIndicator). */
  floored: boolean;
  indicators: IndicatorResult[];
}

export type InspectionScoreStatus = 'scored' | 'vetoed' | 'notScored';
export type InspectionBonusStatus = 'scored' | 'belowGate' | 'notEligible' | 'vetoed' | 'none';

export interface InspectionResult {
  kind: 'inspection';
  ruleSetId: string;
  ruleSetVersion: string;
  ruleSetTitle: string;
  targetKind: TargetKind;
  target: { name: string | null; isPortal: boolean; hasServiceFunctions: boolean };
  verdict: Verdict;
  reason: VerdictReason | null;
  /** Every veto with every clause, triggered or not. */
  vetoes: VetoResult[];
  /**
   * The deduction part after policy (scaling, rounding), as a decimal string; null when vetoed (unless the
   * policy records a score for vetoed targets) and when the rule set has no deduction table (new media).
   */
  score: string | null;
  /** scored; vetoed (no score, or the policy's recorded score); notScored: no deduction table. */
  scoreStatus: InspectionScoreStatus;
  /** The score is policy.vetoedScore recorded for a vetoed target (Zhaoqing: 59), not a computed one. */
  vetoedScoreApplied: boolean;
  passMark: string | null;
  /** null unless reached: score strictly above the gate and the target eligible. */
  bonus: string | null;
  bonusStatus: InspectionBonusStatus;
  bonusGate: string | null;
  /** score + bonus; null when there is no score. */
  total: string | null;
  breakdown: InspectionBreakdown | null;
  bonusBreakdown: BonusBreakdown | null;
  rounding: Rounding;
  /**
   * Readable lines (Chinese by default) a reviewer can read out. For a scored target they are built from the
   * result's own fields when first read (an enumerable own accessor: JSON, spread and structuredClone include
   * them like any field).
   */
  explanation: string[];
}

const inputKeys = ['ruleSet', 'target', 'measurements', 'findings', 'bonus', 'locale'] as const;

/**
 * Scores one website or new-media account at one monitoring point. Pure and synchronous; throws a
 * `ScoringInputError` listing every problem when the input does not fit the rule set.
 */
export function scoreInspection(input: ScoreInspectionInput): InspectionResult {
  if (paths.lean) {
    const common = scoreCommon(input);
    if (common !== null) return common;
  }
  const issues = new Issues();
  if (!isRecord(input)) {
    issues.add(
      '(root)',
      'invalidArgument',
      `expected { ruleSet, target, measurements, findings }; got ${describeValue(input)}`,
      `参数应为 { ruleSet, target, measurements, findings }；实际为 ${describeValue(input)}`,
    );
    issues.throwIfAny();
  }
  const raw = input as unknown as Record<string, unknown>;
  checkKnownKeys(raw, inputKeys, '', issues);
  const locale = readLocale(raw.locale, issues);
  const target = readTarget(raw.target, issues);
  const compiled = compileRuleSet(raw.ruleSet, 'inspection', issues);
  if (compiled === undefined) {
    issues.throwIfAny();
    throw new Error('unreachable');
  }
  const measured = readMeasurements(raw.measurements, compiled.measurements, true, issues);
  const deductionCriteria: ReadonlyMap<string, { indicator: CompiledIndicator }> =
    compiled.deductions?.criteria ?? emptyMap;
  const findings = readOccurrences(raw.findings, 'findings', deductionCriteria, issues, {
    en: 'deduction',
    zh: '扣分',
  });
  const bonusCriteria = compiled.bonus?.criteria ?? emptyMap;
  const bonus =
    raw.bonus === undefined
      ? []
      : readOccurrences(raw.bonus, 'bonus', bonusCriteria, issues, { en: 'bonus', zh: '加分' });
  const service = compiled.service;
  if (target !== undefined && !target.hasServiceFunctions && service !== null) {
    for (const finding of findings) {
      if (deductionCriteria.get(finding.criterion)?.indicator === service.indicator) {
        issues.add(
          `findings[${finding.index}].criterion`,
          'notApplicable',
          `"${finding.criterion}" belongs to ${service.indicator.indicator.titleEn ?? service.indicator.indicator.title}, which is not checked for a target without service functions`,
          `“${finding.criterion}”属于${service.indicator.indicator.title}，无对外服务功能的对象不检查该指标`,
        );
      }
    }
  }
  issues.throwIfAny();
  const vetoes = evaluateVetoes(compiled.vetoes, measured);
  return decide(compiled, target!, vetoes, measured, findings, bonus, locale);
}

function decide(
  compiled: CompiledInspection,
  target: InspectionTarget,
  vetoes: VetoResult[],
  measured: ReturnType<typeof readMeasurements>,
  findings: readonly ReadOccurrence[],
  bonus: readonly Occurrence[],
  locale: Locale,
): InspectionResult {
  if (paths.lean) {
    // new media under the national rules: no deduction table, the vetoes alone decide
    if (compiled.deductions === null) return judgedOnVetoes(compiled, target, vetoes, locale);
    if (anyTriggered(vetoes)) return vetoedLean(compiled, target, vetoes, measured, findings, bonus, locale);
    const lean = scoreLean(compiled, target, vetoes, measured, findings, bonus, locale);
    if (lean !== null) return lean;
  }
  return score(compiled, target, measured, findings, bonus, locale, vetoes);
}

// --- the common input --------------------------------------------------------------------------------------
// Most inputs are plain objects with known keys and values in their usual form. They are read by code generated
// for their rule set (generated.ts) and by the checks below, which accept only what the generic reading above
// accepts, with the same values; anything else (including every input with a problem) takes the generic
// reading, which reports every problem. Tests compare the two on generated inputs.

const objectPrototype = Object.prototype;
/** issues of the occurrence lists read here: any means the generic reading takes over (and reports them) */
const commonIssues = new Issues();

function scoreCommon(input: unknown): InspectionResult | null {
  if (!isPlainObject(input)) return null;
  for (const key in input) {
    if (!hasOwn.call(input, key)) return null;
    switch (key) {
      case 'ruleSet':
      case 'target':
      case 'measurements':
      case 'findings':
      case 'bonus':
      case 'locale':
        continue;
      default:
        return null;
    }
  }
  const compiled = cachedInspection(input.ruleSet);
  if (compiled === undefined || compiled.fast === null) return null;
  const rawLocale = input.locale;
  const locale: Locale | null =
    rawLocale === undefined || rawLocale === 'zh' ? 'zh' : rawLocale === 'en' ? 'en' : null;
  const target = commonTarget(input.target);
  if (locale === null || target === null) return null;
  // each kind of rule set in its own function: its own type feedback (the occurrence lists and the generated
  // readers of one kind never send the other's optimised code back to the interpreter), and smaller functions
  // for the optimising compiler
  return compiled.deductions === null
    ? commonVetoesOnly(input, compiled, target, locale)
    : commonScored(input, compiled, target, locale);
}

/** A rule set without a deduction table (new media under the national rules): no finding or bonus is known. */
function commonVetoesOnly(
  input: Record<string, unknown>,
  compiled: CompiledInspection,
  target: InspectionTarget,
  locale: Locale,
): InspectionResult | null {
  const measured = compiled.fast!.readMeasurements(input.measurements);
  if (measured === undefined) return null;
  // any finding or bonus entry names an unknown criterion (or is malformed): reported generically
  const { findings, bonus } = input;
  if (!Array.isArray(findings) || findings.length !== 0) return null;
  if (bonus !== undefined && (!Array.isArray(bonus) || bonus.length !== 0)) return null;
  return decide(compiled, target, compiled.fast!.evaluateVetoes(measured), measured, none, none, locale);
}

function commonScored(
  input: Record<string, unknown>,
  compiled: CompiledInspection,
  target: InspectionTarget,
  locale: Locale,
): InspectionResult | null {
  const measured = compiled.fast!.readMeasurements(input.measurements);
  if (measured === undefined) return null;
  const findings = commonOccurrences(input.findings, 'findings', compiled.deductions?.criteria);
  const bonus =
    input.bonus === undefined ? [] : commonOccurrences(input.bonus, 'bonus', compiled.bonus?.criteria);
  if (findings === null || bonus === null) return null;
  const service = compiled.service;
  if (!target.hasServiceFunctions && service !== null) {
    // a finding on the service indicator of a target without service functions is a problem: reported generically
    const criteria = compiled.deductions!.criteria;
    for (const finding of findings)
      if (criteria.get(finding.criterion)?.indicator === service.indicator) return null;
  }
  const vetoes = compiled.fast!.evaluateVetoes(measured);
  return decide(compiled, target, vetoes, measured, findings, bonus, locale);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === objectPrototype;
}

function commonTarget(raw: unknown): InspectionTarget | null {
  if (!isPlainObject(raw)) return null;
  for (const key in raw) {
    if (!hasOwn.call(raw, key)) return null;
    if (key !== 'isPortal' && key !== 'hasServiceFunctions' && key !== 'name') return null;
  }
  const { isPortal, hasServiceFunctions, name } = raw;
  return typeof isPortal === 'boolean' &&
    typeof hasServiceFunctions === 'boolean' &&
    (name === undefined || typeof name === 'string')
    ? (raw as unknown as InspectionTarget)
    : null;
}

function commonOccurrences(
  raw: unknown,
  path: 'findings' | 'bonus',
  known: ReadonlyMap<string, unknown> | undefined,
): ReadOccurrence[] | null {
  if (Array.isArray(raw) && raw.length === 0) return [];
  // emptied first too: a getter that threw in an earlier input must not leave its issues behind
  commonIssues.list.length = 0;
  const read = readOccurrences(raw, path, known ?? emptyMap, commonIssues, noWords);
  if (commonIssues.list.length === 0) return read;
  commonIssues.list.length = 0;
  return null;
}

const noWords = { en: '', zh: '' };

const none: readonly ReadOccurrence[] = Object.freeze([]);

const emptyMap: ReadonlyMap<string, never> = new Map<string, never>();

const targetKeys = ['isPortal', 'hasServiceFunctions', 'name'] as const;
const targetFlags = ['isPortal', 'hasServiceFunctions'] as const;

function readTarget(raw: unknown, issues: Issues): InspectionTarget | undefined {
  if (!isRecord(raw)) {
    issues.add(
      'target',
      'invalidArgument',
      `target must be { isPortal, hasServiceFunctions }; got ${describeValue(raw)}`,
      `target 必须是 { isPortal, hasServiceFunctions }；实际为 ${describeValue(raw)}`,
    );
    return undefined;
  }
  checkKnownKeys(raw, targetKeys, 'target', issues);
  let ok = true;
  for (const key of targetFlags) {
    if (typeof raw[key] !== 'boolean') {
      issues.add(
        `target.${key}`,
        'wrongType',
        `must be true or false; got ${describeValue(raw[key])}`,
        `必须是 true 或 false；实际为 ${describeValue(raw[key])}`,
      );
      ok = false;
    }
  }
  if (raw.name !== undefined && typeof raw.name !== 'string') {
    issues.add(
      'target.name',
      'wrongType',
      `must be a string; got ${describeValue(raw.name)}`,
      `必须是字符串；实际为 ${describeValue(raw.name)}`,
    );
    ok = false;
  }
  return ok ? (raw as unknown as InspectionTarget) : undefined;
}

function score(
  compiled: CompiledInspection,
  target: InspectionTarget,
  measured: ReturnType<typeof readMeasurements>,
  findings: readonly Occurrence[],
  bonusFound: readonly Occurrence[],
  locale: Locale,
  vetoes: VetoResult[],
  /** false: the parts only (a lean result's breakdowns), without the explanation */
  explain = true,
): InspectionResult {
  const { ruleSet, rounder, deductions, service } = compiled;
  const { policy } = ruleSet;
  const vetoed = anyTriggered(vetoes);
  const serviceLeftOut = service !== null && !target.hasServiceFunctions ? service : null;

  // plain literals throughout: `{ ...spread, more }` is slow on the hot path
  let outcome: Outcome;
  let scaled: Decimal | null = null; // the score before rounding, for the explanation
  if (vetoed) {
    const recorded = compiled.vetoedScore === null ? null : text(compiled.vetoedScore);
    outcome = {
      verdict: 'unqualified',
      reason: 'veto',
      score: recorded,
      scoreStatus: 'vetoed',
      vetoedScoreApplied: recorded !== null,
      bonus: null,
      bonusStatus: compiled.bonus === null ? 'none' : 'vetoed',
      total: recorded,
      breakdown: deductions === null ? null : vetoedBreakdown(compiled, findings, serviceLeftOut !== null),
      bonusBreakdown: null,
    };
  } else if (deductions === null) {
    // new media under the national rules: the verdict comes from the vetoes alone
    outcome = {
      verdict: 'qualified',
      reason: null,
      score: null,
      scoreStatus: 'notScored',
      vetoedScoreApplied: false,
      bonus: null,
      bonusStatus: 'none',
      total: null,
      breakdown: null,
      bonusBreakdown: null,
    };
  } else {
    const counts = countByCriterion(findings);
    const variant = serviceLeftOut === null ? compiled.variants!.all : compiled.variants!.withoutService!;
    const { treatment } = variant;
    // whole units when the rule set allows (exact, no Decimal); Decimal otherwise or when a count is huge
    const tally =
      (compiled.unitScale !== null && treatment !== 'spreadEvenly'
        ? tallyInUnits(compiled, variant, serviceLeftOut, counts)
        : null) ?? tallyExact(compiled, variant, serviceLeftOut, counts);
    let scoreText = variant.full.scoreText;
    let rawText = variant.full.rawText;
    let passed = variant.full.passed;
    let aboveGate = variant.full.aboveGate;
    let shownScore: Decimal | null = variant.full.score;
    scaled = variant.full.scaled;
    if (tally.anyDeducted) {
      if (tally.rawUnits !== null && treatment === 'none') {
        // no scaling and no rounding to do: the units are the score
        rawText = scoreText = unitsText(tally.rawUnits, compiled.unitScale!);
        passed = tally.rawUnits >= compiled.passMarkUnits!;
        aboveGate = compiled.bonusGateUnits !== null && tally.rawUnits > compiled.bonusGateUnits;
        shownScore = null;
        scaled = null;
      } else {
        const raw = tally.raw ?? new Decimal(unitsText(tally.rawUnits!, compiled.unitScale!));
        rawText = text(rounder.shown(raw));
        const finished = finishScore(raw, variant, deductions.points, rounder);
        scaled = finished.scaled;
        shownScore = finished.shown;
        scoreText = text(shownScore);
        passed = shownScore.gte(compiled.passMark!);
        aboveGate = compiled.bonusGate !== null && shownScore.gt(compiled.bonusGate);
      }
    }

    let bonusText: string | null = null;
    let totalText = scoreText;
    let bonusStatus: InspectionBonusStatus = 'none';
    let bonusBreakdown: BonusBreakdown | null = null;
    if (compiled.bonus !== null) {
      const eligible = policy.bonusFor === 'all' || target.isPortal;
      if (!eligible) bonusStatus = 'notEligible';
      else if (!aboveGate) bonusStatus = 'belowGate';
      else {
        const scored = scoreBonus(compiled.bonus, bonusFound, rounder);
        bonusText = text(scored.value);
        totalText = text((shownScore ?? new Decimal(scoreText)).plus(scored.value));
        bonusBreakdown = scored.breakdown;
        bonusStatus = 'scored';
      }
    }
    outcome = {
      verdict: passed ? 'qualified' : 'unqualified',
      reason: passed ? null : 'belowPassMark',
      score: scoreText,
      scoreStatus: 'scored',
      vetoedScoreApplied: false,
      bonus: bonusText,
      bonusStatus,
      total: totalText,
      breakdown: {
        max: compiled.deductionsMaxText!,
        applicableMax: variant.applicableMaxText,
        awarded: rawText,
        treatment,
        factor: treatment === 'scale' ? serviceLeftOut!.factorFraction : null,
        floored: tally.floored,
        indicators: tally.indicators,
      },
      bonusBreakdown,
    };
  }
  const result: Omit<InspectionResult, 'explanation'> = {
    kind: 'inspection',
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    ruleSetTitle: ruleSet.title,
    targetKind: ruleSet.targetKind,
    target: {
      name: target.name ?? null,
      isPortal: target.isPortal,
      hasServiceFunctions: target.hasServiceFunctions,
    },
    verdict: outcome.verdict,
    reason: outcome.reason,
    vetoes,
    score: outcome.score,
    scoreStatus: outcome.scoreStatus,
    vetoedScoreApplied: outcome.vetoedScoreApplied,
    passMark: policy.passMark,
    bonus: outcome.bonus,
    bonusStatus: outcome.bonusStatus,
    bonusGate: policy.bonusGate?.above ?? null,
    total: outcome.total,
    breakdown: outcome.breakdown,
    bonusBreakdown: outcome.bonusBreakdown,
    rounding: policy.rounding,
  };
  if (!explain) return result as InspectionResult;
  if (vetoed || outcome.breakdown === null) {
    // a few shared lines (a vetoed or unscored target): built now, a plain field
    const built = result as InspectionResult;
    built.explanation = explainInspection(result, compiled, locale, scaled);
    return built;
  }
  // a line per indicator with deductions: built when first read (see explainOnRead)
  return explainOnRead(result as InspectionResult, () => explainInspection(result, compiled, locale, scaled));
}

// --- the lean path -----------------------------------------------------------------------------------------
// A scored target (no veto, a deduction table in whole units, not spread evenly): the score in integers, then a
// result whose breakdown, bonus breakdown and explanation are built on first read (lazy.ts). The breakdown comes
// from the full path (score above), so the two cannot differ; tests compare whole results of both paths.

/** per indicator position: the units deducted (scratch, reset after each target) */
const deductedByIndicator: number[] = [];

/** The result on the lean path; null when the target needs the full path. */
function scoreLean(
  compiled: CompiledInspection,
  target: InspectionTarget,
  vetoes: VetoResult[],
  measured: ReturnType<typeof readMeasurements>,
  findings: readonly ReadOccurrence[],
  bonusFound: readonly Occurrence[],
  locale: Locale,
): InspectionResult | null {
  // decide() has found no veto triggered
  const { deductions, service, unitScale, lean: plan } = compiled;
  if (deductions === null || unitScale === null || plan === null || plan.passMark === null) return null;
  const { mode } = compiled.ruleSet.policy.rounding;
  const serviceLeftOut = service !== null && !target.hasServiceFunctions ? service : null;
  const variant = serviceLeftOut === null ? compiled.variants!.all : compiled.variants!.withoutService!;
  const { treatment } = variant;
  if (treatment === 'spreadEvenly' || variant.applicableMaxUnits === null) return null;
  const { indicators } = deductions;

  // each criterion's occurrences added up (a criterion may be listed more than once), capped, by indicator
  let anyFound = false;
  for (let i = 0; i < findings.length; i += 1) {
    const { criterion } = findings[i]!;
    let seenBefore = false;
    for (let j = 0; j < i; j += 1) if (findings[j]!.criterion === criterion) seenBefore = true;
    if (seenBefore) continue;
    let count = findings[i]!.count;
    for (let j = i + 1; j < findings.length; j += 1)
      if (findings[j]!.criterion === criterion) count += findings[j]!.count;
    const entry = deductions.criteria.get(criterion)!;
    const units = entry.compiled.units!;
    let amount = units.deduct * count;
    if (units.max !== null && amount > units.max) amount = units.max;
    else if (!Number.isSafeInteger(amount)) return resetScratch(indicators.length);
    const at = entry.indicator.index;
    deductedByIndicator[at] = (deductedByIndicator[at] ?? 0) + amount;
    anyFound = true;
  }
  let deductedSum = 0;
  let anyDeducted = false;
  if (anyFound) {
    const capPerIndicator = compiled.ruleSet.policy.capPerIndicator;
    for (let at = 0; at < indicators.length; at += 1) {
      let deducted = deductedByIndicator[at] ?? 0;
      deductedByIndicator[at] = 0;
      if (serviceLeftOut !== null && indicators[at] === serviceLeftOut.indicator) continue;
      if (!Number.isSafeInteger(deducted)) return resetScratch(indicators.length);
      if (deducted === 0) continue;
      anyDeducted = true;
      const max = indicators[at]!.pointsUnits;
      if (capPerIndicator && deducted > max) deducted = max;
      deductedSum += deducted;
    }
  }
  let rawUnits = variant.applicableMaxUnits - deductedSum;
  if (!Number.isSafeInteger(rawUnits)) return null;
  if (rawUnits < 0) rawUnits = 0;

  // the score as whole units at the rounding's places: exact, rounded by the rule set's mode when scaled
  const { places, factor } = plan;
  let scoreUnits: number | null;
  if (!anyDeducted) scoreUnits = variant.fullUnits;
  else if (treatment === 'none') scoreUnits = rawUnits * factor;
  else scoreUnits = divideRounded(rawUnits * factor * plan.totalUnits, variant.applicableMaxUnits, mode);
  if (scoreUnits === null || !Number.isSafeInteger(scoreUnits)) return null;
  const passed = scoreUnits >= plan.passMark;
  const aboveGate = plan.bonusGate !== null && scoreUnits > plan.bonusGate;
  const { ruleSet } = compiled;
  const { policy } = ruleSet;
  let bonusUnits: number | null = null;
  let bonusStatus: InspectionBonusStatus = 'none';
  if (compiled.bonus !== null) {
    if (!(policy.bonusFor === 'all' || target.isPortal)) bonusStatus = 'notEligible';
    else if (!aboveGate) bonusStatus = 'belowGate';
    else {
      bonusUnits = bonusInUnits(plan.bonus!, bonusFound);
      if (bonusUnits === null) return null;
      bonusStatus = 'scored';
    }
  }
  const scoreText = unitsText(scoreUnits, places);
  const totalUnits = bonusUnits === null ? scoreUnits : scoreUnits + bonusUnits * factor;
  if (!Number.isSafeInteger(totalUnits)) return null;
  const result = {
    kind: 'inspection',
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    ruleSetTitle: ruleSet.title,
    targetKind: ruleSet.targetKind,
    target: {
      name: target.name ?? null,
      isPortal: target.isPortal,
      hasServiceFunctions: target.hasServiceFunctions,
    },
    verdict: passed ? 'qualified' : 'unqualified',
    reason: passed ? null : 'belowPassMark',
    vetoes,
    score: scoreText,
    scoreStatus: 'scored',
    vetoedScoreApplied: false,
    passMark: policy.passMark,
    bonus: bonusUnits === null ? null : unitsText(bonusUnits, unitScale),
    bonusStatus,
    bonusGate: policy.bonusGate?.above ?? null,
    total: unitsText(totalUnits, places),
  } as Omit<InspectionResult, 'breakdown' | 'bonusBreakdown' | 'rounding' | 'explanation'>;
  stampLazy(
    result,
    new LeanInspection(
      result as InspectionResult,
      compiled,
      ownTarget(target),
      vetoes,
      measured,
      findings,
      bonusFound,
      locale,
      variant,
      anyDeducted ? rawUnits : null,
    ),
  );
  // one definition at a time: about half the cost of Object.defineProperties with a descriptor map (measured)
  const built = Object.defineProperty(result, 'breakdown', breakdownField) as InspectionResult;
  // no bonus scored: no bonus breakdown (as score() gives it), a plain field
  if (bonusStatus === 'scored') Object.defineProperty(built, 'bonusBreakdown', bonusBreakdownField);
  else built.bonusBreakdown = null;
  built.rounding = policy.rounding;
  return Object.defineProperty(built, 'explanation', explanationField);
}

const breakdownField = lazyField('breakdown');
const bonusBreakdownField = lazyField('bonusBreakdown');
const explanationField = lazyField('explanation');

/** A vetoed target with a deduction table: the breakdown (findings listed, nothing deducted) on first read. */
function vetoedLean(
  compiled: CompiledInspection,
  target: InspectionTarget,
  vetoes: VetoResult[],
  measured: ReturnType<typeof readMeasurements>,
  findings: readonly ReadOccurrence[],
  bonusFound: readonly Occurrence[],
  locale: Locale,
): InspectionResult {
  const { ruleSet } = compiled;
  const { policy } = ruleSet;
  const recorded = compiled.vetoedScore === null ? null : text(compiled.vetoedScore);
  const result = {
    kind: 'inspection',
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    ruleSetTitle: ruleSet.title,
    targetKind: ruleSet.targetKind,
    target: {
      name: target.name ?? null,
      isPortal: target.isPortal,
      hasServiceFunctions: target.hasServiceFunctions,
    },
    verdict: 'unqualified',
    reason: 'veto',
    vetoes,
    score: recorded,
    scoreStatus: 'vetoed',
    vetoedScoreApplied: recorded !== null,
    passMark: policy.passMark,
    bonus: null,
    bonusStatus: compiled.bonus === null ? 'none' : 'vetoed',
    bonusGate: policy.bonusGate?.above ?? null,
    total: recorded,
  } as Omit<InspectionResult, 'breakdown' | 'bonusBreakdown' | 'rounding' | 'explanation'>;
  const variant = compiled.variants!.all;
  stampLazy(
    result,
    new LeanInspection(
      result as InspectionResult,
      compiled,
      ownTarget(target),
      vetoes,
      measured,
      findings,
      bonusFound,
      locale,
      variant,
      null,
    ),
  );
  const built = Object.defineProperty(result, 'breakdown', breakdownField) as InspectionResult;
  built.bonusBreakdown = null;
  built.rounding = policy.rounding;
  // the veto lines (they never read the breakdown), on first read like the breakdown
  return Object.defineProperty(built, 'explanation', explanationField);
}

/** No deduction table (new media under the national rules): the vetoes alone decide, as in score(). */
function judgedOnVetoes(
  compiled: CompiledInspection,
  target: InspectionTarget,
  vetoes: VetoResult[],
  locale: Locale,
): InspectionResult {
  const { ruleSet } = compiled;
  const { policy } = ruleSet;
  const vetoed = anyTriggered(vetoes);
  const name = target.name ?? null;
  if (!vetoed) {
    // the common case, a target that passed every veto: its lines are shared (below) but for the name at the
    // head of the first, and once they are, the result is one literal with every field (no field added
    // afterwards: no property store to grow; no accessor to define)
    const shared = qualifiedLines.get(compiled)?.[locale];
    if (shared !== undefined) {
      return {
        kind: 'inspection',
        ruleSetId: ruleSet.id,
        ruleSetVersion: ruleSet.version,
        ruleSetTitle: ruleSet.title,
        targetKind: ruleSet.targetKind,
        target: { name, isPortal: target.isPortal, hasServiceFunctions: target.hasServiceFunctions },
        verdict: 'qualified',
        reason: null,
        vetoes,
        score: null,
        scoreStatus: 'notScored',
        vetoedScoreApplied: false,
        passMark: policy.passMark,
        bonus: null,
        bonusStatus: 'none',
        bonusGate: policy.bonusGate?.above ?? null,
        total: null,
        breakdown: null,
        bonusBreakdown: null,
        rounding: policy.rounding,
        explanation: name === null ? shared.lines : namedLines(shared, name),
      };
    }
  }
  const recorded = vetoed && compiled.vetoedScore !== null ? text(compiled.vetoedScore) : null;
  const result: Omit<InspectionResult, 'explanation'> = {
    kind: 'inspection',
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    ruleSetTitle: ruleSet.title,
    targetKind: ruleSet.targetKind,
    target: { name, isPortal: target.isPortal, hasServiceFunctions: target.hasServiceFunctions },
    verdict: vetoed ? 'unqualified' : 'qualified',
    reason: vetoed ? 'veto' : null,
    vetoes,
    score: recorded,
    scoreStatus: vetoed ? 'vetoed' : 'notScored',
    vetoedScoreApplied: recorded !== null,
    passMark: policy.passMark,
    bonus: null,
    bonusStatus: vetoed && compiled.bonus !== null ? 'vetoed' : 'none',
    bonusGate: policy.bonusGate?.above ?? null,
    total: recorded,
    breakdown: null,
    bonusBreakdown: null,
    rounding: policy.rounding,
  };
  if (vetoed) {
    // the veto lines: built on first read (most callers read only the verdict)
    return explainOnRead(result as InspectionResult, () => explainInspection(result, compiled, locale, null));
  }
  // the first target of its rule set and locale that passed every veto: the lines of an unnamed one, shared
  let byLocale = qualifiedLines.get(compiled);
  if (byLocale === undefined) qualifiedLines.set(compiled, (byLocale = {}));
  const unnamed = name === null ? result : { ...result, target: { ...result.target, name: null } };
  const lines = explainInspection(unnamed, compiled, locale, null);
  const shared = (byLocale[locale] = {
    lines: Object.freeze(lines.slice()) as string[],
    template: lines,
    afterName: headerAfterName(compiled, locale),
  });
  const built = result as InspectionResult;
  built.explanation = name === null ? shared.lines : namedLines(shared, name);
  return built;
}

/** The lines every target of a rule set that passed every veto gets (in one locale). */
interface QualifiedLines {
  /** an unnamed target's lines (frozen: every such result shares them) */
  lines: string[];
  /** the same lines, not frozen: copied for a named target (slice() is slow on a frozen array) */
  template: readonly string[];
  /** the first line after the target's name (explain.ts: headerAfterName) */
  afterName: string;
}

const qualifiedLines = new WeakMap<CompiledInspection, { zh?: QualifiedLines; en?: QualifiedLines }>();

/** A named target's own lines: the name joined to the shared rest of the first line, then the shared lines. */
function namedLines(shared: QualifiedLines, name: string): string[] {
  const lines = shared.template.slice();
  lines[0] = name + shared.afterName;
  return lines;
}

function resetScratch(length: number): null {
  for (let at = 0; at < length; at += 1) deductedByIndicator[at] = 0;
  return null;
}

/** A copy of what the full path reads of the target: the caller may change its own object afterwards. */
const ownTarget = ({ isPortal, hasServiceFunctions, name }: InspectionTarget): InspectionTarget => ({
  isPortal,
  hasServiceFunctions,
  name,
});

/** What a lean result needs to build its lazy fields. */
class LeanInspection {
  constructor(
    readonly result: InspectionResult,
    readonly compiled: CompiledInspection,
    readonly target: InspectionTarget,
    readonly vetoes: VetoResult[],
    readonly measured: ReturnType<typeof readMeasurements>,
    readonly findings: readonly ReadOccurrence[],
    readonly bonusFound: readonly Occurrence[],
    readonly locale: Locale,
    readonly variant: ScoringVariant,
    /** the deduction part in units at unitScale; null when nothing was deducted */
    readonly rawUnits: number | null,
  ) {}

  build(name: string): unknown {
    const { compiled, result, variant, rawUnits } = this;
    if (name === 'explanation') {
      // the score before rounding, as score() passes it: none when vetoed or when the units are the score
      const scaled =
        result.reason === 'veto'
          ? null
          : rawUnits === null
            ? variant.full.scaled
            : variant.treatment === 'none'
              ? null
              : finishScore(
                  new Decimal(unitsText(rawUnits, compiled.unitScale!)),
                  variant,
                  compiled.deductions!.points,
                  compiled.rounder,
                ).scaled;
      return explainInspection(result, compiled, this.locale, scaled);
    }
    // the breakdowns: the full path's, so that they cannot differ from it
    const { target, measured, findings, bonusFound, locale, vetoes } = this;
    this.parts ??= score(compiled, target, measured, findings, bonusFound, locale, vetoes, false);
    return name === 'breakdown' ? this.parts.breakdown : this.parts.bonusBreakdown;
  }

  /** the full path's result, without its explanation, once a breakdown is read */
  private parts: InspectionResult | undefined;

  /** kept by lazy.ts: the fields built so far */
  built: Record<string, unknown> | undefined = undefined;
}

/** The bonus in units at unitScale, as scoreBonus adds it up; null when a product leaves the safe integers. */
function bonusInUnits(plan: NonNullable<LeanPlan['bonus']>, found: readonly Occurrence[]): number | null {
  const byIndicator = bonusByIndicator;
  for (let at = 0; at < plan.indicators.length; at += 1) byIndicator[at] = 0;
  for (let i = 0; i < found.length; i += 1) {
    const { criterion } = found[i]!;
    let seenBefore = false;
    for (let j = 0; j < i; j += 1) if (found[j]!.criterion === criterion) seenBefore = true;
    if (seenBefore) continue;
    let count = found[i]!.count;
    for (let j = i + 1; j < found.length; j += 1)
      if (found[j]!.criterion === criterion) count += found[j]!.count;
    const { indicator, award, max } = plan.criteria.get(criterion)!;
    let value = award * count;
    if (max !== null && value > max) value = max;
    else if (!Number.isSafeInteger(value)) return null;
    byIndicator[indicator] = byIndicator[indicator]! + value;
  }
  let total = 0;
  for (let at = 0; at < plan.indicators.length; at += 1) {
    const awarded = byIndicator[at]!;
    if (!Number.isSafeInteger(awarded)) return null;
    total += Math.min(awarded, plan.indicators[at]!);
  }
  return Math.min(total, plan.points);
}

const bonusByIndicator: number[] = [];

type Outcome = Pick<
  InspectionResult,
  | 'verdict'
  | 'reason'
  | 'score'
  | 'scoreStatus'
  | 'vetoedScoreApplied'
  | 'bonus'
  | 'bonusStatus'
  | 'total'
  | 'breakdown'
  | 'bonusBreakdown'
>;

interface DeductionTally {
  indicators: IndicatorResult[];
  anyDeducted: boolean;
  floored: boolean;
  /** the sum of the indicators (held at 0): in whole units, or as a Decimal */
  rawUnits: number | null;
  raw: Decimal | null;
}

type ServiceLeftOut = CompiledInspection['service'];

/** Deductions in whole units; null when a product leaves the safe integers (then Decimal takes over). */
function tallyInUnits(
  compiled: CompiledInspection,
  variant: ScoringVariant,
  serviceLeftOut: ServiceLeftOut,
  counts: ReadonlyMap<string, number>,
): DeductionTally | null {
  const scale = compiled.unitScale!;
  const capPerIndicator = compiled.ruleSet.policy.capPerIndicator;
  const indicators: IndicatorResult[] = [];
  let deductedSum = 0;
  let anyDeducted = false;
  for (const compiledIndicator of compiled.deductions!.indicators) {
    const { plain } = compiledIndicator;
    if (serviceLeftOut !== null && compiledIndicator === serviceLeftOut.indicator) {
      indicators.push(
        indicatorNode(compiledIndicator, 'notApplicable', plain.maxText, null, null, null, false, []),
      );
      continue;
    }
    let deducted = 0;
    const rows: FindingResult[] = [];
    if (counts.size > 0) {
      for (const { criterion, deductText, units } of compiledIndicator.criteria) {
        const count = counts.get(criterion.id);
        if (count === undefined) continue;
        let amount = units!.deduct * count;
        const criterionCapped = units!.max !== null && amount > units!.max;
        if (criterionCapped) amount = units!.max!;
        else if (!Number.isSafeInteger(amount)) return null;
        deducted += amount;
        rows.push(findingRow(criterion, count, deductText, unitsText(amount, scale), criterionCapped));
      }
      if (!Number.isSafeInteger(deducted)) return null;
    }
    if (deducted === 0) {
      indicators.push(
        indicatorNode(compiledIndicator, 'scored', plain.maxText, null, plain.fullText, '0', false, rows),
      );
      continue;
    }
    anyDeducted = true;
    const max = compiledIndicator.pointsUnits;
    const capped = capPerIndicator && deducted > max;
    if (capped) deducted = max;
    deductedSum += deducted;
    const awarded = unitsText(max - deducted, scale);
    indicators.push(
      indicatorNode(
        compiledIndicator,
        'scored',
        plain.maxText,
        null,
        awarded,
        unitsText(deducted, scale),
        capped,
        rows,
      ),
    );
  }
  let rawUnits = variant.applicableMaxUnits! - deductedSum;
  if (!Number.isSafeInteger(rawUnits)) return null;
  const floored = rawUnits < 0;
  if (floored) rawUnits = 0;
  return { indicators, anyDeducted, floored, rawUnits, raw: null };
}

/** Deductions in Decimal: any rule set, leaf or total rounding, spread shares. */
function tallyExact(
  compiled: CompiledInspection,
  variant: ScoringVariant,
  serviceLeftOut: ServiceLeftOut,
  counts: ReadonlyMap<string, number>,
): DeductionTally {
  const { rounder } = compiled;
  const { policy } = compiled.ruleSet;
  const share = variant.treatment === 'spreadEvenly' ? serviceLeftOut!.share : null;
  const shareText = share !== null ? serviceLeftOut!.shareText : null;
  let lostSum = ZERO; // leaf points lost to deductions
  let deductedSum = ZERO;
  let anyDeducted = false;
  const indicators: IndicatorResult[] = [];
  for (const compiledIndicator of compiled.deductions!.indicators) {
    if (serviceLeftOut !== null && compiledIndicator === serviceLeftOut.indicator) {
      const { maxText } = compiledIndicator.plain;
      indicators.push(
        indicatorNode(compiledIndicator, 'notApplicable', maxText, null, null, null, false, []),
      );
      continue;
    }
    const limits = (share !== null ? compiledIndicator.spread : null) ?? compiledIndicator.plain;
    let deducted = ZERO;
    const rows: FindingResult[] = [];
    if (counts.size > 0) {
      for (const { criterion, deduct, deductText, maxDeduction } of compiledIndicator.criteria) {
        const count = counts.get(criterion.id);
        if (count === undefined) continue;
        let amount = deduct.times(count);
        const criterionCapped = maxDeduction !== null && amount.gt(maxDeduction);
        if (criterionCapped) amount = maxDeduction;
        deducted = deducted.plus(amount);
        rows.push(findingRow(criterion, count, deductText, text(amount), criterionCapped));
      }
    }
    if (deducted.isZero()) {
      // nothing deducted: the indicator keeps its points (precomputed)
      indicators.push(
        indicatorNode(
          compiledIndicator,
          'scored',
          limits.maxText,
          shareText,
          limits.fullText,
          '0',
          false,
          rows,
        ),
      );
      continue;
    }
    anyDeducted = true;
    const capped = policy.capPerIndicator && deducted.gt(limits.max);
    if (capped) deducted = limits.max;
    const awarded = rounder.leaf(limits.max.minus(deducted));
    lostSum = lostSum.plus(limits.full.minus(awarded));
    deductedSum = deductedSum.plus(deducted);
    const awardedText = text(rounder.shown(awarded));
    indicators.push(
      indicatorNode(
        compiledIndicator,
        'scored',
        limits.maxText,
        shareText,
        awardedText,
        text(deducted),
        capped,
        rows,
      ),
    );
  }
  // leaf: parents add the rounded leaves; total: exact (the maxima add up to applicableMax exactly)
  const { applicableMax } = variant;
  let raw =
    policy.rounding.stage === 'leaf' ? variant.fullLeafSum.minus(lostSum) : applicableMax.minus(deductedSum);
  if (raw.gt(applicableMax)) raw = applicableMax; // spread shares that were rounded up
  const floored = raw.isNegative();
  if (floored) raw = ZERO;
  return { indicators, anyDeducted, floored, rawUnits: null, raw };
}

function findingRow(
  criterion: CompiledIndicator['criteria'][number]['criterion'],
  count: number,
  perOccurrence: string,
  deducted: string | null,
  capped: boolean,
): FindingResult {
  return {
    criterion: criterion.id,
    title: criterion.title,
    titleEn: criterion.titleEn ?? null,
    count,
    perOccurrence,
    deducted,
    capped,
  };
}

function indicatorNode(
  compiled: CompiledIndicator,
  status: IndicatorStatus,
  max: string,
  addedPoints: string | null,
  awarded: string | null,
  deducted: string | null,
  capped: boolean,
  findings: FindingResult[],
): IndicatorResult {
  const { indicator } = compiled;
  return {
    id: indicator.id,
    title: indicator.title,
    titleEn: indicator.titleEn ?? null,
    confidence: indicator.provenance.confidence,
    status,
    max,
    addedPoints,
    awarded,
    deducted,
    capped,
    findings,
  };
}

/** A veto stops the scoring: the findings are listed, nothing is deducted. */
function vetoedBreakdown(
  compiled: CompiledInspection,
  findings: readonly Occurrence[],
  serviceLeftOut: boolean,
): InspectionBreakdown {
  const deductions = compiled.deductions!;
  const counts = countByCriterion(findings);
  const indicators = deductions.indicators.map((compiledIndicator) => {
    const rows: FindingResult[] = [];
    for (const { criterion, deductText } of compiledIndicator.criteria) {
      const count = counts.get(criterion.id);
      if (count !== undefined) rows.push(findingRow(criterion, count, deductText, null, false));
    }
    const notApplicable = serviceLeftOut && compiledIndicator === compiled.service?.indicator;
    return indicatorNode(
      compiledIndicator,
      notApplicable ? 'notApplicable' : 'vetoed',
      compiledIndicator.plain.maxText,
      null,
      null,
      null,
      false,
      rows,
    );
  });
  const treatment = serviceLeftOut ? compiled.service!.treatment : 'none';
  return {
    max: text(deductions.points),
    applicableMax: text(treatment === 'scale' ? compiled.service!.applicableMax : deductions.points),
    awarded: null,
    treatment,
    factor: treatment === 'scale' ? compiled.service!.factorFraction : null,
    floored: false,
    indicators,
  };
}
