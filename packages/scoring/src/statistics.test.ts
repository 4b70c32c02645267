import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringInputError } from './errors.js';
import {
  countAtLeast,
  failureRate,
  gradeCounts,
  passRate,
  rate,
  remediationRate,
  summarizeCounts,
  summarizeInspections,
  type InspectionRecord,
} from './statistics.js';

const oneHalfUp = { places: 1, mode: 'halfUp' } as const;

function issuesOf(attempt: () => unknown) {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringInputError);
    return (error as ScoringInputError).issues.map((i) => [i.path, i.code]);
  }
  throw new Error('expected a ScoringInputError');
}

describe('rate', () => {
  it('keeps the counts, the exact value and the declared rounding', () => {
    expect(rate({ numerator: 238, denominator: 279, rounding: oneHalfUp })).toEqual({
      numerator: 238,
      denominator: 279,
      percent: '85.3',
      text: '85.3%',
      exact: '85.3046594982…',
      rounding: oneHalfUp,
    });
  });

  it('writes a terminating quotient out in full and pads to the declared places', () => {
    expect(rate({ numerator: 1, denominator: 8, rounding: { places: 2, mode: 'halfUp' } })).toMatchObject({
      percent: '12.50',
      exact: '12.5',
    });
    expect(rate({ numerator: 40, denominator: 40, rounding: oneHalfUp })).toMatchObject({
      text: '100.0%',
      exact: '100',
    });
    expect(rate({ numerator: 0, denominator: 40, rounding: { places: 0, mode: 'halfUp' } }).text).toBe('0%');
  });

  it('applies the declared mode', () => {
    const of = (
      mode: 'halfUp' | 'halfEven' | 'down' | 'up',
      numerator: number,
      denominator: number,
      places = 1,
    ) => rate({ numerator, denominator, rounding: { places, mode } }).percent;
    expect([of('halfUp', 1, 54), of('down', 1, 54), of('up', 53, 54), of('halfUp', 53, 54)]).toEqual([
      '1.9',
      '1.8',
      '98.2',
      '98.1',
    ]);
    // 1/800 = 0.125%: the half goes to the even digit, or up
    expect([of('halfEven', 1, 800, 2), of('halfUp', 1, 800, 2)]).toEqual(['0.12', '0.13']);
  });

  it('has no value when there is nothing to divide by', () => {
    expect(rate({ numerator: 0, denominator: 0, rounding: oneHalfUp })).toMatchObject({
      percent: null,
      text: '—',
      exact: null,
    });
  });

  it('rejects counts that are not non-negative integers, and a rounding that is not declared properly', () => {
    expect(
      issuesOf(() =>
        rate({ numerator: 1.5, denominator: -3, rounding: { places: 9, mode: 'nearest' as 'halfUp' } }),
      ),
    ).toEqual([
      ['numerator', 'invalidCount'],
      ['denominator', 'invalidCount'],
      ['rounding', 'invalidArgument'],
    ]);
  });
});

describe('passRate, failureRate, remediationRate (from stored counts)', () => {
  it('reproduces 328 checked / 91.8% from a stored summary (issue #7)', () => {
    const pass = passRate({ checked: 328, failed: 27, rounding: oneHalfUp });
    expect(pass).toMatchObject({ numerator: 301, denominator: 328, text: '91.8%' });
    expect(failureRate({ checked: 328, failed: 27, rounding: oneHalfUp })).toMatchObject({
      numerator: 27,
      denominator: 328,
      text: '8.2%',
    });
  });

  it('computes the remediation rate: fixed or properly closed ÷ the previous failures', () => {
    expect(remediationRate({ previousFailures: 35, fixedOrClosed: 31, rounding: oneHalfUp })).toMatchObject({
      numerator: 31,
      denominator: 35,
      text: '88.6%',
    });
  });

  it('rejects more failures than checks and more fixes than failures', () => {
    expect(issuesOf(() => passRate({ checked: 10, failed: 11, rounding: oneHalfUp }))).toEqual([
      ['failed', 'outOfRange'],
    ]);
    expect(
      issuesOf(() => remediationRate({ previousFailures: 3, fixedOrClosed: 4, rounding: oneHalfUp })),
    ).toEqual([['fixedOrClosed', 'outOfRange']]);
  });
});

describe('summarizeInspections', () => {
  const results: InspectionRecord[] = [
    { targetId: 'a1', group: '省直部门', qualified: true },
    { targetId: 'a2', group: '省直部门', qualified: false, reasons: ['columns-stale', 'interaction-poor'] },
    { targetId: 'a3', group: '省直部门', qualified: false, reasons: ['columns-stale', 'columns-stale'] },
    { targetId: 'b1', group: '市州', qualified: true },
    { targetId: 'b2', group: '市州', qualified: true, reasons: ['ignored for a passing target'] },
  ];

  it('counts overall and per group, shares of reasons among failures, groups with every target passing', () => {
    const summary = summarizeInspections({
      results,
      population: { 省直部门: 6, 市州: 4, 县区: 5 },
      rounding: oneHalfUp,
    });
    expect(summary.overall).toMatchObject({ running: 15, checked: 5, failed: 2, qualified: 3 });
    expect(summary.overall.passRate.text).toBe('60.0%');
    expect(summary.overall.samplingRatio?.text).toBe('33.3%');
    expect(summary.byGroup.map((g) => [g.group, g.running, g.checked, g.failed, g.passRate.text])).toEqual([
      ['省直部门', 6, 3, 2, '33.3%'],
      ['市州', 4, 2, 0, '100.0%'],
      ['县区', 5, 0, 0, '—'],
    ]);
    // a target citing one reason twice counts once; shares may add up to more than 100%
    expect(summary.reasons.map((r) => [r.reason, r.count, r.shareOfFailures.text])).toEqual([
      ['columns-stale', 2, '100.0%'],
      ['interaction-poor', 1, '50.0%'],
    ]);
    expect(summary.groupsAllPassed).toEqual(['市州']);
    expect(summary.rounding).toEqual(oneHalfUp);
  });

  it('works without a population and with ungrouped records (counted overall only)', () => {
    const summary = summarizeInspections({
      results: [...results, { targetId: 'x', qualified: false }],
      rounding: { places: 2, mode: 'halfUp' },
      groupOrder: ['市州'],
    });
    expect(summary.overall).toMatchObject({ running: null, checked: 6, failed: 3, samplingRatio: null });
    expect(summary.overall.failureRate.text).toBe('50.00%');
    expect(summary.byGroup.map((g) => g.group)).toEqual(['市州', '省直部门']);
  });

  it('rejects duplicate targets, samples larger than the population and groups the population lacks', () => {
    expect(
      issuesOf(() =>
        summarizeInspections({
          results: [
            ...results,
            { targetId: 'a1', group: '省直部门', qualified: true },
            { targetId: 'c', qualified: true },
          ],
          population: { 省直部门: 3 },
          rounding: oneHalfUp,
        }),
      ),
    ).toEqual([
      ['results[5].targetId', 'invalidArgument'],
      ['results', 'invalidArgument'],
      ['population["省直部门"]', 'outOfRange'],
      ['population["市州"]', 'invalidArgument'],
    ]);
  });

  it('gives the same figures as summarizeCounts on the counts of the same records', () => {
    const recordArb = fc.record({
      group: fc.constantFrom('省直部门', '市州', '县区'),
      qualified: fc.boolean(),
      reasons: fc.subarray(['columns-stale', 'unreachable', 'homepage-stale']),
    });
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 60 }),
        fc.integer({ min: 0, max: 3 }),
        (records, places) => {
          const rounding = { places, mode: 'halfUp' } as const;
          const withIds = records.map((r, i) => ({
            ...r,
            targetId: `t${i}`,
            reasons: r.qualified ? [] : r.reasons,
          }));
          const fromItems = summarizeInspections({ results: withIds, rounding });
          const groups = fromItems.byGroup.map((g) => {
            const failures = withIds.filter((r) => r.group === g.group && !r.qualified);
            const reasons: Record<string, number> = {};
            for (const r of failures)
              for (const reason of r.reasons) reasons[reason] = (reasons[reason] ?? 0) + 1;
            return { group: g.group, checked: g.checked, failed: g.failed, reasons };
          });
          expect(summarizeCounts({ groups, rounding })).toEqual(fromItems);
        },
      ),
    );
  });
});

describe('summarizeCounts', () => {
  it('summarizes stored counts per group (Gansu 2020 Q1: 526 sites in three levels, 26 unqualified → 95.1%)', () => {
    const summary = summarizeCounts({
      groups: [
        { group: '省级', running: 44, checked: 44, failed: 2 },
        { group: '市级', running: 310, checked: 310, failed: 14 },
        { group: '县级', running: 172, checked: 172, failed: 10 },
      ],
      rounding: oneHalfUp,
    });
    expect(summary.overall).toMatchObject({ running: 526, checked: 526, failed: 26, qualified: 500 });
    expect(summary.overall.passRate.text).toBe('95.1%');
    expect(summary.overall.samplingRatio?.text).toBe('100.0%');
  });

  it('rejects inconsistent stored counts', () => {
    expect(
      issuesOf(() =>
        summarizeCounts({
          groups: [
            { group: 'a', running: 4, checked: 5, failed: 6, reasons: { x: 7 } },
            { group: 'a', checked: 1, failed: 0 },
          ],
          rounding: oneHalfUp,
        }),
      ),
    ).toEqual([
      ['groups[0].failed', 'outOfRange'],
      ['groups[0].running', 'outOfRange'],
      ['groups[0].reasons.x', 'outOfRange'],
      ['groups[1].group', 'invalidArgument'],
      ['groups', 'invalidArgument'],
    ]);
  });
});

describe('gradeCounts and countAtLeast', () => {
  const units = [
    { id: '1', name: '兰州', group: '市州', score: '100' },
    { id: '2', name: '白银', group: '市州', score: '89.99' },
    { id: '3', name: '武威', group: '市州', score: '90.00' },
    { id: '4', name: '临夏州', group: '市州', score: '95', vetoed: true },
    { id: '5', name: '省教育厅', group: '省直部门', score: '59.5' },
    { id: '6', name: '省民政厅', group: '省直部门', score: null },
  ];
  const bands = [
    { id: 'excellent', title: '优秀', atLeast: '90' },
    { id: 'good', title: '良好', atLeast: '80', below: '90' },
    { id: 'pass', title: '合格', atLeast: '60', below: '80' },
    { id: 'fail', title: '不合格', below: '60' },
  ];

  it('counts entries per band, overall and per group; vetoed and unscored entries apart', () => {
    const counts = gradeCounts({ entries: units, bands });
    expect(counts.bands.map((b) => [b.title, b.count])).toEqual([
      ['优秀', 2],
      ['良好', 1],
      ['合格', 0],
      ['不合格', 1],
    ]);
    expect(counts).toMatchObject({ vetoed: 1, noScore: 1, outside: 0, total: 6 });
    expect(counts.byGroup.map((g) => [g.group, g.bands.map((b) => b.count), g.vetoed, g.noScore])).toEqual([
      ['市州', [2, 1, 0, 0], 1, 0],
      ['省直部门', [0, 0, 0, 1], 0, 1],
    ]);
  });

  it('puts vetoed entries in a named band (一票否决 → 不合格), and supports exclusive lower bounds (above 22.5)', () => {
    expect(gradeCounts({ entries: units, bands, vetoedBand: 'fail' }).bands.at(-1)!.count).toBe(2);
    const scale25 = gradeCounts({
      entries: [
        { id: 'a', name: 'A', score: '22.5' },
        { id: 'b', name: 'B', score: '22.6' },
        { id: 'c', name: 'C', score: '19' },
      ],
      bands: [
        { id: 'excellent', above: '22.5' },
        { id: 'good', atLeast: '20' },
      ],
    });
    expect(scale25.bands.map((b) => b.count)).toEqual([1, 1]);
    expect(scale25.outside).toBe(1);
  });

  it('counts scores at or above a mark (90分以上) per group, never counting vetoed entries', () => {
    const counts = countAtLeast({ entries: units, atLeast: '90' });
    expect(counts).toMatchObject({ atLeast: '90', count: 2, of: 6 });
    expect(counts.byGroup).toEqual([
      { group: '市州', count: 2, of: 4 },
      { group: '省直部门', count: 0, of: 2 },
    ]);
  });

  it('rejects bad bounds, an unknown vetoedBand and float scores', () => {
    expect(
      issuesOf(() =>
        gradeCounts({
          entries: [{ id: 'a', name: 'A', score: 90 as unknown as string }],
          bands: [{ id: 'x', atLeast: 'ninety' }],
          vetoedBand: 'nope',
        }),
      ),
    ).toEqual([
      ['bands[0].atLeast', 'invalidNumber'],
      ['vetoedBand', 'invalidArgument'],
      ['entries[0].score', 'invalidNumber'],
    ]);
    expect(issuesOf(() => countAtLeast({ entries: units, atLeast: '9O' }))).toEqual([
      ['atLeast', 'invalidNumber'],
    ]);
  });
});
