import { checkPublishedFigures } from '@kaohe/scoring';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { cycles, inspections, programmes, websites } from '$lib/server/db/schema';
import { useTestDatabase } from '../../../../test/harness';
import { hanzhongFailedSites } from '../demo/hanzhong-2022-q3';
import { bulletinFigures } from './bulletin';
import { bulletinCheckFigures } from './checker';

// The bulletins of the two demo programmes, computed from the seeded registry and inspections (whose verdicts
// @kaohe/scoring computed from the measurements), reproduce the seeds' printed figures.

async function cycleId(database: AppDatabase, programmeSlug: string, cycleSlug: string): Promise<number> {
  const [row] = await database.db
    .select({ id: cycles.id })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .where(and(eq(programmes.slug, programmeSlug), eq(cycles.slug, cycleSlug)));
  return row!.id;
}

describe('demo bulletins', () => {
  let database: AppDatabase;
  beforeAll(async () => {
    database = await useTestDatabase('pglite');
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('Jiangxi 2018 Q1: 697 running, 279 sampled (40%), 41 failed, 85.3%, 88.9% / 94.3% / 54.2%', async () => {
    const figures = (await bulletinFigures({
      db: database.db,
      cycleId: await cycleId(database, 'jiangxi-2018-q1', '2018-q1'),
    }))!;
    expect(figures.runningByLevel).toEqual([
      { level: 'province', running: 66 },
      { level: 'city', running: 483 },
      { level: 'county', running: 100 },
      { level: 'belowCounty', running: 48 },
    ]);
    const { overall, byGroup, reasons, groupsAllPassed } = figures.websites.summary;
    expect(overall).toMatchObject({ running: 697, checked: 279, failed: 41 });
    expect(figures.samplingRatio?.text).toBe('40%');
    expect(overall.passRate.text).toBe('85.3%');
    expect(byGroup.map((g) => [g.group, g.running, g.checked, g.failed, g.passRate.text])).toEqual([
      ['省直部门', 66, 27, 3, '88.9%'],
      ['设区市及市直部门', 483, 193, 11, '94.3%'],
      ['县及以下', 148, 59, 27, '54.2%'],
    ]);
    expect(groupsAllPassed).toEqual([]);
    expect(reasons[0]).toMatchObject({ reason: 'columns-stale', count: 34 });
    expect(reasons[0]!.shareOfFailures.text).toBe('82.9%');
    const emptyColumns = figures.websites.triggers.find((t) => t.reason === 'columns-stale:emptyColumns');
    expect(emptyColumns).toMatchObject({ count: 34, label: '栏目不更新：空白栏目数' });
    expect(
      figures.websites.triggers.find((t) => t.reason === 'service-impractical:hasOnlineService'),
    ).toMatchObject({
      count: 2,
      label: '服务不实用：未提供在线办事服务',
    });
    expect(
      figures.websites.failures.filter((f) => f.problems === '服务不实用（未提供在线办事服务）'),
    ).toHaveLength(2);
    expect(emptyColumns!.shareOfFailures).toMatchObject({ numerator: 34, denominator: 41, text: '82.9%' });
    expect(figures.remediation).toMatchObject({
      previousFailures: 35,
      fixed: 27,
      closed: 4,
      stillFailing: 4,
      notRechecked: 0,
      rate: { numerator: 31, denominator: 35, text: '88.6%' },
    });
    expect(figures.websites.failures).toHaveLength(41);
    expect(
      figures.websites.failures.every(
        (f) => f.computed && f.problems !== '' && /^36\d{8}$/.test(f.siteCode!),
      ),
    ).toBe(true);

    // the checker: every printed figure follows except "80.5%" for the empty-column share
    const report = bulletinCheckFigures(figures, {
      samplingRatio: '40%',
      passRate: '85.3%',
      'group:省直部门': '88.9%',
      'group:设区市及市直部门': '94.3%',
      'group:县及以下': '54.2%',
      'trigger:columns-stale:emptyColumns': '80.5%',
    });
    expect(report.figures.map((f) => [f.id, f.follows, f.computed])).toEqual([
      ['samplingRatio', true, '40%'],
      ['passRate', true, '85.3%'],
      ['group:省直部门', true, '88.9%'],
      ['group:设区市及市直部门', true, '94.3%'],
      ['group:县及以下', true, '54.2%'],
      ['trigger:columns-stale:emptyColumns', false, '82.9%'],
    ]);
  });

  it('every Jiangxi verdict is the one @kaohe/scoring gives for the stored measurements', async () => {
    const rows = await database.db
      .select({ verdict: inspections.verdict, inputs: inspections.inputs })
      .from(inspections)
      .where(eq(inspections.cycleId, await cycleId(database, 'jiangxi-2018-q1', '2018-q1')));
    const { scoreInputs } = await import('./record');
    expect(rows).toHaveLength(279 + 31);
    for (const row of rows) {
      const scored = scoreInputs('website', row.inputs);
      expect(scored.ok && scored.scored.verdict).toBe(row.verdict);
    }
  });

  it('Hanzhong 2022 Q3: 53 sites, 5 failed (9.43%) as named; 166 accounts, 3 failed (1.8%)', async () => {
    const figures = (await bulletinFigures({
      db: database.db,
      cycleId: await cycleId(database, 'hanzhong-2022-q3', '2022-q3'),
    }))!;
    const { overall, byGroup } = figures.websites.summary;
    expect(overall).toMatchObject({ running: 53, checked: 53, failed: 5 });
    expect(overall.failureRate.text).toBe('9.43%');
    expect(figures.samplingRatio?.text).toBe('100%');
    expect(byGroup.map((g) => [g.group, g.checked, g.failed])).toEqual([
      ['市级门户网站', 1, 0],
      ['市级部门网站', 41, 5],
      ['县区级门户网站', 11, 0],
    ]);
    expect(figures.websites.summary.groupsAllPassed).toEqual(['市级门户网站', '县区级门户网站']);
    expect(figures.websites.failures.map((f) => [f.siteCode, f.resultText, f.problems]).sort()).toEqual(
      hanzhongFailedSites.map((s) => [s.siteCode, '单项否决', s.problems]).sort(),
    );
    expect(figures.newMedia!.summary.overall).toMatchObject({ checked: 166, failed: 3 });
    expect(figures.newMedia!.summary.overall.failureRate.text).toBe('1.8%');
    expect(figures.newMedia!.failures.map((f) => f.name).sort()).toEqual(
      ['汉中公安', '汉中秦巴生态保护', '汉中网警巡查执法'].sort(),
    );
    const codes = await database.db.select({ code: websites.siteCode }).from(websites);
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
  });

  it("the checker on Jieyang's published numbers: 54 checked, 1 failed; 1.8% and 98.2% do not follow", () => {
    const report = checkPublishedFigures({
      rounding: { mode: 'halfUp', places: 1 },
      figures: [
        { id: 'failed', label: '不合格比例', published: '1.8%', numerator: 1, denominator: 14 + 40 },
        { id: 'passed', label: '总体合格率', published: '98.2%', numerator: 53, denominator: 54 },
      ],
    });
    expect(report.figures.map((f) => [f.id, f.follows, f.computed])).toEqual([
      ['failed', false, '1.9%'],
      ['passed', false, '98.1%'],
    ]);
  });
});
