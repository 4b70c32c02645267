import type { BonusCriterion, BonusIndicator, BonusTree, Confidence } from '@kaohe/rules';
import { Decimal } from './decimal.js';
import { Issues, checkKnownKeys, describeValue, hasOwn, isRecord, readCount } from './checks.js';
import { listIds } from './conditions.js';
import { ZERO, text, type Rounder } from './points.js';

// Occurrence lists (`findings`, `bonus`) and the bonus (加分指标) shared by inspections and assessments.

/** One line of `findings` or `bonus`: a criterion id and how many times it occurred. */
export interface Occurrence {
  criterion: string;
  count: number;
  /** free text kept with the input, e.g. where the problem was seen */
  note?: string;
}

export interface ReadOccurrence extends Occurrence {
  index: number;
}

/** Reads an occurrence list, checking every entry against the known criteria. */
export function readOccurrences(
  raw: unknown,
  path: string,
  known: ReadonlyMap<string, unknown>,
  issues: Issues,
  what: { en: string; zh: string },
): ReadOccurrence[] {
  if (!Array.isArray(raw)) {
    issues.add(
      path,
      'invalidArgument',
      `${path} must be an array of { criterion, count }; got ${describeValue(raw)}`,
      `${path} 必须是 { criterion, count } 数组；实际为 ${describeValue(raw)}`,
    );
    return [];
  }
  const read: ReadOccurrence[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    const entry: unknown = raw[index];
    if (isRecord(entry)) {
      // the common case, checked without building the paths of issues
      const { criterion, count } = entry;
      if (
        typeof criterion === 'string' &&
        typeof count === 'number' &&
        Number.isSafeInteger(count) &&
        count >= 0 &&
        known.has(criterion) &&
        onlyKeys(entry)
      ) {
        read.push({ criterion, count, index });
        continue;
      }
    }
    const at = `${path}[${index}]`;
    if (!isRecord(entry)) {
      issues.add(
        at,
        'wrongShape',
        `must be { criterion, count }; got ${describeValue(entry)}`,
        `必须是 { criterion, count }；实际为 ${describeValue(entry)}`,
      );
      continue;
    }
    checkKnownKeys(entry, occurrenceKeys, at, issues);
    const { criterion, count: rawCount, note } = entry;
    let ok = true;
    if (typeof criterion !== 'string') {
      issues.add(
        `${at}.criterion`,
        'wrongType',
        `must be a criterion id; got ${describeValue(criterion)}`,
        `必须是细则编号；实际为 ${describeValue(criterion)}`,
      );
      ok = false;
    } else if (!known.has(criterion)) {
      issues.add(
        `${at}.criterion`,
        'unknownCriterion',
        `unknown ${what.en} criterion "${criterion}"; known: ${listIds([...known.keys()])}`,
        `未知的${what.zh}细则“${criterion}”；可用细则：${listIds([...known.keys()])}`,
      );
      ok = false;
    }
    const count = readCount(rawCount, `${at}.count`, issues);
    if (note !== undefined && typeof note !== 'string') {
      issues.add(
        `${at}.note`,
        'wrongType',
        `a note must be a string; got ${describeValue(note)}`,
        `备注必须是字符串；实际为 ${describeValue(note)}`,
      );
    }
    if (ok && count !== undefined) read.push({ criterion: criterion as string, count, index });
  }
  return read;
}

const occurrenceKeys = ['criterion', 'count', 'note'] as const;

/** Only `criterion` and `count` (a `note` takes the full path). */
function onlyKeys(entry: Record<string, unknown>): boolean {
  for (const key in entry)
    if (key !== 'criterion' && key !== 'count' && hasOwn.call(entry, key)) return false;
  return true;
}

/** Adds up the counts of each criterion (a criterion may be listed more than once). */
export function countByCriterion(occurrences: readonly Occurrence[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { criterion, count } of occurrences) counts.set(criterion, (counts.get(criterion) ?? 0) + count);
  return counts;
}

// --- bonus (加分) ----------------------------------------------------------------------------------------

interface CompiledBonusCriterion {
  criterion: BonusCriterion;
  award: Decimal;
  maxAward: Decimal | null;
}

interface CompiledBonusIndicator {
  indicator: BonusIndicator;
  points: Decimal;
  criteria: CompiledBonusCriterion[];
}

export interface CompiledBonus {
  tree: BonusTree;
  points: Decimal;
  indicators: CompiledBonusIndicator[];
  criteria: Map<string, CompiledBonusCriterion>;
}

export function compileBonus(tree: BonusTree): CompiledBonus {
  const criteria = new Map<string, CompiledBonusCriterion>();
  const indicators = tree.indicators.map((indicator) => ({
    indicator,
    points: new Decimal(indicator.points),
    criteria: indicator.criteria.map((criterion) => {
      const compiled = {
        criterion,
        award: new Decimal(criterion.award),
        maxAward: criterion.maxAward === undefined ? null : new Decimal(criterion.maxAward),
      };
      criteria.set(criterion.id, compiled);
      return compiled;
    }),
  }));
  return { tree, points: new Decimal(tree.points), indicators, criteria };
}

export interface BonusAwardResult {
  criterion: string;
  title: string;
  titleEn: string | null;
  count: number;
  /** Points per occurrence. */
  perOccurrence: string;
  awarded: string;
  /** The criterion's own cap (maxAward) was reached. */
  capped: boolean;
}

export interface BonusIndicatorResult {
  id: string;
  title: string;
  titleEn: string | null;
  confidence: Confidence;
  max: string;
  awarded: string;
  /** The awards added up to more than the indicator's points. */
  capped: boolean;
  awards: BonusAwardResult[];
}

export interface BonusBreakdown {
  max: string;
  awarded: string;
  /** The indicators added up to more than the bonus tree's points. */
  capped: boolean;
  indicators: BonusIndicatorResult[];
}

/** The bonus as reported (rounded) and the exact value behind it (equal under leaf rounding). */
export function scoreBonus(
  bonus: CompiledBonus,
  occurrences: readonly Occurrence[],
  rounder: Rounder,
): { value: Decimal; breakdown: BonusBreakdown } {
  const counts = countByCriterion(occurrences);
  let total = ZERO;
  const indicators: BonusIndicatorResult[] = bonus.indicators.map(({ indicator, points, criteria }) => {
    let awarded = ZERO;
    const awards: BonusAwardResult[] = [];
    for (const { criterion, award, maxAward } of criteria) {
      const count = counts.get(criterion.id);
      if (count === undefined) continue;
      let value = award.times(count);
      const capped = maxAward !== null && value.gt(maxAward);
      if (capped) value = maxAward;
      awarded = awarded.plus(value);
      awards.push({
        criterion: criterion.id,
        title: criterion.title,
        titleEn: criterion.titleEn ?? null,
        count,
        perOccurrence: text(award),
        awarded: text(value),
        capped,
      });
    }
    const capped = awarded.gt(points);
    if (capped) awarded = points;
    awarded = rounder.leaf(awarded);
    total = total.plus(awarded);
    return {
      id: indicator.id,
      title: indicator.title,
      titleEn: indicator.titleEn ?? null,
      confidence: indicator.provenance.confidence,
      max: text(points),
      awarded: text(rounder.shown(awarded)),
      capped,
      awards,
    };
  });
  const capped = total.gt(bonus.points);
  if (capped) total = bonus.points;
  const value = rounder.shown(total);
  return { value, breakdown: { max: text(bonus.points), awarded: text(value), capped, indicators } };
}
