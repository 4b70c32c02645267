import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringInputError } from './errors.js';
import { Decimal } from './decimal.js';
import { drawRecheck, drawSample, hashSeed, type SamplingTarget } from './sampling.js';

const levels = ['province', 'city', 'county', 'belowCounty'];

/** A registry with the given number of targets per level. */
function registry(sizes: readonly number[]): SamplingTarget[] {
  return sizes.flatMap((size, levelIndex) =>
    Array.from({ length: size }, (_, i) => ({
      id: `${levels[levelIndex]}-${String(i).padStart(4, '0')}`,
      level: levels[levelIndex]!,
      group: levelIndex === 0 ? '省直部门' : '其他',
    })),
  );
}

const arbitraryDraw = fc.record({
  sizes: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 4 }),
  ratio: fc.integer({ min: 1, max: 100 }).map((n) => new Decimal(n).div(100).toString()),
  seed: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
  recheckPicks: fc.array(fc.nat(), { maxLength: 10 }),
});

describe('drawSample', () => {
  it('meets the ratio per level, includes every re-check, draws no target twice', () => {
    fc.assert(
      fc.property(arbitraryDraw, ({ sizes, ratio, seed, recheckPicks }) => {
        const targets = registry(sizes);
        const mustInclude =
          targets.length === 0 ? [] : [...new Set(recheckPicks.map((p) => targets[p % targets.length]!.id))];
        const draw = drawSample({ targets, ratio, seed, mustInclude, perLevel: true });
        const ids = draw.drawn.map((d) => d.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of mustInclude) expect(draw.drawn.find((d) => d.id === id)?.reason).toBe('recheck');
        for (const level of draw.levels) {
          const members = targets.filter((t) => t.level === level.level);
          const required = new Decimal(ratio).times(members.length).ceil().toNumber();
          const random = draw.drawn.filter((d) => d.level === level.level && d.reason === 'random').length;
          const rechecked = members.filter((m) => mustInclude.includes(m.id)).length;
          // the random part alone reaches the ratio unless the level has too few other targets
          expect(random).toBe(Math.min(required, members.length - rechecked));
          expect(random + rechecked).toBeGreaterThanOrEqual(Math.min(required, members.length));
          expect(level).toMatchObject({ population: members.length, required, random, rechecks: rechecked });
        }
      }),
    );
  });

  it('is reproducible: the same seed gives the same sample whatever the order of the targets', () => {
    fc.assert(
      fc.property(arbitraryDraw, fc.nat(), ({ sizes, ratio, seed }, rotation) => {
        const targets = registry(sizes);
        const rotated = targets.map((_, i) => targets[(i + rotation) % targets.length]!);
        const first = drawSample({ targets, ratio, seed });
        const second = drawSample({ targets: rotated, ratio, seed });
        // the same targets drawn for the same reasons; levels are listed in the order they first appear
        const byId = (draw: typeof first) => [...draw.drawn].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(byId(second)).toEqual(byId(first));
      }),
    );
  });

  it('a different seed gives a different sample (100 targets, 30 drawn)', () => {
    const targets = registry([100]);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(
          a.trim() !== '' &&
            b.trim() !== '' &&
            hashSeed(`${a}\u0000province`) !== hashSeed(`${b}\u0000province`),
        );
        const ids = (seed: string) =>
          drawSample({ targets, ratio: '0.3', seed })
            .drawn.map((d) => d.id)
            .sort();
        expect(ids(a)).not.toEqual(ids(b));
      }),
    );
  });

  it('a known draw stays the same across releases', () => {
    const draw = drawSample({ targets: registry([10]), ratio: '0.3', seed: '2018Q1' });
    expect(draw.levels).toEqual([{ level: 'province', population: 10, required: 3, random: 3, rechecks: 0 }]);
    expect(draw.drawn.map((d) => d.id)).toMatchInlineSnapshot(`
      [
        "province-0006",
        "province-0001",
        "province-0002",
      ]
    `);
  });

  it('rejects a bad ratio, an empty seed, duplicate targets and unknown re-checks, naming each', () => {
    const targets = [...registry([2]), { id: 'province-0000', level: 'city' }];
    try {
      drawSample({ targets, ratio: '1.5', seed: ' ', mustInclude: ['nowhere'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringInputError);
      expect((error as ScoringInputError).issues.map((i) => i.path)).toEqual([
        'ratio',
        'seed',
        'targets[2].id',
        'mustInclude[0]',
      ]);
    }
    expect(() => drawSample({ targets, ratio: '0', seed: 'x' })).toThrow(/ratio/);
    expect(() => drawSample({ targets: registry([1]), ratio: '0.1e1', seed: 'x' })).toThrow(/ratio/);
  });
});

describe('drawRecheck', () => {
  it("draws ceil(10%) of a city's reported results, reproducibly, without duplicates", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.string({ minLength: 1 }), (count, seed) => {
        fc.pre(seed.trim() !== '');
        const results = Array.from({ length: count }, (_, i) => ({ id: `r${i}`, qualified: i % 7 !== 0 }));
        const draw = drawRecheck({ results, share: '0.1', seed });
        expect(draw.required).toBe(Math.ceil(count / 10));
        expect(draw.drawn).toHaveLength(draw.required);
        expect(new Set(draw.drawn).size).toBe(draw.drawn.length);
        expect(drawRecheck({ results: [...results].reverse(), share: '0.1', seed }).drawn).toEqual(
          draw.drawn,
        );
      }),
    );
  });

  it('rejects a share outside (0, 1] and repeated ids', () => {
    expect(() => drawRecheck({ results: [{ id: 'a' }, { id: 'a' }], share: '0.1', seed: 's' })).toThrow(
      /results\[1\]\.id/,
    );
    expect(() => drawRecheck({ results: [], share: '-0.1', seed: 's' })).toThrow(/share/);
  });
});
