import { describe, expect, test } from 'vitest';
import { compareCanonical, plainDecimal } from './conditions.js';
import { Decimal } from './decimal.js';

describe('plainDecimal: the canonical text of a plain decimal ≥ 0', () => {
  test('keeps canonical text and canonicalises the rest, as Decimal would', () => {
    const cases = [
      '0',
      '7',
      '10',
      '0.05',
      '0.049',
      '12.5',
      '00',
      '007',
      '0.50',
      '1.0',
      '0.0',
      '00.5',
      '10.100',
    ];
    for (const value of cases) expect(plainDecimal(value)).toBe(new Decimal(value).toFixed());
    expect(plainDecimal(0.5)).toBe('0.5');
    expect(plainDecimal(3)).toBe('3');
  });

  test('refuses what is not a plain decimal ≥ 0', () => {
    for (const value of ['-1', '1e3', '.5', '5.', ' 1', '', 'x', Number.NaN, Infinity, 1e21, true, null]) {
      expect(plainDecimal(value)).toBeNull();
    }
  });

  test('compareCanonical orders canonical texts as numbers', () => {
    const sorted = ['0', '0.0499', '0.05', '0.5', '1', '2', '10', '10.01'];
    for (const [i, a] of sorted.entries()) {
      for (const [j, b] of sorted.entries()) expect(Math.sign(compareCanonical(a, b))).toBe(Math.sign(i - j));
    }
  });
});
