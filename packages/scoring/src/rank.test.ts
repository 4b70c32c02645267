import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { ScoringInputError } from './errors.js';
import { rank, type RankableEntry, type Ranking } from './rank.js';

// Rosetta Code, "Ranking methods"
const rosetta: RankableEntry[] = [
  { id: 'solomon', name: 'Solomon', score: '44' },
  { id: 'jason', name: 'Jason', score: '42' },
  { id: 'errol', name: 'Errol', score: '42' },
  { id: 'garry', name: 'Garry', score: '41' },
  { id: 'bernard', name: 'Bernard', score: '41' },
  { id: 'barry', name: 'Barry', score: '41' },
  { id: 'stephen', name: 'Stephen', score: '39' },
];

const rows = <E extends RankableEntry>(ranking: Ranking<E>, groupIndex = 0) =>
  ranking.groups[groupIndex]!.ranked.map((r) => [r.rank, r.entry.name, r.tied]);

describe('rank', () => {
  it('uses standard competition ranking by default (Rosetta Code fixture), ties ordered by name', () => {
    const ranking = rank({ entries: rosetta });
    expect(ranking.method).toBe('standard');
    expect(ranking.groups).toHaveLength(1);
    expect(ranking.groups[0]!.group).toBeNull();
    expect(rows(ranking)).toEqual([
      [1, 'Solomon', false],
      [2, 'Errol', true],
      [2, 'Jason', true],
      [4, 'Barry', true],
      [4, 'Bernard', true],
      [4, 'Garry', true],
      [7, 'Stephen', false],
    ]);
  });

  it('ranks densely on request', () => {
    const ranking = rank({ entries: rosetta, method: 'dense' });
    expect(ranking.groups[0]!.ranked.map((r) => r.rank)).toEqual([1, 2, 2, 3, 3, 3, 4]);
  });

  it('compares exact decimals: "90", "90.0" and "90.00" tie; 89.95 ranks below', () => {
    const ranking = rank({
      entries: [
        { id: 'a', name: '甲', score: '90.00' },
        { id: 'b', name: '乙', score: '89.95' },
        { id: 'c', name: '丙', score: '90' },
        { id: 'd', name: '丁', score: '90.0' },
      ],
    });
    expect(ranking.groups[0]!.ranked.map((r) => [r.rank, r.entry.id, r.score, r.tied])).toEqual([
      [1, 'c', '90', true], // 丙 bing
      [1, 'd', '90', true], // 丁 ding
      [1, 'a', '90', true], // 甲 jia
      [4, 'b', '89.95', false],
    ]);
  });

  it('orders a tie by pinyin: 兰州、金昌、张掖、天水 tied first (并列第一) read 金昌、兰州、天水、张掖', () => {
    const ranking = rank({
      entries: [
        { id: 'lanzhou', name: '兰州', score: '100' },
        { id: 'baiyin', name: '白银', score: '88.5' },
        { id: 'jinchang', name: '金昌', score: '100' },
        { id: 'zhangye', name: '张掖', score: '100' },
        { id: 'tianshui', name: '天水', score: '100' },
      ],
    });
    expect(rows(ranking)).toEqual([
      [1, '金昌', true],
      [1, '兰州', true],
      [1, '天水', true],
      [1, '张掖', true],
      [5, '白银', false],
    ]);
  });

  it('ranks groups separately, in order of first appearance or in an explicit order', () => {
    const entries = [
      { id: 'kj', name: '省科技厅', group: '省直部门', score: '100' },
      { id: 'lz', name: '兰州', group: '市州', score: '100' },
      { id: 'jy', name: '嘉峪关', group: '市州', score: '95' },
      { id: 'jy2', name: '省教育厅', group: '省直部门', score: '96' },
    ];
    const byAppearance = rank({ entries });
    expect(byAppearance.groups.map((g) => g.group)).toEqual(['省直部门', '市州']);
    expect(rows(byAppearance, 0)).toEqual([
      [1, '省科技厅', false],
      [2, '省教育厅', false],
    ]);
    expect(rows(byAppearance, 1)).toEqual([
      [1, '兰州', false],
      [2, '嘉峪关', false],
    ]);

    const ordered = rank({ entries, groupOrder: ['市州', '省直部门', '中直单位'] });
    expect(ordered.groups.map((g) => [g.group, g.ranked.length])).toEqual([
      ['市州', 2],
      ['省直部门', 2],
      ['中直单位', 0],
    ]);
  });

  it('lists entries without a score and vetoed entries apart, never as 0, and ranks the rest as if they were absent', () => {
    const ranking = rank({
      entries: [
        { id: 'a', name: '武威', score: '0' },
        { id: 'b', name: '定西', score: null },
        { id: 'c', name: '陇南', score: '85' },
        { id: 'd', name: '临夏州', vetoed: true, score: '92', reason: '发生严重安全事故' },
        { id: 'e', name: '甘南州' },
      ],
    });
    const group = ranking.groups[0]!;
    expect(group.ranked.map((r) => [r.rank, r.entry.name, r.score])).toEqual([
      [1, '陇南', '85'],
      [2, '武威', '0'],
    ]);
    expect(group.unranked.map((u) => [u.entry.name, u.why])).toEqual([
      ['定西', 'noScore'],
      ['甘南州', 'noScore'],
      ['临夏州', 'vetoed'],
    ]);
    expect(group.unranked[2]!.entry.reason).toBe('发生严重安全事故');
  });

  it('reads the score from another field or through a function', () => {
    const entries = [
      { id: 'a', name: 'A', total: '70', result: { final: '1' } },
      { id: 'b', name: 'B', total: '80', result: { final: '2' } },
    ];
    expect(rank({ entries, by: 'total' }).groups[0]!.ranked.map((r) => r.entry.id)).toEqual(['b', 'a']);
    expect(rank({ entries, by: (e) => e.result.final }).groups[0]!.ranked.map((r) => r.entry.id)).toEqual([
      'b',
      'a',
    ]);
  });

  it('rejects float scores, malformed decimals and duplicate ids, naming every problem', () => {
    const attempt = () =>
      rank({
        entries: [
          { id: 'a', name: 'A', score: 90.5 as unknown as string },
          { id: 'b', name: 'B', score: '9O' },
          { id: 'a', name: 'C', score: '80' },
        ],
      });
    expect(attempt).toThrow(ScoringInputError);
    try {
      attempt();
    } catch (error) {
      const issues = (error as ScoringInputError).issues;
      expect(issues.map((i) => [i.path, i.code])).toEqual([
        ['entries[2].id', 'invalidArgument'],
        ['entries[0].score', 'invalidNumber'],
        ['entries[1].score', 'invalidNumber'],
      ]);
      expect(issues[1]!.messageZh).toContain('十进制字符串');
    }
  });

  it('rejects an unknown method and a repeated group in groupOrder', () => {
    expect(() => rank({ entries: rosetta, method: 'ordinal' as 'dense' })).toThrow(/unknown ranking method/);
    expect(() => rank({ entries: rosetta, groupOrder: ['市州', '市州'] })).toThrow(/more than once/);
  });
});

// --- properties ------------------------------------------------------------------------------------------

const scoreArb = fc.oneof(
  fc.constantFrom('100', '100.0', '90', '90.00', '89.5', '60', '0'),
  fc.integer({ min: 0, max: 1000 }).map((n) => (n / 10).toFixed(n % 3)),
);
const entriesArb = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    name: fc.constantFrom('兰州', '金昌', '张掖', '天水', 'Barry', 'Errol', '省科技厅', '省林草局'),
    group: fc.constantFrom('市州', '省直部门', undefined),
    score: fc.option(scoreArb, { nil: null }),
    vetoed: fc.boolean(),
  }),
  { selector: (e) => e.id, maxLength: 40 },
);

describe('rank properties', () => {
  it('does not depend on the input order', () => {
    fc.assert(
      fc.property(
        entriesArb.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })),
        ),
        fc.constantFrom('standard' as const, 'dense' as const),
        ([entries, shuffled], method) => {
          const summary = (ranking: Ranking<RankableEntry>) =>
            ranking.groups
              .map((g) => ({
                group: g.group,
                ranked: g.ranked.map((r) => [r.rank, r.tied, r.entry.id]),
                unranked: g.unranked.map((u) => [u.why, u.entry.id]),
              }))
              .sort((a, b) => String(a.group).localeCompare(String(b.group)));
          expect(summary(rank({ entries: shuffled, method }))).toEqual(summary(rank({ entries, method })));
        },
      ),
    );
  });

  it('gives equal scores the same rank, flags them as tied, and follows the method', () => {
    fc.assert(
      fc.property(entriesArb, fc.constantFrom('standard' as const, 'dense' as const), (entries, method) => {
        for (const group of rank({ entries, method }).groups) {
          const ranked = group.ranked;
          ranked.forEach((r, i) => {
            const same = ranked.filter((o) => new Decimal(o.score).eq(r.score));
            expect(same.every((o) => o.rank === r.rank)).toBe(true);
            expect(r.tied).toBe(same.length > 1);
            const higher = ranked.filter((o) => new Decimal(o.score).gt(r.score));
            // canonical scores: equal decimals have equal strings
            const expected =
              method === 'standard' ? higher.length + 1 : new Set(higher.map((o) => o.score)).size + 1;
            expect(r.rank).toBe(expected);
            if (i > 0) expect(r.rank).toBeGreaterThanOrEqual(ranked[i - 1]!.rank);
          });
        }
      }),
    );
  });

  it('never ranks an entry without a score or a vetoed entry, and loses no entry', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const ranking = rank({ entries });
        const ranked = ranking.groups.flatMap((g) => g.ranked.map((r) => r.entry));
        const unranked = ranking.groups.flatMap((g) => g.unranked);
        expect(ranked.every((e) => e.score !== null && !e.vetoed)).toBe(true);
        expect(unranked.every((u) => (u.why === 'vetoed' ? u.entry.vetoed : u.entry.score === null))).toBe(
          true,
        );
        expect(ranked.length + unranked.length).toBe(entries.length);
      }),
    );
  });
});

/** Entries in the two groups with unique ids, scored by `scores`. */
const entriesScored = (scores: fc.Arbitrary<string>) =>
  fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      name: fc.constantFrom('兰州', '金昌', '张掖', 'Barry', 'Errol'),
      group: fc.constantFrom('市州', '省直部门'),
      score: scores,
    }),
    { selector: (e) => e.id, maxLength: 40 },
  );

/** A ranking as [rank, tied, score, id] rows by group (in group order), leaving out ids starting with `leftOut`. */
const rowsWithout = (ranking: Ranking<RankableEntry>, leftOut: string) =>
  ranking.groups
    .map((g) => ({
      group: g.group,
      ranked: g.ranked
        .filter((r) => !r.entry.id.startsWith(leftOut))
        .map((r) => [r.rank, r.tied, r.score, r.entry.id]),
    }))
    .sort((a, b) => String(a.group).localeCompare(String(b.group)));

describe('rank: exact comparison of scores as fixed-width text', () => {
  it('ranks as Decimal comparison does, whatever the spelling of a score', () => {
    // a group holding a negative score is compared in Decimal: adding one at the bottom of every group must change
    // nothing for the others, so the two comparisons are checked against each other
    const spelled = fc
      .tuple(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom('', '0', '00'), fc.constantFrom('', '0'))
      .map(([n, lead, trail]) => {
        const text = new Decimal(n).div(1000).toFixed();
        return `${lead}${text}${text.includes('.') ? trail : ''}`;
      });
    const entries = entriesScored(spelled);
    fc.assert(
      fc.property(entries, fc.constantFrom('standard' as const, 'dense' as const), (list, method) => {
        const rows = (ranking: Ranking<RankableEntry>) => rowsWithout(ranking, 'negative');
        const negatives = ['市州', '省直部门'].map((group) => ({
          id: `negative ${group}`,
          name: 'Z',
          group,
          score: '-1',
        }));
        const asText = rank({ entries: list, method });
        const asDecimal = rank({ entries: [...list, ...negatives], method });
        expect(rows(asText)).toEqual(
          rows(asDecimal).filter((g) => asText.groups.some((t) => t.group === g.group)),
        );
        for (const group of asText.groups)
          for (const r of group.ranked) expect(r.score).toBe(new Decimal(r.entry.score!).toFixed());
      }),
      { numRuns: 300 },
    );
  });
});

describe('rank: scores compared as numbers, as text or as Decimal agree', () => {
  it('ranks alike whichever comparison a group takes (short scores as numbers, long ones as text, negative in Decimal)', () => {
    // scores close together in the last of up to 17 significant digits, spelled with and without padding zeros
    const spelled = fc
      .tuple(
        fc.bigInt({ min: 1n, max: 10n ** 17n }),
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom('', '0'),
        fc.constantFrom('', '0'),
      )
      .map(([n, places, lead, trail]) => {
        const text = new Decimal(n.toString()).div(new Decimal(10).pow(places)).toFixed();
        return `${lead}${text}${text.includes('.') ? trail : ''}`;
      });
    // above the extra score each group gets at its bottom (below)
    const scores = fc
      .oneof(
        spelled,
        spelled.map((s) => s.slice(0, 12).replace(/\.$/, '')),
        // ties, and neighbours that only 16 or 17 significant digits tell apart (a double does not)
        fc.constantFrom('0.1', '0.10', '0.10000000000001', '0.100000000000001', '0.1000000000000001'),
        fc.constantFrom('1234567890123456.7', '1234567890123456.8', '12345678901234567', '90', '90.0'),
      )
      .filter((s) => new Decimal(s).gt('0.000000000000000001'));
    const entries = entriesScored(scores);
    fc.assert(
      fc.property(entries, fc.constantFrom('standard' as const, 'dense' as const), (list, method) => {
        const rows = (ranking: Ranking<RankableEntry>) =>
          rowsWithout(ranking, 'last').filter((g) => list.some((e) => e.group === g.group));
        // one more score at the bottom of each group: long (text), or negative (Decimal)
        const last = (score: string) =>
          ['市州', '省直部门'].map((group) => ({ id: `last ${group}`, name: 'Z', group, score }));
        const asGiven = rows(rank({ entries: list, method }));
        expect(rows(rank({ entries: [...list, ...last('0.000000000000000001')], method }))).toEqual(asGiven);
        expect(rows(rank({ entries: [...list, ...last('-1')], method }))).toEqual(asGiven);
        for (const group of asGiven)
          for (const [, , score, id] of group.ranked)
            expect(score).toBe(new Decimal(list.find((e) => e.id === id)!.score).toFixed());
      }),
      { numRuns: 300 },
    );
  });
});
