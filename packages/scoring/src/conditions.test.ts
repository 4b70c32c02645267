import { describe, expect, test } from 'vitest';
import { Issues } from './checks.js';
import { compileRuleSet } from './compile.js';
import { compareCanonical, plainDecimal, readMeasurements } from './conditions.js';
import { Decimal } from './decimal.js';
import { websiteInspection } from './test-support/fixtures.js';

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

describe('readMeasurements', () => {
  test('finds every key whatever the order of keys from one input to the next, and reports unknown ones', () => {
    const compiled = compileRuleSet(structuredClone(websiteInspection), 'inspection', new Issues())!;
    const read = (raw: Record<string, unknown>) => {
      const issues = new Issues();
      const values = readMeasurements(raw, compiled.measurements, false, issues);
      const byId = Object.fromEntries(
        compiled.measurements.list.map((m, i) => {
          const value = values[i];
          return [m.id, value === undefined ? undefined : value.kind === 'flag' ? value.value : value.text];
        }),
      );
      return { byId, issues: issues.list.map((issue) => issue.path) };
    };
    const forward = { seriousIncident: true, unreachableShare: '0.050', emptyColumns: 3 };
    const backward = { emptyColumns: 4, unreachableShare: '0.5', seriousIncident: false };
    const unknown = { emptyColumns: 1, typo: 2, seriousIncident: true };
    for (let round = 0; round < 3; round += 1) {
      expect(read(forward).byId).toMatchObject({
        seriousIncident: true,
        unreachableShare: '0.05',
        emptyColumns: '3',
      });
      expect(read(backward).byId).toMatchObject({
        seriousIncident: false,
        unreachableShare: '0.5',
        emptyColumns: '4',
      });
      expect(read(unknown)).toMatchObject({
        byId: { seriousIncident: true, emptyColumns: '1', unreachableShare: undefined },
        issues: ['measurements.typo'],
      });
    }
  });
});
