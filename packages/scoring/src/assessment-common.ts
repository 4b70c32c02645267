import type { Rounding } from '@kaohe/rules';
import type { CompiledAssessment, CompiledBand, CompiledSubItem } from './compile.js';
import { plainDecimal } from './conditions.js';
import type { Decimal } from './decimal.js';
import { divideRounded, toUnits } from './points.js';

// Reading a unit's inputs in their common form (each sub-item given by its method's one key, a plain value, no
// note), with each sub-item's awarded units added up on the way, as the lean path needs them. One compact loop
// over the rule set's sub-items: a first quarter runs it a few thousand times, mostly before V8's optimising
// compiler has anything ready, so what counts is how little it executes per sub-item and how little there is
// to compile (a larger function, e.g. one unrolled per rule set, costs more to compile than it saves).
// Anything not in the common form (a note, not applicable, an odd value) is read by the generic reader for that
// one sub-item; an input the generic reader reports a problem with makes the whole reading decline (undefined),
// and the generic reading runs and reports every problem.

/** A sub-item's input as read (values as canonical text; a Decimal only when the text alone was not enough). */
export type ParsedInput =
  | { kind: 'check'; met: boolean }
  /** occurrences by criterion position (CompiledSubItem.criteriaList); undefined: none given */
  | { kind: 'deduct'; counts: (number | undefined)[] }
  | { kind: 'bands'; valueText: string; band: CompiledBand }
  | { kind: 'ratio'; value: Decimal | null; valueText: string }
  | { kind: 'manual'; points: Decimal | null; pointsText: string }
  | { kind: 'notApplicable'; reason: string };

/** Read entries are internal and never changed: the constant ones are shared (CompiledSubItem.common). */
export type ParsedEntry = { input: ParsedInput; note: string | null };
/** by sub-item position (CompiledSubItem.index); undefined: awaiting input */
export type ParsedInputs = (ParsedEntry | undefined)[];

/** Tests switch the common reading off to compare with the generic reader (this module is internal). */
export const commonReading = { enabled: true };

/** A sub-item's awarded units on the lean path meaning "rescaled away: left out of the total". */
export const rescaledAway = -1;

/** How a sub-item's common form is read (CompiledSubItem.common); none: always by the generic reader. */
export const CommonForm = { none: 0, check: 1, deduct: 2, bands: 3, ratio: 4, manual: 5 } as const;

/** What the common reading of a sub-item needs, precomputed when the rule set is compiled. */
export interface CommonPlan {
  form: (typeof CommonForm)[keyof typeof CommonForm];
  /** the one key of the common form: met, counts, value or points */
  key: string;
  /** check: met; deduct: nothing found (shared: read entries are never changed) */
  full: ParsedEntry | null;
  /** check: not met */
  zero: ParsedEntry | null;
  /** bands: each band's bounds as numbers (-Infinity, Infinity when open), valid for values of ≤ 15 characters */
  lows: number[];
  highs: number[];
  /** manual: the sub-item's points as a number when its text has ≤ 15 characters; -1 otherwise (never common) */
  maxPoints: number;
}

/** The generic reading of one sub-item, passed in by the scorer. */
export interface SubItemReading {
  /** The entry as the generic reader reads it; null when it reports a problem. */
  entry(sub: CompiledSubItem, raw: unknown): ParsedEntry | null;
  /** The awarded units of an entry (rescaledAway when rescaled); null when only Decimal can score it. */
  units(sub: CompiledSubItem, input: ParsedInput, scale: number, mode: Rounding['mode']): number | null;
}

export interface CommonInputs {
  parsed: ParsedInputs;
  /** ids of the sub-items awaiting input, in rule-set order */
  awaiting: string[];
  /** ids of the sub-items not applicable and rescaled away, in rule-set order; null when there are none */
  rescaled: string[] | null;
  /** the awarded units added up (leaf scale); meaningful only when `unitsKnown` */
  rawUnits: number;
  /** the points of the rescaled sub-items, in units; meaningful only when `unitsKnown` */
  excludedUnits: number;
  /** false: some sub-item needs Decimal (the full path scores it) */
  unitsKnown: boolean;
}

/**
 * The plan for reading a sub-item's common form; form none when its values do not all fit whole units at
 * `scale` (the generic reader and the full path handle those).
 */
export function commonPlan(sub: Omit<CompiledSubItem, 'common'>, scale: number | null): CommonPlan {
  const plan: CommonPlan = {
    form: CommonForm.none,
    key: '',
    full: null,
    zero: null,
    lows: [],
    highs: [],
    maxPoints: -1,
  };
  const { method } = sub.subItem;
  if (scale === null || sub.pointsUnits === null || sub.fullUnits === null) return plan;
  switch (method.kind) {
    case 'check':
      return {
        ...plan,
        form: CommonForm.check,
        key: 'met',
        full: { input: { kind: 'check', met: true }, note: null },
        zero: { input: { kind: 'check', met: false }, note: null },
      };
    case 'deduct':
      // a criterion without whole units (or with a cap that has none) needs Decimal
      if (sub.criteriaList.some((c) => c.units === null || (c.maxDeduction !== null && c.units.max === null)))
        return plan;
      return {
        ...plan,
        form: CommonForm.deduct,
        key: 'counts',
        full: { input: { kind: 'deduct', counts: [] }, note: null },
      };
    case 'bands': {
      // bounds compared as numbers: exact for canonical decimals of ≤ 15 characters (≤ 15 significant digits,
      // which doubles keep apart and in order)
      const fits = (bound: string | null) => bound === null || bound.length <= 15;
      if (
        !sub.bandsPlain ||
        !sub.bands.every((b) => b.awardedUnits !== null && fits(b.atLeastText) && fits(b.belowText))
      )
        return plan;
      return {
        ...plan,
        form: CommonForm.bands,
        key: 'value',
        lows: sub.bands.map((b) => (b.atLeastText === null ? -Infinity : Number(b.atLeastText))),
        highs: sub.bands.map((b) => (b.belowText === null ? Infinity : Number(b.belowText))),
      };
    }
    case 'ratio':
      return { ...plan, form: CommonForm.ratio, key: 'value' };
    case 'manual':
      // compared as numbers, as the bands' bounds are: exact for canonical decimals of ≤ 15 characters
      if (sub.points.isNegative()) return plan;
      return {
        ...plan,
        form: CommonForm.manual,
        key: 'points',
        maxPoints: sub.pointsText.length <= 15 ? Number(sub.pointsText) : -1,
      };
  }
}

const { isArray } = Array;
const { keys } = Object;
const isEnumerable = Object.prototype.propertyIsEnumerable;
/** the common reading's answer for a sub-item not in the common form */
const notCommon = -2;

/**
 * Reads `raw` (the inputs) in the common form, the generic reader standing in for the odd sub-item; undefined:
 * the generic reader reads (and reports) the whole. Only for a rule set with a whole-unit plan (leafUnitScale).
 */
export function readCommonInputs(
  raw: unknown,
  compiled: CompiledAssessment,
  reading: SubItemReading,
): CommonInputs | undefined {
  const scale = compiled.leafUnitScale;
  if (scale === null || typeof raw !== 'object' || raw === null || isArray(raw)) return undefined;
  const mode = compiled.rounder.rounding.mode;
  const given = raw as Record<string, unknown>;
  const names = keys(given);
  const subs = compiled.subItemList;
  const parsed: ParsedInputs = new Array<ParsedEntry | undefined>(subs.length);
  const awaiting: string[] = [];
  let rescaled: string[] | null = null;
  let rawUnits = 0;
  let excludedUnits = 0;
  let unitsKnown = true;
  let seen = 0;
  for (let at = 0; at < subs.length; at += 1) {
    const sub = subs[at]!;
    const { id } = sub;
    const value = given[id];
    if (value === undefined) {
      awaiting.push(id);
      continue;
    }
    // one of raw's own enumerable keys, as Object.keys lists them (in order first: inputs are mostly built in
    // rule-set order)
    if (names[seen] !== id && !isEnumerable.call(given, id)) return undefined;
    seen += 1;
    let awarded: number | null = notCommon;
    // an object (not an array) whose one own enumerable key is the method's, with no note and no notApplicable
    // (not even inherited or not enumerable: the generic reader would read them)
    if (typeof value === 'object' && value !== null && !isArray(value)) {
      const own = keys(value);
      const plan = sub.common;
      if (
        own.length === 1 &&
        own[0] === plan.key &&
        !('notApplicable' in value) &&
        (value as { note?: unknown }).note === undefined
      ) {
        const inner = (value as Record<string, unknown>)[plan.key];
        switch (plan.form) {
          case CommonForm.check:
            if (inner === true) {
              parsed[at] = plan.full!;
              awarded = sub.fullUnits;
            } else if (inner === false) {
              parsed[at] = plan.zero!;
              awarded = 0;
            }
            break;
          case CommonForm.deduct:
            awarded = readCounts(sub, inner, parsed, at);
            break;
          case CommonForm.bands: {
            const text = plainDecimal(inner);
            if (text === null || text.length > 15) break;
            const number = +text;
            const unit = sub.measureUnit;
            if ((unit === 'ratio' && number > 1) || (unit === 'count' && text.indexOf('.') !== -1)) break;
            // the first band that holds the value, as Array.find gives it
            const { lows, highs } = plan;
            for (let band = 0; band < lows.length; band += 1) {
              if (number >= lows[band]! && number < highs[band]!) {
                const found = sub.bands[band]!;
                parsed[at] = { input: { kind: 'bands', valueText: text, band: found }, note: null };
                awarded = found.awardedUnits;
                break;
              }
            }
            break;
          }
          case CommonForm.ratio: {
            const text = plainDecimal(inner);
            // at most 1: a canonical text is 1 or starts with its one leading zero ("0", "0.95")
            if (text === null || (text[0] !== '0' && text !== '1')) break;
            parsed[at] = { input: { kind: 'ratio', value: null, valueText: text }, note: null };
            awarded = ratioUnits(sub.pointsUnits!, text, mode);
            break;
          }
          case CommonForm.manual: {
            const text = plainDecimal(inner);
            if (text === null || text.length > 15 || +text > plan.maxPoints) break;
            parsed[at] = { input: { kind: 'manual', points: null, pointsText: text }, note: null };
            awarded = toUnits(text, scale);
            break;
          }
        }
      }
    }
    if (awarded === notCommon) {
      // anything else: the generic reader, for this sub-item alone
      const entry = reading.entry(sub, value);
      if (entry === null) return undefined;
      parsed[at] = entry;
      awarded = reading.units(sub, entry.input, scale, mode);
      if (awarded === rescaledAway) {
        if (sub.pointsUnits === null) unitsKnown = false;
        else excludedUnits += sub.pointsUnits;
        if (rescaled === null) rescaled = [id];
        else rescaled.push(id);
        continue;
      }
    }
    if (awarded === null) unitsKnown = false;
    else rawUnits += awarded;
  }
  // every own key read: none unknown (nor undefined, which the generic reader skips: it decides)
  if (seen !== names.length) return undefined;
  return { parsed, awaiting, rescaled, rawUnits, excludedUnits, unitsKnown };
}

/**
 * A deduct sub-item's counts in the common form (an object of known criterion → count ≥ 0), read into
 * `parsed[at]`; answers the awarded units (as awardedUnits does), null when they leave the safe integers, or
 * notCommon.
 */
function readCounts(sub: CompiledSubItem, raw: unknown, parsed: ParsedInputs, at: number): number | null {
  if (typeof raw !== 'object' || raw === null || isArray(raw)) return notCommon;
  const counts = raw as Record<string, unknown>;
  const own = keys(counts);
  // nothing found: full points (the common case), one shared entry
  if (own.length === 0) {
    parsed[at] = sub.common.full!;
    return sub.fullUnits;
  }
  const read: (number | undefined)[] = [];
  const { criteriaList } = sub;
  let found = 0;
  let deducted = 0;
  let safe = true;
  for (let position = 0; position < criteriaList.length; position += 1) {
    const criterion = criteriaList[position]!;
    const id = criterion.criterion.id;
    const count = counts[id];
    if (count === undefined) continue;
    if (own[found] !== id && !isEnumerable.call(counts, id)) return notCommon;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return notCommon;
    read[position] = count;
    found += 1;
    const { deduct, max } = criterion.units!;
    let amount = deduct * count;
    if (max !== null && amount > max) amount = max;
    else if (!Number.isSafeInteger(amount)) safe = false;
    deducted += amount;
  }
  // an unknown criterion or an undefined count: the generic reader reports it
  if (found !== own.length) return notCommon;
  parsed[at] = { input: { kind: 'deduct', counts: read }, note: null };
  if (!safe || !Number.isSafeInteger(deducted)) return null;
  const points = sub.pointsUnits!;
  return deducted > points ? 0 : points - deducted;
}

/**
 * points × a ratio given as canonical text, rounded to whole units by the rounding mode (all values ≥ 0);
 * null when the product would leave the safe integers.
 */
export function ratioUnits(pointsUnits: number, ratio: string, mode: Rounding['mode']): number | null {
  const dot = ratio.indexOf('.');
  const places = dot === -1 ? 0 : ratio.length - dot - 1;
  if (places > 15) return null;
  const digits = Number(dot === -1 ? ratio : ratio.slice(0, dot) + ratio.slice(dot + 1));
  const product = pointsUnits * digits;
  if (!Number.isSafeInteger(product)) return null;
  // 10 ** places is exact for places ≤ 15; divideRounded rounds the exact quotient by the mode
  return places === 0 ? product : divideRounded(product, 10 ** places, mode);
}
