import { Decimal } from './decimal.js';
import { throwIfAny, type InputIssue } from './figure-math.js';

// Sampling (抽查) for a quarterly inspection: a reproducible random draw of at least the required share of the
// targets running at each level, plus last quarter's failures, which are always re-checked (整改复查).
//
// Reproducible: the seed text is hashed with 32-bit FNV-1a over its UTF-8 bytes, the hash seeds mulberry32, and a
// Fisher–Yates shuffle of each level's ids (sorted by code point first, so the caller's order does not matter)
// gives the draw. The same targets, ratio and seed always give the same sample, in any JavaScript engine.
//
// Re-checks do not count towards the ratio: the random draw alone reaches ceil(ratio × running) per level, taken
// from the targets that are not re-checked anyway, so a bad quarter cannot shrink the random part of the sample.
// Only when a level has fewer other targets than that is every target of the level drawn.

export interface SamplingTarget {
  id: string;
  /** The level sampled separately (省 / 市 / 县 / 县以下); any label. */
  level: string;
  /** The reporting group, carried into the draw for the bulletin. */
  group?: string | null;
}

/** random: drawn at random; recheck: last quarter's failure, always included (整改复查). */
export type SampleReason = 'random' | 'recheck';

export interface DrawnTarget {
  id: string;
  level: string;
  group: string | null;
  reason: SampleReason;
}

export interface LevelDraw {
  level: string;
  /** Targets at this level. */
  population: number;
  /** ceil(ratio × population): the random draws the level needs. */
  required: number;
  random: number;
  rechecks: number;
}

export interface SampleDraw {
  seed: string;
  ratio: string;
  /** How the draw was made, for the record. */
  method: 'fnv1a32-mulberry32-fisher-yates';
  drawn: DrawnTarget[];
  levels: LevelDraw[];
}

export interface DrawSampleOptions {
  targets: readonly SamplingTarget[];
  /** The required share per level as a decimal string in (0, 1], e.g. "0.3". */
  ratio: string;
  seed: string;
  /** Ids of last quarter's failures: always drawn, with reason 'recheck'. */
  mustInclude?: readonly string[];
  /** Each level reaches the ratio on its own (the only mode: a pooled draw could skip a level). */
  perLevel?: true;
}

const decimalText = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** 32-bit FNV-1a of the UTF-8 bytes of `text`. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** mulberry32: a small, well-mixed 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The items in a seeded random order (Fisher–Yates); the input is not changed. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const next = mulberry32(hashSeed(seed));
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function parseShare(value: unknown, path: string, issues: InputIssue[], name: string): Decimal | null {
  if (
    typeof value !== 'string' ||
    !decimalText.test(value) ||
    new Decimal(value).lte(0) ||
    new Decimal(value).gt(1)
  ) {
    issues.push({
      path: [path],
      code: 'outOfRange',
      message: `${name} must be a decimal string above 0 and at most 1 ("0.3"), got ${JSON.stringify(value)}`,
      messageZh: `${name === 'ratio' ? '抽查比例' : '复核比例'}应为大于 0、不超过 1 的小数（如 "0.3"），实际为 ${JSON.stringify(value)}`,
    });
    return null;
  }
  return new Decimal(value);
}

function checkSeed(seed: unknown, issues: InputIssue[]): void {
  if (typeof seed !== 'string' || seed.trim() === '') {
    issues.push({
      path: ['seed'],
      code: 'invalidArgument',
      message: 'seed must be a non-empty string',
      messageZh: '随机种子不能为空',
    });
  }
}

/** Draws a reproducible sample of at least `ratio` of the targets at each level, plus every re-check. */
export function drawSample(options: DrawSampleOptions): SampleDraw {
  const { targets, ratio, seed, mustInclude = [] } = options;
  const issues: InputIssue[] = [];
  const share = parseShare(ratio, 'ratio', issues, 'ratio');
  checkSeed(seed, issues);
  const byId = new Map<string, SamplingTarget>();
  if (!Array.isArray(targets)) {
    issues.push({
      path: ['targets'],
      code: 'invalidArgument',
      message: 'targets must be an array',
      messageZh: '检查对象应为列表',
    });
  } else {
    targets.forEach((target, index) => {
      if (typeof target?.id !== 'string' || target.id === '' || typeof target.level !== 'string') {
        issues.push({
          path: ['targets', index],
          code: 'invalidArgument',
          message: 'each target needs an id and a level',
          messageZh: '每个检查对象都需要标识和层级',
        });
      } else if (byId.has(target.id)) {
        issues.push({
          path: ['targets', index, 'id'],
          code: 'invalidArgument',
          message: `target "${target.id}" appears more than once`,
          messageZh: `检查对象"${target.id}"重复出现`,
        });
      } else byId.set(target.id, target);
    });
  }
  const rechecks = new Set<string>();
  mustInclude.forEach((id, index) => {
    if (!byId.has(id)) {
      issues.push({
        path: ['mustInclude', index],
        code: 'invalidArgument',
        message: `re-check "${id}" is not among the targets`,
        messageZh: `需复查的对象"${id}"不在检查对象中`,
      });
    }
    rechecks.add(id);
  });
  throwIfAny(issues);

  const levels = new Map<string, SamplingTarget[]>();
  for (const target of byId.values()) {
    const list = levels.get(target.level) ?? [];
    list.push(target);
    levels.set(target.level, list);
  }
  const drawn: DrawnTarget[] = [];
  const levelDraws: LevelDraw[] = [];
  for (const [level, members] of levels) {
    const required = share!.times(members.length).ceil().toNumber();
    const levelRechecks = members.filter((m) => rechecks.has(m.id)).sort((a, b) => byCodePoint(a.id, b.id));
    const pool = members.filter((m) => !rechecks.has(m.id)).sort((a, b) => byCodePoint(a.id, b.id));
    // one stream per level, so adding a level elsewhere does not change this level's draw
    const random = seededShuffle(pool, `${seed}\u0000${level}`).slice(0, Math.min(required, pool.length));
    const entry = (t: SamplingTarget, reason: SampleReason): DrawnTarget => ({
      id: t.id,
      level,
      group: t.group ?? null,
      reason,
    });
    drawn.push(...levelRechecks.map((t) => entry(t, 'recheck')), ...random.map((t) => entry(t, 'random')));
    levelDraws.push({
      level,
      population: members.length,
      required,
      random: random.length,
      rechecks: levelRechecks.length,
    });
  }
  return { seed, ratio, method: 'fnv1a32-mulberry32-fisher-yates', drawn, levels: levelDraws };
}

export interface ReportedResult {
  id: string;
  /** The verdict the lower office reported; kept for comparing with the province's. */
  qualified?: boolean;
}

export interface RecheckDraw {
  seed: string;
  share: string;
  /** ceil(share × reported results). */
  required: number;
  drawn: string[];
}

/** The province's manual re-check of a city's reported results: ceil(share × results) drawn reproducibly. */
export function drawRecheck(options: {
  results: readonly ReportedResult[];
  share: string;
  seed: string;
}): RecheckDraw {
  const { results, share, seed } = options;
  const issues: InputIssue[] = [];
  const parsed = parseShare(share, 'share', issues, 'share');
  checkSeed(seed, issues);
  const ids = new Set<string>();
  if (!Array.isArray(results)) {
    issues.push({
      path: ['results'],
      code: 'invalidArgument',
      message: 'results must be an array',
      messageZh: '上报结果应为列表',
    });
  } else {
    results.forEach((result, index) => {
      if (typeof result?.id !== 'string' || result.id === '' || ids.has(result.id)) {
        issues.push({
          path: ['results', index, 'id'],
          code: 'invalidArgument',
          message: `result ${index + 1} has no id or repeats one`,
          messageZh: `第 ${index + 1} 条上报结果缺少标识或标识重复`,
        });
      }
      if (typeof result?.id === 'string') ids.add(result.id);
    });
  }
  throwIfAny(issues);
  const required = parsed!.times(ids.size).ceil().toNumber();
  const drawn = seededShuffle([...ids].sort(byCodePoint), seed).slice(0, required);
  return { seed, share, required, drawn };
}
