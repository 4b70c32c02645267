import ExcelJS from 'exceljs';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCycles, loadCycleContext } from '$lib/server/assessment/context';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import {
  auditLog,
  cycles,
  evidence,
  inspectionSummaries,
  programmes,
  programmeUnits,
  reviews,
  selfEvaluations,
  units,
  unitSubmissions,
  users,
} from '$lib/server/db/schema';
import { seedIfEmpty } from '$lib/server/demo/seed';
import {
  call,
  cycleIdOf,
  databaseKinds,
  expectOk,
  sessionTokenFor,
  useTestDatabase,
} from '../../../test/harness';
import { GET as getSelfEvaluation } from '../api/cycles/[cycleId]/units/[unitId]/self-evaluation/+server';
import { load as homeLoad } from '../+page.server';
import { load as rankingsLoad } from '../rankings/+page.server';
import { GET as exportCsv } from '../rankings/export.csv/+server';
import { GET as exportXlsx } from '../rankings/export.xlsx/+server';
import { load as ruleSetLoad } from '../rules/[ruleSetId]/+page.server';
import { actions as selfActions, load as selfLoad } from '../self-evaluation/[cycleId]/[unitId]/+page.server';
import { load as unitLoad } from '../units/[unitId]/+page.server';

// The national demo programme (2020年政府网站与政务新媒体监管工作年度考核) through the real page loads: its ranking in
// two groups with ties and vetoed units apart, the veto and bonus in the breakdown, the 2020 inspection figures from
// the stored counts, the programme switcher beside the Gansu demo, and the role matrix for a province's assessor.

describe.each(databaseKinds)('the national programme on %s', (kind) => {
  let database: AppDatabase;
  const tokens: Record<string, string> = {};
  let nationalCycleId: number;
  let gansuCycleId: number;
  const unitIds = new Map<string, number>();
  const unit = (code: string) => {
    const id = unitIds.get(code);
    if (id === undefined) throw new Error(`no unit ${code}`);
    return id;
  };

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    for (const username of ['admin', 'leader', 'reviewer', 'assessor', 'assessor-gd', 'reviewer-cn'])
      tokens[username] = await sessionTokenFor(database, username);
    nationalCycleId = await cycleIdOf(database, 'national-2020', '2020');
    gansuCycleId = await cycleIdOf(database, 'gansu-2019', '2019');
    for (const row of await database.db.select({ id: units.id, code: units.code }).from(units))
      unitIds.set(row.code, row.id);
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  const rankings = async (query: string, token = tokens.leader) =>
    expectOk(await call(rankingsLoad, { url: `/rankings${query}`, token }));
  const breakdown = async (code: string, token = tokens.leader) =>
    call(unitLoad, {
      url: `/units/${unit(code)}?cycle=${nationalCycleId}`,
      params: { unitId: String(unit(code)) },
      token,
    });

  describe('seed', () => {
    it('is seeded once, beside the Gansu demo, and a restart adds nothing', async () => {
      const counts = async () => {
        const [programmeRows] = await database.db.select({ n: count() }).from(programmes);
        const [unitRows] = await database.db.select({ n: count() }).from(units);
        const [userRows] = await database.db.select({ n: count() }).from(users);
        const [memberRows] = await database.db.select({ n: count() }).from(programmeUnits);
        return [programmeRows?.n, unitRows?.n, userRows?.n, memberRows?.n];
      };
      const before = await counts();
      expect(await seedIfEmpty(database.db, 'demo')).toEqual([]);
      expect(await counts()).toEqual(before);
      const [national] = await database.db
        .select()
        .from(programmes)
        .where(eq(programmes.slug, 'national-2020'));
      expect(national).toMatchObject({
        title: '2020年政府网站与政务新媒体监管工作年度考核',
        level: 'national',
        kind: 'assessment',
        ruleSetId: 'cn-2019-supervision-assessment',
      });
      const seeded = await database.db
        .select({ entityId: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'seed.programme'), eq(auditLog.entityId, 'national-2020')));
      expect(seeded).toHaveLength(1);
    });

    it('has every unit submitted and verified, adjustments with reasons, and evidence links', async () => {
      const submissions = await database.db
        .select({ status: unitSubmissions.status })
        .from(unitSubmissions)
        .where(eq(unitSubmissions.cycleId, nationalCycleId));
      expect(submissions).toHaveLength(31 + 42);
      expect(submissions.every((row) => row.status === 'verified')).toBe(true);
      const adjusted = await database.db
        .select({ reason: reviews.reason })
        .from(reviews)
        .where(and(eq(reviews.cycleId, nationalCycleId), eq(reviews.decision, 'adjusted')));
      expect(adjusted.length).toBeGreaterThanOrEqual(8);
      expect(adjusted.every((row) => (row.reason ?? '').length > 5)).toBe(true);
      const [selfRows] = await database.db
        .select({ n: count() })
        .from(selfEvaluations)
        .where(eq(selfEvaluations.cycleId, nationalCycleId));
      expect(selfRows?.n).toBeGreaterThan(73 * 20);
      const links = await database.db
        .select({ url: evidence.url })
        .from(evidence)
        .where(and(eq(evidence.cycleId, nationalCycleId), eq(evidence.kind, 'link')));
      expect(links.length).toBeGreaterThanOrEqual(73);
      expect(links.every((row) => row.url?.startsWith('https://evidence.example.org/'))).toBe(true);
    });
  });

  describe('ranking', () => {
    it('ranks the 31 provinces and the departments in their two groups, with ties', async () => {
      const data = await rankings(`?cycle=${nationalCycleId}`);
      expect(data.programme).toMatchObject({
        level: 'national',
        title: '2020年政府网站与政务新媒体监管工作年度考核',
      });
      expect(data.source).toMatchObject({ kind: 'published', revision: 1 });
      const [provinces, departments] = data.groups;
      expect(data.groups.map((group) => group.group.label)).toEqual(['省级政府', '国务院部门']);
      expect(provinces!.totalRows + provinces!.apart.length).toBe(31);
      expect(departments!.totalRows + departments!.apart.length).toBe(42);

      const firstOf = (rows: (typeof data.groups)[number]['rows']) =>
        rows
          .filter((row) => row.rank === 1)
          .map((row) => `${row.name} ${row.total}${row.tied ? ' 并列' : ''}`)
          .sort();
      expect(firstOf(provinces!.rows)).toEqual(
        ['上海市 117 并列', '北京市 117 并列', '广东省 117 并列', '浙江省 117 并列'].sort(),
      );
      expect(provinces!.rows[4]).toMatchObject({ rank: 5, tied: false, name: '江苏省', total: '115.75' });
      expect(firstOf(departments!.rows)).toEqual(
        [
          '商务部 116 并列',
          '国家市场监督管理总局 116 并列',
          '国家税务总局 116 并列',
          '海关总署 116 并列',
        ].sort(),
      );
      // competition ranking further down: 安徽省 and 山东省 tied 6th, then 8th
      const sixth = provinces!.rows.filter((row) => row.total === '113');
      expect(sixth.map((row) => [row.rank, row.tied])).toEqual([
        [6, true],
        [6, true],
      ]);
      expect(provinces!.rows[7]!.rank).toBe(8);
      // 国家机关事务管理局 at exactly 80: its bonus is not counted
      expect(departments!.rows.find((row) => row.code === 'cn-dept-ggj')?.total).toBe('80');
    });

    it('lists the vetoed units as 不合格 with their reason, apart from the points ranking', async () => {
      const data = await rankings(`?cycle=${nationalCycleId}`);
      const [provinces, departments] = data.groups;
      for (const [group, code, name, measured, threshold] of [
        [provinces!, 'cn-hainan', '海南省', '2', '2'],
        [departments!, 'cn-dept-lswz', '国家粮食和物资储备局', '6', '5'],
      ] as const) {
        expect(group.rows.some((row) => row.code === code)).toBe(false);
        expect(group.apart).toHaveLength(1);
        const apart = group.apart[0]!;
        expect(apart).toMatchObject({ code, name, why: 'vetoed', grade: { title: '不合格' } });
        expect(apart.vetoes).toHaveLength(1);
        expect(apart.vetoes[0]!.clauses).toEqual([
          expect.objectContaining({ measured, threshold, triggered: true, unit: '个' }),
        ]);
        expect(group.counts.vetoed).toBe(1);
      }
      // the CSV export lists them the same way
      const { outcome } = await call(exportCsv, {
        url: `/rankings/export.csv?cycle=${nationalCycleId}`,
        token: tokens.leader,
      });
      if (outcome.kind !== 'response') throw new Error(`CSV: ${outcome.kind}`);
      const lines = new TextDecoder().decode(await outcome.response.arrayBuffer()).split('\r\n');
      expect(lines.find((line) => line.includes('海南省'))).toMatch(
        /^省级政府,,,海南省,,不合格,一票否决：多个网站或政务新媒体因严重表述错误被单项否决$/,
      );
      expect(lines.filter((line) => line.startsWith('省级政府,1,并列,'))).toHaveLength(4);

      // and the XLSX export, read back: 31 + 42 units in their two groups
      const xlsx = await call(exportXlsx, {
        url: `/rankings/export.xlsx?cycle=${nationalCycleId}`,
        token: tokens.leader,
      });
      if (xlsx.outcome.kind !== 'response') throw new Error(`XLSX: ${xlsx.outcome.kind}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.outcome.response.arrayBuffer());
      const sheet = workbook.worksheets[0]!;
      const groups: string[] = [];
      sheet.eachRow((row, number) => {
        if (number > 2) groups.push(String(row.getCell(1).value));
      });
      expect(groups.filter((group) => group === '省级政府')).toHaveLength(31);
      expect(groups.filter((group) => group === '国务院部门')).toHaveLength(42);
    });

    it('opens on the Gansu 2019 cycle by default, and switches between the two programmes', async () => {
      for (const role of ['leader', 'admin', 'reviewer'] as const) {
        const data = await rankings('', tokens[role]);
        expect(data.filters.cycle).toBe(gansuCycleId);
        expect(data.programme).toMatchObject({ slug: 'gansu-2019', level: 'province' });
        expect(data.groups.map((group) => group.group.label)).toEqual(['市州', '省直部门']);
        for (const group of data.groups) {
          const first = group.rows.filter((row) => row.rank === 1);
          expect(first).toHaveLength(4);
          expect(first.every((row) => row.tied && row.total === '100')).toBe(true);
        }
        expect(data.groups.map((group) => group.atLeast.count)).toEqual([6, 35]);
        expect(data.programmes.map((choice) => [choice.title, choice.level, choice.cycleId])).toEqual([
          ['甘肃省2019年度政府网站建设管理工作考核', 'province', gansuCycleId],
          ['2020年政府网站与政务新媒体监管工作年度考核', 'national', nationalCycleId],
        ]);
        // the cycle selector lists the cycles of the programme shown
        expect(data.cycles.map((cycle) => cycle.id)).toContain(gansuCycleId);
        expect(data.cycles.every((cycle) => cycle.programmeSlug === 'gansu-2019')).toBe(true);
      }
      const national = await rankings(`?cycle=${nationalCycleId}`);
      expect(national.cycles.map((cycle) => cycle.id)).toEqual([nationalCycleId]);
      expect(national.programmes).toHaveLength(2);
    });

    it('opens an assessor on their own unit’s programme', async () => {
      expect((await rankings('', tokens['assessor-gd'])).filters.cycle).toBe(nationalCycleId);
      expect((await rankings('', tokens.assessor)).filters.cycle).toBe(gansuCycleId);
      // and may read the other programme's published ranking, but not its units' breakdowns
      expect((await rankings(`?cycle=${gansuCycleId}`, tokens['assessor-gd'])).groups).toHaveLength(2);
    });

    it('keeps the Gansu default when a newer cycle is added elsewhere', async () => {
      const [national] = await database.db
        .select({ id: programmes.id })
        .from(programmes)
        .where(eq(programmes.slug, 'national-2020'));
      const [added] = await database.db
        .insert(cycles)
        .values({ programmeId: national!.id, slug: '2021', title: '2021年度', status: 'open' })
        .returning({ id: cycles.id });
      try {
        const data = await rankings('');
        expect(data.filters.cycle).toBe(gansuCycleId);
        // the national programme still opens on its published cycle, not the newer open one
        expect(data.programmes.find((choice) => choice.level === 'national')?.cycleId).toBe(nationalCycleId);
      } finally {
        await database.db.delete(cycles).where(eq(cycles.id, added!.id));
      }
    });

    it('shows the level on the home page and the rule set page', async () => {
      const home = expectOk(await call(homeLoad, { url: '/', token: tokens.leader }));
      const programmesShown = new Map(home.programmes.map((programme) => [programme.title, programme.level]));
      expect(programmesShown.get('甘肃省2019年度政府网站建设管理工作考核')).toBe('province');
      expect(programmesShown.get('2020年政府网站与政务新媒体监管工作年度考核')).toBe('national');
      // one card per programme, its cycles newest first
      const gansu = home.programmes.find((programme) => programme.title.startsWith('甘肃省2019'));
      expect(gansu?.cycles.map((cycle) => cycle.id).at(-1)).toBe(gansuCycleId);
      expect(home.programmes.filter((programme) => programme.title.startsWith('甘肃省2019'))).toHaveLength(1);
      const rules = expectOk(
        await call(ruleSetLoad, {
          url: '/rules/cn-2019-supervision-assessment',
          params: { ruleSetId: 'cn-2019-supervision-assessment' },
          token: tokens.leader,
        }),
      );
      expect(rules.programmes.map((programme) => programme.level)).toEqual(['national']);
    });
  });

  describe('inspection summary', () => {
    it('shows 328 / 153 / 91.8% and 728 / 91.9%, computed from the stored counts', async () => {
      const data = await rankings(`?cycle=${nationalCycleId}`);
      expect(
        data.inspectionSummary?.rows.map((row) => [
          row.label,
          row.checked,
          row.portalsChecked,
          row.passRate,
          row.publishedPassRate,
          row.publishedFollows,
        ]),
      ).toEqual([
        ['政府网站', 328, 153, '91.8%', '91.8%', true],
        ['政务新媒体', 728, null, '91.9%', '91.9%', true],
      ]);
      // the Gansu cycle has no summary
      expect((await rankings(`?cycle=${gansuCycleId}`)).inspectionSummary).toBeNull();
    });

    it('recomputes the rate from the counts, and flags a printed rate that does not follow', async () => {
      const where = and(
        eq(inspectionSummaries.cycleId, nationalCycleId),
        eq(inspectionSummaries.targetType, 'website'),
      );
      await database.db.update(inspectionSummaries).set({ failed: 28 }).where(where);
      try {
        const row = (await rankings(`?cycle=${nationalCycleId}`)).inspectionSummary?.rows[0];
        expect(row).toMatchObject({ passRate: '91.5%', publishedPassRate: '91.8%', publishedFollows: false });
      } finally {
        await database.db.update(inspectionSummaries).set({ failed: 27 }).where(where);
      }
    });
  });

  describe('breakdown', () => {
    it('shows the veto clause that made 海南省 不合格, the reviewer’s reason, and no bonus', async () => {
      const b = expectOk(await breakdown('cn-hainan')).breakdown;
      expect(b.verified).toMatchObject({ total: null, grade: { title: '不合格' }, verdict: 'unqualified' });
      expect(b.self?.total).not.toBeNull();
      const misstatement = b.vetoes.find((veto) => veto.id === 'veto-misstatement')!;
      expect(misstatement).toMatchObject({ triggered: true, selfTriggered: false });
      expect(misstatement.clauses).toEqual([
        expect.objectContaining({
          measurement: 'seriousMisstatementFailures',
          op: '>=',
          threshold: '2',
          measured: '2',
          selfMeasured: '1',
          triggered: true,
          review: expect.objectContaining({
            decision: 'adjusted',
            reason: expect.stringContaining('触发单项否决'),
          }),
        }),
      ]);
      expect(b.vetoes.find((veto) => veto.id === 'veto-failures')?.triggered).toBe(false);
      expect(b.bonus).toMatchObject({ status: 'vetoed', gate: '80', awarded: null });
      expect(b.rank).toBeNull();
    });

    it('shows each bonus criterion with its points, above the gate of 80', async () => {
      const b = expectOk(await breakdown('cn-zhejiang')).breakdown;
      expect(b.verified).toMatchObject({ score: '97', total: '117' });
      expect(b.bonus).toMatchObject({ status: 'scored', gate: '80', max: '20', awarded: '20' });
      const criteria = new Map(
        b.bonus!.indicators.flatMap((indicator) => indicator.criteria).map((c) => [c.id, c]),
      );
      expect(criteria.get('bonus.innovation.promoted')).toMatchObject({
        perOccurrence: '3',
        maxAward: '6',
        selfCount: 2,
        verifiedCount: 2,
        awarded: '6',
      });
      expect(criteria.get('bonus.consolidation.full-migration')?.evidence[0]?.title).toContain('加分佐证');
      expect(b.rank).toEqual({ rank: 1, tied: true, of: 30 });
    });

    it('does not count the bonus of 国家机关事务管理局 at exactly 80', async () => {
      const b = expectOk(await breakdown('cn-dept-ggj')).breakdown;
      expect(b.verified).toMatchObject({ score: '80', total: '80' });
      expect(b.bonus).toMatchObject({ status: 'belowGate', gate: '80', awarded: null });
      const consolidation = b.bonus!.indicators[0]!.criteria[0]!;
      expect(consolidation).toMatchObject({ verifiedCount: 1, awarded: null });
    });

    it('shows a reviewer’s bonus adjustment with its reason (江苏省: one promotion, not two)', async () => {
      const b = expectOk(await breakdown('cn-jiangsu')).breakdown;
      expect([b.self?.total, b.verified?.total]).toEqual(['118.75', '115.75']);
      const promoted = b.bonus!.indicators.flatMap((indicator) => indicator.criteria)[1]!;
      expect(promoted).toMatchObject({
        id: 'bonus.innovation.promoted',
        selfCount: 2,
        verifiedCount: 1,
        awarded: '3',
        review: { decision: 'adjusted', reason: expect.stringContaining('不予加分') },
      });
    });
  });

  describe('role matrix', () => {
    const selfEvaluationState = async () => {
      const self = await database.db.select().from(selfEvaluations).orderBy(selfEvaluations.id);
      const subs = await database.db
        .select()
        .from(unitSubmissions)
        .orderBy(unitSubmissions.cycleId, unitSubmissions.unitId);
      const ev = await database.db.select().from(evidence).orderBy(evidence.id);
      const audits = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(sql`${auditLog.action} <> 'access.denied'`);
      return JSON.stringify({ self, subs, ev, audits });
    };

    it('lets the Guangdong assessor read its own breakdown and self-evaluation', async () => {
      expect(expectOk(await breakdown('cn-guangdong', tokens['assessor-gd'])).breakdown.verified?.total).toBe(
        '117',
      );
      const { outcome } = await call(getSelfEvaluation, {
        url: `/api/cycles/${nationalCycleId}/units/${unit('cn-guangdong')}/self-evaluation`,
        params: { cycleId: String(nationalCycleId), unitId: String(unit('cn-guangdong')) },
        token: tokens['assessor-gd'],
        headers: { accept: 'application/json' },
      });
      expect(outcome.kind).toBe('response');
      // the self-evaluation page of its own unit opens (published cycle: read only)
      const page = expectOk(
        await call(selfLoad, {
          url: `/self-evaluation/${nationalCycleId}/${unit('cn-guangdong')}`,
          params: { cycleId: String(nationalCycleId), unitId: String(unit('cn-guangdong')) },
          token: tokens['assessor-gd'],
        }),
      );
      expect(page.canEdit).toBe(false);
    });

    it.each(['cn-beijing', 'cn-hainan', 'cn-dept-mofcom', 'gs-lanzhou'])(
      'refuses the Guangdong assessor another unit (%s): breakdown, self-evaluation page and API',
      async (code) => {
        const before = await selfEvaluationState();
        const params = { cycleId: String(nationalCycleId), unitId: String(unit(code)) };
        expect((await breakdown(code, tokens['assessor-gd'])).outcome).toMatchObject({
          kind: 'error',
          status: 403,
        });
        const page = await call(selfLoad, {
          url: `/self-evaluation/${nationalCycleId}/${unit(code)}`,
          params,
          token: tokens['assessor-gd'],
        });
        expect(page.outcome).toMatchObject({ kind: 'error', status: 403 });
        const api = await call(getSelfEvaluation, {
          url: `/api/cycles/${nationalCycleId}/units/${unit(code)}/self-evaluation`,
          params,
          token: tokens['assessor-gd'],
          headers: { accept: 'application/json' },
        });
        expect(api.outcome).toMatchObject({ kind: 'error', status: 403 });
        expect(await selfEvaluationState()).toBe(before);
      },
    );

    describe('writing, in an open national cycle', () => {
      let openCycleId: number;
      beforeAll(async () => {
        const [national] = await database.db
          .select({ id: programmes.id })
          .from(programmes)
          .where(eq(programmes.slug, 'national-2020'));
        const [open] = await database.db
          .insert(cycles)
          .values({ programmeId: national!.id, slug: 'matrix-open', title: '矩阵测试', status: 'open' })
          .returning({ id: cycles.id });
        openCycleId = open!.id;
      });
      const save = (code: string, token: string) =>
        call(selfActions.save, {
          url: `/self-evaluation/${openCycleId}/${unit(code)}?/save`,
          params: { cycleId: String(openCycleId), unitId: String(unit(code)) },
          token,
          form: { entryKind: 'subItem', entryId: 'support.organisation.staff', version: '0', met: 'yes' },
        });

      it('the Guangdong assessor saves its own entry', async () => {
        expect((await save('cn-guangdong', tokens['assessor-gd']!)).outcome).toMatchObject({ kind: 'ok' });
        const [row] = await database.db
          .select({ inputs: selfEvaluations.inputs })
          .from(selfEvaluations)
          .where(
            and(eq(selfEvaluations.cycleId, openCycleId), eq(selfEvaluations.unitId, unit('cn-guangdong'))),
          );
        expect(row?.inputs).toEqual({ met: true });
      });

      it.each([
        ['assessor-gd', 'cn-beijing'],
        ['assessor-gd', 'cn-dept-mofcom'],
        ['assessor', 'cn-guangdong'],
        ['leader', 'cn-guangdong'],
        ['leader', 'cn-beijing'],
        ['reviewer-cn', 'cn-beijing'],
      ])('refuses %s writing %s: 403 and nothing changes', async (username, code) => {
        const before = await selfEvaluationState();
        expect((await save(code, tokens[username]!)).outcome).toMatchObject({ kind: 'error', status: 403 });
        expect(await selfEvaluationState()).toBe(before);
      });
    });
  });

  describe('inspection programmes', () => {
    it('are not ranked: no cycle listed, a clear 404 instead of a crash', async () => {
      const [programme] = await database.db
        .insert(programmes)
        .values({
          slug: 'test-inspection',
          title: '测试季度检查',
          ruleSetId: 'cn-2019-website-inspection',
          level: 'province',
          kind: 'inspection',
        })
        .returning({ id: programmes.id });
      const [cycle] = await database.db
        .insert(cycles)
        .values({ programmeId: programme!.id, slug: 'q1', title: '第一季度', status: 'open' })
        .returning({ id: cycles.id });
      try {
        expect(await loadCycleContext(database.db, cycle!.id)).toBeNull();
        expect((await listCycles(database.db)).some((row) => row.id === cycle!.id)).toBe(false);
        const { outcome } = await call(rankingsLoad, {
          url: `/rankings?cycle=${cycle!.id}`,
          token: tokens.leader,
        });
        expect(outcome).toMatchObject({ kind: 'error', status: 404 });
        if (outcome.kind === 'error')
          expect(outcome.body.message).toMatch(/属于检查项目“测试季度检查”，不参与考核排名/);
        const unitPage = await call(unitLoad, {
          url: `/units/${unit('cn-beijing')}?cycle=${cycle!.id}`,
          params: { unitId: String(unit('cn-beijing')) },
          token: tokens.leader,
        });
        expect(unitPage.outcome).toMatchObject({ kind: 'error', status: 404 });
        expect((await rankings('')).filters.cycle).toBe(gansuCycleId);
      } finally {
        await database.db.delete(programmes).where(eq(programmes.id, programme!.id));
      }
    });
  });
});
