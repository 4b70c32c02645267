import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareCanonical } from './conditions.js';
import { Decimal } from './decimal.js';
import { percent } from './explain.js';
import { fraction, fractionText, rounder, text, toUnits, unitsText } from './points.js';

const decimalText = fc
  .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }))
  .map(([n, places]) => new Decimal(n).div(new Decimal(10).pow(places)).toFixed());

describe('whole units', () => {
  test('toUnits and unitsText', () => {
    expect(toUnits('2.5', 2)).toBe(250);
    expect(toUnits('0.01', 2)).toBe(1);
    expect(toUnits('100', 0)).toBe(100);
    expect(toUnits('0.125', 2)).toBeNull();
    expect(toUnits('-3.5', 1)).toBe(-35);
    expect(toUnits('99999999999999999', 0)).toBeNull();
    expect(unitsText(250, 2)).toBe('2.5');
    expect(unitsText(1, 2)).toBe('0.01');
    expect(unitsText(-35, 1)).toBe('-3.5');
    expect(unitsText(6000, 2)).toBe('60');
    expect(unitsText(0, 3)).toBe('0');
  });

  test('unitsText gives the canonical text, kept texts (small whole units) included, at every scale', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -50, max: 40_000 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
        fc.integer({ min: 0, max: 6 }),
        (units, scale) => {
          const expected = text(new Decimal(units).div(new Decimal(10).pow(scale)));
          expect(unitsText(units, scale)).toBe(expected);
          // a second read comes from the kept texts
          expect(unitsText(units, scale)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('round-trip to the canonical text', () => {
    fc.assert(
      fc.property(decimalText, (value) => {
        const units = toUnits(value, 4);
        expect(units).not.toBeNull();
        expect(unitsText(units!, 4)).toBe(text(new Decimal(value)));
      }),
    );
  });
});

describe('canonical comparison and percent', () => {
  test('compareCanonical agrees with Decimal on non-negative values', () => {
    const nonNegative = decimalText.map((v) => v.replace('-', ''));
    fc.assert(
      fc.property(nonNegative, nonNegative, (a, b) => {
        expect(compareCanonical(a, b)).toBe(new Decimal(a).cmp(b));
      }),
    );
    expect(compareCanonical('0.05', '0.0499')).toBe(1);
    expect(compareCanonical('0.5', '0.51')).toBe(-1);
    expect(compareCanonical('10', '9.99')).toBe(1);
  });

  test('percent moves the decimal point', () => {
    expect(['0.05', '0.0499', '1', '0', '0.955', '0.5', '12.3456'].map(percent)).toEqual([
      '5%',
      '4.99%',
      '100%',
      '0%',
      '95.5%',
      '50%',
      '1234.56%',
    ]);
    fc.assert(
      fc.property(decimalText, (value) => {
        expect(percent(value)).toBe(`${new Decimal(value).times(100).toFixed()}%`);
      }),
    );
  });
});

describe('fractions and rounding', () => {
  test('factors in lowest terms', () => {
    expect(fractionText(fraction(new Decimal(100), new Decimal(75)))).toBe('4/3');
    expect(fractionText(fraction(new Decimal(100), new Decimal(90)))).toBe('10/9');
    expect(fractionText(fraction(new Decimal(25), new Decimal('22.5')))).toBe('10/9');
    expect(fractionText(fraction(new Decimal(50), new Decimal(50)))).toBe('1');
  });

  test('leaf rounds only at the leaf stage; shown always rounds', () => {
    const leaf = rounder({ places: 2, mode: 'halfUp', stage: 'leaf' });
    const total = rounder({ places: 2, mode: 'halfUp', stage: 'total' });
    expect(text(leaf.leaf(new Decimal('9.995')))).toBe('10');
    expect(text(total.leaf(new Decimal('9.995')))).toBe('9.995');
    expect(text(total.shown(new Decimal('9.995')))).toBe('10');
    expect(text(rounder({ places: 1, mode: 'halfEven', stage: 'total' }).shown(new Decimal('0.25')))).toBe(
      '0.2',
    );
  });
});
