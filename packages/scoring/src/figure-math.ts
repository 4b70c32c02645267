import { Decimal } from './decimal.js';
import { ScoringInputError, type ScoringIssueCode } from './errors.js';

// Internal helpers shared by rank, statistics and figures (not re-exported from the package).

export const decimalPattern = /^-?\d+(\.\d+)?$/;

/** A number or decimal string that is an exact decimal (finite numbers only when they are safe integers). */
export function isExactValue(value: unknown): value is number | string {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'string' && decimalPattern.test(value);
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const shownPlaces = 10;

/**
 * The quotient numerator ÷ denominator × scale written out: all digits when the decimal terminates within a
 * reasonable length, else the first 10 decimal places followed by "…" ("82.9268292682…").
 */
export function exactQuotientText(
  numerator: Decimal | string | number,
  denominator: Decimal | string | number,
  scale: Decimal | string | number = 1,
): string {
  const [n, d] = asIntegerFraction(new Decimal(numerator).times(scale), new Decimal(denominator));
  const negative = n < 0n !== d < 0n && n !== 0n;
  const absN = n < 0n ? -n : n;
  const absD = d < 0n ? -d : d;
  const places = terminatingPlaces(absN, absD);
  const digits = places ?? shownPlaces;
  const scaled = (absN * 10n ** BigInt(digits)) / absD;
  const text = scaled.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  const body = digits === 0 ? whole : `${whole}.${fraction}`;
  return `${negative ? '-' : ''}${body}${places === null ? '…' : ''}`;
}

/** Places of the terminating decimal n/d, or null when it does not terminate within 40 places. */
function terminatingPlaces(n: bigint, d: bigint): number | null {
  let rest = d / gcd(n, d);
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos += 1;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives += 1;
  }
  const places = Math.max(twos, fives);
  return rest === 1n && places <= 40 ? places : null;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function asIntegerFraction(n: Decimal, d: Decimal): [bigint, bigint] {
  const places = Math.max(n.decimalPlaces(), d.decimalPlaces());
  const factor = new Decimal(10).pow(places);
  return [BigInt(n.times(factor).toFixed(0)), BigInt(d.times(factor).toFixed(0))];
}

// --- reading scores from entries -------------------------------------------------------------------------

export interface ScoreReading {
  group: string | null;
  score: Decimal | null;
  vetoed: boolean;
}

interface ScoredEntryLike {
  name: string;
  group?: string | null;
  vetoed?: boolean;
}

/** Reads each entry's score (a decimal string, null or missing); reports anything else as an input issue. */
export function readScores<E extends ScoredEntryLike>(
  entries: readonly E[],
  by: string | ((entry: E) => string | null | undefined),
  issues: InputIssue[],
): ScoreReading[] {
  return readScoreTexts(entries, by, issues).map(({ group, score, vetoed }) => ({
    group,
    score: score === null ? null : new Decimal(score),
    vetoed,
  }));
}

/** readScores, with each score left as the decimal string it was given (checked, not parsed). */
export function readScoreTexts<E extends ScoredEntryLike>(
  entries: readonly E[],
  by: string | ((entry: E) => string | null | undefined),
  issues: InputIssue[],
): { group: string | null; score: string | null; vetoed: boolean }[] {
  return entries.map((entry, index) => {
    const raw: unknown = typeof by === 'function' ? by(entry) : (entry as Record<string, unknown>)[by];
    const group = entry.group ?? null;
    const vetoed = entry.vetoed === true;
    if (raw === null || raw === undefined) return { group, score: null, vetoed };
    if (typeof raw !== 'string' || !decimalPattern.test(raw)) {
      issues.push({
        path: ['entries', index, typeof by === 'string' ? by : 'score'],
        code: 'invalidNumber',
        message: `score of "${entry.name}" must be a decimal string such as "92.5" or null, got ${JSON.stringify(raw)}`,
        messageZh: `"${entry.name}"的得分应为十进制字符串（如 "92.5"）或 null，实际为 ${JSON.stringify(raw)}`,
      });
      return { group, score: null, vetoed };
    }
    return { group, score: raw, vetoed };
  });
}

// --- input issues --------------------------------------------------------------------------------------------

/** An input problem with its path as segments; turned into a ScoringInputError (path `entries[3].score`). */
export interface InputIssue {
  path: (string | number)[];
  code: ScoringIssueCode;
  message: string;
  messageZh: string;
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** JavaScript notation: `entries[3].score`, `population["省直部门"]`; `(root)` for the argument itself. */
export function formatIssuePath(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (identifier.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(root)' : text;
}

export function throwIfAny(issues: readonly InputIssue[]): void {
  if (issues.length === 0) return;
  throw new ScoringInputError(issues.map((issue) => ({ ...issue, path: formatIssuePath(issue.path) })));
}
