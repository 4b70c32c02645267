import type { AssessmentRuleSet, Confidence, Rounding, SubItem } from '@kaohe/rules';
import { Decimal } from './decimal.js';
import {
  Issues,
  checkKnownKeys,
  describeValue,
  isRecord,
  keyPath,
  ownKeys,
  readCount,
  readDecimal,
  readLocale,
  type Locale,
} from './checks.js';
import { readOccurrences, scoreBonus, type BonusBreakdown, type Occurrence } from './bonus.js';
import { compileRuleSet, type CompiledAssessment, type CompiledSubItem } from './compile.js';
import {
  anyTriggered,
  compareCanonical,
  evaluateVetoes,
  listIds,
  plainDecimal,
  readMeasurements,
  type VetoResult,
} from './conditions.js';
import { explainAssessment, explainOnRead } from './explain.js';
import {
  ratioUnits,
  rescaledAway,
  commonReading,
  readCommonInputs,
  type CommonInputs,
  type ParsedEntry,
  type ParsedInput,
  type ParsedInputs,
  type SubItemReading,
} from './assessment-common.js';
import { lazyField, stampLazy } from './lazy.js';
import { paths } from './paths.js';
import type { FindingResult, MeasurementValue, Verdict, VerdictReason } from './inspection.js';
import {
  ZERO,
  divideRounded,
  fraction,
  text,
  toUnits,
  unitsText,
  type Fraction,
  type Rounder,
} from './points.js';

// Scoring one unit's annual assessment (年度考核): areas (方面) → items (分项) → sub-items (子项), each sub-item
// scored by its method from the unit's input. Missing inputs are awaited, never counted as 0; a vetoed unit has no
// total (not 0). Numbers are canonical decimal strings, rounded as inspection.ts describes.

/** The input of one sub-item, matching its scoring method; any may carry a `note`. */
export type SubItemInput =
  | { met: boolean; note?: string } // check
  | { counts: Readonly<Record<string, number>>; note?: string } // deduct: criterion id → occurrences
  | { value: string; note?: string } // bands (in the measure's unit; a ratio as "0.95") or ratio (a share in [0, 1])
  | { points: string; note?: string } // manual
  | { notApplicable: true; reason: string; note?: string };

export interface ScoreAssessmentInput {
  ruleSet: AssessmentRuleSet;
  /** sub-item id → input; a sub-item left out is awaiting input. */
  inputs: Readonly<Record<string, SubItemInput>>;
  /** For the vetoes: a flag left out counts as false; a missing numeric measurement leaves its veto undecided. */
  measurements?: Readonly<Record<string, MeasurementValue>>;
  bonus?: readonly Occurrence[];
  locale?: Locale;
}

export type NodeStatus = 'scored' | 'notApplicable' | 'awaitingInput' | 'vetoed';

export interface MatchedBand {
  atLeast: string | null;
  below: string | null;
  points: string;
  title: string | null;
}

export type SubItemDetail =
  | { kind: 'check'; met: boolean; requirement: string | null }
  | { kind: 'deduct'; deductions: FindingResult[]; deducted: string; floored: boolean }
  | {
      kind: 'bands';
      value: string;
      unit: 'ratio' | 'score' | 'count' | 'number';
      measure: string;
      measureEn: string | null;
      band: MatchedBand;
    }
  | { kind: 'ratio'; value: string; measure: string; measureEn: string | null }
  | { kind: 'manual'; points: string }
  | { kind: 'notApplicable'; reason: string; treatment: SubItem['whenNotApplicable'] };

export interface SubItemResult {
  id: string;
  title: string;
  titleEn: string | null;
  confidence: Confidence;
  method: SubItem['method']['kind'];
  status: NodeStatus;
  /** The sub-item's declared points. */
  max: string;
  /** null when awaiting input, vetoed, or rescaled away. */
  awarded: string | null;
  /** Not applicable under `rescale`: left out of the max, the total scaled up instead. */
  rescaled: boolean;
  /** What was entered and how it scored; null when awaiting input. */
  detail: SubItemDetail | null;
  note: string | null;
}

export interface ItemResult {
  id: string;
  title: string;
  titleEn: string | null;
  confidence: Confidence;
  status: NodeStatus;
  /** The points still in play (rescaled sub-items leave it). */
  max: string;
  /** Sum of the awarded sub-items (provisional while any awaits input); null when none is awarded. */
  awarded: string | null;
  subItems: SubItemResult[];
}

export interface AreaResult extends Omit<ItemResult, 'subItems'> {
  items: ItemResult[];
}

export type AssessmentBonusStatus = 'scored' | 'belowGate' | 'awaitingInput' | 'vetoed' | 'none';

export interface AssessmentResult {
  kind: 'assessment';
  ruleSetId: string;
  ruleSetVersion: string;
  ruleSetTitle: string;
  /** qualified / unqualified; null while incomplete. */
  verdict: Verdict | null;
  reason: VerdictReason | null;
  /** The grade (等次); policy.vetoedGrade when vetoed; null while incomplete. */
  grade: { id: string; title: string; titleEn: string | null } | null;
  /** Every input given and every veto decided (or a veto triggered, which decides alone). */
  complete: boolean;
  /** Ids of the sub-items awaiting input, in rule-set order. */
  awaitingInput: string[];
  /** Measurements that leave a veto undecided. */
  awaitingMeasurements: string[];
  /** The declared total (满分). */
  max: string;
  /** The areas' points after any rescaling, before the bonus; provisional while incomplete; null when vetoed. */
  score: string | null;
  /** What `score` would have been without the veto; null unless vetoed. */
  scoreWithoutVeto: string | null;
  passMark: string;
  bonus: string | null;
  bonusStatus: AssessmentBonusStatus;
  bonusGate: string | null;
  /** score + bonus; provisional while incomplete; null when vetoed. */
  total: string | null;
  /** Sub-items not applicable under `rescale`: the rest is scaled up to the declared total. */
  rescale: {
    subItems: string[];
    excluded: string;
    applicableMax: string;
    awarded: string;
    factor: Fraction;
  } | null;
  areas: AreaResult[];
  vetoes: VetoResult[];
  bonusBreakdown: BonusBreakdown | null;
  rounding: Rounding;
  /** Readable lines, built from the result's own fields when first read (see InspectionResult.explanation). */
  explanation: string[];
}

const inputKeys = ['ruleSet', 'inputs', 'measurements', 'bonus', 'locale'] as const;

/**
 * Scores one unit's annual assessment. Pure and synchronous; throws a `ScoringInputError` listing every
 * problem when an input does not fit the rule set.
 */
export function scoreAssessment(input: ScoreAssessmentInput): AssessmentResult {
  const issues = new Issues();
  if (!isRecord(input)) notAnInput(input, issues);
  const raw = input as unknown as Record<string, unknown>;
  checkKnownKeys(raw, inputKeys, '', issues);
  const locale = readLocale(raw.locale, issues);
  const compiled = compileRuleSet(raw.ruleSet, 'assessment', issues);
  if (compiled === undefined) {
    issues.throwIfAny();
    throw new Error('unreachable');
  }
  const { fast } = compiled;
  // the common form by the lean reader (adding up the awarded units); anything else by the generic reader
  const read = commonReading.enabled ? readCommonInputs(raw.inputs, compiled, subItemReading) : undefined;
  const parsed = read === undefined ? readInputs(raw.inputs, compiled, issues) : read.parsed;
  const measured =
    (fast.readMeasurements === null ? undefined : fast.readMeasurements(raw.measurements)) ??
    readMeasurements(raw.measurements, compiled.measurements, false, issues);
  const bonus =
    raw.bonus === undefined
      ? []
      : readOccurrences(raw.bonus, 'bonus', compiled.bonus?.criteria ?? new Map(), issues, {
          en: 'bonus',
          zh: '加分',
        });
  // something must be left to score once the rescaled sub-items are left out (the common reader lists them)
  if (nothingToScore(compiled, parsed, read)) {
    issues.add(
      'inputs',
      'nothingToScore',
      'every sub-item is not applicable and rescaled away: nothing is left to score',
      '所有子项均不适用并按比例折算，没有可评分的子项',
    );
  }
  issues.throwIfAny();
  if (paths.lean) {
    const units = read === undefined ? unitsOfParsed(compiled, parsed) : read.unitsKnown ? read : null;
    const lean = units === null ? null : scoreLean(compiled, parsed, measured, bonus, locale, units);
    if (lean !== null) return lean;
  }
  return score(compiled, parsed, measured, bonus, locale);
}

function notAnInput(input: unknown, issues: Issues): never {
  issues.add(
    '(root)',
    'invalidArgument',
    `expected { ruleSet, inputs }; got ${describeValue(input)}`,
    `参数应为 { ruleSet, inputs }；实际为 ${describeValue(input)}`,
  );
  issues.throwIfAny();
  throw new Error('unreachable');
}

/** Every point is rescaled away (the sub-items not applicable under rescale hold the whole total, or more). */
function nothingToScore(
  compiled: CompiledAssessment,
  parsed: ParsedInputs,
  read: CommonInputs | undefined,
): boolean {
  const plan = compiled.leanUnits;
  // the common reader has added up the rescaled points in whole units
  if (read !== undefined && read.unitsKnown && plan !== null)
    return read.rescaled === null ? plan.total <= 0 : read.excludedUnits >= plan.total;
  // points rescaled away, in Decimal only when there are some
  let rescaledPoints: Decimal | null = null;
  for (const sub of compiled.subItemList) {
    const entry = parsed[sub.index];
    if (entry?.input.kind === 'notApplicable' && sub.subItem.whenNotApplicable === 'rescale')
      rescaledPoints = (rescaledPoints ?? ZERO).plus(sub.points);
  }
  return rescaledPoints === null
    ? compiled.total.isZero() || compiled.total.isNegative()
    : rescaledPoints.gte(compiled.total);
}

/** The generic reading of one sub-item, for the common reader (an input with a problem: null). */
const subItemReading: SubItemReading = {
  entry(sub, raw) {
    const issues = new Issues();
    const entry = readSubItemInput(sub, raw, sub.path, issues);
    return entry === undefined || issues.list.length > 0 ? null : entry;
  },
  units: awardedUnits,
};

function readInputs(raw: unknown, compiled: CompiledAssessment, issues: Issues): ParsedInputs {
  const parsed: ParsedInputs = new Array<ParsedEntry | undefined>(compiled.subItems.size);
  if (!isRecord(raw)) {
    issues.add(
      'inputs',
      'invalidArgument',
      `inputs must be an object of sub-item id → input; got ${describeValue(raw)}`,
      `inputs 必须是“子项编号 → 填报值”的对象；实际为 ${describeValue(raw)}`,
    );
    return parsed;
  }
  for (const id of ownKeys(raw)) {
    const value = raw[id];
    if (value === undefined) continue;
    const sub = compiled.subItems.get(id);
    if (sub === undefined) {
      issues.add(
        keyPath('inputs', id),
        'unknownSubItem',
        `unknown sub-item "${id}"; the rule set has ${listIds([...compiled.subItems.keys()])}`,
        `未知子项“${id}”；规则集中的子项：${listIds([...compiled.subItems.keys()])}`,
      );
      continue;
    }
    const input = readSubItemInput(sub, value, sub.path, issues);
    if (input !== undefined) parsed[sub.index] = input;
  }
  return parsed;
}

const expectedShape: Record<SubItem['method']['kind'], { key: string; shape: string; zh: string }> = {
  check: { key: 'met', shape: '{ met: true | false }', zh: '达标检查' },
  deduct: { key: 'counts', shape: '{ counts: { <criterion id>: <count> } }', zh: '扣分' },
  bands: { key: 'value', shape: '{ value: "<decimal>" }', zh: '分档计分' },
  ratio: { key: 'value', shape: '{ value: "<share in [0, 1]>" }', zh: '按比例计分' },
  manual: { key: 'points', shape: '{ points: "<decimal>" }', zh: '评审打分' },
};

function readSubItemInput(
  sub: CompiledSubItem,
  raw: unknown,
  path: string,
  issues: Issues,
): { input: ParsedInput; note: string | null } | undefined {
  const { subItem } = sub;
  const method = subItem.method;
  const expected = expectedShape[method.kind];
  if (!isRecord(raw)) {
    shapeIssue(sub, path, describeValue(raw), issues);
    return undefined;
  }
  const count = issues.list.length;
  const note = raw.note;
  if (note !== undefined && typeof note !== 'string') {
    issues.add(
      `${path}.note`,
      'wrongType',
      `a note must be a string; got ${describeValue(note)}`,
      `备注必须是字符串；实际为 ${describeValue(note)}`,
    );
  }
  let input: ParsedInput | undefined;
  if ('notApplicable' in raw) {
    checkKnownKeys(raw, ['notApplicable', 'reason', 'note'], path, issues);
    if (raw.notApplicable !== true) {
      issues.add(
        `${path}.notApplicable`,
        'wrongType',
        `must be true; got ${describeValue(raw.notApplicable)} (leave the sub-item out while it awaits input)`,
        `只能为 true；实际为 ${describeValue(raw.notApplicable)}（待填报的子项请不要填写）`,
      );
    }
    if (typeof raw.reason !== 'string' || raw.reason.trim() === '') {
      issues.add(
        `${path}.reason`,
        'wrongShape',
        'a not-applicable sub-item needs a reason',
        '不适用的子项必须说明理由（reason）',
      );
    } else input = { kind: 'notApplicable', reason: raw.reason };
  } else if (!(expected.key in raw)) {
    const keys = ownKeys(raw);
    shapeIssue(
      sub,
      path,
      `an object with ${keys.length === 0 ? 'no keys' : `keys ${keys.join(', ')}`}`,
      issues,
    );
    return undefined;
  } else {
    checkKnownKeys(raw, [expected.key, 'note'], path, issues);
    const at = `${path}.${expected.key}`;
    const value = raw[expected.key];
    switch (method.kind) {
      case 'check':
        if (typeof value === 'boolean') input = { kind: 'check', met: value };
        else
          issues.add(
            at,
            'wrongType',
            `must be true or false; got ${describeValue(value)}`,
            `必须是 true 或 false；实际为 ${describeValue(value)}`,
          );
        break;
      case 'deduct':
        input = readCounts(sub, value, at, issues);
        break;
      case 'bands': {
        const unit = method.measure.unit;
        const plain = plainDecimal(value);
        if (plain !== null && sub.bandsPlain && inUnitRangeText(plain, unit)) {
          // a plain decimal ≥ 0 against bounds ≥ 0: compared as text, no arithmetic
          const band = sub.bands.find(
            (b) =>
              (b.atLeastText === null || compareCanonical(plain, b.atLeastText) >= 0) &&
              (b.belowText === null || compareCanonical(plain, b.belowText) < 0),
          );
          if (band !== undefined) {
            input = { kind: 'bands', valueText: plain, band };
            break;
          }
        }
        const decimal = readDecimal(value, at, issues);
        if (decimal === undefined) break;
        if (!inUnitRange(decimal, unit, at, issues)) break;
        const band = sub.bands.find(
          (b) => (b.atLeast === null || decimal.gte(b.atLeast)) && (b.below === null || decimal.lt(b.below)),
        );
        if (band === undefined) {
          const ranges = sub.bands
            .map((b) => `[${b.band.atLeast ?? '-∞'}, ${b.band.below ?? '∞'})`)
            .join(' ');
          issues.add(
            at,
            'outsideBands',
            `${decimal.toFixed()} lies in no band: ${ranges}`,
            `${decimal.toFixed()} 不在任何一档内：${ranges}`,
          );
        } else input = { kind: 'bands', valueText: text(decimal), band };
        break;
      }
      case 'ratio': {
        const plain = plainDecimal(value);
        if (plain !== null && inUnitRangeText(plain, 'ratio')) {
          input = { kind: 'ratio', value: null, valueText: plain };
          break;
        }
        const decimal = readDecimal(value, at, issues);
        if (decimal !== undefined && inUnitRange(decimal, 'ratio', at, issues))
          input = { kind: 'ratio', value: decimal, valueText: text(decimal) };
        break;
      }
      case 'manual': {
        const plain = plainDecimal(value);
        if (plain !== null && compareCanonical(plain, sub.pointsText) <= 0 && !sub.points.isNegative()) {
          input = { kind: 'manual', points: null, pointsText: plain };
          break;
        }
        const decimal = readDecimal(value, at, issues);
        if (decimal === undefined) break;
        if (decimal.isNegative() || decimal.gt(sub.points)) {
          issues.add(
            at,
            'outOfRange',
            `manual points must lie in [0, ${subItem.points}]; got ${decimal.toFixed()}`,
            `评审得分必须在 0 到 ${subItem.points} 之间；实际为 ${decimal.toFixed()}`,
          );
        } else input = { kind: 'manual', points: decimal, pointsText: text(decimal) };
        break;
      }
    }
  }
  if (input === undefined || issues.list.length > count) return undefined;
  return { input, note: typeof note === 'string' ? note : null };
}

function shapeIssue(sub: CompiledSubItem, path: string, got: string, issues: Issues): void {
  const { id, method } = sub.subItem;
  const expected = expectedShape[method.kind];
  issues.add(
    path,
    'wrongShape',
    `"${id}" is scored by ${method.kind}: give ${expected.shape} or { notApplicable: true, reason }; got ${got}`,
    `“${id}”按${expected.zh}计分，应填 ${expected.shape} 或 { notApplicable: true, reason }；实际为 ${got}`,
  );
}

function inUnitRange(
  value: Decimal,
  unit: 'ratio' | 'score' | 'count' | 'number',
  path: string,
  issues: Issues,
): boolean {
  if (unit === 'ratio' && (value.isNegative() || value.gt(1))) {
    issues.add(
      path,
      'outOfRange',
      `a ratio must lie in [0, 1] (write 95% as "0.95"); got ${value.toFixed()}`,
      `比例必须在 [0, 1] 之间（95% 写作 "0.95"）；实际为 ${value.toFixed()}`,
    );
    return false;
  }
  if (unit === 'count' && (value.isNegative() || !value.isInteger())) {
    issues.add(
      path,
      'invalidCount',
      `a count must be a whole number ≥ 0; got ${value.toFixed()}`,
      `计数必须是不小于 0 的整数；实际为 ${value.toFixed()}`,
    );
    return false;
  }
  return true;
}

/** inUnitRange for a canonical decimal ≥ 0 (plainDecimal), without arithmetic and without reporting. */
function inUnitRangeText(plain: string, unit: 'ratio' | 'score' | 'count' | 'number'): boolean {
  if (unit === 'ratio') return compareCanonical(plain, '1') <= 0;
  if (unit === 'count') return !plain.includes('.');
  return true;
}

function readCounts(
  sub: CompiledSubItem,
  raw: unknown,
  path: string,
  issues: Issues,
): ParsedInput | undefined {
  if (!isRecord(raw)) {
    issues.add(
      path,
      'wrongType',
      `counts must be an object of criterion id → count; got ${describeValue(raw)}`,
      `counts 必须是“细则编号 → 次数”的对象；实际为 ${describeValue(raw)}`,
    );
    return undefined;
  }
  // by criterion position: the deduction rows follow the rule set's order, not the input's
  const counts: (number | undefined)[] = [];
  for (const key of ownKeys(raw)) {
    const criterion = sub.criteria.get(key);
    if (criterion === undefined) {
      issues.add(
        keyPath(path, key),
        'unknownCriterion',
        `unknown criterion "${key}" for "${sub.subItem.id}"; known: ${listIds([...sub.criteria.keys()])}`,
        `子项“${sub.subItem.id}”没有细则“${key}”；可用细则：${listIds([...sub.criteria.keys()])}`,
      );
      continue;
    }
    const value = raw[key];
    // the path of an issue only when there is one
    const count =
      typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? value
        : readCount(value, keyPath(path, key), issues);
    if (count !== undefined) counts[sub.criteriaList.indexOf(criterion)] = count;
  }
  return { kind: 'deduct', counts };
}

interface Scored {
  awarded: Decimal | null;
  /** awarded as leaf-rounded and shown, when known without arithmetic (precomputed); null otherwise */
  awardedText: string | null;
  detail: SubItemDetail;
}

/**
 * Scores one sub-item. With a leaf unit scale (awarded values are whole units at the rounding's places), the
 * common cases are computed in integers and give `awardedText` with `awarded` null; otherwise in Decimal.
 */
function scoreSubItem(
  sub: CompiledSubItem,
  input: ParsedInput,
  scale: number | null,
  mode: Rounding['mode'],
): Scored {
  const { subItem, points } = sub;
  const method = subItem.method;
  switch (input.kind) {
    case 'notApplicable': {
      const treatment = subItem.whenNotApplicable;
      const full = treatment === 'fullMarks';
      return {
        awarded: full ? points : treatment === 'zero' ? ZERO : null,
        awardedText: full ? sub.fullText : treatment === 'zero' ? '0' : null,
        detail: { kind: 'notApplicable', reason: input.reason, treatment },
      };
    }
    case 'check':
      return {
        awarded: input.met ? points : ZERO,
        awardedText: input.met ? sub.fullText : '0',
        detail: {
          kind: 'check',
          met: input.met,
          requirement: method.kind === 'check' ? (method.requirement ?? null) : null,
        },
      };
    case 'deduct': {
      if (scale !== null && sub.pointsUnits !== null) {
        const scored = deductInUnits(sub, input.counts, sub.pointsUnits, scale);
        if (scored !== null) return scored;
      }
      let deducted = ZERO;
      const rows: FindingResult[] = [];
      for (const [position, { criterion, deduct, maxDeduction }] of sub.criteriaList.entries()) {
        const count = input.counts[position];
        if (count === undefined) continue;
        let amount = deduct.times(count);
        const capped = maxDeduction !== null && amount.gt(maxDeduction);
        if (capped) amount = maxDeduction;
        deducted = deducted.plus(amount);
        rows.push({
          criterion: criterion.id,
          title: criterion.title,
          titleEn: criterion.titleEn ?? null,
          count,
          perOccurrence: text(deduct),
          deducted: text(amount),
          capped,
        });
      }
      const floored = deducted.gt(points);
      return {
        awarded: floored ? ZERO : points.minus(deducted),
        awardedText: null,
        detail: { kind: 'deduct', deductions: rows, deducted: text(deducted), floored },
      };
    }
    case 'bands': {
      const measure = method.kind === 'bands' ? method.measure : undefined;
      const { band } = input.band;
      return {
        awarded: input.band.points,
        awardedText: input.band.awardedText,
        detail: {
          kind: 'bands',
          value: input.valueText,
          unit: measure?.unit ?? 'number',
          measure: measure?.title ?? subItem.title,
          measureEn: measure?.titleEn ?? null,
          band: {
            atLeast: band.atLeast ?? null,
            below: band.below ?? null,
            points: band.points,
            title: band.title ?? null,
          },
        },
      };
    }
    case 'ratio': {
      const measure = method.kind === 'ratio' ? method.measure : undefined;
      const units =
        scale !== null && sub.pointsUnits !== null
          ? ratioUnits(sub.pointsUnits, input.valueText, mode)
          : null;
      return {
        awarded: units === null ? points.times(input.value ?? new Decimal(input.valueText)) : null,
        awardedText: units === null ? null : unitsText(units, scale!),
        detail: {
          kind: 'ratio',
          value: input.valueText,
          measure: measure?.title ?? subItem.title,
          measureEn: measure?.titleEn ?? null,
        },
      };
    }
    case 'manual': {
      // whole units at the scale: the text is the awarded value (leaf rounding has nothing to do)
      const exact = scale !== null && toUnits(input.pointsText, scale) !== null;
      return {
        awarded: exact ? null : (input.points ?? new Decimal(input.pointsText)),
        awardedText: exact ? input.pointsText : null,
        detail: { kind: 'manual', points: input.pointsText },
      };
    }
  }
}

/** The deduct method in whole units; null when a value does not fit (then Decimal). */
function deductInUnits(
  sub: CompiledSubItem,
  counts: readonly (number | undefined)[],
  pointsUnits: number,
  scale: number,
): Scored | null {
  let deducted = 0;
  const rows: FindingResult[] = [];
  for (const [position, { criterion, deductText, maxDeduction, units }] of sub.criteriaList.entries()) {
    const count = counts[position];
    if (count === undefined) continue;
    if (units === null || (maxDeduction !== null && units.max === null)) return null;
    let amount = units.deduct * count;
    const capped = units.max !== null && amount > units.max;
    if (capped) amount = units.max!;
    else if (!Number.isSafeInteger(amount)) return null;
    deducted += amount;
    rows.push({
      criterion: criterion.id,
      title: criterion.title,
      titleEn: criterion.titleEn ?? null,
      count,
      perOccurrence: deductText,
      deducted: unitsText(amount, scale),
      capped,
    });
  }
  if (!Number.isSafeInteger(deducted)) return null;
  const floored = deducted > pointsUnits;
  return {
    awarded: null,
    awardedText: floored ? '0' : unitsText(pointsUnits - deducted, scale),
    detail: { kind: 'deduct', deductions: rows, deducted: unitsText(deducted, scale), floored },
  };
}

function aggregateStatus(children: readonly { status: NodeStatus }[]): NodeStatus {
  let allNotApplicable = true;
  for (const { status } of children) {
    if (status === 'awaitingInput') return 'awaitingInput';
    if (status !== 'notApplicable') allNotApplicable = false;
  }
  return allNotApplicable ? 'notApplicable' : 'scored';
}

/** A running sum of awarded values: null until something is awarded (a node awaiting every input shows null). */
interface Running {
  any: boolean;
  units: number;
  decimal: Decimal;
}

interface Summer {
  start(): Running;
  add(sum: Running, value: Decimal, valueText: string, scale: number | null): void;
  merge(into: Running, from: Running): void;
  shown(sum: Running, rounder: Rounder, scale: number | null): string | null;
  value(sum: Running, scale: number | null): Decimal;
}

const decimalSum: Summer = {
  start: () => ({ any: false, units: 0, decimal: ZERO }),
  add(sum, value) {
    sum.any = true;
    sum.decimal = sum.decimal.plus(value);
  },
  merge(into, from) {
    if (!from.any) return;
    into.any = true;
    into.decimal = into.decimal.plus(from.decimal);
  },
  shown: (sum, rounder) => (sum.any ? text(rounder.shown(sum.decimal)) : null),
  value: (sum) => sum.decimal,
};

/** Whole units at the rounding's places (safe: compile checked that the total fits). */
const unitSum: Summer = {
  start: () => ({ any: false, units: 0, decimal: ZERO }),
  add(sum, _value, valueText, scale) {
    sum.any = true;
    sum.units += toUnits(valueText, scale!)!;
  },
  merge(into, from) {
    if (!from.any) return;
    into.any = true;
    into.units += from.units;
  },
  shown: (sum, _rounder, scale) => (sum.any ? unitsText(sum.units, scale!) : null),
  value: (sum, scale) => (sum.units === 0 ? ZERO : new Decimal(unitsText(sum.units, scale!))),
};

function score(
  compiled: CompiledAssessment,
  parsed: ParsedInputs,
  measured: ReturnType<typeof readMeasurements>,
  bonusFound: readonly Occurrence[],
  locale: Locale,
  /** false: the parts only (a lean result's area tree), without the explanation */
  explain = true,
): AssessmentResult {
  const { ruleSet, rounder } = compiled;
  const { policy } = ruleSet;
  const vetoes = evaluateVetoes(compiled.vetoes, measured);
  const vetoed = anyTriggered(vetoes);
  const awaitingMeasurements = vetoed
    ? []
    : [
        ...new Set(
          vetoes.flatMap((veto) =>
            veto.clauses.filter((c) => c.triggered === null).map((c) => c.measurement),
          ),
        ),
      ];
  const awaitingInput: string[] = [];
  const rescaled: string[] = [];
  let excluded = ZERO;
  // leaf rounding leaves every awarded value at the declared places: add them up as whole units there
  const scale = compiled.leafUnitScale;
  const sum = scale === null ? decimalSum : unitSum;

  const areas: AreaResult[] = [];
  const rawSum = sum.start();
  for (const { area, points: areaPoints, pointsText: areaPointsText, items } of compiled.areas) {
    const areaSum = sum.start();
    let areaExcluded = ZERO;
    const itemResults: ItemResult[] = [];
    for (const { item, points: itemPoints, pointsText: itemPointsText, subItems } of items) {
      const itemSum = sum.start();
      let itemExcluded = ZERO;
      const subResults: SubItemResult[] = [];
      for (const sub of subItems) {
        const { subItem, points } = sub;
        const entry = parsed[sub.index];
        let status: NodeStatus;
        let awardedText: string | null = null;
        let detail: SubItemDetail | null = null;
        let isRescaled = false;
        if (entry === undefined) {
          status = vetoed ? 'vetoed' : 'awaitingInput';
          if (!vetoed) awaitingInput.push(subItem.id);
        } else {
          const scored = scoreSubItem(sub, entry.input, scale, rounder.rounding.mode);
          detail = scored.detail;
          isRescaled =
            entry.input.kind === 'notApplicable' && scored.awarded === null && scored.awardedText === null;
          status = vetoed ? 'vetoed' : entry.input.kind === 'notApplicable' ? 'notApplicable' : 'scored';
          if (isRescaled) {
            rescaled.push(subItem.id);
            itemExcluded = itemExcluded.plus(points);
          } else if (scored.awarded !== null || scored.awardedText !== null) {
            if (scored.awardedText !== null && scale !== null) {
              // precomputed: whole units need only the text
              awardedText = scored.awardedText;
              sum.add(itemSum, ZERO, awardedText, scale);
            } else {
              const awarded = rounder.leaf(scored.awarded!);
              awardedText = text(rounder.shown(awarded));
              sum.add(itemSum, awarded, awardedText, scale);
            }
          }
        }
        subResults.push({
          id: subItem.id,
          title: subItem.title,
          titleEn: subItem.titleEn ?? null,
          confidence: subItem.provenance.confidence,
          method: subItem.method.kind,
          status,
          max: subItem.points,
          awarded: vetoed ? null : awardedText,
          rescaled: isRescaled,
          detail,
          note: entry?.note ?? null,
        });
      }
      sum.merge(areaSum, itemSum);
      if (!itemExcluded.isZero()) areaExcluded = areaExcluded.plus(itemExcluded);
      itemResults.push({
        id: item.id,
        title: item.title,
        titleEn: item.titleEn ?? null,
        confidence: item.provenance.confidence,
        status: vetoed ? 'vetoed' : aggregateStatus(subResults),
        // rescaled sub-items leave the max
        max: itemExcluded.isZero() ? itemPointsText : text(itemPoints.minus(itemExcluded)),
        awarded: vetoed ? null : sum.shown(itemSum, rounder, scale),
        subItems: subResults,
      });
    }
    sum.merge(rawSum, areaSum);
    if (!areaExcluded.isZero()) excluded = excluded.plus(areaExcluded);
    areas.push({
      id: area.id,
      title: area.title,
      titleEn: area.titleEn ?? null,
      confidence: area.provenance.confidence,
      status: vetoed ? 'vetoed' : aggregateStatus(itemResults),
      max: areaExcluded.isZero() ? areaPointsText : text(areaPoints.minus(areaExcluded)),
      awarded: vetoed ? null : sum.shown(areaSum, rounder, scale),
      items: itemResults,
    });
  }
  const raw = sum.value(rawSum, scale);

  const applicableMax = compiled.total.minus(excluded);
  const scaled = excluded.isZero() ? raw : raw.times(compiled.total).div(applicableMax);
  const shownScore = rounder.shown(scaled);
  const complete = vetoed || (awaitingInput.length === 0 && awaitingMeasurements.length === 0);

  let bonusValue: Decimal | null = null;
  let bonusStatus: AssessmentBonusStatus = 'none';
  let bonusBreakdown: BonusBreakdown | null = null;
  if (compiled.bonus !== null) {
    if (vetoed) bonusStatus = 'vetoed';
    else if (shownScore.gt(compiled.bonusGate!)) {
      // a provisional score only grows as inputs arrive, so a reached gate stays reached
      const scored = scoreBonus(compiled.bonus, bonusFound, rounder);
      bonusValue = scored.value;
      bonusBreakdown = scored.breakdown;
      bonusStatus = 'scored';
    } else bonusStatus = complete ? 'belowGate' : 'awaitingInput';
  }
  const total = bonusValue === null ? shownScore : shownScore.plus(bonusValue);

  let verdict: Verdict | null = null;
  let reason: VerdictReason | null = null;
  let grade: AssessmentResult['grade'] = null;
  if (vetoed) {
    verdict = 'unqualified';
    reason = 'veto';
    grade = gradeOf(compiled.vetoedGrade);
  } else if (complete) {
    const passed = shownScore.gte(compiled.passMark);
    verdict = passed ? 'qualified' : 'unqualified';
    reason = passed ? null : 'belowPassMark';
    const band = compiled.grades.find(({ bound, inclusive }) =>
      inclusive ? total.gte(bound) : total.gt(bound),
    );
    grade = band === undefined ? null : gradeOf(band.grade);
  }

  const result: Omit<AssessmentResult, 'explanation'> = {
    kind: 'assessment',
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    ruleSetTitle: ruleSet.title,
    verdict,
    reason,
    grade,
    complete,
    awaitingInput,
    awaitingMeasurements,
    max: ruleSet.total,
    score: vetoed ? null : text(shownScore),
    scoreWithoutVeto: vetoed ? text(shownScore) : null,
    passMark: policy.passMark,
    bonus: bonusValue === null ? null : text(bonusValue),
    bonusStatus,
    bonusGate: policy.bonusGate?.above ?? null,
    total: vetoed ? null : text(total),
    rescale: excluded.isZero()
      ? null
      : {
          subItems: rescaled,
          excluded: text(excluded),
          applicableMax: text(applicableMax),
          awarded: text(rounder.shown(raw)),
          factor: fraction(compiled.total, applicableMax),
        },
    areas,
    vetoes,
    bonusBreakdown,
    rounding: policy.rounding,
  };
  if (!explain) return result as AssessmentResult;
  // one line per sub-item: built when first read
  return explainOnRead(result as AssessmentResult, () => explainAssessment(result, compiled, locale, scaled));
}

// --- the lean path -----------------------------------------------------------------------------------------
// With leaf rounding in whole units (the Gansu table), the total needs only each sub-item's awarded units: the
// area → item → sub-item tree and the explanation are built on first read (lazy.ts), the tree by the full path
// (score above), so the two cannot differ; tests compare whole results of both paths.

/** A sub-item's awarded units on the lean path; rescaledAway when it leaves the total; null: use the full path. */
function awardedUnits(
  sub: CompiledSubItem,
  input: ParsedInput,
  scale: number,
  mode: Rounding['mode'],
): number | null {
  switch (input.kind) {
    case 'notApplicable': {
      const treatment = sub.subItem.whenNotApplicable;
      return treatment === 'fullMarks' ? sub.fullUnits : treatment === 'zero' ? 0 : rescaledAway;
    }
    case 'check':
      return input.met ? sub.fullUnits : 0;
    case 'bands':
      return input.band.awardedUnits;
    case 'manual':
      return toUnits(input.pointsText, scale);
    case 'ratio':
      return sub.pointsUnits === null ? null : ratioUnits(sub.pointsUnits, input.valueText, mode);
    case 'deduct': {
      const { pointsUnits } = sub;
      if (pointsUnits === null) return null;
      let deducted = 0;
      const { counts } = input;
      for (let position = 0; position < counts.length; position += 1) {
        const count = counts[position];
        if (count === undefined) continue;
        const { maxDeduction, units } = sub.criteriaList[position]!;
        if (units === null || (maxDeduction !== null && units.max === null)) return null;
        let amount = units.deduct * count;
        if (units.max !== null && amount > units.max) amount = units.max;
        else if (!Number.isSafeInteger(amount)) return null;
        deducted += amount;
      }
      if (!Number.isSafeInteger(deducted)) return null;
      return deducted > pointsUnits ? 0 : pointsUnits - deducted;
    }
  }
}

function scoreLean(
  compiled: CompiledAssessment,
  parsed: ParsedInputs,
  measured: ReturnType<typeof readMeasurements>,
  bonusFound: readonly Occurrence[],
  locale: Locale,
  /** the awarded units added up (by the common reader, or by unitsOfParsed) */
  read: CommonInputs,
): AssessmentResult | null {
  const scale = compiled.leafUnitScale;
  const plan = compiled.leanUnits;
  if (scale === null || plan === null) return null;
  const { ruleSet, rounder } = compiled;
  const { policy } = ruleSet;
  const mode = rounder.rounding.mode;
  const vetoes =
    compiled.fast.evaluateVetoes === null
      ? evaluateVetoes(compiled.vetoes, measured)
      : compiled.fast.evaluateVetoes(measured);
  // indexed loops here (not for…of): less bytecode for the optimising compiler to compile, this function being
  // run a few thousand times in a first quarter
  let vetoed = false;
  for (let at = 0; at < vetoes.length; at += 1) if (vetoes[at]!.triggered === true) vetoed = true;
  const awaitingMeasurements: string[] = [];
  for (let at = 0; at < vetoes.length && !vetoed; at += 1) {
    const veto = vetoes[at]!;
    if (veto.triggered === null) undecidedMeasurements(veto, awaitingMeasurements);
  }
  const awaitingInput = vetoed ? [] : read.awaiting;
  const { rawUnits, excludedUnits } = read;
  // as score() does from here on, in units: rescaled by total ÷ applicable and rounded by the mode
  const applicableUnits = plan.total - excludedUnits;
  const shownUnits =
    excludedUnits === 0 ? rawUnits : divideRounded(rawUnits * plan.total, applicableUnits, mode);
  if (shownUnits === null) return null;
  const complete = vetoed || (awaitingInput.length === 0 && awaitingMeasurements.length === 0);

  let bonusUnits: number | null = null;
  let bonusStatus: AssessmentBonusStatus = 'none';
  let bonusBreakdown: BonusBreakdown | null = null;
  if (compiled.bonus !== null) {
    if (plan.bonusGate === null) return null;
    if (vetoed) bonusStatus = 'vetoed';
    else if (shownUnits > plan.bonusGate) {
      // a provisional score only grows as inputs arrive, so a reached gate stays reached
      const scored = scoreBonus(compiled.bonus, bonusFound, rounder);
      bonusUnits = toUnits(text(scored.value), scale);
      if (bonusUnits === null) return null;
      bonusBreakdown = scored.breakdown;
      bonusStatus = 'scored';
    } else bonusStatus = complete ? 'belowGate' : 'awaitingInput';
  }
  const totalUnits = bonusUnits === null ? shownUnits : shownUnits + bonusUnits;
  if (!Number.isSafeInteger(totalUnits)) return null;

  let verdict: Verdict | null = null;
  let reason: VerdictReason | null = null;
  let grade: AssessmentResult['grade'] = null;
  if (vetoed) {
    verdict = 'unqualified';
    reason = 'veto';
    grade = gradeOf(compiled.vetoedGrade);
  } else if (complete) {
    const passed = shownUnits >= plan.passMark;
    verdict = passed ? 'qualified' : 'unqualified';
    reason = passed ? null : 'belowPassMark';
    const { grades } = plan;
    for (let at = 0; at < grades.length; at += 1) {
      const { bound, inclusive } = grades[at]!;
      if (inclusive ? totalUnits >= bound : totalUnits > bound) {
        grade = gradeOf(grades[at]!.grade);
        break;
      }
    }
  }
  const shownText = unitsText(shownUnits, scale);
  const result = {
    kind: 'assessment',
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    ruleSetTitle: ruleSet.title,
    verdict,
    reason,
    grade,
    complete,
    awaitingInput,
    awaitingMeasurements,
    max: ruleSet.total,
    score: vetoed ? null : shownText,
    scoreWithoutVeto: vetoed ? shownText : null,
    passMark: policy.passMark,
    bonus: bonusUnits === null ? null : unitsText(bonusUnits, scale),
    bonusStatus,
    bonusGate: policy.bonusGate?.above ?? null,
    total: vetoed ? null : bonusUnits === null ? shownText : unitsText(totalUnits, scale),
    rescale:
      excludedUnits === 0
        ? null
        : {
            subItems: read.rescaled ?? [],
            excluded: unitsText(excludedUnits, scale),
            applicableMax: unitsText(applicableUnits, scale),
            awarded: unitsText(rawUnits, scale),
            factor: unitsFraction(plan.total, applicableUnits),
          },
  } as Omit<AssessmentResult, 'areas' | 'vetoes' | 'bonusBreakdown' | 'rounding' | 'explanation'>;
  const built = result as AssessmentResult;
  stampLazy(
    result,
    new LeanAssessment(built, compiled, parsed, measured, bonusFound, locale, rawUnits, excludedUnits),
  );
  Object.defineProperty(result, 'areas', areasField);
  built.vetoes = vetoes;
  built.bonusBreakdown = bonusBreakdown;
  built.rounding = policy.rounding;
  return Object.defineProperty(built, 'explanation', explanationField);
}

/** Adds the measurements that leave `veto` undecided to `awaiting` (once each). */
function undecidedMeasurements(veto: VetoResult, awaiting: string[]): void {
  for (const clause of veto.clauses)
    if (clause.triggered === null && !awaiting.includes(clause.measurement))
      awaiting.push(clause.measurement);
}

const areasField = lazyField('areas');
const explanationField = lazyField('explanation');

/** The awarded units of what the generic reader read, added up as the common reader does; null: not in units. */
function unitsOfParsed(compiled: CompiledAssessment, parsed: ParsedInputs): CommonInputs | null {
  const scale = compiled.leafUnitScale;
  if (scale === null) return null;
  const mode = compiled.rounder.rounding.mode;
  const awaiting: string[] = [];
  let rescaled: string[] | null = null;
  let rawUnits = 0;
  let excludedUnits = 0;
  for (const sub of compiled.subItemList) {
    const entry = parsed[sub.index];
    if (entry === undefined) {
      awaiting.push(sub.id);
      continue;
    }
    const units = awardedUnits(sub, entry.input, scale, mode);
    if (units === null) return null;
    if (units === rescaledAway) {
      if (sub.pointsUnits === null) return null;
      (rescaled ??= []).push(sub.id);
      excludedUnits += sub.pointsUnits;
    } else rawUnits += units;
  }
  return { parsed, awaiting, rescaled, rawUnits, excludedUnits, unitsKnown: true };
}

/** What a lean result needs to build its area tree and explanation (a class: no closure per result). */
class LeanAssessment {
  constructor(
    readonly result: AssessmentResult,
    readonly compiled: CompiledAssessment,
    readonly parsed: ParsedInputs,
    readonly measured: ReturnType<typeof readMeasurements>,
    readonly bonusFound: readonly Occurrence[],
    readonly locale: Locale,
    /** the awarded sum and the points rescaled away, in units at the leaf scale */
    readonly rawUnits: number,
    readonly excludedUnits: number,
  ) {}

  build(name: string): unknown {
    const { compiled, parsed, measured, bonusFound, locale, rawUnits, excludedUnits } = this;
    if (name === 'areas') return score(compiled, parsed, measured, bonusFound, locale, false).areas;
    // the score before rounding, as score() passes it
    const scale = compiled.leafUnitScale!;
    const raw = rawUnits === 0 ? ZERO : new Decimal(unitsText(rawUnits, scale));
    const scaled =
      excludedUnits === 0
        ? raw
        : raw.times(compiled.total).div(compiled.total.minus(new Decimal(unitsText(excludedUnits, scale))));
    return explainAssessment(this.result, compiled, locale, scaled);
  }
}

/** numerator ÷ denominator in lowest terms, both whole units at the same scale (as fraction() gives it). */
function unitsFraction(numerator: number, denominator: number): Fraction {
  let a = numerator;
  let b = denominator;
  while (b !== 0) {
    const rest = a % b;
    a = b;
    b = rest;
  }
  return { numerator: String(numerator / a), denominator: String(denominator / a) };
}

const gradeOf = (grade: { id: string; title: string; titleEn?: string | undefined }) => ({
  id: grade.id,
  title: grade.title,
  titleEn: grade.titleEn ?? null,
});
