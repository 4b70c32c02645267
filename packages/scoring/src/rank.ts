import { Decimal } from './decimal.js';
import { readScoreTexts, throwIfAny, type InputIssue } from './figure-math.js';

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
  /** the score as given (a checked decimal string) */
  text: string;
  /** the score as a number when that compares exactly (see numberKey); NaN otherwise */
  number: number;
  /** a fixed-width text that sorts like the score (see sortKey), when some score of its group has no number */
  key: string | null;
  /** the score as a Decimal, when some score of its group has neither */
  score: Decimal | null;
}

/**
 * A score ≥ 0 of at most 15 characters as a number: at most 15 significant digits, which doubles keep apart and
 * in order, so two such numbers compare (and are equal) exactly as the decimals do. NaN otherwise.
 */
function numberKey(score: string): number {
  return score.length <= 15 && score[0] !== '-' ? Number(score) : NaN;
}

const keyDigits = 20;
const keyable = /^(\d{1,20})(?:\.(\d{1,20}))?$/;
const keyZeros = '0'.repeat(keyDigits);

/**
 * A score ≥ 0 with at most 20 digits on each side of the point as fixed-width text ("92.5" →
 * "0…092" + "50…0"): two keys compare like the scores, and equal keys are equal scores. null otherwise.
 */
function sortKey(score: string): string | null {
  const match = keyable.exec(score);
  if (match === null) return null;
  const int = match[1]!;
  const frac = match[2] ?? '';
  return keyZeros.slice(int.length) + int + frac + keyZeros.slice(frac.length);
}

/** The canonical text of a keyed score, as Decimal's toFixed gives it ("092.50" → "92.5"). */
function canonical(score: string): string {
  const dot = score.indexOf('.');
  // already canonical (the common case: scores as Kaohe gives them): no copy
  if (
    (score[0] !== '0' || score.length === 1 || dot === 1) &&
    (dot === -1 || score[score.length - 1] !== '0')
  )
    return score;
  let int = dot === -1 ? score : score.slice(0, dot);
  let frac = dot === -1 ? '' : score.slice(dot + 1);
  let start = 0;
  while (start < int.length - 1 && int[start] === '0') start += 1;
  int = int.slice(start);
  let end = frac.length;
  while (end > 0 && frac[end - 1] === '0') end -= 1;
  frac = frac.slice(0, end);
  return frac === '' ? int : `${int}.${frac}`;
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
  const readings = readScoreTexts(entries, by, issues);
  readings.forEach(({ group, score, vetoed }, index) => {
    const entry = entries[index]!;
    let bucket = groups.get(group);
    if (!bucket) {
      bucket = { scored: [], unranked: [] };
      groups.set(group, bucket);
    }
    if (vetoed) bucket.unranked.push({ entry, why: 'vetoed' });
    else if (score === null) bucket.unranked.push({ entry, why: 'noScore' });
    else bucket.scored.push({ entry, text: score, number: numberKey(score), key: null, score: null });
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

type Comparison = 'number' | 'text' | 'decimal';

function rankScored<E extends RankableEntry>(scored: Scored<E>[], method: RankingMethod): RankedEntry<E>[] {
  // scores compare as numbers (short, ≥ 0: the common case), else as fixed-width text (≥ 0), else as Decimal
  let comparison: Comparison = 'number';
  for (let at = 0; at < scored.length; at += 1) {
    if (Number.isNaN(scored[at]!.number)) {
      comparison = 'text';
      break;
    }
  }
  if (comparison === 'text') {
    for (const s of scored) {
      s.key = sortKey(s.text);
      if (s.key === null) comparison = 'decimal';
    }
  }
  if (comparison === 'number') {
    scored.sort((a, b) => b.number - a.number || compareNames(a.entry, b.entry));
  } else if (comparison === 'text') {
    scored.sort((a, b) => (a.key! > b.key! ? -1 : a.key! < b.key! ? 1 : compareNames(a.entry, b.entry)));
  } else {
    for (const s of scored) s.score = new Decimal(s.text);
    scored.sort((a, b) => b.score!.cmp(a.score!) || compareNames(a.entry, b.entry));
  }
  const same =
    comparison === 'text'
      ? (a: Scored<E>, b: Scored<E>) => a.key === b.key
      : (a: Scored<E>, b: Scored<E>) => a.score!.eq(b.score!);
  const ranked: RankedEntry<E>[] = [];
  let distinctAbove = 0;
  for (let start = 0; start < scored.length;) {
    const first = scored[start]!;
    let end = start + 1;
    if (comparison === 'number') while (end < scored.length && scored[end]!.number === first.number) end += 1;
    else while (end < scored.length && same(scored[end]!, first)) end += 1;
    const tied = end - start > 1;
    const position = method === 'dense' ? distinctAbove + 1 : start + 1;
    const score = comparison === 'decimal' ? first.score!.toFixed() : canonical(first.text);
    for (let i = start; i < end; i += 1)
      ranked.push({ rank: position, tied, score, entry: scored[i]!.entry });
    distinctAbove += 1;
    start = end;
  }
  return ranked;
}
