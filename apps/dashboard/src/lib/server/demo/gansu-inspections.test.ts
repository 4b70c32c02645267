import { getRuleSet, type AssessmentRuleSet, type SubItem } from '@kaohe/rules';
import { Decimal } from '@kaohe/scoring';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as bulletinLoad } from '../../../routes/inspections/[cycleId]/bulletin/+page.server';
import { load as reviewLoad } from '../../../routes/review/[cycleId]/[unitId]/+page.server';
import { load as selfLoad } from '../../../routes/self-evaluation/[cycleId]/[unitId]/+page.server';
import { call, databaseKinds, expectOk, sessionTokenFor, useTestDatabase } from '../../../../test/harness';
import { closeAppDatabase, type AppDatabase } from '../db';
import { cycles, programmes, selfEvaluations, units, websites } from '../db/schema';
import { bulletinFigures } from '../inspections/bulletin';
import { inspectionFeeds, type InspectionFeedResult } from '../inspections/feeds';
import { gansu2019Assessments, inputsWithLosses, losses } from './gansu-2019-assessment';
import { gansuCities } from './gansu-2019-units';
import {
  gansu2020Q1FedValues,
  gansuInspectionPlan,
  gansuInspectionsProgrammeSlug,
  gansuQuarters,
} from './gansu-inspections';

// The Gansu quarterly inspections against the bulletin of 17 March 2020 (seed 001): 2020 Q1 as printed; the 2019
// quarters consistent with the published 2019 ranking; the open 2020 cycle's fed sub-items saved as the feed reads.

const ruleSet = getRuleSet('gansu-2019-annual-assessment') as AssessmentRuleSet;
const fedIds = ['A1.1', 'A2.1', 'A3.1'] as const;
const subItem = (id: string): SubItem => {
  for (const area of ruleSet.areas)
    for (const item of area.items) {
      const found = item.subItems.find((sub) => sub.id === id);
      if (found) return found;
    }
  throw new Error(`no sub-item ${id}`);
};
/** The points a bands sub-item gives a value: the band it falls in. */
const bandPoints = (id: string, value: string): string => {
  const method = subItem(id).method;
  if (method.kind !== 'bands') throw new Error(`${id} is not scored by bands`);
  const band = method.bands.find(
    (candidate) =>
      (candidate.atLeast === undefined || new Decimal(value).gte(candidate.atLeast)) &&
      (candidate.below === undefined || new Decimal(value).lt(candidate.below)),
  );
  if (!band) throw new Error(`${id}: ${value} in no band`);
  return band.points;
};

describe('the Gansu inspection plan (no database)', () => {
  it('has 526 running sites (44 / 310 / 172), 10-digit 标识码 starting 62, unique', () => {
    const { sites } = gansuInspectionPlan();
    const running = sites.filter((site) => site.status === 'running');
    expect(running).toHaveLength(526);
    expect(
      ['province', 'city', 'county'].map((level) => running.filter((s) => s.level === level).length),
    ).toEqual([44, 310, 172]);
    expect(sites.every((site) => /^62\d{8}$/.test(site.siteCode))).toBe(true);
    expect(new Set(sites.map((site) => site.siteCode)).size).toBe(sites.length);
    // every county portal is supervised by its city; each city and department owns exactly one site of its own
    const countyPortals = sites.filter((site) => site.level === 'county' && site.kind === 'portal');
    expect(countyPortals).toHaveLength(86);
    expect(countyPortals.every((site) => site.supervisingUnitCode === site.cityCode)).toBe(true);
    for (const unit of gansu2019Assessments)
      expect(sites.filter((site) => site.ownerUnitCode === unit.code)).toHaveLength(1);
  });
});

describe.each(databaseKinds)('the Gansu quarterly inspections on %s', (kind) => {
  let database: AppDatabase;
  const cycleIdBySlug = new Map<string, number>();
  const unitIdByCode = new Map<string, number>();
  let assessment2020Id: number;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const db = database.db;
    const rows = await db
      .select({ slug: cycles.slug, id: cycles.id, status: cycles.status })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(eq(programmes.slug, gansuInspectionsProgrammeSlug));
    for (const row of rows) cycleIdBySlug.set(row.slug, row.id);
    for (const row of await db.select({ id: units.id, code: units.code }).from(units))
      unitIdByCode.set(row.code, row.id);
    const [open] = await db
      .select({ id: cycles.id })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(and(eq(programmes.slug, 'gansu-2019'), eq(cycles.slug, '2020')));
    assessment2020Id = open!.id;
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('seeds the five quarters and the registry with owners and supervising units', async () => {
    expect([...cycleIdBySlug.keys()].sort()).toEqual(gansuQuarters.map((quarter) => quarter.slug));
    const [programme] = await database.db
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.slug, gansuInspectionsProgrammeSlug));
    const registry = await database.db.select().from(websites).where(eq(websites.programmeId, programme!.id));
    const dangchang = registry.find((site) => site.name === '宕昌县人民政府');
    expect(dangchang).toMatchObject({
      level: 'county',
      kind: 'portal',
      supervisingName: '陇南市',
      supervisingUnitId: unitIdByCode.get('gs-longnan'),
      ownerUnitId: null,
    });
    expect(registry.find((site) => site.name === '兰州市人民政府')).toMatchObject({
      ownerName: '兰州市',
      ownerUnitId: unitIdByCode.get('gs-lanzhou'),
      kind: 'portal',
      level: 'city',
    });
    expect(registry.filter((site) => site.status === 'running')).toHaveLength(526);
  });

  it('2020 Q1: the bulletin page figures and draft reproduce the seed (526, 26, 95.1%, six cities at 100%)', async () => {
    const cycleId = cycleIdBySlug.get('2020-q1')!;
    const page = expectOk(
      await call(bulletinLoad, {
        url: `/inspections/${cycleId}/bulletin`,
        params: { cycleId: String(cycleId) },
        token: await sessionTokenFor(database, 'reviewer'),
      }),
    );
    expect(page.sourceNote?.zh).toContain('2020年3月17日');
    const { figures, draft } = page;
    expect(figures.runningByLevel.map((level) => level.running)).toEqual([44, 310, 172, 0]);
    const { overall, groupsAllPassed, byGroup } = figures.websites.summary;
    expect([overall.running, overall.checked, overall.failed, overall.passRate.text]).toEqual([
      526,
      526,
      26,
      '95.1%',
    ]);
    expect(groupsAllPassed).toEqual(['兰州市', '嘉峪关市', '金昌市', '天水市', '庆阳市', '定西市']);
    expect(byGroup).toHaveLength(15);
    expect(byGroup.reduce((total, group) => total + group.checked, 0)).toBe(526);

    const failures = new Map(figures.websites.failures.map((failure) => [failure.name, failure]));
    expect(failures.size).toBe(26);
    expect(failures.get('宕昌县人民政府')?.problems).toContain('空白栏目');
    expect(failures.get('甘南藏族自治州公安局')?.problems).toContain('空白栏目');
    for (const name of ['甘南藏族自治州农业农村局信息网', '甘肃政务服务网临夏州子站'])
      expect(failures.get(name)?.problems).toContain('互动回应差');
    expect(figures.websites.summary.reasons.find((r) => r.reason === 'interaction-poor')?.count).toBe(5);
    expect(failures.get('肃北蒙古族自治县人民政府')?.resultText).toBe('单项否决');
    expect(failures.has('陇南市公共数据开放网')).toBe(false);
    // every failure is a veto with its 标识码 in the annex
    expect([...failures.values()].every((failure) => /^62\d{8}$/.test(failure.siteCode ?? ''))).toBe(true);

    const text = draft.sections.flatMap((section) => section.paragraphs).join('\n');
    expect(text).toContain('正常运行的政府网站共526个，其中省级44个，市级310个，县级172个');
    expect(text).toContain('本季度共检查政府网站526个');
    expect(text).toContain('不合格26个');
    expect(text).toContain('总体合格率为95.1%');
    expect(text).toContain('兰州市、嘉峪关市、金昌市、天水市、庆阳市、定西市合格率达到100%');
    expect(draft.annexes[0]!.rows).toHaveLength(26);
    expect(draft.annexes[0]!.rows.map((row) => row[0])).toContain('宕昌县人民政府');
    expect(draft.office).toBe('甘肃省人民政府办公厅');
    // last quarter's failures: every one re-checked in the full check of February 2020
    expect(figures.remediation).toMatchObject({ previousCycle: { slug: '2019-q4' }, notRechecked: 0 });
    expect(figures.remediation!.previousFailures).toBe(
      figures.remediation!.fixed + figures.remediation!.closed + figures.remediation!.stillFailing,
    );
  });

  it('2019 Q4 passed fewer than 2020 Q1 (the bulletin: 合格率较上季度有明显提升)', async () => {
    const q4 = (await bulletinFigures({ db: database.db, cycleId: cycleIdBySlug.get('2019-q4')! }))!;
    const q1 = (await bulletinFigures({ db: database.db, cycleId: cycleIdBySlug.get('2020-q1')! }))!;
    const share = (figures: typeof q1) =>
      new Decimal(figures.websites.summary.overall.qualified).div(figures.websites.summary.overall.checked);
    expect(share(q4).lt(share(q1).minus('0.01'))).toBe(true);
  });

  const feedsFor = async (code: string, year: string): Promise<Map<string, InspectionFeedResult>> => {
    const feeds = await inspectionFeeds({
      db: database.db,
      ruleSet,
      unitId: unitIdByCode.get(code)!,
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    });
    return new Map(feeds.map((feed) => [feed.subItemId, feed]));
  };

  it.each(gansu2019Assessments.map((unit) => [unit.code, unit] as const))(
    '2019: the feeds for %s give the points of its seeded 2019 inputs',
    async (code, unit) => {
      const seeded = inputsWithLosses(ruleSet, unit.verified, unit.notApplicable);
      const feeds = await feedsFor(code, '2019');
      for (const id of fedIds) {
        const input = seeded[id]!;
        const feed = feeds.get(id)!;
        if ('notApplicable' in input) {
          // 省林草局 had no new-media account: nothing to feed, the sub-item stays not applicable
          expect(feed.status).toBe('noData');
          continue;
        }
        if (feed.status !== 'fed') throw new Error(`${code} ${id}: ${feed.message}`);
        expect({ id, points: bandPoints(id, feed.input.value) }).toEqual({
          id,
          points: bandPoints(id, (input as { value: string }).value),
        });
        // four quarters behind every value
        expect(feed.sources.map((source) => source.cycleSlug)).toEqual([
          '2019-q1',
          '2019-q2',
          '2019-q3',
          '2019-q4',
        ]);
      }
    },
  );

  it('2019: the review page flags a fed difference in points exactly where the reviewer corrected the unit', async () => {
    const [published] = await database.db
      .select({ id: cycles.id })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(and(eq(programmes.slug, 'gansu-2019'), eq(cycles.slug, '2019')));
    const cycleId = published!.id;
    const token = await sessionTokenFor(database, 'reviewer');
    const states = new Map<string, number>();
    for (const unit of gansu2019Assessments) {
      const unitId = unitIdByCode.get(unit.code)!;
      const verified = inputsWithLosses(ruleSet, unit.verified, unit.notApplicable);
      const data = expectOk(
        await call(reviewLoad, {
          url: `/review/${cycleId}/${unitId}`,
          params: { cycleId: String(cycleId), unitId: String(unitId) },
          token,
        }),
      );
      for (const feed of data.inspectionFeeds.feeds) {
        if (feed.status !== 'fed') continue;
        const comparison = feed.comparison!;
        states.set(comparison.state, (states.get(comparison.state) ?? 0) + 1);
        // the unit hid a loss on this sub-item, or claimed one the reviewer withdrew
        const corrected = [...(unit.concealed ?? []), ...(unit.withdrawn ?? [])].some(
          (key) => losses[key].subItem === feed.subItemId,
        );
        const where = { unit: unit.code, id: feed.subItemId };
        if (!corrected) {
          // the seeded quarters give the band of each value, not the value itself
          expect({ ...where, state: comparison.state }).toEqual({
            ...where,
            state: expect.stringMatching(/^(matches|samePoints)$/),
          });
          continue;
        }
        // what the unit entered scores otherwise; the inspections give the verified points
        const verifiedPoints = bandPoints(
          feed.subItemId,
          (verified[feed.subItemId] as { value: string }).value,
        );
        expect({ ...where, comparison }).toEqual({
          ...where,
          comparison: { state: 'differentPoints', selfPoints: expect.any(String), fedPoints: verifiedPoints },
        });
      }
    }
    expect(states.get('samePoints')).toBeGreaterThan(50);
    expect(states.get('differentPoints')).toBeGreaterThan(0);
  });

  it('2020: the open cycle saved exactly what the 2020 Q1 feeds read; drafts leave them to the prefill', async () => {
    const planned = gansu2020Q1FedValues();
    const saved = await database.db
      .select({
        unitId: selfEvaluations.unitId,
        entryId: selfEvaluations.entryId,
        inputs: selfEvaluations.inputs,
      })
      .from(selfEvaluations)
      .where(
        and(
          eq(selfEvaluations.cycleId, assessment2020Id),
          eq(selfEvaluations.entryKind, 'subItem'),
          inArray(selfEvaluations.entryId, [...fedIds]),
        ),
      );
    let compared = 0;
    for (const unit of gansu2019Assessments) {
      const feeds = await feedsFor(unit.code, '2020');
      const unitId = unitIdByCode.get(unit.code)!;
      for (const id of fedIds) {
        const feed = feeds.get(id)!;
        const row = saved.find((candidate) => candidate.unitId === unitId && candidate.entryId === id);
        if (feed.status !== 'fed') {
          expect(unit.notApplicable?.[id]).toBeDefined();
          continue;
        }
        expect(feed.input.value).toBe(planned.get(unit.code)?.[id]);
        expect(feed.sources.map((source) => source.cycleSlug)).toEqual(['2020-q1']);
        if (['gs-gannan', 'gs-dept-rfb', 'gs-dept-zscqj'].includes(unit.code)) {
          expect(row).toBeUndefined();
          continue;
        }
        expect({ code: unit.code, id, inputs: row?.inputs }).toEqual({
          code: unit.code,
          id,
          inputs: { value: feed.input.value },
        });
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(130);
    // the six cities at 100% in 2020 Q1 have a full A2.1; 甘南州 (5 of 40 failed) reads 87.5%
    for (const city of gansuCities.filter((c) => ['gs-lanzhou', 'gs-dingxi'].includes(c.code)))
      expect(planned.get(city.code)?.['A2.1']).toBe('1');
    expect(planned.get('gs-gannan')?.['A2.1']).toBe('0.875');
  });

  it('2020 pages: 甘南州 (drafting) sees its fed values prefilled; 金昌市 (verified) shows no difference to review', async () => {
    const gannan = unitIdByCode.get('gs-gannan')!;
    const self = expectOk(
      await call(selfLoad, {
        url: `/self-evaluation/${assessment2020Id}/${gannan}`,
        params: { cycleId: String(assessment2020Id), unitId: String(gannan) },
        token: await sessionTokenFor(database, 'reviewer'),
      }),
    );
    const entry = (key: string) => self.entries.find((candidate) => candidate.key === key)!;
    expect(entry('subItem:A2.1')).toMatchObject({ input: null, prefilled: true });
    expect(entry('subItem:A2.1').fields.value).toBe('87.5');
    expect(entry('subItem:A1.1')).toMatchObject({ input: null, prefilled: true });

    const jinchang = unitIdByCode.get('gs-jinchang')!;
    const review = expectOk(
      await call(reviewLoad, {
        url: `/review/${assessment2020Id}/${jinchang}`,
        params: { cycleId: String(assessment2020Id), unitId: String(jinchang) },
        token: await sessionTokenFor(database, 'reviewer'),
      }),
    );
    const fed = review.inspectionFeeds.feeds.filter((feed) => feed.status === 'fed');
    expect(fed.map((feed) => feed.subItemId)).toEqual([...fedIds]);
    expect(fed.every((feed) => feed.status === 'fed' && !feed.differs)).toBe(true);
  });
});
