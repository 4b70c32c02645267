import {
  rate,
  remediationRate,
  summarizeInspections,
  type DisplayRounding,
  type InspectionRecord,
  type InspectionSummary,
  type Rate,
  type ReasonFigures,
} from '@kaohe/scoring';
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db/open';
import {
  cycles,
  inspections,
  newMediaAccounts,
  programmeGroups,
  programmes,
  targetLevels,
  units,
  websites,
  type TargetLevel,
} from '../db/schema';
import { targetGroups, type GroupableTarget } from './groups';
import { supervisedChecks, type SupervisedChecks } from './supervised';
import { clauseLabel, clauseTriggered, ruleSetFor, scoreInputs } from './record';
import { bulletinStyle, type BulletinStyle } from './style';

// The figures of a quarter's bulletin (通报), from the stored inspections and registry. Every rate comes from
// @kaohe/scoring (summarizeInspections, rate, remediationRate): nothing here divides or rounds.
//
// Which results count: per target, the sampled or reported result, replaced by the province's re-check when there
// is one (the bulletin reports 检查、抽查复核结果). Re-checks of last quarter's failures (整改复查) are counted only
// for the remediation figure. The population of a group is its running websites plus any inspected site that has
// been closed since, so a group is never checked more than it runs.

/** Labels of groups for targets that match none of the programme's groups. */
const otherGroup = { website: '其他网站', newMedia: '其他政务新媒体' } as const;
const allGroup = { website: '全部网站', newMedia: '全部政务新媒体' } as const;

export interface FailedTarget {
  inspectionId: number;
  name: string;
  homeUrl: string | null;
  siteCode: string | null;
  owner: string;
  platform: string | null;
  group: string;
  /** 检查结果 as printed in the annex: 单项否决 / 不合格 */
  resultText: string;
  problems: string;
  /** false: a reported verdict without measurements, not computed by Kaohe */
  computed: boolean;
}

export interface TargetFigures {
  summary: InspectionSummary;
  /** Reasons as the vetoes that tripped (ids of the rule set), with their titles. */
  reasonLabels: Record<string, string>;
  /** Which clause of a veto tripped, e.g. 空白栏目 within 栏目不更新, as a share of the failures. */
  triggers: (ReasonFigures & { label: string })[];
  failures: FailedTarget[];
  /** Results stored as reported without measurements. */
  reportedNotComputed: number;
  /** Groups in position order, with their labels in English. */
  groupLabelsEn: Record<string, string | null>;
}

export interface Remediation {
  previousCycle: { id: number; slug: string; title: string };
  previousFailures: number;
  fixed: number;
  closed: number;
  stillFailing: number;
  notRechecked: number;
  rate: Rate;
}

export interface BulletinFigures {
  programme: { id: number; slug: string; title: string; organiser: string | null };
  cycle: { id: number; slug: string; title: string; periodStart: string | null; periodEnd: string | null };
  style: BulletinStyle;
  runningByLevel: { level: TargetLevel; running: number }[];
  /** checked ÷ running, at the places the programme prints it ("40%") */
  samplingRatio: Rate | null;
  websites: TargetFigures;
  newMedia: TargetFigures | null;
  /** a 主管单位's reported checks of the accounts it oversees, counted apart from the office's own (supervised.ts) */
  supervisedNewMedia: SupervisedChecks | null;
  remediation: Remediation | null;
}

interface ResultRow {
  id: number;
  targetKey: string;
  source: string;
  verdict: string;
  reason: string | null;
  vetoIds: unknown;
  inputs: unknown;
  problems: string | null;
  target: GroupableTarget;
  /** the owner's and the supervising unit's ids (null when none) */
  unitIds: (number | null)[];
  name: string;
  homeUrl: string | null;
  siteCode: string | null;
  owner: string;
  platform: string | null;
}

export async function bulletinFigures({
  db,
  cycleId,
}: {
  db: Database;
  cycleId: number;
}): Promise<BulletinFigures | null> {
  const [cycle] = await db.select().from(cycles).where(eq(cycles.id, cycleId));
  if (!cycle) return null;
  const [programme] = await db.select().from(programmes).where(eq(programmes.id, cycle.programmeId));
  if (!programme) return null;
  const style = bulletinStyle(programme.slug);
  const groups = await db
    .select({ key: programmeGroups.key, label: programmeGroups.label, labelEn: programmeGroups.labelEn })
    .from(programmeGroups)
    .where(eq(programmeGroups.programmeId, programme.id))
    .orderBy(asc(programmeGroups.position), asc(programmeGroups.id));

  const registry = await db
    .select({
      id: websites.id,
      level: websites.level,
      kind: websites.kind,
      consolidated: websites.consolidated,
      status: websites.status,
      ownerUnitId: websites.ownerUnitId,
      supervisingUnitId: websites.supervisingUnitId,
    })
    .from(websites)
    .where(eq(websites.programmeId, programme.id));
  const supervised = await supervisedChecks(db, programme.id, cycleId, style.newMedia);
  const results = (await loadResults(db, cycleId)).filter((row) => !supervised?.reportIds.has(row.id));
  // group keys may name units (unit:gs-lanzhou): the codes of each target's owner and supervising unit
  const unitCode = await unitCodes(db, [
    ...registry.flatMap((site) => [site.ownerUnitId, site.supervisingUnitId]),
    ...results.flatMap((row) => row.unitIds),
  ]);
  for (const row of results) row.target.units = codesOf(row.unitIds, unitCode);
  const groupableRegistry = registry.map((site) => ({
    ...site,
    units: codesOf([site.ownerUnitId, site.supervisingUnitId], unitCode),
  }));

  const websiteFigures = figuresFor('website', results, groups, style.websites, groupableRegistry);
  const accountResults = results.filter((row) => row.target.type === 'newMedia');
  const newMedia = accountResults.length
    ? figuresFor('newMedia', results, groups, style.newMedia, null)
    : null;

  const runningByLevel = targetLevels.map((level) => ({
    level,
    running: registry.filter((site) => site.level === level && site.status === 'running').length,
  }));
  const overall = websiteFigures.summary.overall;
  const samplingRatio =
    overall.running === null
      ? null
      : rate({ numerator: overall.checked, denominator: overall.running, rounding: style.samplingRatio });

  return {
    programme: {
      id: programme.id,
      slug: programme.slug,
      title: programme.title,
      organiser: programme.organiser,
    },
    cycle: {
      id: cycle.id,
      slug: cycle.slug,
      title: cycle.title,
      periodStart: cycle.periodStart,
      periodEnd: cycle.periodEnd,
    },
    style,
    runningByLevel,
    samplingRatio,
    websites: websiteFigures,
    newMedia,
    supervisedNewMedia: supervised?.figures ?? null,
    remediation: await remediation(db, cycle, registry, style.websites),
  };
}

async function loadResults(db: Database, cycleId: number): Promise<ResultRow[]> {
  const rows = await db
    .select({
      id: inspections.id,
      targetType: inspections.targetType,
      websiteId: inspections.websiteId,
      accountId: inspections.accountId,
      source: inspections.source,
      verdict: inspections.verdict,
      reason: inspections.reason,
      vetoIds: inspections.vetoIds,
      inputs: inspections.inputs,
      problems: inspections.problems,
      site: {
        name: websites.name,
        homeUrl: websites.homeUrl,
        siteCode: websites.siteCode,
        owner: websites.ownerName,
        level: websites.level,
        kind: websites.kind,
        consolidated: websites.consolidated,
        ownerUnitId: websites.ownerUnitId,
        supervisingUnitId: websites.supervisingUnitId,
      },
      account: {
        name: newMediaAccounts.name,
        owner: newMediaAccounts.ownerName,
        platform: newMediaAccounts.platform,
        level: newMediaAccounts.level,
        ownerUnitId: newMediaAccounts.ownerUnitId,
        supervisingUnitId: newMediaAccounts.supervisingUnitId,
      },
    })
    .from(inspections)
    .leftJoin(websites, eq(inspections.websiteId, websites.id))
    .leftJoin(newMediaAccounts, eq(inspections.accountId, newMediaAccounts.id))
    .where(eq(inspections.cycleId, cycleId))
    .orderBy(asc(inspections.id));
  return rows.map((row) => {
    const isSite = row.targetType === 'website';
    return {
      id: row.id,
      targetKey: isSite ? `w${row.websiteId}` : `a${row.accountId}`,
      source: row.source,
      verdict: row.verdict,
      reason: row.reason,
      vetoIds: row.vetoIds,
      inputs: row.inputs,
      problems: row.problems,
      target: {
        type: row.targetType,
        level: (isSite ? row.site?.level : row.account?.level) ?? null,
        kind: isSite ? (row.site?.kind ?? null) : null,
        consolidated: isSite ? (row.site?.consolidated ?? null) : null,
        platform: isSite ? null : (row.account?.platform ?? null),
      },
      unitIds: [
        (isSite ? row.site?.ownerUnitId : row.account?.ownerUnitId) ?? null,
        (isSite ? row.site?.supervisingUnitId : row.account?.supervisingUnitId) ?? null,
      ],
      name: (isSite ? row.site?.name : row.account?.name) ?? '',
      homeUrl: isSite ? (row.site?.homeUrl ?? null) : null,
      siteCode: isSite ? (row.site?.siteCode ?? null) : null,
      owner: (isSite ? row.site?.owner : row.account?.owner) ?? '',
      platform: isSite ? null : (row.account?.platform ?? null),
    };
  });
}

async function unitCodes(db: Database, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(inArray(units.id, wanted));
  return new Map(rows.map((row) => [row.id, row.code]));
}

function codesOf(ids: readonly (number | null)[], unitCode: ReadonlyMap<number, string>): string[] {
  return ids.flatMap((id) => {
    const code = id === null ? undefined : unitCode.get(id);
    return code === undefined ? [] : [code];
  });
}

/** Per target: the sampled or reported result, replaced by the province's re-check when there is one. */
function primaryResults(rows: readonly ResultRow[]): ResultRow[] {
  const byTarget = new Map<string, ResultRow>();
  for (const row of rows) {
    if (row.source === 'recheck') continue;
    const current = byTarget.get(row.targetKey);
    if (!current || row.source === 'provinceRecheck') byTarget.set(row.targetKey, row);
  }
  return [...byTarget.values()];
}

function figuresFor(
  type: 'website' | 'newMedia',
  rows: readonly ResultRow[],
  programmeGroupRows: readonly { key: string; label: string; labelEn: string | null }[],
  rounding: DisplayRounding,
  registry:
    | readonly {
        id: number;
        level: string;
        kind: string;
        consolidated: boolean;
        status: string;
        units: readonly string[];
      }[]
    | null,
): TargetFigures {
  const groups = targetGroups(programmeGroupRows, type);
  const groupOf = (target: GroupableTarget) =>
    groups.length === 0 ? allGroup[type] : (groups.find((g) => g.matches(target))?.label ?? otherGroup[type]);
  const results = primaryResults(rows.filter((row) => row.target.type === type));

  const ruleSet = ruleSetFor(type);
  const reasonLabels = Object.fromEntries(ruleSet.vetoes.map((veto) => [veto.id, veto.title]));
  reasonLabels.belowPassMark = '得分低于合格分';
  reasonLabels.reported = '上报不合格（未附检查数据）';

  const records: InspectionRecord[] = [];
  const triggerRecords: InspectionRecord[] = [];
  const triggerLabels: Record<string, string> = {};
  const failures: FailedTarget[] = [];
  for (const row of results) {
    const group = groupOf(row.target);
    const qualified = row.verdict === 'qualified';
    const vetoIds = Array.isArray(row.vetoIds) ? row.vetoIds.map(String) : [];
    const computed = (row.inputs as { kind?: string } | null)?.kind !== 'reported';
    const reasons = qualified
      ? []
      : vetoIds.length
        ? vetoIds
        : [computed ? (row.reason ?? 'belowPassMark') : 'reported'];
    records.push({ targetId: row.targetKey, group, qualified, reasons });
    triggerRecords.push({
      targetId: row.targetKey,
      qualified,
      reasons: qualified ? [] : triggers(type, row, triggerLabels),
    });
    if (!qualified) {
      failures.push({
        inspectionId: row.id,
        name: row.name,
        homeUrl: row.homeUrl,
        siteCode: row.siteCode,
        owner: row.owner,
        platform: row.platform,
        group,
        // the annexes print 单项否决 for vetoed websites and 不合格 for accounts (Hanzhong 2022 Q3)
        resultText: type === 'website' && row.reason === 'veto' ? '单项否决' : '不合格',
        problems: row.problems ?? '',
        computed,
      });
    }
  }

  let population: Record<string, number> | undefined;
  if (registry) {
    population = Object.fromEntries(groups.map((g) => [g.label, 0]));
    if (groups.length === 0) population[allGroup[type]] = 0;
    const inspected = new Set(results.map((row) => row.targetKey));
    for (const site of registry) {
      if (site.status !== 'running' && !inspected.has(`w${site.id}`)) continue;
      const group = groupOf({
        type,
        level: site.level,
        kind: site.kind,
        consolidated: site.consolidated,
        platform: null,
        units: site.units,
      });
      population[group] = (population[group] ?? 0) + 1;
    }
  }
  const groupOrder = groups.map((g) => g.label);
  const summary = summarizeInspections({
    results: records,
    rounding,
    groupOrder,
    ...(population ? { population } : {}),
  });
  const triggerSummary = summarizeInspections({ results: triggerRecords, rounding });
  return {
    summary,
    reasonLabels,
    triggers: triggerSummary.reasons.map((reason) => ({
      ...reason,
      label: triggerLabels[reason.reason] ?? reason.reason,
    })),
    failures,
    reportedNotComputed: results.filter(
      (row) => (row.inputs as { kind?: string } | null)?.kind === 'reported',
    ).length,
    groupLabelsEn: Object.fromEntries(groups.map((g) => [g.label, g.labelEn])),
  };
}

/** The clauses that tripped (空白栏目, 首页不更新, …), read again from the stored inputs by @kaohe/scoring. */
function triggers(type: 'website' | 'newMedia', row: ResultRow, labels: Record<string, string>): string[] {
  const scored = scoreInputs(type, row.inputs);
  if (!scored.ok || !scored.scored.result) return [];
  const result = scored.scored.result;
  if (result.reason !== 'veto') return ['belowPassMark'];
  const keys: string[] = [];
  for (const veto of result.vetoes) {
    if (!veto.triggered) continue;
    const clauses = veto.clauses.filter((clause) => clause.provided && clauseTriggered(clause));
    for (const clause of clauses.length ? clauses : [null]) {
      const key = clause ? `${veto.id}:${clause.measurement}` : veto.id;
      labels[key] = clause ? `${veto.title}：${clauseLabel(clause)}` : veto.title;
      keys.push(key);
    }
  }
  labels.belowPassMark = '得分低于合格分';
  return keys;
}

async function remediation(
  db: Database,
  cycle: typeof cycles.$inferSelect,
  registry: readonly { id: number; status: string }[],
  rounding: DisplayRounding,
): Promise<Remediation | null> {
  if (!cycle.periodStart) return null;
  const [previous] = await db
    .select()
    .from(cycles)
    .where(and(eq(cycles.programmeId, cycle.programmeId), lt(cycles.periodEnd, cycle.periodStart)))
    .orderBy(desc(cycles.periodEnd))
    .limit(1);
  if (!previous) return null;
  const previousRows = await db
    .select({
      websiteId: inspections.websiteId,
      source: inspections.source,
      verdict: inspections.verdict,
      id: inspections.id,
    })
    .from(inspections)
    .where(and(eq(inspections.cycleId, previous.id), eq(inspections.targetType, 'website')))
    .orderBy(asc(inspections.id));
  const lastVerdict = new Map<number, string>();
  for (const row of previousRows) {
    if (row.websiteId === null || row.source === 'recheck') continue;
    if (!lastVerdict.has(row.websiteId) || row.source === 'provinceRecheck')
      lastVerdict.set(row.websiteId, row.verdict);
  }
  const failedIds = [...lastVerdict].filter(([, verdict]) => verdict !== 'qualified').map(([id]) => id);
  const rechecks = failedIds.length
    ? await db
        .select({ websiteId: inspections.websiteId, verdict: inspections.verdict })
        .from(inspections)
        .where(and(eq(inspections.cycleId, cycle.id), inArray(inspections.websiteId, failedIds)))
    : [];
  const statusById = new Map(registry.map((site) => [site.id, site.status]));
  let fixed = 0;
  let closed = 0;
  let stillFailing = 0;
  let notRechecked = 0;
  for (const id of failedIds) {
    const status = statusById.get(id);
    if (status === 'closed' || status === 'migrated') {
      closed += 1;
      continue;
    }
    const verdicts = rechecks.filter((row) => row.websiteId === id).map((row) => row.verdict);
    if (verdicts.length === 0) notRechecked += 1;
    else if (verdicts.every((verdict) => verdict === 'qualified')) fixed += 1;
    else stillFailing += 1;
  }
  return {
    previousCycle: { id: previous.id, slug: previous.slug, title: previous.title },
    previousFailures: failedIds.length,
    fixed,
    closed,
    stillFailing,
    notRechecked,
    rate: remediationRate({ previousFailures: failedIds.length, fixedOrClosed: fixed + closed, rounding }),
  };
}
