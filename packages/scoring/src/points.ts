import type { Rounding } from '@kaohe/rules';
import { Decimal, round } from './decimal.js';

// Arithmetic helpers shared by the scorers: the rounding stage, fractions for explanations, display strings.

export const ZERO = new Decimal(0);

/** Applies a rule set's rounding: `leaf` rounds awarded leaves, `shown` rounds every reported value once. */
export interface Rounder {
  readonly rounding: Rounding;
  /** Rounds an awarded leaf when the stage is `leaf`; exact otherwise. */
  leaf(value: Decimal): Decimal;
  /** Rounds a value that is reported (and compared with thresholds). */
  shown(value: Decimal): Decimal;
}

export function rounder(rounding: Rounding): Rounder {
  const shown = (value: Decimal): Decimal =>
    value.decimalPlaces() <= rounding.places ? value : round(value, rounding);
  return {
    rounding,
    leaf: rounding.stage === 'leaf' ? shown : (value) => value,
    shown,
  };
}

/** Canonical decimal string: no exponent, no trailing zeros ("58.5", "60"); the same as `exact`, without a copy. */
export const text = (value: Decimal): string => (value.isZero() ? '0' : value.toFixed());

export const sum = (values: readonly Decimal[]): Decimal => {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
};

export interface Fraction {
  numerator: string;
  denominator: string;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** numerator ÷ denominator in lowest terms, from two finite decimals: 100 ÷ 75 → 4/3. */
export function fraction(numerator: Decimal, denominator: Decimal): Fraction {
  const places = Math.max(numerator.decimalPlaces(), denominator.decimalPlaces());
  const scale = new Decimal(10).pow(places);
  let n = BigInt(numerator.times(scale).toFixed(0));
  let d = BigInt(denominator.times(scale).toFixed(0));
  const divisor = gcd(n < 0n ? -n : n, d < 0n ? -d : d);
  if (divisor > 1n) {
    n /= divisor;
    d /= divisor;
  }
  return { numerator: n.toString(), denominator: d.toString() };
}

export const fractionText = (f: Fraction): string =>
  f.denominator === '1' ? f.numerator : `${f.numerator}/${f.denominator}`;

// --- whole units ---------------------------------------------------------------------------------------------
// On the hot path, a rule set whose values all have at most `scale` decimal places is scored in integers of
// 10^-scale points (0.5 at scale 2 is 50): exact, like cents, and checked to stay within 2^53. Anything that
// does not fit (repeating shares, scaling by 4/3, huge counts) goes through Decimal instead.

/** Decimal places of a plain decimal string ("2.5" → 1). */
export const placesOf = (value: string): number => {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
};

/** "2.5" at scale 2 → 250; null when it has more places than the scale or does not fit in a safe integer. */
export function toUnits(value: string, scale: number): number | null {
  const negative = value[0] === '-';
  const digits = negative ? value.slice(1) : value;
  const dot = digits.indexOf('.');
  const frac = dot === -1 ? '' : digits.slice(dot + 1);
  if (frac.length > scale) return null;
  const units = Number((dot === -1 ? digits : digits.slice(0, dot)) + frac + '0'.repeat(scale - frac.length));
  if (!Number.isSafeInteger(units)) return null;
  return negative ? -units : units;
}

/** 250 at scale 2 → "2.5": the canonical text, as `text` gives for the same value. */
export function unitsText(units: number, scale: number): string {
  // scores and totals are mostly small: their texts are kept, one list per scale
  if ((units | 0) === units && units >= 0 && units < cachedTexts && scale >= 0 && scale <= 6) {
    const texts = (textsByScale[scale] ??= new Array<string | undefined>(cachedTexts));
    return texts[units] ?? (texts[units] = unitsTextOf(units, scale));
  }
  return unitsTextOf(units, scale);
}

const cachedTexts = 1 << 15;
const textsByScale: (string | undefined)[][] = [];

function unitsTextOf(units: number, scale: number): string {
  if (scale === 0 || units === 0) return String(units);
  const negative = units < 0;
  let digits = String(negative ? -units : units);
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  let end = digits.length;
  while (end > cut && digits[end - 1] === '0') end -= 1;
  const shown = end === cut ? digits.slice(0, cut) : `${digits.slice(0, cut)}.${digits.slice(cut, end)}`;
  return negative ? `-${shown}` : shown;
}

/** numerator ÷ denominator (both ≥ 0, safe integers) rounded to a whole number by the mode; null if unsafe. */
export function divideRounded(numerator: number, denominator: number, mode: Rounding['mode']): number | null {
  if (!Number.isSafeInteger(numerator) || denominator <= 0) return null;
  let quotient = Math.floor(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  // the float division may be one off: correct it with the exact remainder
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  const twice = 2 * remainder;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return remainder > 0 ? quotient + 1 : quotient;
    case 'halfUp':
      return twice >= denominator ? quotient + 1 : quotient;
    case 'halfEven':
      return twice > denominator || (twice === denominator && quotient % 2 === 1) ? quotient + 1 : quotient;
  }
}
