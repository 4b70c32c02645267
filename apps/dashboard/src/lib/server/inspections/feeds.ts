import type { AssessmentRuleSet, InspectionFeed, SubItem } from '@kaohe/rules';
import { Decimal } from '@kaohe/scoring';
import { and, asc, eq, gte, inArray, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/open';
import { cycles, inspections, newMediaAccounts, programmes, units, websites } from '../db/schema';

// Quarterly results feed the annual assessment: each sub-item of an assessment rule set marked `fedByInspections`
// gets its value from the stored inspections of the unit's websites or accounts over the assessment period, with
// the counts behind it and the inspections it came from. When there is nothing to compute from, the sub-item says
// why (noData) and stays for the assessor: never a silent 0.
//
// Whose targets: the rates over "所辖/所属" sites and accounts (passRate, and averageScore, the other statistic over
// all of them) count every target the unit owns (主办单位, ownerUnitId) OR supervises (主管单位, supervisingUnitId),
// so a city's rate includes the county portals it supervises; a target the unit both owns and supervises counts
// once. The portal average (portalAverageScore, Gansu's A1.1 "本级门户网站") reads the unit's OWN portal or
// department site only: a supervised county portal is not the city's 本级 portal.
//
// Which results count, as in bulletin.ts: per target and quarterly cycle, the sampled or reported result, replaced
// by the province's re-check when there is one; re-checks of last quarter's failures (整改复查) are not counted.
// Which cycles: those of inspection programmes whose period lies wholly inside the assessment period (a cycle
// without a period cannot be placed in a year and is left out).

/** Decimal places a non-terminating ratio is cut to (never rounded up, so it never crosses a band boundary). */
const minimumPlaces = 12;
/** Truncating division: 40 significant digits, always toward zero. */
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_DOWN });

const isoDate = z.iso.date();
const feedQuery = z
  .strictObject({
    unitId: z.number().int().positive(),
    periodStart: isoDate,
    periodEnd: isoDate,
  })
  .refine((query) => query.periodStart <= query.periodEnd, {
    message: 'periodStart must not be after periodEnd',
    path: ['periodEnd'],
  });

export interface FeedSource {
  programmeId: number;
  programmeSlug: string;
  cycleId: number;
  cycleSlug: string;
  cycleTitle: string;
  /** the cycle's English title, null when it has none (show cycleTitle then) */
  cycleTitleEn: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  /** the inspections counted from this cycle (link: /inspections/{cycleId}/i/{inspectionId}) */
  inspectionIds: number[];
}

export interface QuarterScore {
  cycleId: number;
  cycleTitle: string;
  cycleTitleEn: string | null;
  inspectionId: number;
  targetName: string;
  /** the inspection's total (score + bonus); "0" for a vetoed result */
  score: string;
  vetoed: boolean;
}

export type FeedCounts =
  | {
      inspections: number;
      passed: number;
      /** of `inspections`, those of targets the unit supervises (主管) but does not own */
      supervised: number;
    }
  | { quarters: number; scores: QuarterScore[] };

export interface FedSubItem {
  subItemId: string;
  status: 'fed';
  targetKind: InspectionFeed['targetKind'];
  statistic: InspectionFeed['statistic'];
  /** the scoring input of a bands (or ratio) sub-item */
  input: { value: string };
  /** the value as the exact fraction it is; `exact` false when `input.value` is that fraction cut short */
  fraction: { numerator: string; denominator: string; exact: boolean };
  counts: FeedCounts;
  /** one line for the assessor and reviewer, e.g. 全年检查 8 次，合格 7 次，合格率 7/8 */
  summary: string;
  summaryEn: string;
  sources: FeedSource[];
}

export type NoDataReason =
  | 'unknownUnit'
  | 'unsupportedMethod'
  | 'unsupportedStatistic'
  | 'noOwnSite'
  | 'severalOwnSites'
  | 'noInspections'
  | 'unscoredResult';

export interface UnfedSubItem {
  subItemId: string;
  status: 'noData';
  targetKind: InspectionFeed['targetKind'];
  statistic: InspectionFeed['statistic'];
  reason: NoDataReason;
  message: string;
  messageEn: string;
}

export type InspectionFeedResult = FedSubItem | UnfedSubItem;

interface CountedResult {
  inspectionId: number;
  cycleId: number;
  targetKey: string;
  targetName: string;
  /** the unit owns the target (主办); false when it only supervises it (主管) */
  owned: boolean;
  /** websites only: portal / department / other */
  siteKind: string | null;
  siteCode: string | null;
  verdict: string;
  reason: string | null;
  total: string | null;
}

interface CycleRow {
  id: number;
  slug: string;
  title: string;
  titleEn: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  programmeId: number;
  programmeSlug: string;
}

/** The fed sub-items of an assessment rule set, in rule-set order. */
export function fedSubItems(ruleSet: AssessmentRuleSet): (SubItem & { fedByInspections: InspectionFeed })[] {
  return ruleSet.areas.flatMap((area) =>
    area.items.flatMap((item) =>
      item.subItems.filter((sub): sub is SubItem & { fedByInspections: InspectionFeed } =>
        Boolean(sub.fedByInspections),
      ),
    ),
  );
}

export async function inspectionFeeds(options: {
  db: Database;
  ruleSet: AssessmentRuleSet;
  unitId: number;
  periodStart: string;
  periodEnd: string;
}): Promise<InspectionFeedResult[]> {
  const { db, ruleSet } = options;
  const query = feedQuery.parse({
    unitId: options.unitId,
    periodStart: options.periodStart,
    periodEnd: options.periodEnd,
  });
  const subItems = fedSubItems(ruleSet);
  if (subItems.length === 0) return [];

  const [unit] = await db
    .select({ id: units.id, kind: units.kind })
    .from(units)
    .where(eq(units.id, query.unitId));
  if (!unit) {
    return subItems.map((sub) =>
      noData(sub, 'unknownUnit', `单位 ${query.unitId} 不存在`, `unit ${query.unitId} does not exist`),
    );
  }

  const cycleRows: CycleRow[] = await db
    .select({
      id: cycles.id,
      slug: cycles.slug,
      title: cycles.title,
      titleEn: cycles.titleEn,
      periodStart: cycles.periodStart,
      periodEnd: cycles.periodEnd,
      programmeId: programmes.id,
      programmeSlug: programmes.slug,
    })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .where(
      and(
        eq(programmes.kind, 'inspection'),
        gte(cycles.periodStart, query.periodStart),
        lte(cycles.periodEnd, query.periodEnd),
      ),
    )
    .orderBy(asc(cycles.periodStart), asc(cycles.id));
  const cycleById = new Map(cycleRows.map((cycle) => [cycle.id, cycle]));

  const resultsByKind = new Map<InspectionFeed['targetKind'], CountedResult[]>();
  const resultsOf = async (kind: InspectionFeed['targetKind']) => {
    let results = resultsByKind.get(kind);
    if (!results) {
      results = countedResults(await loadResults(db, kind, unit.id, [...cycleById.keys()]));
      resultsByKind.set(kind, results);
    }
    return results;
  };

  const feeds: InspectionFeedResult[] = [];
  for (const sub of subItems) {
    const feed = sub.fedByInspections;
    if (sub.method.kind !== 'bands' && sub.method.kind !== 'ratio') {
      feeds.push(
        noData(
          sub,
          'unsupportedMethod',
          `子项 ${sub.id} 的计分方式（${sub.method.kind}）不能由检查结果填入`,
          `sub-item ${sub.id} is scored by ${sub.method.kind}, which inspection results cannot fill`,
        ),
      );
      continue;
    }
    const results = await resultsOf(feed.targetKind);
    const places = placesFor(sub);
    if (feed.statistic === 'passRate') {
      feeds.push(passRateFeed(sub, results, cycleById, places));
    } else if (feed.statistic === 'portalAverageScore') {
      if (feed.targetKind !== 'website') {
        feeds.push(
          noData(
            sub,
            'unsupportedStatistic',
            '门户网站平均得分只适用于网站',
            'the portal average applies to websites only',
          ),
        );
        continue;
      }
      const ownKind = unit.kind === 'region' ? 'portal' : 'department';
      feeds.push(ownSiteAverageFeed(sub, results, ownKind, cycleById, places));
    } else {
      feeds.push(averageFeed(sub, results, cycleById, places, null));
    }
  }
  return feeds;
}

async function loadResults(
  db: Database,
  kind: InspectionFeed['targetKind'],
  unitId: number,
  cycleIds: number[],
): Promise<(CountedResult & { source: string })[]> {
  if (cycleIds.length === 0) return [];
  const common = {
    inspectionId: inspections.id,
    cycleId: inspections.cycleId,
    source: inspections.source,
    verdict: inspections.verdict,
    reason: inspections.reason,
    total: inspections.total,
  };
  // owned or supervised: each row once, whichever of the two (or both) ties it to the unit
  if (kind === 'website') {
    const rows = await db
      .select({
        ...common,
        targetId: websites.id,
        targetName: websites.name,
        ownerUnitId: websites.ownerUnitId,
        siteKind: websites.kind,
        siteCode: websites.siteCode,
      })
      .from(inspections)
      .innerJoin(websites, eq(inspections.websiteId, websites.id))
      .where(
        and(
          or(eq(websites.ownerUnitId, unitId), eq(websites.supervisingUnitId, unitId)),
          inArray(inspections.cycleId, cycleIds),
        ),
      )
      .orderBy(asc(inspections.id));
    return rows.map(({ ownerUnitId, ...row }) => ({
      ...row,
      targetKey: `w${row.targetId}`,
      owned: ownerUnitId === unitId,
    }));
  }
  const rows = await db
    .select({
      ...common,
      targetId: newMediaAccounts.id,
      targetName: newMediaAccounts.name,
      ownerUnitId: newMediaAccounts.ownerUnitId,
    })
    .from(inspections)
    .innerJoin(newMediaAccounts, eq(inspections.accountId, newMediaAccounts.id))
    .where(
      and(
        or(eq(newMediaAccounts.ownerUnitId, unitId), eq(newMediaAccounts.supervisingUnitId, unitId)),
        inArray(inspections.cycleId, cycleIds),
      ),
    )
    .orderBy(asc(inspections.id));
  return rows.map(({ ownerUnitId, ...row }) => ({
    ...row,
    targetKey: `a${row.targetId}`,
    owned: ownerUnitId === unitId,
    siteKind: null,
    siteCode: null,
  }));
}

/** Per target and cycle: the sampled or reported result, replaced by the province's re-check when there is one. */
function countedResults(rows: readonly (CountedResult & { source: string })[]): CountedResult[] {
  const byTargetAndCycle = new Map<string, CountedResult & { source: string }>();
  for (const row of rows) {
    if (row.source === 'recheck') continue;
    const key = `${row.cycleId}:${row.targetKey}`;
    const current = byTargetAndCycle.get(key);
    if (!current || row.source === 'provinceRecheck') byTargetAndCycle.set(key, row);
  }
  return [...byTargetAndCycle.values()].map(({ source: _source, ...row }) => row);
}

function passRateFeed(
  sub: SubItem & { fedByInspections: InspectionFeed },
  results: readonly CountedResult[],
  cycleById: ReadonlyMap<number, CycleRow>,
  places: number,
): InspectionFeedResult {
  if (results.length === 0) return noInspections(sub, cycleById);
  const passed = results.filter((result) => result.verdict === 'qualified').length;
  const supervised = results.filter((result) => !result.owned).length;
  const fraction = exactRatio(new Exact(passed), new Exact(results.length), places);
  const website = sub.fedByInspections.targetKind === 'website';
  const noun = website ? '网站' : '政务新媒体账号';
  const nounEn = website ? 'websites' : 'accounts';
  const whose = supervised > 0 ? `本单位所属及所辖${noun}` : `本单位${noun}`;
  const ofSupervised = supervised > 0 ? `（其中所辖${noun} ${supervised} 次）` : '';
  const whoseEn =
    supervised > 0
      ? `the unit’s own and supervised ${nounEn} (${supervised} of supervised ones)`
      : `the unit’s ${nounEn}`;
  return {
    subItemId: sub.id,
    status: 'fed',
    targetKind: sub.fedByInspections.targetKind,
    statistic: 'passRate',
    input: { value: fraction.value },
    fraction: { numerator: String(passed), denominator: String(results.length), exact: fraction.exact },
    counts: { inspections: results.length, passed, supervised },
    summary: `全年季度检查${whose} ${results.length} 次${ofSupervised}，合格 ${passed} 次，合格率 ${passed}/${results.length}`,
    summaryEn: `${results.length} inspections of ${whoseEn} over the year, ${passed} passed: ${passed}/${results.length}`,
    sources: sourcesOf(results, cycleById),
  };
}

/** The unit's own site (a region's government portal, a department's website), averaged over the quarters. */
function ownSiteAverageFeed(
  sub: SubItem & { fedByInspections: InspectionFeed },
  results: readonly CountedResult[],
  ownKind: 'portal' | 'department',
  cycleById: ReadonlyMap<number, CycleRow>,
  places: number,
): InspectionFeedResult {
  const kindLabel = ownKind === 'portal' ? '本级政府门户网站' : '本部门网站';
  const kindLabelEn = ownKind === 'portal' ? 'government portal' : 'department website';
  // only the unit's own (主办) site: a county portal the city supervises is not the city's 本级 portal
  const owned = results.filter((result) => result.owned);
  const own = owned.filter((result) => result.siteKind === ownKind);
  if (own.length === 0) {
    if (owned.length === 0) return noInspections(sub, cycleById, true);
    return noData(
      sub,
      'noOwnSite',
      `期内检查的本单位所属网站中没有${kindLabel}（名录中网站类别应为${ownKind === 'portal' ? '门户网站' : '部门网站'}）`,
      `none of the unit’s inspected websites in the period is its ${kindLabelEn}`,
    );
  }
  // the same site may sit in two programmes' registries: one site is one site code
  const siteCodes = [...new Set(own.map((result) => result.siteCode))];
  if (siteCodes.length > 1) {
    const names = [...new Set(own.map((result) => result.targetName))].join('、');
    return noData(
      sub,
      'severalOwnSites',
      `本单位有多个${kindLabel}被检查（${names}），无法确定取哪一个，请自评填写`,
      `several of the unit’s websites count as its ${kindLabelEn} (${names}); the assessor decides`,
    );
  }
  return averageFeed(sub, own, cycleById, places, { label: kindLabel, labelEn: kindLabelEn });
}

function averageFeed(
  sub: SubItem & { fedByInspections: InspectionFeed },
  results: readonly CountedResult[],
  cycleById: ReadonlyMap<number, CycleRow>,
  places: number,
  site: { label: string; labelEn: string } | null,
): InspectionFeedResult {
  if (results.length === 0) return noInspections(sub, cycleById);
  const scores: QuarterScore[] = [];
  for (const result of orderedByCycle(results, cycleById)) {
    const cycle = cycleById.get(result.cycleId);
    const cycleTitle = cycle?.title ?? String(result.cycleId);
    const cycleTitleEn = cycle?.titleEn ?? cycleTitle;
    // the feed's reading: a vetoed quarter counts as 0 in the average
    const vetoed = result.reason === 'veto';
    if (!vetoed && result.total === null) {
      return noData(
        sub,
        'unscoredResult',
        `${cycleTitle}「${result.targetName}」的结果为上报结论，没有得分，无法计算平均分，请自评填写`,
        `${cycleTitleEn}: the result of “${result.targetName}” was reported without a score; the average cannot be computed`,
      );
    }
    scores.push({
      cycleId: result.cycleId,
      cycleTitle,
      cycleTitleEn: cycle?.titleEn ?? null,
      inspectionId: result.inspectionId,
      targetName: result.targetName,
      score: vetoed ? '0' : new Exact(result.total!).toFixed(),
      vetoed,
    });
  }
  const sum = scores.reduce((total, entry) => total.plus(entry.score), new Exact(0));
  const fraction = exactRatio(sum, new Exact(scores.length), places);
  const quarters = new Set(scores.map((entry) => entry.cycleId)).size;
  const listed = scores.map((entry) => (entry.vetoed ? '0（单项否决）' : entry.score)).join('、');
  const listedEn = scores.map((entry) => (entry.vetoed ? '0 (vetoed)' : entry.score)).join(', ');
  return {
    subItemId: sub.id,
    status: 'fed',
    targetKind: sub.fedByInspections.targetKind,
    statistic: sub.fedByInspections.statistic,
    input: { value: fraction.value },
    fraction: { numerator: sum.toFixed(), denominator: String(scores.length), exact: fraction.exact },
    counts: { quarters, scores },
    summary: `${site ? site.label : '本单位所属及所辖网站'} ${quarters} 个季度检查得分 ${listed}，平均 ${fraction.value}`,
    summaryEn: `${site ? `The ${site.labelEn}` : 'The unit’s own and supervised websites'} over ${quarters} quarters: ${listedEn}; average ${fraction.value}`,
    sources: sourcesOf(results, cycleById),
  };
}

/**
 * numerator ÷ denominator as a decimal string: exact when it terminates, otherwise cut (toward zero) to at least
 * as many places as any band boundary has, so it falls in the same band as the exact fraction would.
 */
function exactRatio(
  numerator: Decimal,
  denominator: Decimal,
  places: number,
): { value: string; exact: boolean } {
  const quotient = new Exact(numerator).div(denominator);
  if (quotient.times(denominator).eq(numerator)) return { value: quotient.toFixed(), exact: true };
  return { value: quotient.toDecimalPlaces(places, Decimal.ROUND_DOWN).toFixed(), exact: false };
}

function placesFor(sub: SubItem): number {
  if (sub.method.kind !== 'bands') return minimumPlaces;
  const boundaryPlaces = sub.method.bands.flatMap((band) =>
    [band.atLeast, band.below].filter((bound): bound is string => bound !== undefined),
  );
  return Math.max(minimumPlaces, ...boundaryPlaces.map((bound) => new Exact(bound).decimalPlaces()));
}

function orderedByCycle(
  results: readonly CountedResult[],
  cycleById: ReadonlyMap<number, CycleRow>,
): CountedResult[] {
  const order = [...cycleById.keys()];
  return [...results].sort(
    (a, b) => order.indexOf(a.cycleId) - order.indexOf(b.cycleId) || a.inspectionId - b.inspectionId,
  );
}

function sourcesOf(
  results: readonly CountedResult[],
  cycleById: ReadonlyMap<number, CycleRow>,
): FeedSource[] {
  const byCycle = new Map<number, number[]>();
  for (const result of orderedByCycle(results, cycleById)) {
    const ids = byCycle.get(result.cycleId) ?? [];
    ids.push(result.inspectionId);
    byCycle.set(result.cycleId, ids);
  }
  return [...byCycle].map(([cycleId, inspectionIds]) => {
    const cycle = cycleById.get(cycleId)!;
    return {
      programmeId: cycle.programmeId,
      programmeSlug: cycle.programmeSlug,
      cycleId,
      cycleSlug: cycle.slug,
      cycleTitle: cycle.title,
      cycleTitleEn: cycle.titleEn,
      periodStart: cycle.periodStart,
      periodEnd: cycle.periodEnd,
      inspectionIds,
    };
  });
}

function noInspections(
  sub: SubItem & { fedByInspections: InspectionFeed },
  cycleById: ReadonlyMap<number, CycleRow>,
  ownOnly = false,
): UnfedSubItem {
  const noun = sub.fedByInspections.targetKind === 'website' ? '网站' : '政务新媒体账号';
  const what = ownOnly ? `所属${noun}` : `所属或所辖${noun}`;
  const nounEn = sub.fedByInspections.targetKind === 'website' ? 'websites' : 'accounts';
  const whatEn = ownOnly ? `own ${nounEn}` : `own or supervised ${nounEn}`;
  return cycleById.size === 0
    ? noData(
        sub,
        'noInspections',
        '考核期内没有季度检查批次，请自评填写',
        'no quarterly inspection cycle falls in the assessment period',
      )
    : noData(
        sub,
        'noInspections',
        `考核期内 ${cycleById.size} 个检查批次中没有本单位${what}的检查结果，请自评填写`,
        `none of the ${cycleById.size} inspection cycles in the period has a result for the unit’s ${whatEn}`,
      );
}

function noData(
  sub: SubItem & { fedByInspections: InspectionFeed },
  reason: NoDataReason,
  message: string,
  messageEn: string,
): UnfedSubItem {
  return {
    subItemId: sub.id,
    status: 'noData',
    targetKind: sub.fedByInspections.targetKind,
    statistic: sub.fedByInspections.statistic,
    reason,
    message,
    messageEn,
  };
}
