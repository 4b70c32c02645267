import type { Rounding } from '@kaohe/rules';
import { Decimal, formatRounded } from './decimal.js';
import {
  decimalPattern,
  exactQuotientText,
  isCount,
  readScores,
  throwIfAny,
  type InputIssue,
  type ScoreReading,
} from './figure-math.js';
import { chineseCollator, type RankableEntry, type ScoreField } from './rank.js';

// The figures of a bulletin (通报): counts, pass rates, shares, sampling ratios. Every rate keeps the counts it
// was computed from and is rounded under a declared rounding, e.g. { places: 1, mode: 'halfUp' }.

export type DisplayRounding = Pick<Rounding, 'places' | 'mode'>;

export interface Rate {
  numerator: number;
  denominator: number;
  /** The percentage under the declared rounding ("85.3"); null when the denominator is 0. */
  percent: string | null;
  /** As printed: "85.3%", or "—" when the denominator is 0. */
  text: string;
  /** The exact percentage written out ("85.3046594982…" when it does not terminate); null when undefined. */
  exact: string | null;
  rounding: DisplayRounding;
}

type Path = InputIssue['path'];

const roundingModes = new Set(['halfUp', 'halfEven', 'down', 'up']);

function checkRounding(rounding: unknown, path: Path, issues: InputIssue[]): void {
  const r = rounding as Partial<DisplayRounding> | undefined;
  const placesOk =
    typeof r?.places === 'number' && Number.isInteger(r.places) && r.places >= 0 && r.places <= 6;
  if (!r || !placesOk || !roundingModes.has(String(r.mode))) {
    issues.push({
      path,
      code: 'invalidArgument',
      message: 'rounding must be { places: 0–6, mode: "halfUp" | "halfEven" | "down" | "up" }',
      messageZh: '舍入规则应为 { places: 0–6, mode: "halfUp" | "halfEven" | "down" | "up" }',
    });
  }
}

function checkCount(value: unknown, path: Path, what: string, whatZh: string, issues: InputIssue[]): boolean {
  if (isCount(value)) return true;
  issues.push({
    path,
    code: 'invalidCount',
    message: `${what} must be a non-negative integer, got ${JSON.stringify(value)}`,
    messageZh: `${whatZh}应为非负整数，实际为 ${JSON.stringify(value)}`,
  });
  return false;
}

function notMore(
  part: number,
  whole: number,
  path: Path,
  [what, whole_]: [string, string],
  [whatZh, wholeZh]: [string, string],
  issues: InputIssue[],
): void {
  if (part <= whole) return;
  issues.push({
    path,
    code: 'outOfRange',
    message: `${what} (${part}) exceeds ${whole_} (${whole})`,
    messageZh: `${whatZh}（${part}）超过${wholeZh}（${whole}）`,
  });
}

/** A rate without validation: callers have checked the counts and the rounding. */
function makeRate(numerator: number, denominator: number, rounding: DisplayRounding): Rate {
  const rounds = { places: rounding.places, mode: rounding.mode };
  if (denominator === 0)
    return { numerator, denominator, percent: null, text: '—', exact: null, rounding: rounds };
  const percent = formatRounded(new Decimal(numerator).times(100).div(denominator), rounds);
  return {
    numerator,
    denominator,
    percent,
    text: `${percent}%`,
    exact: exactQuotientText(numerator, denominator, 100),
    rounding: rounds,
  };
}

/** numerator ÷ denominator as a percentage under the declared rounding, keeping both counts. */
export function rate(options: { numerator: number; denominator: number; rounding: DisplayRounding }): Rate {
  const { numerator, denominator, rounding } = options;
  const issues: InputIssue[] = [];
  checkCount(numerator, ['numerator'], 'numerator', '分子', issues);
  checkCount(denominator, ['denominator'], 'denominator', '分母', issues);
  checkRounding(rounding, ['rounding'], issues);
  throwIfAny(issues);
  return makeRate(numerator, denominator, rounding);
}

/** Pass rate (合格率) from stored counts: (checked − failed) ÷ checked. */
export function passRate(options: { checked: number; failed: number; rounding: DisplayRounding }): Rate {
  const { checked, failed, rounding } = validateCheckedFailed(options);
  return makeRate(checked - failed, checked, rounding);
}

/** Failure rate (不合格率, 占比) from stored counts: failed ÷ checked. */
export function failureRate(options: { checked: number; failed: number; rounding: DisplayRounding }): Rate {
  const { checked, failed, rounding } = validateCheckedFailed(options);
  return makeRate(failed, checked, rounding);
}

function validateCheckedFailed(options: { checked: number; failed: number; rounding: DisplayRounding }) {
  const { checked, failed, rounding } = options;
  const issues: InputIssue[] = [];
  const ok =
    checkCount(checked, ['checked'], 'checked', '检查数', issues) &&
    checkCount(failed, ['failed'], 'failed', '不合格数', issues);
  if (ok) notMore(failed, checked, ['failed'], ['failed', 'checked'], ['不合格数', '检查数'], issues);
  checkRounding(rounding, ['rounding'], issues);
  throwIfAny(issues);
  return { checked, failed, rounding };
}

/** Remediation rate (整改率): targets fixed or properly closed ÷ the previous period's failures. */
export function remediationRate(options: {
  previousFailures: number;
  fixedOrClosed: number;
  rounding: DisplayRounding;
}): Rate {
  const { previousFailures, fixedOrClosed, rounding } = options;
  const issues: InputIssue[] = [];
  const ok =
    checkCount(previousFailures, ['previousFailures'], 'previousFailures', '上期不合格数', issues) &&
    checkCount(fixedOrClosed, ['fixedOrClosed'], 'fixedOrClosed', '整改到位或规范关停数', issues);
  if (ok) {
    notMore(
      fixedOrClosed,
      previousFailures,
      ['fixedOrClosed'],
      ['fixedOrClosed', 'previousFailures'],
      ['整改到位或规范关停数', '上期不合格数'],
      issues,
    );
  }
  checkRounding(rounding, ['rounding'], issues);
  throwIfAny(issues);
  return makeRate(fixedOrClosed, previousFailures, rounding);
}

// --- summaries of an inspection round ------------------------------------------------------------------

export interface InspectionRecord {
  targetId: string;
  /** The reporting group, e.g. 省直部门; records without one count only in the overall figures. */
  group?: string | null;
  qualified: boolean;
  /** Why it failed (e.g. veto ids such as 'columns-stale'); one record may give several reasons. */
  reasons?: readonly string[];
}

export interface GroupFigures {
  /** Targets running (运行), when the population is known. */
  running: number | null;
  checked: number;
  failed: number;
  qualified: number;
  passRate: Rate;
  failureRate: Rate;
  /** checked ÷ running (抽查比例), when the population is known. */
  samplingRatio: Rate | null;
}

export interface ReasonFigures {
  reason: string;
  /** Failed targets citing this reason. */
  count: number;
  /** count ÷ all failures (占不合格总数的比例); one target may cite several reasons. */
  shareOfFailures: Rate;
}

export interface InspectionSummary {
  overall: GroupFigures;
  byGroup: (GroupFigures & { group: string })[];
  reasons: ReasonFigures[];
  /** Groups with targets checked and none failed (合格率达100%). */
  groupsAllPassed: string[];
  rounding: DisplayRounding;
}

export interface GroupCounts {
  group: string;
  running?: number;
  checked: number;
  failed: number;
  /** Failures by reason. */
  reasons?: Readonly<Record<string, number>>;
}

export interface SummarizeInspectionsOptions {
  results: readonly InspectionRecord[];
  /** Targets running per group; the overall figure is their sum. */
  population?: Readonly<Record<string, number>>;
  rounding: DisplayRounding;
  /** Groups in this order first, then the others in order of first appearance. */
  groupOrder?: readonly string[];
}

/** The figures of a bulletin from item-level inspection results. */
export function summarizeInspections(options: SummarizeInspectionsOptions): InspectionSummary {
  const { results, population, rounding, groupOrder = [] } = options;
  const issues: InputIssue[] = [];
  checkRounding(rounding, ['rounding'], issues);

  const groups = new Map<string, { checked: number; failed: number }>();
  for (const group of groupOrder) groups.set(group, { checked: 0, failed: 0 });
  const ungrouped = { checked: 0, failed: 0 };
  const reasons = new Map<string, number>();
  const seen = new Set<string>();

  results.forEach((result, index) => {
    if (seen.has(result.targetId)) {
      issues.push({
        path: ['results', index, 'targetId'],
        code: 'invalidArgument',
        message: `target "${result.targetId}" appears more than once`,
        messageZh: `检查对象"${result.targetId}"重复出现`,
      });
    }
    seen.add(result.targetId);
    if (typeof result.qualified !== 'boolean') {
      issues.push({
        path: ['results', index, 'qualified'],
        code: 'wrongType',
        message: 'qualified must be true or false',
        messageZh: 'qualified（是否合格）应为 true 或 false',
      });
    }
    const group = result.group ?? null;
    let counts = ungrouped;
    if (group !== null) {
      counts = groups.get(group) ?? { checked: 0, failed: 0 };
      groups.set(group, counts);
    }
    counts.checked += 1;
    if (result.qualified === false) {
      counts.failed += 1;
      for (const reason of new Set(result.reasons ?? [])) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  });

  if (population !== undefined && ungrouped.checked > 0) {
    issues.push({
      path: ['results'],
      code: 'invalidArgument',
      message: `${ungrouped.checked} results have no group, so the sampling ratio cannot use the population by group`,
      messageZh: `有 ${ungrouped.checked} 条结果未注明分组，无法按分组计算抽查比例`,
    });
  }
  for (const group of Object.keys(population ?? {}))
    if (!groups.has(group)) groups.set(group, { checked: 0, failed: 0 });
  for (const [group, counts] of groups) {
    const running = population?.[group];
    if (population === undefined) continue;
    const path = ['population', group];
    if (running === undefined) {
      issues.push({
        path,
        code: 'invalidArgument',
        message: `population gives no running count for group "${group}"`,
        messageZh: `population 未给出分组"${group}"的运行数`,
      });
    } else if (checkCount(running, path, 'running', '运行数', issues)) {
      notMore(counts.checked, running, path, ['checked', 'running'], ['检查数', '运行数'], issues);
    }
  }
  throwIfAny(issues);

  const groupCounts: GroupCounts[] = [...groups].map(([group, counts]) => ({
    group,
    ...counts,
    ...(population?.[group] !== undefined ? { running: population[group] } : {}),
  }));
  return summarize(groupCounts, ungrouped, Object.fromEntries(reasons), population !== undefined, rounding);
}

export interface SummarizeCountsOptions {
  /** Stored counts per group (no item-level data). */
  groups: readonly GroupCounts[];
  rounding: DisplayRounding;
}

/** The same figures from stored counts per group, e.g. a summary kept from an earlier quarter. */
export function summarizeCounts(options: SummarizeCountsOptions): InspectionSummary {
  const { groups, rounding } = options;
  const issues: InputIssue[] = [];
  checkRounding(rounding, ['rounding'], issues);
  const names = new Set<string>();
  const reasons: Record<string, number> = {};
  groups.forEach((g, index) => {
    if (names.has(g.group)) {
      issues.push({
        path: ['groups', index, 'group'],
        code: 'invalidArgument',
        message: `group "${g.group}" appears more than once`,
        messageZh: `分组"${g.group}"重复出现`,
      });
    }
    names.add(g.group);
    const okChecked = checkCount(g.checked, ['groups', index, 'checked'], 'checked', '检查数', issues);
    const okFailed = checkCount(g.failed, ['groups', index, 'failed'], 'failed', '不合格数', issues);
    if (okChecked && okFailed) {
      notMore(
        g.failed,
        g.checked,
        ['groups', index, 'failed'],
        ['failed', 'checked'],
        ['不合格数', '检查数'],
        issues,
      );
    }
    if (g.running !== undefined) {
      const path = ['groups', index, 'running'];
      if (checkCount(g.running, path, 'running', '运行数', issues) && okChecked) {
        notMore(g.checked, g.running, path, ['checked', 'running'], ['检查数', '运行数'], issues);
      }
    }
    for (const [reason, count] of Object.entries(g.reasons ?? {})) {
      const path = ['groups', index, 'reasons', reason];
      if (!checkCount(count, path, `reason count "${reason}"`, `原因"${reason}"的数量`, issues)) continue;
      if (okFailed)
        notMore(count, g.failed, path, ['reason count', 'failed'], ['该原因数量', '不合格数'], issues);
      reasons[reason] = (reasons[reason] ?? 0) + count;
    }
  });
  const withRunning = groups.filter((g) => g.running !== undefined).length;
  if (withRunning !== 0 && withRunning !== groups.length) {
    issues.push({
      path: ['groups'],
      code: 'invalidArgument',
      message: 'give running for every group or for none',
      messageZh: '运行网站数应对所有分组都给出，或都不给出',
    });
  }
  throwIfAny(issues);
  return summarize(groups, { checked: 0, failed: 0 }, reasons, withRunning > 0, rounding);
}

function summarize(
  groups: readonly GroupCounts[],
  ungrouped: { checked: number; failed: number },
  reasons: Readonly<Record<string, number>>,
  withPopulation: boolean,
  rounding: DisplayRounding,
): InspectionSummary {
  const figures = (running: number | null, checked: number, failed: number): GroupFigures => ({
    running,
    checked,
    failed,
    qualified: checked - failed,
    passRate: makeRate(checked - failed, checked, rounding),
    failureRate: makeRate(failed, checked, rounding),
    samplingRatio: running === null ? null : makeRate(checked, running, rounding),
  });
  const byGroup = groups.map((g) => ({ group: g.group, ...figures(g.running ?? null, g.checked, g.failed) }));
  const total = (pick: (g: GroupCounts) => number) => groups.reduce((sum, g) => sum + pick(g), 0);
  const failed = total((g) => g.failed) + ungrouped.failed;
  const overall = figures(
    withPopulation ? total((g) => g.running ?? 0) : null,
    total((g) => g.checked) + ungrouped.checked,
    failed,
  );
  return {
    overall,
    byGroup,
    reasons: Object.entries(reasons)
      .map(([reason, count]) => ({ reason, count, shareOfFailures: makeRate(count, failed, rounding) }))
      .sort((a, b) => b.count - a.count || chineseCollator.compare(a.reason, b.reason)),
    groupsAllPassed: byGroup.filter((g) => g.checked > 0 && g.failed === 0).map((g) => g.group),
    rounding: { places: rounding.places, mode: rounding.mode },
  };
}

// --- counts of scores (e.g. how many units scored 90 or above) ------------------------------------------

export interface ScoreBand {
  id: string;
  title?: string;
  /** Inclusive lower bound. */
  atLeast?: string;
  /** Exclusive lower bound (Gansu 2018: 优秀 above 22.5). */
  above?: string;
  /** Exclusive upper bound. */
  below?: string;
}

export interface BandCounts {
  bands: { id: string; title?: string; count: number }[];
  /** Vetoed entries (一票否决), unless `vetoedBand` puts them in a band. */
  vetoed: number;
  noScore: number;
  /** Scored entries that fall in no band. */
  outside: number;
  total: number;
}

export interface GradeCounts extends BandCounts {
  byGroup: (BandCounts & { group: string | null })[];
}

function inBand(score: Decimal, band: ScoreBand): boolean {
  return (
    (band.atLeast === undefined || score.gte(band.atLeast)) &&
    (band.above === undefined || score.gt(band.above)) &&
    (band.below === undefined || score.lt(band.below))
  );
}

function groupsInOrder(readings: readonly ScoreReading[]): (string | null)[] {
  return [...new Set(readings.map((r) => r.group))];
}

/**
 * How many entries fall in each band (first matching band wins), overall and per group.
 * Vetoed entries are counted apart unless `vetoedBand` names the band they get (不合格).
 */
export function gradeCounts<E extends RankableEntry>(options: {
  entries: readonly E[];
  bands: readonly ScoreBand[];
  by?: ScoreField<E>;
  vetoedBand?: string;
}): GradeCounts {
  const { entries, bands, by = 'score', vetoedBand } = options;
  const issues: InputIssue[] = [];
  bands.forEach((band, index) => {
    for (const key of ['atLeast', 'above', 'below'] as const) {
      const bound = band[key];
      if (bound !== undefined && !decimalPattern.test(bound)) {
        issues.push({
          path: ['bands', index, key],
          code: 'invalidNumber',
          message: `band bound must be a decimal string, got ${JSON.stringify(bound)}`,
          messageZh: `分档界限应为十进制字符串，实际为 ${JSON.stringify(bound)}`,
        });
      }
    }
  });
  if (vetoedBand !== undefined && !bands.some((b) => b.id === vetoedBand)) {
    issues.push({
      path: ['vetoedBand'],
      code: 'invalidArgument',
      message: `vetoedBand "${vetoedBand}" is not one of the bands`,
      messageZh: `vetoedBand "${vetoedBand}" 不是已给出的分档`,
    });
  }
  const readings = readScores(entries, by, issues);
  throwIfAny(issues);

  const count = (subset: readonly ScoreReading[]): BandCounts => {
    const counts = new Map(bands.map((b) => [b.id, 0]));
    let vetoed = 0;
    let noScore = 0;
    let outside = 0;
    for (const reading of subset) {
      if (reading.vetoed) {
        if (vetoedBand === undefined) vetoed += 1;
        else counts.set(vetoedBand, counts.get(vetoedBand)! + 1);
      } else if (reading.score === null) noScore += 1;
      else {
        const score = reading.score;
        const band = bands.find((b) => inBand(score, b));
        if (band) counts.set(band.id, counts.get(band.id)! + 1);
        else outside += 1;
      }
    }
    return {
      bands: bands.map((b) => ({
        id: b.id,
        ...(b.title ? { title: b.title } : {}),
        count: counts.get(b.id)!,
      })),
      vetoed,
      noScore,
      outside,
      total: subset.length,
    };
  };

  return {
    ...count(readings),
    byGroup: groupsInOrder(readings).map((group) => ({
      group,
      ...count(readings.filter((r) => r.group === group)),
    })),
  };
}

export interface AtLeastCount {
  count: number;
  /** All entries, including vetoed and unscored ones (which never count). */
  of: number;
}

/** How many entries scored at least `atLeast` (e.g. 90分以上), overall and per group; vetoed entries never count. */
export function countAtLeast<E extends RankableEntry>(options: {
  entries: readonly E[];
  atLeast: string;
  by?: ScoreField<E>;
}): AtLeastCount & { atLeast: string; byGroup: (AtLeastCount & { group: string | null })[] } {
  const { entries, atLeast, by = 'score' } = options;
  const issues: InputIssue[] = [];
  if (typeof atLeast !== 'string' || !decimalPattern.test(atLeast)) {
    issues.push({
      path: ['atLeast'],
      code: 'invalidNumber',
      message: `atLeast must be a decimal string such as "90", got ${JSON.stringify(atLeast)}`,
      messageZh: `atLeast 应为十进制字符串（如 "90"），实际为 ${JSON.stringify(atLeast)}`,
    });
  }
  const readings = readScores(entries, by, issues);
  throwIfAny(issues);
  const count = (subset: readonly ScoreReading[]): AtLeastCount => ({
    count: subset.filter((r) => !r.vetoed && r.score !== null && r.score.gte(atLeast)).length,
    of: subset.length,
  });
  return {
    atLeast,
    ...count(readings),
    byGroup: groupsInOrder(readings).map((group) => ({
      group,
      ...count(readings.filter((r) => r.group === group)),
    })),
  };
}
