import { Decimal, scoreAssessment } from '@kaohe/scoring';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewAssessment, scorerArguments } from '$lib/entry-form';
import { feedSourceTitle } from '$lib/feed-sources';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { cycles, programmes, selfEvaluations, units, websites } from '$lib/server/db/schema';
import { gansuInspectionsProgrammeSlug } from '$lib/server/demo/gansu-inspections';
import { websiteInputs, websiteProblems } from '$lib/server/inspections/demo-support';
import { recordInspection, websiteRuleSetId, type InspectionTargetRef } from '$lib/server/inspections/record';
import { call, databaseKinds, expectOk, sessionTokenFor, useTestDatabase } from '../../../test/harness';
import { load as reviewLoad } from '../review/[cycleId]/[unitId]/+page.server';
import { load as selfLoad } from '../self-evaluation/[cycleId]/[unitId]/+page.server';

// The quarterly inspections feeding the self-evaluation and review pages of the open Gansu 2020 cycle (period
// 2020): 兰州市's websites were inspected 5 times in 2020 and passed 4 (80%, band 3 of A2.1); its saved A2.1 is
// removed so that the page prefills it, while its saved A1.1 stays and wins over the feed.

describe.each(databaseKinds)('inspection feeds on the self-evaluation and review pages on %s', (kind) => {
  let database: AppDatabase;
  let cycleId: number;
  let lanzhou: number;
  const tokens: Record<string, string> = {};
  const quarterIds: Record<string, number> = {};

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const db = database.db;
    // the demo's Gansu quarters would count too: these tests build their own
    await db.delete(programmes).where(eq(programmes.slug, gansuInspectionsProgrammeSlug));
    const [gansu] = await db.select().from(programmes).where(eq(programmes.slug, 'gansu-2019'));
    const [open] = await db
      .select()
      .from(cycles)
      .where(and(eq(cycles.programmeId, gansu!.id), eq(cycles.slug, '2020')));
    expect(open).toMatchObject({ status: 'open', periodStart: '2020-01-01', periodEnd: '2020-12-31' });
    cycleId = open!.id;
    const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.code, 'gs-lanzhou'));
    lanzhou = unit!.id;

    const [programme] = await db
      .insert(programmes)
      .values({
        slug: 'feeds-pages-gansu-2020-inspections',
        title: '2020年甘肃省政府网站季度检查（测试）',
        ruleSetId: websiteRuleSetId,
        level: 'province',
        kind: 'inspection',
      })
      .returning({ id: programmes.id });
    for (const [slug, periodStart, periodEnd] of [
      ['2020-q1', '2020-01-01', '2020-03-31'],
      ['2020-q2', '2020-04-01', '2020-06-30'],
      ['2020-q3', '2020-07-01', '2020-09-30'],
    ] as const) {
      const [cycle] = await db
        .insert(cycles)
        .values({
          programmeId: programme!.id,
          slug,
          title: `${slug} 季度检查`,
          // 2020 Q3 has no English title: the English page falls back to the Chinese one
          titleEn: slug === '2020-q3' ? null : `${slug} inspection`,
          periodStart,
          periodEnd,
        })
        .returning({ id: cycles.id });
      quarterIds[slug] = cycle!.id;
    }
    const site = async (siteCode: string, name: string, siteKind: 'portal' | 'other') => {
      const [row] = await db
        .insert(websites)
        .values({
          programmeId: programme!.id,
          siteCode,
          name,
          homeUrl: `https://${siteCode}.example.gov.cn`,
          ownerName: name,
          ownerUnitId: lanzhou,
          kind: siteKind,
          level: 'city',
        })
        .returning({ id: websites.id });
      return { type: 'website', websiteId: row!.id } as const;
    };
    const portal = await site('6201000001', '兰州市人民政府', 'portal');
    const other = await site('6201000002', '兰州新区', 'other');
    const record = async (quarter: string, target: InspectionTargetRef, inputs: unknown) => {
      const outcome = await recordInspection({
        db,
        cycleId: quarterIds[quarter]!,
        target,
        inputs,
        source: 'sample',
        inspector: { userId: null, name: '测试' },
        inspectedOn: '2020-06-01',
      });
      if (!outcome.ok) throw new Error(`${quarter}: ${JSON.stringify(outcome)}`);
    };
    await record('2020-q1', portal, websiteInputs({ isPortal: true }));
    await record(
      '2020-q2',
      portal,
      websiteInputs({ isPortal: true, problem: websiteProblems.emptyColumns(6) }),
    );
    await record('2020-q3', portal, websiteInputs({ isPortal: true, brokenLinks: 2 }));
    await record('2020-q1', other, websiteInputs({ isPortal: false }));
    await record('2020-q2', other, websiteInputs({ isPortal: false, brokenLinks: 1 }));

    const deleted = await db
      .delete(selfEvaluations)
      .where(
        and(
          eq(selfEvaluations.cycleId, cycleId),
          eq(selfEvaluations.unitId, lanzhou),
          eq(selfEvaluations.entryKind, 'subItem'),
          eq(selfEvaluations.entryId, 'A2.1'),
        ),
      )
      .returning({ id: selfEvaluations.id });
    expect(deleted).toHaveLength(1);
    for (const username of ['assessor', 'reviewer'])
      tokens[username] = await sessionTokenFor(database, username);
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  const page = (token: string, lang: 'zh' | 'en' = 'zh') => ({
    url: `/self-evaluation/${cycleId}/${lanzhou}`,
    params: { cycleId: String(cycleId), unitId: String(lanzhou) },
    token,
    lang,
  });

  it('prefills the unsaved A2.1 from the inspections (80%) and counts it in the live preview', async () => {
    const data = expectOk(await call(selfLoad, page(tokens.assessor!)));
    const a21 = data.entries.find((entry) => entry.key === 'subItem:A2.1')!;
    expect(a21).toMatchObject({ input: null, prefilled: true });
    expect(a21.fields.value).toBe('80');

    const feeds = data.inspectionFeeds;
    // assessors may not read inspections: the sources are titles, not links
    expect(feeds.linkSources).toBe(false);
    const passRate = feeds.feeds.find((feed) => feed.subItemId === 'A2.1');
    expect(passRate).toMatchObject({ status: 'fed', value: '0.8', counts: { inspections: 5, passed: 4 } });
    if (passRate?.status !== 'fed') throw new Error('A2.1 not fed');
    expect(passRate.summary).toContain('合格率');
    expect(passRate.summary).toContain('5');
    expect(passRate.sources.map((source) => [source.cycleTitle, source.inspections])).toEqual([
      ['2020-q1 季度检查', 2],
      ['2020-q2 季度检查', 2],
      ['2020-q3 季度检查', 1],
    ]);
    // no account was inspected: A3.1 says why and is left to the assessor
    const accounts = feeds.feeds.find((feed) => feed.subItemId === 'A3.1');
    expect(accounts).toMatchObject({ status: 'noData' });
    if (accounts?.status !== 'noData') throw new Error('A3.1 fed');
    expect(accounts.message).toMatch(/[\u4e00-\u9fff]/);
    expect(data.entries.find((entry) => entry.key === 'subItem:A3.1')).toMatchObject({ prefilled: false });

    // a saved input wins: A1.1 keeps the unit's own value although the portal average is fed
    const a11 = data.entries.find((entry) => entry.key === 'subItem:A1.1')!;
    expect(a11.input).not.toBeNull();
    expect(a11.prefilled).toBe(false);
    const portalAverage = feeds.feeds.find((feed) => feed.subItemId === 'A1.1');
    expect(portalAverage).toMatchObject({ status: 'fed' });

    // the preview is what the page computes from the fields: the saved entries plus the prefilled A2.1
    const preview = previewAssessment(
      data.ruleSet,
      data.entries.map((entry) => ({
        entryKind: entry.entryKind,
        entryId: entry.entryId,
        fields: entry.fields,
      })),
      'zh',
    );
    const saved = data.entries
      .filter((entry) => entry.input !== null)
      .map((entry) => ({ entryKind: entry.entryKind, entryId: entry.entryId, input: entry.input }));
    const withFeed = scoreAssessment({
      ruleSet: data.ruleSet,
      ...scorerArguments(data.ruleSet, [
        ...saved,
        { entryKind: 'subItem', entryId: 'A2.1', input: { value: '0.8' } },
      ]),
      locale: 'zh',
    });
    const withoutFeed = scoreAssessment({
      ruleSet: data.ruleSet,
      ...scorerArguments(data.ruleSet, saved),
      locale: 'zh',
    });
    const previewA21 = preview!.areas
      .flatMap((area) => area.items.flatMap((item) => item.subItems))
      .find((sub) => sub.id === 'A2.1');
    expect(previewA21).toMatchObject({ status: 'scored', awarded: '3' });
    expect(preview!.total).not.toBeNull();
    expect(preview!.total).toBe(withFeed.total);
    expect(preview!.total).not.toBe(withoutFeed.total);
  });

  it('shows the summary in English on the English page', async () => {
    const data = expectOk(await call(selfLoad, page(tokens.assessor!, 'en')));
    const passRate = data.inspectionFeeds.feeds.find((feed) => feed.subItemId === 'A2.1');
    if (passRate?.status !== 'fed') throw new Error('A2.1 not fed');
    expect(passRate.summary).not.toMatch(/[\u4e00-\u9fff]/);
    expect(passRate.summary).toContain('5');
    expect(passRate.sources.map((source) => feedSourceTitle(source, 'en'))).toEqual([
      '2020-q1 inspection',
      '2020-q2 inspection',
      '2020-q3 季度检查',
    ]);
    expect(passRate.sources.map((source) => feedSourceTitle(source, 'zh'))).toEqual([
      '2020-q1 季度检查',
      '2020-q2 季度检查',
      '2020-q3 季度检查',
    ]);
  });

  it('shows the reviewer the counts, linkable sources, and whether the self value differs', async () => {
    const data = expectOk(
      await call(reviewLoad, {
        url: `/review/${cycleId}/${lanzhou}`,
        params: { cycleId: String(cycleId), unitId: String(lanzhou) },
        token: tokens.reviewer,
      }),
    );
    expect(data.inspectionFeeds.linkSources).toBe(true);
    const passRate = data.inspectionFeeds.feeds.find((feed) => feed.subItemId === 'A2.1');
    expect(passRate).toMatchObject({
      status: 'fed',
      counts: { inspections: 5, passed: 4 },
      // nothing saved for A2.1: nothing to compare
      differs: false,
    });
    if (passRate?.status !== 'fed') throw new Error('A2.1 not fed');
    expect(passRate.sources.map((source) => source.cycleId)).toEqual([
      quarterIds['2020-q1'],
      quarterIds['2020-q2'],
      quarterIds['2020-q3'],
    ]);
    // A1.1: the unit's saved value against the fed portal average, compared as decimals
    const portalAverage = data.inspectionFeeds.feeds.find((feed) => feed.subItemId === 'A1.1');
    if (portalAverage?.status !== 'fed') throw new Error('A1.1 not fed');
    const savedA11 = data.entries.find((entry) => entry.key === 'subItem:A1.1')!.input as { value: string };
    expect(portalAverage.differs).toBe(!new Decimal(savedA11.value).eq(portalAverage.value));
    expect(portalAverage.counts).toMatchObject({ quarters: 3 });
  });
});
