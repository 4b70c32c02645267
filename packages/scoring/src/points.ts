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
