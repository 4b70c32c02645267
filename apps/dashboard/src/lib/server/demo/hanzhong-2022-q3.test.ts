import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { cycles, inspections, newMediaAccounts, programmes } from '$lib/server/db/schema';
import { call, databaseKinds, expectOk, sessionTokenFor, useTestDatabase } from '../../../../test/harness';
import { load as bulletinLoad } from '../../../routes/inspections/[cycleId]/bulletin/+page.server';
import { bulletinFigures } from '../inspections/bulletin';
import { bulletinDraft } from '../inspections/draft';
import { hanzhongCountyChecks, hanzhongProgrammeSlug } from './hanzhong-2022-q3';

// Hanzhong 2022 Q3 (seed 002): besides the 166 accounts the city sampled (3 failed, 1.8%), the counties checked the
// 489 accounts of their towns and departments: 15 being cancelled, 464 qualified, 10 unqualified. The demo stores
// them as registry accounts naming their county as 主管单位 (the 15 closed), and the counties' verdicts as reported
// inspections; the bulletin counts them apart and its draft words them as the seed does.

const seedSentence =
  '督促各县区检查辖区内镇（街道办）和县级部门政务新媒体489个（以全国政务新媒体信息报送系统数据为准，不含已注销账号）。' +
  '检查结果：正在申请办理注销的15个；合格的464个，不合格的10个。';

describe.each(databaseKinds)("Hanzhong 2022 Q3's county checks on %s", (kind) => {
  let database: AppDatabase;
  let cycleId: number;
  let programmeId: number;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const [row] = await database.db
      .select({ cycleId: cycles.id, programmeId: programmes.id })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(and(eq(programmes.slug, hanzhongProgrammeSlug), eq(cycles.slug, '2022-q3')));
    cycleId = row!.cycleId;
    programmeId = row!.programmeId;
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('stores the 489 accounts with their county as 主管单位, 15 closed, and 474 reported verdicts', async () => {
    const supervised = await database.db
      .select({
        id: newMediaAccounts.id,
        status: newMediaAccounts.status,
        supervisingName: newMediaAccounts.supervisingName,
        level: newMediaAccounts.level,
      })
      .from(newMediaAccounts)
      .where(and(eq(newMediaAccounts.programmeId, programmeId), isNotNull(newMediaAccounts.supervisingName)));
    expect(supervised).toHaveLength(489);
    expect(supervised.filter((account) => account.status === 'closed')).toHaveLength(15);
    expect(new Set(supervised.map((account) => account.supervisingName)).size).toBe(11);
    expect(supervised.every((account) => account.level === 'county' || account.level === 'belowCounty')).toBe(
      true,
    );
    const reported = await database.db
      .select({
        verdict: inspections.verdict,
        inputs: inspections.inputs,
        office: inspections.inspectorName,
        accountId: inspections.accountId,
      })
      .from(inspections)
      .where(and(eq(inspections.cycleId, cycleId), eq(inspections.source, 'reported')));
    expect(reported).toHaveLength(474);
    expect(reported.filter((row) => row.verdict === 'qualified')).toHaveLength(464);
    // the seed gives counts only: reported verdicts, not computed by Kaohe
    expect(reported.every((row) => (row.inputs as { kind: string }).kind === 'reported')).toBe(true);
    expect(reported.every((row) => /^.+(区|县)人民政府办公室$/.test(row.office ?? ''))).toBe(true);
    const closedIds = new Set(supervised.filter((a) => a.status === 'closed').map((a) => a.id));
    expect(reported.some((row) => closedIds.has(row.accountId!))).toBe(false);
    // 69 of them the city sampled itself too, and found qualified
    const [both] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(inspections)
      .innerJoin(newMediaAccounts, eq(inspections.accountId, newMediaAccounts.id))
      .where(
        and(
          eq(inspections.cycleId, cycleId),
          eq(inspections.source, 'sample'),
          eq(inspections.verdict, 'qualified'),
          isNotNull(newMediaAccounts.supervisingName),
        ),
      );
    expect(both!.n).toBe(hanzhongCountyChecks.sampledByCity);
  });

  it("counts the counties' checks apart: 489, 15, 464, 10; the city's own stay 166 and 3 (1.8%)", async () => {
    const figures = (await bulletinFigures({ db: database.db, cycleId }))!;
    expect(figures.supervisedNewMedia).toMatchObject({
      accounts: 489,
      closed: 15,
      reported: 474,
      qualified: 464,
      failed: 10,
      notReported: 0,
      offices: 11,
    });
    expect(figures.supervisedNewMedia!.passRate).toMatchObject({ numerator: 464, denominator: 474 });
    expect(figures.newMedia!.summary.overall).toMatchObject({ checked: 166, failed: 3 });
    expect(figures.newMedia!.summary.overall.failureRate.text).toBe('1.8%');
    expect(figures.newMedia!.failures).toHaveLength(3);
    expect(figures.websites.summary.overall).toMatchObject({ running: 53, checked: 53, failed: 5 });
  });

  it('the draft words them as the seed does, right after the sampled accounts', async () => {
    const draft = bulletinDraft((await bulletinFigures({ db: database.db, cycleId }))!);
    const basics = draft.sections[0]!.paragraphs;
    const sampled = basics.findIndex((paragraph) => paragraph.startsWith('本季度共检查政务新媒体166个'));
    expect(sampled).toBeGreaterThanOrEqual(0);
    expect(basics[sampled]).toBe('本季度共检查政务新媒体166个，存在突出问题的3个，占比为1.8%。');
    expect(basics[sampled + 1]).toBe(seedSentence);
  });

  it('the bulletin page shows them to an inspector', async () => {
    const token = await sessionTokenFor(database, 'inspector');
    const page = expectOk(
      await call(bulletinLoad, {
        url: `/inspections/${cycleId}/bulletin`,
        params: { cycleId: String(cycleId) },
        token,
      }),
    );
    expect(page.figures.supervisedNewMedia).toMatchObject({
      accounts: 489,
      closed: 15,
      qualified: 464,
      failed: 10,
    });
    expect(page.draft.sections[0]!.paragraphs).toContain(seedSentence);
  });

  it('a county account that is neither closed nor reported on is counted as not reported', async () => {
    const [account] = await database.db
      .insert(newMediaAccounts)
      .values({
        programmeId,
        name: '测试县测试局',
        platform: '微信公众号',
        ownerName: '测试县测试局',
        supervisingName: '测试县人民政府',
        level: 'county',
      })
      .returning({ id: newMediaAccounts.id });
    try {
      const figures = (await bulletinFigures({ db: database.db, cycleId }))!;
      expect(figures.supervisedNewMedia).toMatchObject({ accounts: 490, notReported: 1, qualified: 464 });
      expect(bulletinDraft(figures).sections[0]!.paragraphs).toContain(
        '督促各县区检查辖区内镇（街道办）和县级部门政务新媒体490个（以全国政务新媒体信息报送系统数据为准，不含已注销账号）。' +
          '检查结果：正在申请办理注销的15个；合格的464个，不合格的10个；未报送检查结果的1个。',
      );
    } finally {
      await database.db.delete(newMediaAccounts).where(eq(newMediaAccounts.id, account!.id));
    }
  });
});
