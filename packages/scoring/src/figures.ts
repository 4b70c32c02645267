import { Decimal, round, type RoundingMode } from './decimal.js';
import { exactQuotientText, isExactValue, throwIfAny, type InputIssue } from './figure-math.js';
import type { DisplayRounding } from './statistics.js';

// The consistency check of a bulletin: recompute every published figure from its counts and report those that
// do not follow under the declared rounding, with the value that does and, where one exists, an explanation.

/** percent: printed with a percent sign (or declared so); number: a plain quotient. */
export type FigureKind = 'percent' | 'number';

export interface PublishedFigure {
  id: string;
  label?: string;
  /** As printed: "85.3%", "40%", "9.43%", "0". */
  published: string;
  numerator: number | string;
  denominator: number | string;
  /** Default: percent when printed with a percent sign, else number. */
  kind?: FigureKind;
  /** Overrides the declared rounding for this figure. */
  rounding?: Partial<DisplayRounding>;
}

export interface CheckPublishedFiguresOptions {
  figures: readonly PublishedFigure[];
  /**
   * The bulletin's declared rounding. Without places, each figure is compared at the places it is printed with;
   * with places, at those places or at the printed places when the figure is printed with more.
   */
  rounding: { mode: RoundingMode; places?: number };
}

/** Why a figure that does not follow may have been printed as it is. */
export type FigureExplanation =
  /** Another rounding mode, at the same places, gives the printed figure. */
  | { kind: 'roundingMode'; mode: RoundingMode; computed: string }
  /** Rounded to fewer places (as printed), the declared mode gives the printed figure. */
  | { kind: 'places'; places: number; computed: string }
  /** The printed figure is 100% minus another printed figure on the complementary count (合格率 = 100% − 不合格率). */
  | { kind: 'complement'; of: string; ofPublished: string }
  /** The nearest numerator (same denominator) from which the printed figure would follow. */
  | { kind: 'numerator'; numerator: string; exact: string };

export interface FigureCheck {
  id: string;
  label: string | null;
  published: string;
  kind: FigureKind;
  numerator: string;
  denominator: string;
  /** The exact value in the figure's unit ("82.9268292682…" for 34/41 as a percentage); null when undefined. */
  exact: string | null;
  /** The rounding the figure was compared under. */
  rounding: DisplayRounding;
  /** The figure that follows from the counts, formatted like the published one ("82.9%"). */
  computed: string | null;
  follows: boolean;
  /** For a figure that does not follow: what would reproduce it (empty when nothing does). */
  explanations: FigureExplanation[];
  message: string;
  messageZh: string;
}

export interface FiguresReport {
  allFollow: boolean;
  figures: FigureCheck[];
}

const modes: readonly RoundingMode[] = ['halfUp', 'halfEven', 'down', 'up'];
const modeNames: Record<RoundingMode, { en: string; zh: string }> = {
  halfUp: { en: 'rounded half up', zh: '四舍五入' },
  halfEven: { en: 'rounded half to even', zh: '四舍六入五成双' },
  down: { en: 'truncated', zh: '截尾舍去' },
  up: { en: 'rounded up (away from zero)', zh: '向上进位（进一法）' },
};

function describeRounding({ places, mode }: DisplayRounding): { en: string; zh: string } {
  return {
    en: `${modeNames[mode].en} to ${places === 0 ? 'a whole number' : `${places} place${places === 1 ? '' : 's'}`}`,
    zh: `按${modeNames[mode].zh}${places === 0 ? '取整' : `保留${places}位小数`}`,
  };
}

interface ParsedFigure {
  figure: PublishedFigure;
  value: Decimal;
  sign: string;
  printedPlaces: number;
  kind: FigureKind;
  rounding: DisplayRounding;
  numerator: Decimal;
  denominator: Decimal;
}

/** Recomputes published figures and reports which do not follow from the counts under the declared rounding. */
export function checkPublishedFigures(options: CheckPublishedFiguresOptions): FiguresReport {
  const parsed = parseFigures(options);
  const checks = parsed.map((p) => checkFigure(p, parsed));
  return { allFollow: checks.every((c) => c.follows), figures: checks };
}

function parseFigures({ figures, rounding }: CheckPublishedFiguresOptions): ParsedFigure[] {
  const issues: InputIssue[] = [];
  const validPlaces = (places: unknown) =>
    places === undefined ||
    (typeof places === 'number' && Number.isInteger(places) && places >= 0 && places <= 6);
  const roundingIssue = (path: InputIssue['path']): InputIssue => ({
    path,
    code: 'invalidArgument',
    message: 'rounding must be { mode: "halfUp" | "halfEven" | "down" | "up", places?: 0–6 }',
    messageZh: '舍入规则应为 { mode: "halfUp" | "halfEven" | "down" | "up", places?: 0–6 }',
  });
  if (!rounding || !modes.includes(rounding.mode) || !validPlaces(rounding.places)) {
    issues.push(roundingIssue(['rounding']));
  }
  const ids = new Set<string>();
  const parsed: ParsedFigure[] = [];
  figures.forEach((figure, index) => {
    const at = (...rest: (string | number)[]) => ['figures', index, ...rest];
    if (ids.has(figure.id)) {
      issues.push({
        path: at('id'),
        code: 'invalidArgument',
        message: `figure id "${figure.id}" appears more than once`,
        messageZh: `数据项 id "${figure.id}" 重复`,
      });
    }
    ids.add(figure.id);
    const printed = typeof figure.published === 'string' ? figure.published.trim().replaceAll(',', '') : '';
    const match = /^(-?\d+(?:\.(\d+))?)\s*([%％]?)$/.exec(printed);
    if (!match) {
      issues.push({
        path: at('published'),
        code: 'invalidNumber',
        message: `published figure must read like "85.3%", "40%" or "0", got ${JSON.stringify(figure.published)}`,
        messageZh: `公布数据应形如 "85.3%"、"40%" 或 "0"，实际为 ${JSON.stringify(figure.published)}`,
      });
    }
    for (const key of ['numerator', 'denominator'] as const) {
      if (!isExactValue(figure[key])) {
        issues.push({
          path: at(key),
          code: 'invalidNumber',
          message: `${key} must be an integer or a decimal string, got ${JSON.stringify(figure[key])}`,
          messageZh: `${key === 'numerator' ? '分子' : '分母'}应为整数或十进制字符串，实际为 ${JSON.stringify(figure[key])}`,
        });
      }
    }
    if (figure.kind !== undefined && figure.kind !== 'percent' && figure.kind !== 'number') {
      issues.push({
        path: at('kind'),
        code: 'invalidArgument',
        message: 'kind must be "percent" or "number"',
        messageZh: 'kind 应为 "percent"（百分比）或 "number"（数值）',
      });
    }
    const own = figure.rounding;
    if (
      own !== undefined &&
      ((own.mode !== undefined && !modes.includes(own.mode)) || !validPlaces(own.places))
    ) {
      issues.push(roundingIssue(at('rounding')));
    }
    if (!match || !isExactValue(figure.numerator) || !isExactValue(figure.denominator) || !rounding) return;
    const printedPlaces = match[2]?.length ?? 0;
    const places =
      own?.places ??
      (rounding.places === undefined ? printedPlaces : Math.max(rounding.places, printedPlaces));
    parsed.push({
      figure,
      value: new Decimal(match[1]!),
      sign: match[3] ?? '',
      printedPlaces,
      kind: figure.kind ?? (match[3] ? 'percent' : 'number'),
      rounding: { places, mode: own?.mode ?? rounding.mode },
      numerator: new Decimal(figure.numerator),
      denominator: new Decimal(figure.denominator),
    });
  });
  throwIfAny(issues);
  return parsed;
}

function scaleOf(kind: FigureKind): number {
  return kind === 'percent' ? 100 : 1;
}

function checkFigure(p: ParsedFigure, all: readonly ParsedFigure[]): FigureCheck {
  const { figure, kind, rounding, numerator, denominator } = p;
  const base = {
    id: figure.id,
    label: figure.label ?? null,
    published: figure.published,
    kind,
    numerator: numerator.toFixed(),
    denominator: denominator.toFixed(),
    rounding,
  };
  const name = `${figure.label ?? figure.id} (${figure.published})`;
  const nameZh = `${figure.label ?? figure.id}（${figure.published}）`;
  if (denominator.isZero()) {
    return {
      ...base,
      exact: null,
      computed: null,
      follows: false,
      explanations: [],
      message: `${name} cannot follow from ${base.numerator}/0: the denominator is 0`,
      messageZh: `${nameZh}无法由 ${base.numerator}/0 得出：分母为 0`,
    };
  }
  const scale = scaleOf(kind);
  const quotient = numerator.times(scale).div(denominator);
  const exactText = exactQuotientText(numerator, denominator, scale);
  const display = (value: Decimal, places: number) => `${value.toFixed(places)}${p.sign}`;
  const rounded = round(quotient, rounding);
  const computed = display(rounded, rounding.places);
  const follows = rounded.eq(p.value);
  const unit = kind === 'percent' ? '%' : '';
  const { en: how, zh: howZh } = describeRounding(rounding);
  const from = `${base.numerator}/${base.denominator} = ${exactText}${unit}`;
  if (follows) {
    return {
      ...base,
      exact: exactText,
      computed,
      follows,
      explanations: [],
      message: `${name} follows: ${from}, ${how}: ${computed}`,
      messageZh: `${nameZh}与数据一致：${from}，${howZh}为 ${computed}`,
    };
  }

  const explanations = explain(p, quotient, all);
  const hints = explanations.map((e) => describe(e, p));
  return {
    ...base,
    exact: exactText,
    computed,
    follows,
    explanations,
    message:
      `${name} does not follow: ${from}, ${how}, gives ${computed}` +
      (hints.length > 0 ? `; ${hints.map((h) => h.en).join('; ')}` : '; no rounding mode reproduces it'),
    messageZh:
      `${nameZh}与数据不符：${from}，${howZh}应为 ${computed}` +
      (hints.length > 0 ? `；${hints.map((h) => h.zh).join('；')}` : '；任何舍入方式都得不到该数'),
  };
}

function explain(p: ParsedFigure, quotient: Decimal, all: readonly ParsedFigure[]): FigureExplanation[] {
  const explanations: FigureExplanation[] = [];
  const { places, mode } = p.rounding;
  for (const other of modes) {
    const value = round(quotient, { places, mode: other });
    if (other !== mode && value.eq(p.value)) {
      explanations.push({ kind: 'roundingMode', mode: other, computed: `${value.toFixed(places)}${p.sign}` });
    }
  }
  if (p.printedPlaces < places) {
    const value = round(quotient, { places: p.printedPlaces, mode });
    if (value.eq(p.value)) {
      explanations.push({
        kind: 'places',
        places: p.printedPlaces,
        computed: `${value.toFixed(p.printedPlaces)}${p.sign}`,
      });
    }
  }
  if (p.kind === 'percent') {
    for (const other of all) {
      if (
        other !== p &&
        other.kind === 'percent' &&
        other.denominator.eq(p.denominator) &&
        other.numerator.plus(p.numerator).eq(p.denominator) &&
        new Decimal(100).minus(other.value).eq(p.value)
      ) {
        explanations.push({ kind: 'complement', of: other.figure.id, ofPublished: other.figure.published });
      }
    }
  }
  const numerator = nearestNumeratorThatFollows(p);
  if (numerator !== null) {
    explanations.push({
      kind: 'numerator',
      numerator: numerator.toFixed(),
      exact: exactQuotientText(numerator, p.denominator, scaleOf(p.kind)),
    });
  }
  return explanations;
}

/** The integer numerator nearest to the given one from which the printed figure follows (same denominator). */
function nearestNumeratorThatFollows(p: ParsedFigure): Decimal | null {
  if (
    !p.numerator.isInteger() ||
    !p.denominator.isInteger() ||
    p.denominator.lte(0) ||
    p.value.isNegative()
  ) {
    return null;
  }
  const scale = scaleOf(p.kind);
  const valueOf = (n: Decimal) => round(n.times(scale).div(p.denominator), p.rounding);
  // valueOf is non-decreasing in n: search the first n giving at least, and the last giving at most, the figure
  const high = p.value.plus(1).times(p.denominator).div(scale).ceil().plus(1);
  const first = (test: (n: Decimal) => boolean): Decimal => {
    let lo = new Decimal(0);
    let hi = high;
    while (lo.lt(hi)) {
      const mid = lo.plus(hi).div(2).floor();
      if (test(mid)) hi = mid;
      else lo = mid.plus(1);
    }
    return lo;
  };
  const lowest = first((n) => valueOf(n).gte(p.value));
  const highest = first((n) => valueOf(n).gt(p.value)).minus(1);
  if (lowest.gt(highest)) return null;
  return p.numerator.lt(lowest) ? lowest : highest;
}

function describe(e: FigureExplanation, p: ParsedFigure): { en: string; zh: string } {
  const unit = p.kind === 'percent' ? '%' : '';
  switch (e.kind) {
    case 'roundingMode':
      return {
        en: `${modeNames[e.mode].en}, it gives ${e.computed}`,
        zh: `若${modeNames[e.mode].zh}则为 ${e.computed}`,
      };
    case 'places':
      return {
        en: `${describeRounding({ places: e.places, mode: p.rounding.mode }).en} (as printed), it gives ${e.computed}`,
        zh: `若按印刷的位数${describeRounding({ places: e.places, mode: p.rounding.mode }).zh}则为 ${e.computed}`,
      };
    case 'complement':
      return {
        en: `it equals 100% − ${e.ofPublished} (figure ${e.of})`,
        zh: `它等于 100% − ${e.ofPublished}（数据项 ${e.of}）`,
      };
    case 'numerator':
      return {
        en: `it would follow from ${e.numerator}/${p.denominator.toFixed()} = ${e.exact}${unit}`,
        zh: `若分子为 ${e.numerator}（${e.numerator}/${p.denominator.toFixed()} = ${e.exact}${unit}）则可得出`,
      };
  }
}
