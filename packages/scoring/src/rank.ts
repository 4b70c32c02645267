import { Decimal } from './decimal.js';
import { readScores, throwIfAny, type InputIssue } from './figure-math.js';

// Ranking of scored units within their groups (市州 vs 省直部门). Scores are exact decimal strings;
// ties share a rank (并列) and are ordered by the Chinese (pinyin) collation of their names.

/** standard: competition ranking 1, 2, 2, 4; dense: 1, 2, 2, 3. */
export type RankingMethod = 'standard' | 'dense';

export interface RankableEntry {
  id: string;
  name: string;
  /** The ranking group, e.g. 市州 or 省直部门; entries without one are ranked together (group null). */
  group?: string | null;
  /** The final score as a decimal string; null or missing: not ranked. */
  score?: string | null;
  /** Vetoed (一票否决): listed apart, never ranked by points. */
  vetoed?: boolean;
}

export interface RankedEntry<E> {
  rank: number;
  /** Shares its rank with at least one other entry (并列). */
  tied: boolean;
  /** The compared score in canonical form ("90.00" → "90"). */
  score: string;
  entry: E;
}

export type UnrankedReason = 'noScore' | 'vetoed';

export interface UnrankedEntry<E> {
  entry: E;
  why: UnrankedReason;
}

export interface GroupRanking<E> {
  group: string | null;
  ranked: RankedEntry<E>[];
  unranked: UnrankedEntry<E>[];
}

export interface Ranking<E> {
  method: RankingMethod;
  groups: GroupRanking<E>[];
}

/** The field holding the score (a decimal string or null), or a function reading it. */
export type ScoreField<E> = string | ((entry: E) => string | null | undefined);

export interface RankOptions<E> {
  entries: readonly E[];
  /** Where the score is (default: the field 'score'). */
  by?: ScoreField<E>;
  method?: RankingMethod;
  /** Groups in this order first, then any others in order of first appearance. */
  groupOrder?: readonly (string | null)[];
}

/** Chinese collation by pinyin; shared so that every ordering in the package agrees. */
export const chineseCollator = new Intl.Collator('zh-Hans-CN');

/** Orders by name (pinyin), then by id, so that the order never depends on the input order. */
export function compareNames(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return chineseCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface Scored<E> {
  entry: E;
  score: Decimal;
}

/**
 * Ranks entries within their groups, highest score first. Ties share a rank and are flagged; entries without a
 * score or vetoed are listed apart (`unranked`), never ranked as 0.
 */
export function rank<E extends RankableEntry>(options: RankOptions<E>): Ranking<E> {
  const { entries, by = 'score', method = 'standard', groupOrder = [] } = options;
  const issues: InputIssue[] = [];

  if (method !== 'standard' && method !== 'dense') {
    issues.push({
      path: ['method'],
      code: 'invalidArgument',
      message: `unknown ranking method "${String(method)}"; use "standard" or "dense"`,
      messageZh: `未知的排名方法"${String(method)}"，应为 "standard"（竞争排名）或 "dense"（密集排名）`,
    });
  }
  if (new Set(groupOrder).size !== groupOrder.length) {
    issues.push({
      path: ['groupOrder'],
      code: 'invalidArgument',
      message: 'groupOrder names a group more than once',
      messageZh: 'groupOrder 中有重复的分组',
    });
  }

  const groups = new Map<string | null, { scored: Scored<E>[]; unranked: UnrankedEntry<E>[] }>();
  for (const group of groupOrder) groups.set(group, { scored: [], unranked: [] });
  const seenIds = new Set<string>();
  entries.forEach((entry, index) => {
    if (seenIds.has(entry.id)) {
      issues.push({
        path: ['entries', index, 'id'],
        code: 'invalidArgument',
        message: `entry id "${entry.id}" appears more than once`,
        messageZh: `条目 id "${entry.id}" 重复`,
      });
    }
    seenIds.add(entry.id);
  });
  const readings = readScores(entries, by, issues);
  readings.forEach(({ group, score, vetoed }, index) => {
    const entry = entries[index]!;
    let bucket = groups.get(group);
    if (!bucket) {
      bucket = { scored: [], unranked: [] };
      groups.set(group, bucket);
    }
    if (vetoed) bucket.unranked.push({ entry, why: 'vetoed' });
    else if (score === null) bucket.unranked.push({ entry, why: 'noScore' });
    else bucket.scored.push({ entry, score });
  });
  throwIfAny(issues);

  return {
    method,
    groups: [...groups].map(([group, { scored, unranked }]) => ({
      group,
      ranked: rankScored(scored, method),
      unranked: unranked.sort((a, b) => compareNames(a.entry, b.entry)),
    })),
  };
}

function rankScored<E extends RankableEntry>(scored: Scored<E>[], method: RankingMethod): RankedEntry<E>[] {
  scored.sort((a, b) => b.score.cmp(a.score) || compareNames(a.entry, b.entry));
  const ranked: RankedEntry<E>[] = [];
  let distinctAbove = 0;
  for (let start = 0; start < scored.length;) {
    const first = scored[start]!;
    let end = start + 1;
    while (end < scored.length && scored[end]!.score.eq(first.score)) end += 1;
    const tied = end - start > 1;
    const position = method === 'dense' ? distinctAbove + 1 : start + 1;
    const score = first.score.toFixed();
    for (let i = start; i < end; i += 1)
      ranked.push({ rank: position, tied, score, entry: scored[i]!.entry });
    distinctAbove += 1;
    start = end;
  }
  return ranked;
}
