import {
  RuleSetError,
  isValidatedRuleSet,
  parseRuleSet,
  type AssessmentRuleSet,
  type Band,
  type DeductionCriterion,
  type DeductionIndicator,
  type GradeBand,
  type InspectionRuleSet,
  type Item,
  type Area,
  type RuleSet,
  type SubItem,
} from '@kaohe/rules';
import { Decimal } from './decimal.js';
import { Issues, describeValue, keyPath } from './checks.js';
import { compileBonus, type CompiledBonus } from './bonus.js';
import {
  compileMeasurements,
  compileVetoes,
  type CompiledMeasurements,
  type CompiledVeto,
} from './conditions.js';
import {
  measurementReader,
  vetoEvaluator,
  type FastMeasurementReader,
  type FastVetoEvaluator,
} from './generated.js';
import { commonPlan, type CommonPlan } from './assessment-common.js';
import { ZERO, fraction, placesOf, rounder, text, toUnits, type Fraction, type Rounder } from './points.js';

// A rule set is validated and indexed once per object (WeakMap), so scoring many targets costs one parse; one
// that @kaohe/rules returned (parsed, extended or built in) was validated there and is not checked again.
// Rule sets are treated as immutable: change one by making a new object (e.g. with extendRuleSet).

export interface CompiledCriterion {
  criterion: DeductionCriterion;
  deduct: Decimal;
  deductText: string;
  maxDeduction: Decimal | null;
  /** deduct and maxDeduction in whole units (see CompiledInspection.unitScale); null without a unit plan */
  units: { deduct: number; max: number | null } | null;
}

/** An indicator's maximum for a target, precomputed with its display strings. */
export interface IndicatorMax {
  max: Decimal;
  maxText: string;
  /** max rounded as a leaf: what the indicator awards when nothing is found */
  full: Decimal;
  fullText: string;
}

export interface CompiledIndicator {
  indicator: DeductionIndicator;
  index: number;
  points: Decimal;
  /** points in whole units (0 without a unit plan) */
  pointsUnits: number;
  criteria: CompiledCriterion[];
  plain: IndicatorMax;
  /** With the service points spread onto it (spreadEvenly); null otherwise. */
  spread: IndicatorMax | null;
}

export interface CompiledInspection {
  kind: 'inspection';
  ruleSet: InspectionRuleSet;
  rounder: Rounder;
  measurements: CompiledMeasurements;
  vetoes: CompiledVeto[];
  deductions: {
    points: Decimal;
    indicators: CompiledIndicator[];
    /** criterion id → its indicator */
    criteria: Map<string, { compiled: CompiledCriterion; indicator: CompiledIndicator }>;
  } | null;
  /** How a target without service functions (办事服务) is scored; null when the rule set does not say. */
  service: {
    indicator: CompiledIndicator;
    treatment: 'scale' | 'spreadEvenly';
    /** The points scored when the service indicator is left out (national: 75). */
    applicableMax: Decimal;
    /** scale: total ÷ applicableMax (4/3). */
    factor: Decimal;
    factorFraction: Fraction;
    /** spreadEvenly: points added to each other indicator. */
    share: Decimal;
    shareText: string;
  } | null;
  /** How targets are scored: with all indicators, and without the service indicator (null: no such policy). */
  variants: { all: ScoringVariant; withoutService: ScoringVariant | null } | null;
  /** Deductions are whole numbers of 10^-unitScale points (see points.ts); null: use Decimal. */
  unitScale: number | null;
  deductionsMaxText: string | null;
  passMarkUnits: number | null;
  bonusGateUnits: number | null;
  bonus: CompiledBonus | null;
  passMark: Decimal | null;
  bonusGate: Decimal | null;
  vetoedScore: Decimal | null;
  /** Scores as whole units at the rounding's places (see inspection.ts, the lean path); null: not possible. */
  lean: LeanPlan | null;
  /** Code generated for this rule set's common input (generated.ts); null where it cannot be generated. */
  fast: { readMeasurements: FastMeasurementReader; evaluateVetoes: FastVetoEvaluator } | null;
}

/** Whole-unit values for the lean path: deductions and bonus at unitScale, scores at the rounding's places. */
export interface LeanPlan {
  places: number;
  /** 10^(places - unitScale): a value at unitScale times this is the same value at `places` */
  factor: number;
  /** the deduction table's points, at unitScale */
  totalUnits: number;
  /** at `places` */
  passMark: number | null;
  bonusGate: number | null;
  /** the bonus table at unitScale; null when the rule set has none */
  bonus: {
    points: number;
    /** indicator points by position */
    indicators: number[];
    criteria: Map<string, { indicator: number; award: number; max: number | null }>;
  } | null;
}

function leanPlan(ruleSet: InspectionRuleSet, unitScale: number | null): LeanPlan | null {
  const { policy, deductions, bonus } = ruleSet;
  const { places } = policy.rounding;
  if (unitScale === null || deductions === null || places > 12 || places < unitScale) return null;
  const totalUnits = toUnits(deductions.points, unitScale);
  const passMark = policy.passMark === null ? null : toUnits(policy.passMark, places);
  const bonusGate = policy.bonusGate === null ? null : toUnits(policy.bonusGate.above, places);
  if (totalUnits === null || (policy.passMark !== null && passMark === null)) return null;
  if (policy.bonusGate !== null && bonusGate === null) return null;
  let bonusPlan: LeanPlan['bonus'] = null;
  if (bonus !== null) {
    const points = toUnits(bonus.points, unitScale);
    const indicators: number[] = [];
    const criteria: NonNullable<LeanPlan['bonus']>['criteria'] = new Map();
    for (const [at, indicator] of bonus.indicators.entries()) {
      const indicatorPoints = toUnits(indicator.points, unitScale);
      if (indicatorPoints === null) return null;
      indicators.push(indicatorPoints);
      for (const criterion of indicator.criteria) {
        const award = toUnits(criterion.award, unitScale);
        const max = criterion.maxAward === undefined ? null : toUnits(criterion.maxAward, unitScale);
        if (award === null || (criterion.maxAward !== undefined && max === null)) return null;
        criteria.set(criterion.id, { indicator: at, award, max });
      }
    }
    if (points === null) return null;
    bonusPlan = { points, indicators, criteria };
  }
  return { places, factor: 10 ** (places - unitScale), totalUnits, passMark, bonusGate, bonus: bonusPlan };
}

export interface ScoringVariant {
  treatment: 'none' | 'scale' | 'spreadEvenly';
  /** The points checked (75 under scale). */
  applicableMax: Decimal;
  applicableMaxText: string;
  /** Sum of the indicators' full (leaf-rounded) points, before holding it to applicableMax. */
  fullLeafSum: Decimal;
  applicableMaxUnits: number | null;
  /** full.score in whole units at the rounding's places (the lean path); null when it does not fit */
  fullUnits: number | null;
  /** The result when nothing is deducted (the common case), precomputed. */
  full: {
    raw: Decimal;
    rawText: string;
    scaled: Decimal;
    score: Decimal;
    scoreText: string;
    passed: boolean;
    aboveGate: boolean;
  };
}

/** The raw sum of the indicators → the score before rounding (scaled under `scale`) and the reported score. */
export function finishScore(
  raw: Decimal,
  variant: ScoringVariant,
  total: Decimal,
  rounding: Rounder,
): { scaled: Decimal; shown: Decimal } {
  // multiply first: 45 × 100 ÷ 75 is exactly 60
  const scaled = variant.treatment === 'scale' ? raw.times(total).div(variant.applicableMax) : raw;
  return { scaled, shown: rounding.shown(scaled) };
}

function scoringVariant(
  treatment: ScoringVariant['treatment'],
  total: Decimal,
  indicators: CompiledIndicator[],
  service: CompiledIndicator | null,
  rounding: Rounder,
): ScoringVariant {
  const applicableMax = treatment === 'scale' ? total.minus(service!.points) : total;
  let fullLeafSum = ZERO;
  for (const indicator of indicators) {
    if (treatment !== 'none' && indicator === service) continue;
    fullLeafSum = fullLeafSum.plus(
      (treatment === 'spreadEvenly' ? indicator.spread : null)?.full ?? indicator.plain.full,
    );
  }
  const raw =
    rounding.rounding.stage === 'leaf' && fullLeafSum.lt(applicableMax) ? fullLeafSum : applicableMax;
  const variant: ScoringVariant = {
    treatment,
    applicableMax,
    applicableMaxText: text(applicableMax),
    fullLeafSum,
    applicableMaxUnits: null,
    fullUnits: null,
    full: {
      raw,
      rawText: text(rounding.shown(raw)),
      scaled: raw,
      score: raw,
      scoreText: '',
      passed: false,
      aboveGate: false,
    },
  };
  const { scaled, shown } = finishScore(raw, variant, total, rounding);
  variant.full.scaled = scaled;
  variant.full.score = shown;
  variant.full.scoreText = text(shown);
  return variant;
}

export interface CompiledBand {
  band: Band;
  atLeast: Decimal | null;
  below: Decimal | null;
  points: Decimal;
  /** the band's points as awarded (leaf-rounded) and shown */
  awardedText: string;
  /** awardedText in whole units at the leaf scale; null without one */
  awardedUnits: number | null;
  /** the bounds as canonical text (compared without arithmetic when bandsPlain); null when absent */
  atLeastText: string | null;
  belowText: string | null;
}

export interface CompiledSubItem {
  subItem: SubItem;
  /** subItem.id */
  id: string;
  /** position in rule-set order */
  index: number;
  /** `inputs.<id>`: where an issue with its input is reported */
  path: string;
  points: Decimal;
  pointsText: string;
  /** points in whole units at the leaf scale (CompiledAssessment.leafUnitScale); null without one */
  pointsUnits: number | null;
  /** the points as awarded in full (leaf-rounded) and shown */
  fullText: string;
  /** fullText in whole units at the leaf scale; null without one */
  fullUnits: number | null;
  /** deduct method: criterion id → criterion */
  criteria: Map<string, CompiledCriterion>;
  /** the same criteria in rule-set order (a read input's counts are by this position) */
  criteriaList: CompiledCriterion[];
  bands: CompiledBand[];
  /** no band bound is negative: a value ≥ 0 finds its band by comparing text */
  bandsPlain: boolean;
  /** bands method: the measure's unit; null otherwise */
  measureUnit: 'ratio' | 'score' | 'count' | 'number' | null;
  /** how its input is read in the common form (assessment-common.ts) */
  common: CommonPlan;
}

export interface CompiledAssessment {
  kind: 'assessment';
  ruleSet: AssessmentRuleSet;
  rounder: Rounder;
  total: Decimal;
  measurements: CompiledMeasurements;
  vetoes: CompiledVeto[];
  areas: {
    area: Area;
    points: Decimal;
    pointsText: string;
    items: { item: Item; points: Decimal; pointsText: string; subItems: CompiledSubItem[] }[];
  }[];
  subItems: Map<string, CompiledSubItem>;
  /** the sub-items in rule-set order */
  subItemList: CompiledSubItem[];
  bonus: CompiledBonus | null;
  passMark: Decimal;
  bonusGate: Decimal | null;
  /** highest first */
  grades: { grade: GradeBand; bound: Decimal; inclusive: boolean }[];
  /** Leaf rounding: awarded values are whole units at the rounding's places, summed as integers; else null. */
  leafUnitScale: number | null;
  /** The total, pass mark, bonus gate and grade bounds in those units (the lean path); null: not possible. */
  leanUnits: {
    total: number;
    passMark: number;
    bonusGate: number | null;
    grades: { grade: GradeBand; bound: number; inclusive: boolean }[];
  } | null;
  vetoedGrade: GradeBand;
  /** Code generated for this rule set's common measurements (generated.ts); null where it cannot be. */
  fast: { readMeasurements: FastMeasurementReader | null; evaluateVetoes: FastVetoEvaluator | null };
}

type Compiled = CompiledInspection | CompiledAssessment;

const cache = new WeakMap<
  object,
  Compiled | { invalid: { path: string; message: string; messageZh: string }[] }
>();

export function compileRuleSet<K extends Compiled['kind']>(
  raw: unknown,
  kind: K,
  issues: Issues,
): Extract<Compiled, { kind: K }> | undefined {
  if (raw === null || typeof raw !== 'object') {
    issues.add(
      'ruleSet',
      'invalidArgument',
      `ruleSet must be a rule-set object; got ${describeValue(raw)}`,
      `ruleSet 必须是规则集对象；实际为 ${describeValue(raw)}`,
    );
    return undefined;
  }
  let entry = cache.get(raw);
  if (entry === undefined) {
    entry = validate(raw);
    cache.set(raw, entry);
  }
  if ('invalid' in entry) {
    for (const problem of entry.invalid)
      issues.add(problem.path, 'invalidRuleSet', problem.message, problem.messageZh);
    return undefined;
  }
  if (entry.kind !== kind) {
    const other = entry.kind === 'inspection' ? 'scoreInspection' : 'scoreAssessment';
    issues.add(
      'ruleSet.kind',
      'wrongRuleSetKind',
      `"${entry.ruleSet.id}" is an ${entry.kind} rule set: score it with ${other}`,
      `“${entry.ruleSet.id}”是${entry.kind === 'inspection' ? '检查' : '考核'}规则集，应使用 ${other}`,
    );
    return undefined;
  }
  return entry as Extract<Compiled, { kind: K }>;
}

/** The compiled inspection rule set `raw`, when it is one and valid; undefined otherwise (nothing reported). */
export function cachedInspection(raw: unknown): CompiledInspection | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  let entry = cache.get(raw);
  if (entry === undefined) {
    entry = validate(raw);
    cache.set(raw, entry);
  }
  return 'invalid' in entry || entry.kind !== 'inspection' ? undefined : entry;
}

function validate(
  raw: object,
): Compiled | { invalid: { path: string; message: string; messageZh: string }[] } {
  // one that @kaohe/rules validated is deeply frozen, so still valid: it is compiled without checking it again
  if (isValidatedRuleSet(raw))
    return raw.kind === 'inspection' ? compileInspection(raw) : compileAssessment(raw);
  let ruleSet: RuleSet;
  try {
    ruleSet = parseRuleSet(raw);
  } catch (error) {
    if (error instanceof RuleSetError) {
      return {
        invalid: error.issues.map((issue) => ({
          path: issue.where === '(root)' ? 'ruleSet' : `ruleSet.${issue.where}`,
          message: issue.message,
          messageZh: issue.messageZh,
        })),
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return {
      invalid: [
        {
          path: 'ruleSet',
          message: `cannot read the rule set: ${message}`,
          messageZh: `无法读取规则集：${message}`,
        },
      ],
    };
  }
  return ruleSet.kind === 'inspection' ? compileInspection(ruleSet) : compileAssessment(ruleSet);
}

const compileCriterion = (criterion: DeductionCriterion, scale: number | null = null): CompiledCriterion => {
  const deduct = scale === null ? null : toUnits(criterion.deduct, scale);
  const max =
    scale === null || criterion.maxDeduction === undefined ? null : toUnits(criterion.maxDeduction, scale);
  return {
    criterion,
    deduct: new Decimal(criterion.deduct),
    deductText: text(new Decimal(criterion.deduct)),
    maxDeduction: criterion.maxDeduction === undefined ? null : new Decimal(criterion.maxDeduction),
    units: deduct === null ? null : { deduct, max },
  };
};

/**
 * The scale at which a rule set's points are whole numbers, when that scale leaves leaf rounding nothing to do
 * (at most the rounding's places); null otherwise (the rule set is then scored with Decimal throughout).
 */
function unitScaleOf(values: (string | undefined | null)[], rounding: { places: number }): number | null {
  let scale = 0;
  for (const value of values) if (typeof value === 'string') scale = Math.max(scale, placesOf(value));
  if (scale > rounding.places || scale > 6) return null;
  for (const value of values) if (typeof value === 'string' && toUnits(value, scale) === null) return null;
  return scale;
}

function compileInspection(ruleSet: InspectionRuleSet): CompiledInspection {
  const measurements = compileMeasurements(ruleSet.measurements, ruleSet.vetoes);
  const { policy } = ruleSet;
  let deductions: CompiledInspection['deductions'] = null;
  let service: CompiledInspection['service'] = null;
  let variants: CompiledInspection['variants'] = null;
  let unitScale: number | null = null;
  const rounding = rounder(policy.rounding);
  const indicatorMax = (max: Decimal): IndicatorMax => {
    const full = rounding.leaf(max);
    return { max, maxText: text(rounding.shown(max)), full, fullText: text(rounding.shown(full)) };
  };
  if (ruleSet.deductions !== null) {
    const criteria: NonNullable<CompiledInspection['deductions']>['criteria'] = new Map();
    const points = new Decimal(ruleSet.deductions.points);
    const without = policy.withoutServiceFunctions;
    const serviceDeclared = without && ruleSet.deductions.indicators.find((i) => i.id === without.indicator);
    const share =
      serviceDeclared && without.treatment === 'spreadEvenly' && ruleSet.deductions.indicators.length > 1
        ? new Decimal(serviceDeclared.points).div(ruleSet.deductions.indicators.length - 1)
        : ZERO;
    unitScale = unitScaleOf(
      [
        ruleSet.deductions.points,
        policy.passMark,
        policy.bonusGate?.above,
        ...ruleSet.deductions.indicators.flatMap((i) => [
          i.points,
          ...i.criteria.flatMap((c) => [c.deduct, c.maxDeduction]),
        ]),
      ],
      policy.rounding,
    );
    const scale = unitScale;
    const indicators = ruleSet.deductions.indicators.map((indicator, index) => {
      const indicatorPoints = new Decimal(indicator.points);
      const compiled: CompiledIndicator = {
        indicator,
        index,
        points: indicatorPoints,
        pointsUnits: scale === null ? 0 : toUnits(indicator.points, scale)!,
        criteria: indicator.criteria.map((criterion) => compileCriterion(criterion, scale)),
        plain: indicatorMax(indicatorPoints),
        spread: share.isZero() ? null : indicatorMax(indicatorPoints.plus(share)),
      };
      for (const c of compiled.criteria) criteria.set(c.criterion.id, { compiled: c, indicator: compiled });
      return compiled;
    });
    deductions = { points, indicators, criteria };
    const serviceIndicator = without && indicators.find((i) => i.indicator.id === without.indicator);
    if (without && serviceIndicator) {
      const applicableMax = points.minus(serviceIndicator.points);
      service = {
        indicator: serviceIndicator,
        treatment: without.treatment,
        applicableMax,
        factor: points.div(applicableMax),
        factorFraction: fraction(points, applicableMax),
        share,
        shareText: text(rounding.shown(share)),
      };
    }
    variants = {
      all: scoringVariant('none', points, indicators, null, rounding),
      withoutService:
        service && scoringVariant(service.treatment, points, indicators, service.indicator, rounding),
    };
    for (const variant of [variants.all, variants.withoutService]) {
      if (variant === null) continue;
      variant.applicableMaxUnits =
        unitScale === null ? null : toUnits(text(variant.applicableMax), unitScale);
      variant.fullUnits = toUnits(variant.full.scoreText, policy.rounding.places);
      variant.full.passed = policy.passMark !== null && variant.full.score.gte(policy.passMark);
      variant.full.aboveGate = policy.bonusGate !== null && variant.full.score.gt(policy.bonusGate.above);
    }
  }
  const vetoes = compileVetoes(ruleSet.vetoes, measurements);
  const readMeasurements = measurementReader(measurements);
  const evaluateVetoes = vetoEvaluator(vetoes);
  return Object.assign(blankInspection(), {
    kind: 'inspection',
    ruleSet,
    rounder: rounding,
    measurements,
    vetoes,
    deductions,
    service,
    variants,
    unitScale,
    deductionsMaxText: ruleSet.deductions === null ? null : text(new Decimal(ruleSet.deductions.points)),
    passMarkUnits:
      unitScale === null || policy.passMark === null ? null : toUnits(policy.passMark, unitScale),
    bonusGateUnits:
      unitScale === null || policy.bonusGate === null ? null : toUnits(policy.bonusGate.above, unitScale),
    bonus: ruleSet.bonus === null ? null : compileBonus(ruleSet.bonus),
    passMark: policy.passMark === null ? null : new Decimal(policy.passMark),
    bonusGate: policy.bonusGate === null ? null : new Decimal(policy.bonusGate.above),
    vetoedScore: policy.vetoedScore === null ? null : new Decimal(policy.vetoedScore),
    lean: leanPlan(ruleSet, unitScale),
    fast: readMeasurements === null || evaluateVetoes === null ? null : { readMeasurements, evaluateVetoes },
  } satisfies CompiledInspection);
}

/**
 * Every field null, to be filled in by compileInspection. Compiled inspections share one hidden class; were its
 * fields created with the first rule set's values, compiling another kind later (new media: no deduction table,
 * no units) would widen them under code already optimised against them, and the scorers would be sent back to the
 * interpreter and recompiled in the middle of a run. Filled in from null, every field is general from the start.
 */
function blankInspection(): CompiledInspection {
  // every field of CompiledInspection, checked: a field added there and not here is a type error
  const blank: { [K in keyof CompiledInspection]: K extends 'kind' ? 'inspection' : null } = {
    kind: 'inspection',
    ruleSet: null,
    rounder: null,
    measurements: null,
    vetoes: null,
    deductions: null,
    service: null,
    variants: null,
    unitScale: null,
    deductionsMaxText: null,
    passMarkUnits: null,
    bonusGateUnits: null,
    bonus: null,
    passMark: null,
    bonusGate: null,
    vetoedScore: null,
    lean: null,
    fast: null,
  };
  return blank as unknown as CompiledInspection;
}

function compileAssessment(ruleSet: AssessmentRuleSet): CompiledAssessment {
  const measurements = compileMeasurements(ruleSet.measurements, ruleSet.vetoes);
  const round = rounder(ruleSet.policy.rounding);
  const awardedText = (points: Decimal) => text(round.shown(round.leaf(points)));
  const { rounding } = ruleSet.policy;
  const leafUnitScale =
    rounding.stage === 'leaf' &&
    rounding.places <= 6 &&
    (toUnits(ruleSet.total, rounding.places) ?? Infinity) < 2 ** 40
      ? rounding.places
      : null;
  const units = (value: string) => (leafUnitScale === null ? null : toUnits(value, leafUnitScale));
  const boundText = (bound: string | undefined) => (bound === undefined ? null : text(new Decimal(bound)));
  const subItems = new Map<string, CompiledSubItem>();
  const areas = ruleSet.areas.map((area) => ({
    area,
    points: new Decimal(area.points),
    pointsText: text(new Decimal(area.points)),
    items: area.items.map((item) => ({
      item,
      points: new Decimal(item.points),
      pointsText: text(new Decimal(item.points)),
      subItems: item.subItems.map((subItem) => {
        const { method } = subItem;
        const criteriaList =
          method.kind === 'deduct' ? method.criteria.map((c) => compileCriterion(c, leafUnitScale)) : [];
        const compiled: CompiledSubItem = {
          subItem,
          id: subItem.id,
          index: subItems.size,
          path: keyPath('inputs', subItem.id),
          points: new Decimal(subItem.points),
          pointsText: text(new Decimal(subItem.points)),
          pointsUnits: units(text(new Decimal(subItem.points))),
          fullText: awardedText(new Decimal(subItem.points)),
          fullUnits: units(awardedText(new Decimal(subItem.points))),
          criteria: new Map(criteriaList.map((c) => [c.criterion.id, c] as const)),
          criteriaList,
          bands:
            method.kind === 'bands'
              ? method.bands.map((band) => ({
                  band,
                  atLeast: band.atLeast === undefined ? null : new Decimal(band.atLeast),
                  below: band.below === undefined ? null : new Decimal(band.below),
                  points: new Decimal(band.points),
                  awardedText: awardedText(new Decimal(band.points)),
                  awardedUnits: units(awardedText(new Decimal(band.points))),
                  atLeastText: boundText(band.atLeast),
                  belowText: boundText(band.below),
                }))
              : [],
          bandsPlain:
            method.kind !== 'bands' ||
            method.bands.every(
              (band) =>
                !(band.atLeast !== undefined && new Decimal(band.atLeast).isNegative()) &&
                !(band.below !== undefined && new Decimal(band.below).isNegative()),
            ),
          measureUnit: method.kind === 'bands' ? method.measure.unit : null,
          // set just below, from the fields above (here first, so that every compiled sub-item has one shape)
          common: undefined as unknown as CommonPlan,
        };
        compiled.common = commonPlan(compiled, leafUnitScale);
        subItems.set(subItem.id, compiled);
        return compiled;
      }),
    })),
  }));
  const { policy } = ruleSet;
  const grades = ruleSet.grades.map((grade) => ({
    grade,
    bound: new Decimal(grade.atLeast ?? grade.above ?? 0),
    inclusive: grade.atLeast !== undefined,
  }));
  const totalUnits = units(ruleSet.total);
  const passMarkUnits = units(policy.passMark);
  const bonusGateUnits = policy.bonusGate === null ? null : units(policy.bonusGate.above);
  const gradeUnits = grades.map(({ grade, bound, inclusive }) => ({
    grade,
    bound: units(text(bound)),
    inclusive,
  }));
  const leanUnits =
    totalUnits === null ||
    passMarkUnits === null ||
    (policy.bonusGate !== null && bonusGateUnits === null) ||
    gradeUnits.some((g) => g.bound === null)
      ? null
      : {
          total: totalUnits,
          passMark: passMarkUnits,
          bonusGate: bonusGateUnits,
          grades: gradeUnits as { grade: GradeBand; bound: number; inclusive: boolean }[],
        };
  const vetoes = compileVetoes(ruleSet.vetoes, measurements);
  return {
    kind: 'assessment',
    ruleSet,
    rounder: round,
    total: new Decimal(ruleSet.total),
    measurements,
    vetoes,
    areas,
    subItems,
    subItemList: [...subItems.values()],
    bonus: ruleSet.bonus === null ? null : compileBonus(ruleSet.bonus),
    passMark: new Decimal(policy.passMark),
    bonusGate: policy.bonusGate === null ? null : new Decimal(policy.bonusGate.above),
    grades,
    leafUnitScale,
    leanUnits,
    // validated: the vetoed grade is declared
    vetoedGrade: ruleSet.grades.find((grade) => grade.id === policy.vetoedGrade)!,
    fast: { readMeasurements: measurementReader(measurements), evaluateVetoes: vetoEvaluator(vetoes) },
  };
}
