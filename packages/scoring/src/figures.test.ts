import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringInputError } from './errors.js';
import { checkPublishedFigures, type PublishedFigure } from './figures.js';
import { rate } from './statistics.js';

const halfUp = { mode: 'halfUp' } as const;

function check(
  figure: PublishedFigure,
  rounding: { mode: 'halfUp' | 'halfEven' | 'down' | 'up'; places?: number } = halfUp,
) {
  return checkPublishedFigures({ figures: [figure], rounding }).figures[0]!;
}

describe('checkPublishedFigures', () => {
  it('confirms a figure that follows, at the places it is printed with, and says why', () => {
    const result = check({
      id: 'pass',
      label: '抽查合格率',
      published: '85.3%',
      numerator: 238,
      denominator: 279,
    });
    expect(result).toMatchObject({
      id: 'pass',
      label: '抽查合格率',
      kind: 'percent',
      numerator: '238',
      denominator: '279',
      exact: '85.3046594982…',
      rounding: { places: 1, mode: 'halfUp' },
      computed: '85.3%',
      follows: true,
      explanations: [],
    });
    expect(result.message).toBe(
      '抽查合格率 (85.3%) follows: 238/279 = 85.3046594982…%, rounded half up to 1 place: 85.3%',
    );
    expect(result.messageZh).toBe(
      '抽查合格率（85.3%）与数据一致：238/279 = 85.3046594982…%，按四舍五入保留1位小数为 85.3%',
    );
  });

  it('compares a figure printed with 2 places at 2 places, one printed as a whole number as a whole number', () => {
    expect(check({ id: 'a', published: '9.43%', numerator: 5, denominator: 53 })).toMatchObject({
      computed: '9.43%',
      follows: true,
    });
    expect(check({ id: 'b', published: '40%', numerator: 279, denominator: 697 })).toMatchObject({
      computed: '40%',
      follows: true,
    });
    expect(check({ id: 'c', published: '9.4%', numerator: 5, denominator: 53 }).follows).toBe(true);
  });

  it('flags a figure that does not follow and gives the value that does, and the numerator that would give it', () => {
    const result = check({ id: 'share', published: '80.5%', numerator: 34, denominator: 41 });
    expect(result).toMatchObject({ computed: '82.9%', follows: false, exact: '82.9268292682…' });
    expect(result.explanations).toEqual([{ kind: 'numerator', numerator: '33', exact: '80.4878048780…' }]);
    expect(result.messageZh).toBe(
      'share（80.5%）与数据不符：34/41 = 82.9268292682…%，按四舍五入保留1位小数应为 82.9%；若分子为 33（33/41 = 80.4878048780…%）则可得出',
    );
  });

  it('names the rounding modes that reproduce a figure, and a printed complement (100% − another figure)', () => {
    const { figures, allFollow } = checkPublishedFigures({
      rounding: halfUp,
      figures: [
        { id: 'failed', published: '1.8%', numerator: 1, denominator: 54 },
        { id: 'passed', published: '98.2%', numerator: 53, denominator: 54 },
        { id: 'other', published: '1.8%', numerator: 1, denominator: 55 },
      ],
    });
    expect(allFollow).toBe(false);
    expect(figures.map((f) => [f.id, f.computed, f.follows])).toEqual([
      ['failed', '1.9%', false],
      ['passed', '98.1%', false],
      ['other', '1.8%', true],
    ]);
    expect(figures[0]!.explanations).toEqual([
      { kind: 'roundingMode', mode: 'down', computed: '1.8%' },
      { kind: 'complement', of: 'passed', ofPublished: '98.2%' },
    ]);
    // 'other' has another denominator: 100% − its 1.8% is no explanation
    expect(figures[1]!.explanations).toEqual([
      { kind: 'roundingMode', mode: 'up', computed: '98.2%' },
      { kind: 'complement', of: 'failed', ofPublished: '1.8%' },
    ]);
    expect(figures[1]!.message).toContain(
      'rounded up (away from zero), it gives 98.2%; it equals 100% − 1.8% (figure failed)',
    );
  });

  it('says so when nothing reproduces a figure', () => {
    const result = check({ id: 'x', published: '50.0%', numerator: 1, denominator: 3 });
    expect(result).toMatchObject({ computed: '33.3%', follows: false, explanations: [] });
    expect(result.message).toMatch(/no rounding mode reproduces it$/);
    expect(result.messageZh).toMatch(/任何舍入方式都得不到该数$/);
  });

  it('uses declared places: more places printed are compared as printed; fewer are read with trailing zeros', () => {
    const declared = { mode: 'halfUp', places: 1 } as const;
    expect(check({ id: 'a', published: '9.43%', numerator: 5, denominator: 53 }, declared).computed).toBe(
      '9.43%',
    );
    expect(check({ id: 'b', published: '40%', numerator: 279, denominator: 697 }, declared)).toMatchObject({
      computed: '40.0%',
      follows: true,
    });
    const third = check({ id: 'c', published: '33%', numerator: 1, denominator: 3 }, declared);
    expect(third).toMatchObject({ computed: '33.3%', follows: false });
    expect(third.explanations).toEqual([{ kind: 'places', places: 0, computed: '33%' }]);
  });

  it('lets a figure declare its own rounding', () => {
    const result = check({
      id: 'a',
      published: '1.8%',
      numerator: 1,
      denominator: 54,
      rounding: { mode: 'down', places: 1 },
    });
    expect(result).toMatchObject({ follows: true, rounding: { places: 1, mode: 'down' } });
    expect(result.messageZh).toContain('按截尾舍去保留1位小数为 1.8%');
  });

  it('reads plain numbers, a full-width percent sign, thousands separators and decimal counts', () => {
    expect(check({ id: 'avg', published: '88.2', numerator: '1234.5', denominator: 14 })).toMatchObject({
      kind: 'number',
      exact: '88.1785714285…',
      computed: '88.2',
      follows: true,
    });
    expect(check({ id: 'w', published: '12.5％', numerator: 1, denominator: 8 })).toMatchObject({
      computed: '12.5％',
      exact: '12.5',
      follows: true,
    });
    expect(check({ id: 'n', published: '1,234', numerator: 1234, denominator: 1 }).follows).toBe(true);
    expect(check({ id: 'z', published: '0', numerator: 0, denominator: 40, kind: 'percent' })).toMatchObject({
      computed: '0',
      exact: '0',
      follows: true,
    });
  });

  it('never lets a figure follow from a zero denominator', () => {
    expect(check({ id: 'z', published: '0%', numerator: 0, denominator: 0 })).toMatchObject({
      computed: null,
      exact: null,
      follows: false,
    });
  });

  it('rejects malformed figures, every problem at once', () => {
    try {
      checkPublishedFigures({
        rounding: { mode: 'nearest' as 'halfUp' },
        figures: [
          { id: 'a', published: 'about 80%', numerator: 1, denominator: 2 },
          { id: 'a', published: '80%', numerator: 0.5, denominator: '2', kind: 'ratio' as 'percent' },
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringInputError);
      expect((error as ScoringInputError).issues.map((i) => [i.path, i.code])).toEqual([
        ['rounding', 'invalidArgument'],
        ['figures[0].published', 'invalidNumber'],
        ['figures[1].id', 'invalidArgument'],
        ['figures[1].numerator', 'invalidNumber'],
        ['figures[1].kind', 'invalidArgument'],
      ]);
    }
  });

  it('accepts every figure that rate() prints, and flags any other value with the printed one as computed', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d))),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('halfUp' as const, 'halfEven' as const, 'down' as const, 'up' as const),
        ([numerator, denominator], places, mode) => {
          const printed = rate({ numerator, denominator, rounding: { places, mode } }).text;
          const own = check({ id: 'f', published: printed, numerator, denominator }, { mode });
          expect(own).toMatchObject({ follows: true, computed: printed });
          const other = 2 * numerator >= denominator ? '0%' : '100%';
          const wrong = check({ id: 'f', published: other, numerator, denominator }, { mode, places });
          expect(wrong).toMatchObject({ follows: false, computed: printed });
        },
      ),
    );
  });
});
