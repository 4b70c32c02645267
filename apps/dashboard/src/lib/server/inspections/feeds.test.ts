import { getRuleSet, type AssessmentRuleSet } from '@kaohe/rules';
import { Decimal, scoreAssessment, type SubItemInput } from '@kaohe/scoring';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { cycles, inspections, newMediaAccounts, programmes, units, websites } from '$lib/server/db/schema';
import { databaseKinds, useTestDatabase } from '../../../../test/harness';
import { newMediaInputs, websiteInputs, websiteProblems } from './demo-support';
import { gansuInspectionsProgrammeSlug } from '../demo/gansu-inspections';
import { inspectionFeeds, type FedSubItem, type InspectionFeedResult } from './feeds';
import { recordInspection, websiteRuleSetId, type InspectionTargetRef } from './record';
import type { InspectionSource } from '../db/schema';

// The Gansu 2019 sub-items fed by quarterly inspections (A1.1 portal average, A2.1 website pass rate, A3.1 account
// pass rate), computed from inspections stored through recordInspection (verdicts by @kaohe/scoring) in a
// throwaway inspection programme, and scored by scoreAssessment as the self-evaluation would.

const ruleSet = getRuleSet('gansu-2019-annual-assessment') as AssessmentRuleSet;
const year = { periodStart: '2019-01-01', periodEnd: '2019-12-31' };

const fed = (feeds: InspectionFeedResult[], id: string): FedSubItem => {
  const feed = feeds.find((entry) => entry.subItemId === id);
  if (feed?.status !== 'fed') throw new Error(`${id} not fed: ${JSON.stringify(feed)}`);
  return feed;
};

describe.each(databaseKinds)('inspection feeds on %s', (kind) => {
  let database: AppDatabase;
  const unitIds: Record<string, number> = {};
  const cycleIds: Record<string, number> = {};
  let programmeId: number;
  const ids = {
    lanzhouPortal: 0,
    lanzhouOther: 0,
    jiayuguanPortal: 0,
    lanzhouAccount: 0,
    sportsSite: 0,
    sportsTopic: 0,
    jinchangPortal: 0,
    jinchangPortalOld: 0,
    tianshuiPortal: 0,
    qingshuiPortal: 0,
    tianshuiTopic: 0,
    qingshuiAccount: 0,
    jinta: 0,
    educationSite: 0,
  };
  const recorded: Record<string, number> = {};

  async function record(
    label: string,
    cycle: string,
    target: InspectionTargetRef,
    inputs: unknown,
    source: InspectionSource = 'sample',
  ) {
    const outcome = await recordInspection({
      db: database.db,
      cycleId: cycleIds[cycle]!,
      target,
      inputs,
      source,
      inspector: { userId: null, name: '测试' },
      inspectedOn: '2019-06-01',
    });
    if (!outcome.ok) throw new Error(`${label}: ${JSON.stringify(outcome)}`);
    recorded[label] = outcome.id;
  }

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const db = database.db;
    // the demo's Gansu quarters would count too: these tests build their own
    await db.delete(programmes).where(eq(programmes.slug, gansuInspectionsProgrammeSlug));
    for (const code of [
      'gs-lanzhou',
      'gs-jiayuguan',
      'gs-jinchang',
      'gs-tianshui',
      'gs-jiuquan',
      'gs-dept-tjj',
      'gs-dept-tyj',
      'gs-dept-jyt',
    ]) {
      const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.code, code));
      unitIds[code] = unit!.id;
    }
    const [programme] = await db
      .insert(programmes)
      .values({
        slug: 'feeds-gansu-2019-inspections',
        title: '2019年甘肃省政府网站季度检查（测试）',
        ruleSetId: websiteRuleSetId,
        level: 'province',
        kind: 'inspection',
      })
      .returning({ id: programmes.id });
    programmeId = programme!.id;
    const quarters = [
      ['2018-q4', '2018-10-01', '2018-12-31'],
      ['2019-q1', '2019-01-01', '2019-03-31'],
      ['2019-q2', '2019-04-01', '2019-06-30'],
      ['2019-q3', '2019-07-01', '2019-09-30'],
      ['2019-q4', '2019-10-01', '2019-12-31'],
      ['2020-q1', '2020-01-01', '2020-03-31'],
    ] as const;
    for (const [slug, periodStart, periodEnd] of quarters) {
      // 2019 Q3 has no English title: its sources fall back to the Chinese one
      const titleEn = slug === '2019-q3' ? null : `${slug} inspection`;
      const [cycle] = await db
        .insert(cycles)
        .values({ programmeId, slug, title: `${slug} 季度检查`, titleEn, periodStart, periodEnd })
        .returning({ id: cycles.id });
      cycleIds[slug] = cycle!.id;
    }
    const site = async (
      siteCode: string,
      name: string,
      owner: string | null,
      siteKind: 'portal' | 'department' | 'other',
      supervising: { name: string; unit: string | null } | null = null,
    ) => {
      const [row] = await db
        .insert(websites)
        .values({
          programmeId,
          siteCode,
          name,
          homeUrl: `https://${siteCode}.example.gov.cn`,
          ownerName: name,
          ownerUnitId: owner === null ? null : unitIds[owner]!,
          supervisingName: supervising?.name ?? null,
          supervisingUnitId: supervising?.unit ? unitIds[supervising.unit]! : null,
          kind: siteKind,
          level: owner === null ? 'county' : 'city',
        })
        .returning({ id: websites.id });
      return row!.id;
    };
    ids.lanzhouPortal = await site('6201000001', '兰州市人民政府', 'gs-lanzhou', 'portal');
    ids.lanzhouOther = await site('6201000002', '兰州新区', 'gs-lanzhou', 'other');
    ids.jiayuguanPortal = await site('6202000001', '嘉峪关市人民政府', 'gs-jiayuguan', 'portal');
    ids.sportsSite = await site('6200000101', '甘肃省体育局', 'gs-dept-tyj', 'department');
    ids.sportsTopic = await site('6200000102', '全民健身专题', 'gs-dept-tyj', 'other');
    ids.jinchangPortal = await site('6203000001', '金昌市人民政府', 'gs-jinchang', 'portal');
    ids.jinchangPortalOld = await site('6203000002', '金昌市人民政府（旧版）', 'gs-jinchang', 'portal');
    const [account] = await db
      .insert(newMediaAccounts)
      .values({
        programmeId,
        name: '兰州发布',
        platform: '微信公众号',
        ownerName: '兰州市人民政府',
        ownerUnitId: unitIds['gs-lanzhou']!,
      })
      .returning({ id: newMediaAccounts.id });
    ids.lanzhouAccount = account!.id;
    // 天水市: its own portal, a county portal and a county account it supervises (主管) without owning them (the
    // county is not an assessed unit), and a topic site it both owns and supervises
    const tianshui = { name: '天水市人民政府', unit: 'gs-tianshui' };
    ids.tianshuiPortal = await site('6205000001', '天水市人民政府', 'gs-tianshui', 'portal');
    ids.qingshuiPortal = await site('6205210001', '清水县人民政府', null, 'portal', tianshui);
    ids.tianshuiTopic = await site('6205000002', '天水文旅专题', 'gs-tianshui', 'other', tianshui);
    const [countyAccount] = await db
      .insert(newMediaAccounts)
      .values({
        programmeId,
        name: '清水发布',
        platform: '微信公众号',
        ownerName: '清水县人民政府办公室',
        supervisingName: tianshui.name,
        supervisingUnitId: unitIds['gs-tianshui']!,
      })
      .returning({ id: newMediaAccounts.id });
    ids.qingshuiAccount = countyAccount!.id;
    // 酒泉市 only supervises a county portal here: its rate is fed, its own portal average is not
    ids.jinta = await site('6209210001', '金塔县人民政府', null, 'portal', {
      name: '酒泉市人民政府',
      unit: 'gs-jiuquan',
    });
    // 省教育厅 owns its site; the supervisor written beside it is not an assessed unit
    ids.educationSite = await site('6200000201', '甘肃省教育厅', 'gs-dept-jyt', 'department', {
      name: '甘肃省人民政府办公厅',
      unit: null,
    });

    const portal = { type: 'website', websiteId: ids.lanzhouPortal } as const;
    const other = { type: 'website', websiteId: ids.lanzhouOther } as const;
    const jiayuguan = { type: 'website', websiteId: ids.jiayuguanPortal } as const;
    const account_ = { type: 'newMedia', accountId: ids.lanzhouAccount } as const;
    const clean = (isPortal: boolean, brokenLinks = 0) => websiteInputs({ isPortal, brokenLinks });
    const vetoed = (isPortal: boolean) =>
      websiteInputs({ isPortal, problem: websiteProblems.emptyColumns(6) });

    // outside the year: counted neither before nor after
    await record('otherQ4-2018', '2018-q4', other, vetoed(false));
    await record('otherQ1-2020', '2020-q1', other, vetoed(false));
    await record('portalQ1-2020', '2020-q1', portal, vetoed(true));
    // the portal: Q2 vetoed (counts as 0), the other quarters scored
    await record('portalQ1', '2019-q1', portal, clean(true));
    await record('portalQ2', '2019-q2', portal, vetoed(true));
    await record('portalQ3', '2019-q3', portal, clean(true, 3));
    await record('portalQ4', '2019-q4', portal, clean(true, 1));
    // the other site: a failed re-check of 2018 Q4's failure in Q1 is not counted; in Q3 the city reported a
    // failure that the province's re-check overturned
    await record('otherRecheckQ1', '2019-q1', other, vetoed(false), 'recheck');
    await record('otherQ1', '2019-q1', other, clean(false));
    await record('otherQ2', '2019-q2', other, clean(false));
    await record(
      'otherReportedQ3',
      '2019-q3',
      other,
      { kind: 'reported', verdict: 'unqualified', resultText: '不合格' },
      'reported',
    );
    await record('otherProvinceQ3', '2019-q3', other, clean(false, 2), 'provinceRecheck');
    await record('otherQ4', '2019-q4', other, clean(false));
    // another unit's portal fails every quarter it is inspected
    await record('jiayuguanQ1', '2019-q1', jiayuguan, vetoed(true));
    await record('jiayuguanQ2', '2019-q2', jiayuguan, clean(true));
    await record('jiayuguanQ3', '2019-q3', jiayuguan, clean(true));
    // a department's own website (not its topic site) stands for it in A1.1
    const sports = { type: 'website', websiteId: ids.sportsSite } as const;
    await record('sportsQ1', '2019-q1', sports, clean(false, 4));
    await record('sportsQ2', '2019-q2', sports, clean(false));
    await record('sportsTopicQ1', '2019-q1', { type: 'website', websiteId: ids.sportsTopic }, vetoed(false));
    // a city with two portals inspected: which one is its portal is not ours to guess
    await record('jinchangQ1', '2019-q1', { type: 'website', websiteId: ids.jinchangPortal }, clean(true));
    await record(
      'jinchangOldQ1',
      '2019-q1',
      { type: 'website', websiteId: ids.jinchangPortalOld },
      clean(true),
    );
    // the account: 3 of 4
    await record('accountQ1', '2019-q1', account_, newMediaInputs({ updatesInTwoWeeks: 3 }));
    await record('accountQ2', '2019-q2', account_, newMediaInputs({ updatesInTwoWeeks: 0 }));
    await record('accountQ3', '2019-q3', account_, newMediaInputs({ updatesInTwoWeeks: 2 }));
    await record('accountQ4', '2019-q4', account_, newMediaInputs({ updatesInTwoWeeks: 5 }));
    // 天水市: own portal passes Q1 and Q2 (one with a deduction); the county portal fails Q1 and passes Q2; the
    // topic site passes Q1; the county account fails Q1
    const tianshuiPortal = { type: 'website', websiteId: ids.tianshuiPortal } as const;
    const qingshui = { type: 'website', websiteId: ids.qingshuiPortal } as const;
    await record('tianshuiQ1', '2019-q1', tianshuiPortal, clean(true));
    await record('tianshuiQ2', '2019-q2', tianshuiPortal, clean(true, 2));
    await record('qingshuiQ1', '2019-q1', qingshui, vetoed(true));
    await record('qingshuiQ2', '2019-q2', qingshui, clean(true));
    await record(
      'tianshuiTopicQ1',
      '2019-q1',
      { type: 'website', websiteId: ids.tianshuiTopic },
      clean(false),
    );
    await record(
      'qingshuiAccountQ1',
      '2019-q1',
      { type: 'newMedia', accountId: ids.qingshuiAccount },
      newMediaInputs({ updatesInTwoWeeks: 0 }),
    );
    await record('jintaQ1', '2019-q1', { type: 'website', websiteId: ids.jinta }, clean(true));
    await record('educationQ1', '2019-q1', { type: 'website', websiteId: ids.educationSite }, clean(false));
    await record('educationQ2', '2019-q2', { type: 'website', websiteId: ids.educationSite }, vetoed(false));
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  const feedsFor = (code: string, period = year) =>
    inspectionFeeds({ db: database.db, ruleSet, unitId: unitIds[code]!, ...period });

  async function storedTotal(label: string): Promise<string | null> {
    const [row] = await database.db
      .select({ total: inspections.total, verdict: inspections.verdict })
      .from(inspections)
      .where(eq(inspections.id, recorded[label]!));
    return row!.total;
  }

  it('the verdicts come from @kaohe/scoring as the fixture intends', async () => {
    const verdicts = await database.db
      .select({ id: inspections.id, verdict: inspections.verdict, reason: inspections.reason })
      .from(inspections)
      .where(eq(inspections.websiteId, ids.lanzhouPortal));
    const byId = new Map(verdicts.map((row) => [row.id, row]));
    expect(byId.get(recorded.portalQ2!)).toMatchObject({ verdict: 'unqualified', reason: 'veto' });
    expect(byId.get(recorded.portalQ1!)).toMatchObject({ verdict: 'qualified' });
  });

  it('pass rate 7/8 = 0.875 scores band 3 of A2.1; sources link the counted inspections', async () => {
    const feeds = await feedsFor('gs-lanzhou');
    expect(feeds.map((feed) => [feed.subItemId, feed.status])).toEqual([
      ['A1.1', 'fed'],
      ['A2.1', 'fed'],
      ['A3.1', 'fed'],
    ]);
    const passRate = fed(feeds, 'A2.1');
    expect(passRate.input).toEqual({ value: '0.875' });
    expect(passRate.counts).toEqual({ inspections: 8, passed: 7, supervised: 0 });
    expect(passRate.fraction).toEqual({ numerator: '7', denominator: '8', exact: true });
    expect(passRate.sources.map((source) => [source.cycleSlug, source.programmeId])).toEqual([
      ['2019-q1', programmeId],
      ['2019-q2', programmeId],
      ['2019-q3', programmeId],
      ['2019-q4', programmeId],
    ]);
    const counted = passRate.sources.flatMap((source) => source.inspectionIds);
    expect(counted).toHaveLength(8);
    // the province's re-check replaced the city's reported failure; the failed 整改复查 and the other years left out
    expect(counted).toContain(recorded.otherProvinceQ3);
    for (const label of [
      'otherReportedQ3',
      'otherRecheckQ1',
      'otherQ4-2018',
      'otherQ1-2020',
      'jiayuguanQ1',
    ]) {
      expect(counted).not.toContain(recorded[label]);
    }

    const inputs = Object.fromEntries(
      feeds.filter((feed) => feed.status === 'fed').map((feed) => [feed.subItemId, feed.input]),
    ) as Record<string, SubItemInput>;
    const result = scoreAssessment({ ruleSet, inputs });
    const subItem = (id: string) =>
      result.areas
        .flatMap((area) => area.items.flatMap((item) => item.subItems))
        .find((sub) => sub.id === id)!;
    expect(subItem('A2.1')).toMatchObject({ status: 'scored', awarded: '3' });
    expect(subItem('A2.1').detail).toMatchObject({ kind: 'bands', value: '0.875', band: { points: '3' } });
    // the account passed 3 of 4: 75% is below 80%
    expect(fed(feeds, 'A3.1')).toMatchObject({
      input: { value: '0.75' },
      counts: { inspections: 4, passed: 3, supervised: 0 },
    });
    expect(subItem('A3.1')).toMatchObject({ status: 'scored', awarded: '0' });
  });

  it('portal average: a vetoed quarter counts as 0', async () => {
    const average = fed(await feedsFor('gs-lanzhou'), 'A1.1');
    const totals = await Promise.all(['portalQ1', 'portalQ3', 'portalQ4'].map(storedTotal));
    expect(totals.every((total) => total !== null)).toBe(true);
    const expected = totals.reduce((sum, total) => sum.plus(total!), new Decimal(0)).div(4);
    expect(average.input.value).toBe(expected.toFixed());
    // 100, 0 (vetoed), 98.5, 99.5 → 74.5: band 6 (70 to below 80), where the three scored quarters alone give 10
    expect(average.input.value).toBe('74.5');
    expect(average.summary).toBe(
      '本级政府门户网站 4 个季度检查得分 100、0（单项否决）、98.5、99.5，平均 74.5',
    );
    expect(average.counts).toMatchObject({ quarters: 4 });
    if (!('scores' in average.counts)) throw new Error('expected scores');
    expect(average.counts.scores.map((entry) => [entry.inspectionId, entry.score, entry.vetoed])).toEqual([
      [recorded.portalQ1, totals[0], false],
      [recorded.portalQ2, '0', true],
      [recorded.portalQ3, totals[1], false],
      [recorded.portalQ4, totals[2], false],
    ]);
    expect(new Decimal(average.input.value).lessThan(80)).toBe(true);
    const result = scoreAssessment({ ruleSet, inputs: { 'A1.1': average.input } });
    const a11 = result.areas[0]!.items[0]!.subItems[0]!;
    expect(a11.id).toBe('A1.1');
    const band = ruleSet.areas[0]!.items[0]!.subItems[0]!.method;
    if (band.kind !== 'bands') throw new Error('A1.1 is a bands sub-item');
    const expectedBand = band.bands.find(
      (b) =>
        (b.atLeast === undefined || expected.greaterThanOrEqualTo(b.atLeast)) &&
        (b.below === undefined || expected.lessThan(b.below)),
    )!;
    expect(a11).toMatchObject({ status: 'scored', awarded: expectedBand.points });
    expect(a11.awarded).toBe('6');
  });

  it('another unit: only its own portal, and a ratio that does not terminate is cut, not rounded up', async () => {
    const feeds = await feedsFor('gs-jiayuguan');
    const passRate = fed(feeds, 'A2.1');
    expect(passRate.counts).toEqual({ inspections: 3, passed: 2, supervised: 0 });
    expect(passRate.fraction).toEqual({ numerator: '2', denominator: '3', exact: false });
    expect(passRate.input.value).toBe('0.666666666666');
    expect(passRate.sources.flatMap((source) => source.inspectionIds).sort()).toEqual(
      [recorded.jiayuguanQ1, recorded.jiayuguanQ2, recorded.jiayuguanQ3].sort(),
    );
    const average = fed(feeds, 'A1.1');
    expect(average.counts).toMatchObject({ quarters: 3 });
    // Jiayuguan has no accounts in the registry: A3.1 stays for the assessor
    expect(feeds.find((feed) => feed.subItemId === 'A3.1')).toMatchObject({
      status: 'noData',
      reason: 'noInspections',
    });
  });

  it('no data: a unit without sites, a period without cycles, an unknown unit', async () => {
    const department = await feedsFor('gs-dept-tjj');
    expect(department.map((feed) => [feed.subItemId, feed.status, 'reason' in feed && feed.reason])).toEqual([
      ['A1.1', 'noData', 'noInspections'],
      ['A2.1', 'noData', 'noInspections'],
      ['A3.1', 'noData', 'noInspections'],
    ]);
    expect(department.every((feed) => !('input' in feed))).toBe(true);
    const empty = await feedsFor('gs-lanzhou', { periodStart: '2010-01-01', periodEnd: '2010-12-31' });
    expect(empty.every((feed) => feed.status === 'noData' && feed.message.includes('没有季度检查批次'))).toBe(
      true,
    );
    const unknown = await inspectionFeeds({ db: database.db, ruleSet, unitId: 999_999, ...year });
    expect(unknown.every((feed) => feed.status === 'noData' && feed.reason === 'unknownUnit')).toBe(true);
    await expect(
      inspectionFeeds({
        db: database.db,
        ruleSet,
        unitId: unitIds['gs-lanzhou']!,
        periodStart: '2019-12-31',
        periodEnd: '2019-01-01',
      }),
    ).rejects.toThrow();
  });

  it('the year 2020 counts only 2020: the Q1 2020 failures', async () => {
    const feeds = await feedsFor('gs-lanzhou', { periodStart: '2020-01-01', periodEnd: '2020-12-31' });
    expect(fed(feeds, 'A2.1')).toMatchObject({
      input: { value: '0' },
      counts: { inspections: 2, passed: 0 },
    });
    expect(fed(feeds, 'A1.1')).toMatchObject({ input: { value: '0' } });
  });

  it('a portal known only by a reported verdict has no score: noData, not a guess', async () => {
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        programmeId,
        slug: '2021-q1',
        title: '2021-q1',
        periodStart: '2021-01-01',
        periodEnd: '2021-03-31',
      })
      .returning({ id: cycles.id });
    cycleIds['2021-q1'] = cycle!.id;
    await record(
      'portalReported2021',
      '2021-q1',
      { type: 'website', websiteId: ids.lanzhouPortal },
      { kind: 'reported', verdict: 'qualified', resultText: '合格' },
      'reported',
    );
    const feeds = await feedsFor('gs-lanzhou', { periodStart: '2021-01-01', periodEnd: '2021-12-31' });
    expect(feeds.find((feed) => feed.subItemId === 'A1.1')).toMatchObject({
      status: 'noData',
      reason: 'unscoredResult',
    });
    // the pass rate still counts the reported verdict
    expect(fed(feeds, 'A2.1')).toMatchObject({
      counts: { inspections: 1, passed: 1 },
      input: { value: '1' },
    });
  });

  it('a department takes its own website; two portals leave A1.1 to the assessor', async () => {
    const sports = await feedsFor('gs-dept-tyj');
    const average = fed(sports, 'A1.1');
    const totals = await Promise.all(['sportsQ1', 'sportsQ2'].map(storedTotal));
    expect(average.input.value).toBe(
      totals
        .reduce((sum, total) => sum.plus(total!), new Decimal(0))
        .div(2)
        .toFixed(),
    );
    expect(average.sources.flatMap((source) => source.inspectionIds)).toEqual([
      recorded.sportsQ1,
      recorded.sportsQ2,
    ]);
    // the pass rate counts every site the department owns, the topic site too
    expect(fed(sports, 'A2.1').counts).toEqual({ inspections: 3, passed: 2, supervised: 0 });

    const jinchang = await feedsFor('gs-jinchang');
    const a11 = jinchang.find((feed) => feed.subItemId === 'A1.1');
    expect(a11).toMatchObject({ status: 'noData', reason: 'severalOwnSites' });
    expect(a11?.status === 'noData' && a11.message).toContain('金昌市人民政府（旧版）');
    expect(fed(jinchang, 'A2.1').counts).toEqual({ inspections: 2, passed: 2, supervised: 0 });
  });

  it('a rule set asking for other statistics: the average of all sites, and a portal average of accounts', async () => {
    const variant = structuredClone(ruleSet);
    const subItems = variant.areas.flatMap((area) => area.items.flatMap((item) => item.subItems));
    subItems.find((sub) => sub.id === 'A2.1')!.fedByInspections = {
      targetKind: 'website',
      statistic: 'averageScore',
    };
    subItems.find((sub) => sub.id === 'A3.1')!.fedByInspections = {
      targetKind: 'newMedia',
      statistic: 'portalAverageScore',
    };
    const feeds = await inspectionFeeds({
      db: database.db,
      ruleSet: variant,
      unitId: unitIds['gs-lanzhou']!,
      ...year,
    });
    const all = fed(feeds, 'A2.1');
    const labels = ['portalQ1', 'portalQ3', 'portalQ4', 'otherQ1', 'otherQ2', 'otherProvinceQ3', 'otherQ4'];
    const totals = await Promise.all(labels.map(storedTotal));
    expect(all.input.value).toBe(
      totals
        .reduce((sum, total) => sum.plus(total!), new Decimal(0))
        .div(8)
        .toFixed(),
    );
    expect(all.counts).toMatchObject({ quarters: 4 });
    expect(feeds.find((feed) => feed.subItemId === 'A3.1')).toMatchObject({
      status: 'noData',
      reason: 'unsupportedStatistic',
    });
  });

  it('a city’s pass rates count the county portal and account it supervises; its portal average does not', async () => {
    const feeds = await feedsFor('gs-tianshui');
    // own portal 2 of 2, county portal 1 of 2, the topic site (owned and supervised) once: 4 of 5
    const passRate = fed(feeds, 'A2.1');
    expect(passRate.counts).toEqual({ inspections: 5, passed: 4, supervised: 2 });
    expect(passRate.input).toEqual({ value: '0.8' });
    const counted = passRate.sources.flatMap((source) => source.inspectionIds).sort((a, b) => a - b);
    expect(counted).toEqual(
      ['tianshuiQ1', 'tianshuiQ2', 'qingshuiQ1', 'qingshuiQ2', 'tianshuiTopicQ1']
        .map((label) => recorded[label]!)
        .sort((a, b) => a - b),
    );
    expect(passRate.summary).toBe(
      '全年季度检查本单位所属及所辖网站 5 次（其中所辖网站 2 次），合格 4 次，合格率 4/5',
    );
    expect(passRate.summaryEn).toContain('supervised');
    // the county's account: 0 of 1, counted for the city that supervises it
    expect(fed(feeds, 'A3.1')).toMatchObject({
      input: { value: '0' },
      counts: { inspections: 1, passed: 0, supervised: 1 },
    });
    expect(fed(feeds, 'A3.1').sources.flatMap((source) => source.inspectionIds)).toEqual([
      recorded.qingshuiAccountQ1,
    ]);
    // A1.1 is the city's own portal: the supervised county portal (also a 门户网站) neither joins the average nor
    // makes it ambiguous
    const average = fed(feeds, 'A1.1');
    expect(average.sources.flatMap((source) => source.inspectionIds)).toEqual([
      recorded.tianshuiQ1,
      recorded.tianshuiQ2,
    ]);
    const totals = await Promise.all(['tianshuiQ1', 'tianshuiQ2'].map(storedTotal));
    expect(average.input.value).toBe(
      totals
        .reduce((sum, total) => sum.plus(total!), new Decimal(0))
        .div(2)
        .toFixed(),
    );
  });

  it('a city that only supervises a county portal: the rate is fed, its own portal average is not', async () => {
    const feeds = await feedsFor('gs-jiuquan');
    expect(fed(feeds, 'A2.1')).toMatchObject({
      input: { value: '1' },
      counts: { inspections: 1, passed: 1, supervised: 1 },
    });
    const a11 = feeds.find((feed) => feed.subItemId === 'A1.1');
    expect(a11).toMatchObject({ status: 'noData', reason: 'noInspections' });
    expect(a11?.status === 'noData' && a11.message).toContain('所属网站');
  });

  it('a department is unaffected: its own site, whatever supervisor is written beside it', async () => {
    const feeds = await feedsFor('gs-dept-jyt');
    const passRate = fed(feeds, 'A2.1');
    expect(passRate.counts).toEqual({ inspections: 2, passed: 1, supervised: 0 });
    expect(passRate.summary).toBe('全年季度检查本单位网站 2 次，合格 1 次，合格率 1/2');
    expect(passRate.sources.flatMap((source) => source.inspectionIds)).toEqual([
      recorded.educationQ1,
      recorded.educationQ2,
    ]);
    expect(fed(feeds, 'A1.1').counts).toMatchObject({ quarters: 2 });
  });

  it('sources carry the cycle’s English title, null when it has none', async () => {
    const passRate = fed(await feedsFor('gs-lanzhou'), 'A2.1');
    expect(passRate.sources.map((source) => [source.cycleTitle, source.cycleTitleEn])).toEqual([
      ['2019-q1 季度检查', '2019-q1 inspection'],
      ['2019-q2 季度检查', '2019-q2 inspection'],
      ['2019-q3 季度检查', null],
      ['2019-q4 季度检查', '2019-q4 inspection'],
    ]);
    const average = fed(await feedsFor('gs-lanzhou'), 'A1.1');
    if (!('scores' in average.counts)) throw new Error('expected scores');
    expect(average.counts.scores.map((entry) => entry.cycleTitleEn)).toEqual([
      '2019-q1 inspection',
      '2019-q2 inspection',
      null,
      '2019-q4 inspection',
    ]);
  });
});
