import { Decimal as GlobalDecimal } from 'decimal.js';
import type { Rounding } from '@kaohe/rules';

// our own configured constructor: never the global one a host application may have changed
export const Decimal = GlobalDecimal.clone({ precision: 40, rounding: GlobalDecimal.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

const modes = {
  halfUp: GlobalDecimal.ROUND_HALF_UP,
  halfEven: GlobalDecimal.ROUND_HALF_EVEN,
  down: GlobalDecimal.ROUND_DOWN,
  up: GlobalDecimal.ROUND_UP,
} as const;

export type RoundingMode = keyof typeof modes;

/** Rounds to the declared places and mode; the result is what a user sees and what thresholds compare with. */
export function round(value: GlobalDecimal.Value, rounding: Pick<Rounding, 'places' | 'mode'>): Decimal {
  return new Decimal(value).toDecimalPlaces(rounding.places, modes[rounding.mode]);
}

/** A decimal string with exactly the declared places ("85.3", "100.00"). */
export function formatRounded(
  value: GlobalDecimal.Value,
  rounding: Pick<Rounding, 'places' | 'mode'>,
): string {
  return round(value, rounding).toFixed(rounding.places);
}

/** Canonical string of an exact value: no exponent, no trailing zeros ("2.5", "100"). */
export function exact(value: GlobalDecimal.Value): string {
  return new Decimal(value).toFixed();
}
