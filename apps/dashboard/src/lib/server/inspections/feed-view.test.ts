import { getRuleSet, type AssessmentRuleSet } from '@kaohe/rules';
import { describe, expect, it } from 'vitest';
import { compareWithFeed, differsFromFeed } from './feed-view';

// A reviewer sees whether a unit's own value for a fed sub-item (A1.1 portal average, A2.1 and A3.1 pass rates of
// the Gansu table: all scored by bands) matches the quarterly inspections, and, when it does not, whether the
// difference changes the points.

const ruleSet = getRuleSet('gansu-2019-annual-assessment') as AssessmentRuleSet;
const compare = (subItemId: string, input: unknown, fedValue: string) =>
  compareWithFeed({ ruleSet, subItemId, input, fedValue });

describe('compareWithFeed', () => {
  it('matches when the values are equal as decimals', () => {
    expect(compare('A2.1', { value: '0.875' }, '0.8750')).toEqual({ state: 'matches' });
    expect(compare('A1.1', { value: '102.75' }, '102.75')).toEqual({ state: 'matches' });
  });

  it('tells a different value in the same band from one that changes the points', () => {
    // 96% entered, 89/92 = 96.74% computed: both in 95%–100% (8 of 10 points)
    expect(compare('A2.1', { value: '0.96' }, '0.9673913043')).toEqual({ state: 'samePoints', points: '8' });
    // a portal average of 90 entered against 102.75 computed: both 90 and above (10 points)
    expect(compare('A1.1', { value: '90' }, '102.75')).toEqual({ state: 'samePoints', points: '10' });
    // 100% entered against 96.74%: 10 points as entered, 8 from the inspections
    expect(compare('A2.1', { value: '1' }, '0.9673913043')).toEqual({
      state: 'differentPoints',
      selfPoints: '10',
      fedPoints: '8',
    });
    // a band boundary: 0.95 is in 95%–100%, 0.9499 below it
    expect(compare('A3.1', { value: '0.95' }, '0.9499')).toEqual({
      state: 'differentPoints',
      selfPoints: '4',
      fedPoints: '3',
    });
  });

  it('gives no points, rather than a made-up 0, for an input that scores none', () => {
    // not applicable and rescaled: the sub-item leaves the table
    expect(compare('A3.1', { notApplicable: true, reason: '无政务新媒体' }, '1')).toEqual({
      state: 'differentPoints',
      selfPoints: null,
      fedPoints: '5',
    });
    // a value the scorer refuses (a ratio above 1)
    expect(compare('A2.1', { value: '1.5' }, '1')).toEqual({
      state: 'differentPoints',
      selfPoints: null,
      fedPoints: '10',
    });
  });

  it('agrees with differsFromFeed on whether the values differ', () => {
    for (const [input, fed] of [
      [{ value: '0.9' }, '0.90'],
      [{ value: '0.9' }, '0.91'],
      [{ notApplicable: true, reason: '无' }, '1'],
    ] as const) {
      expect(compare('A2.1', input, fed).state === 'matches').toBe(!differsFromFeed(input, fed));
    }
  });
});
