import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { cycles, evidence, programmes, units } from '$lib/server/db/schema';
import { csvField } from '$lib/server/export';
import { call, databaseKinds, expectOk, sessionTokenFor, useTestDatabase } from '../../../test/harness';
import { load as rankingsLoad } from '../rankings/+page.server';
import { GET as exportCsv } from '../rankings/export.csv/+server';
import { GET as exportXlsx } from '../rankings/export.xlsx/+server';
import { load as printLoad } from '../rankings/print/+page.server';
import { load as unitLoad } from '../units/[unitId]/+page.server';
import { load as ruleSetLoad } from '../rules/[ruleSetId]/+page.server';
import { GET as evidenceGet } from '../evidence/[evidenceId]/+server';

// What leaders read: the rankings, their exports and print view, a unit's breakdown, the rule set, evidence files;
// for every role, and with bad parameters.

const roles = ['admin', 'assessor', 'reviewer', 'leader'] as const;

describe.each(databaseKinds)('rankings and breakdowns on %s', (kind) => {
  let database: AppDatabase;
  const tokens = {} as Record<(typeof roles)[number], string>;
  let cycleId: number;
  let lanzhouId: number;
  let jinchangId: number;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    for (const role of roles) tokens[role] = await sessionTokenFor(database, role);
    const [cycle] = await database.db
      .select({ id: cycles.id })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(eq(programmes.slug, 'gansu-2019'));
    cycleId = cycle!.id;
    const unitRows = await database.db.select().from(units);
    lanzhouId = unitRows.find((unit) => unit.code === 'gs-lanzhou')!.id;
    jinchangId = unitRows.find((unit) => unit.code === 'gs-jinchang')!.id;
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it.each(roles)('the %s reads the published ranking with four tied first in each group', async (role) => {
    const data = expectOk(
      await call(rankingsLoad, { url: `/rankings?cycle=${cycleId}`, token: tokens[role] }),
    );
    expect(data.groups.map((group) => group.group.label)).toEqual(['市州', '省直部门']);
    for (const group of data.groups) {
      const first = group.rows.filter((row) => row.rank === 1);
      expect(first).toHaveLength(4);
      expect(first.every((row) => row.tied && row.total === '100')).toBe(true);
      expect(group.rows[4]!.rank).toBe(5);
    }
    expect(data.source).toMatchObject({ kind: 'published' });
  });

  it('sends an anonymous reader to the login page', async () => {
    const { outcome } = await call(rankingsLoad, { url: '/rankings' });
    expect(outcome).toMatchObject({ kind: 'redirect', status: 303, location: '/login?next=%2Frankings' });
  });

  it.each([
    ['group=xyz', /分组“xyz”不存在/],
    ['grade=best', /等次“best”不存在/],
    ['cycle=abc', /筛选条件无效/],
    ['cycle=999999', /考核周期 999999 不存在/],
    ['colour=red', /筛选条件无效/],
  ])('answers a bad filter (%s) with a clear Chinese message', async (query, message) => {
    const { outcome } = await call(rankingsLoad, { url: `/rankings?${query}`, token: tokens.leader });
    expect(outcome.kind).toBe('error');
    if (outcome.kind !== 'error') return;
    expect([400, 404]).toContain(outcome.status);
    expect(outcome.body.message).toMatch(message);
    expect(outcome.body.message).not.toMatch(/at .*\.ts|Error:/);
  });

  it('keeps ranks from the whole group when filtering by grade', async () => {
    const data = expectOk(
      await call(rankingsLoad, {
        url: `/rankings?cycle=${cycleId}&group=cities&grade=good`,
        token: tokens.leader,
      }),
    );
    expect(data.groups).toHaveLength(1);
    expect(data.groups[0]!.rows[0]!.rank).toBe(7);
  });

  it('exports CSV with a BOM, the same rows, and escaped formula-like text', async () => {
    const { outcome } = await call(exportCsv, {
      url: `/rankings/export.csv?cycle=${cycleId}&group=cities`,
      token: tokens.leader,
    });
    expect(outcome.kind).toBe('response');
    if (outcome.kind !== 'response') return;
    expect(outcome.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(outcome.response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="ranking-\d+\.csv"; filename\*=UTF-8''/,
    );
    const bytes = new Uint8Array(await outcome.response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM it has just been shown to be there
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe('分组,名次,并列,单位,得分,等次,不参与排名');
    expect(lines.slice(1, 5)).toEqual([
      '市州,1,并列,金昌市,100,优秀,',
      '市州,1,并列,兰州市,100,优秀,',
      '市州,1,并列,天水市,100,优秀,',
      '市州,1,并列,张掖市,100,优秀,',
    ]);
    expect(lines).toHaveLength(15);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['兰州市', '兰州市'],
  ])('escapes the CSV text cell %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('keeps numbers as numbers in CSV (a negative score is not text to escape)', () => {
    expect(csvField({ decimal: '-3' })).toBe('-3');
    expect(csvField(5)).toBe('5');
  });

  it('exports an XLSX that exceljs reads back', async () => {
    const { outcome } = await call(exportXlsx, {
      url: `/rankings/export.xlsx?cycle=${cycleId}`,
      token: tokens.reviewer,
    });
    expect(outcome.kind).toBe('response');
    if (outcome.kind !== 'response') return;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await outcome.response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '分组',
      '名次',
      '并列',
      '单位',
      '得分',
      '等次',
      '不参与排名',
    ]);
    expect(sheet.getRow(3).getCell(4).value).toBe('金昌市');
    expect(sheet.getRow(3).getCell(5).value).toBe(100);
    expect(sheet.rowCount).toBe(2 + 51);
  });

  it('exports and print view answer a bad filter the same way', async () => {
    const csv = await call(exportCsv, { url: '/rankings/export.csv?group=xyz', token: tokens.leader });
    expect(csv.outcome).toMatchObject({ kind: 'error', status: 400 });
    const print = await call(printLoad, { url: '/rankings/print?group=xyz', token: tokens.leader });
    expect(print.outcome).toMatchObject({ kind: 'error', status: 400 });
  });

  it('exports need a signed-in reader', async () => {
    const { outcome } = await call(exportCsv, {
      url: '/rankings/export.csv',
      headers: { accept: 'text/csv' },
    });
    expect(outcome).toMatchObject({ kind: 'error', status: 401 });
  });

  it('renders the print view data server-side', async () => {
    const data = expectOk(
      await call(printLoad, { url: `/rankings/print?cycle=${cycleId}`, token: tokens.leader }),
    );
    expect(data.groups.flatMap((group) => group.rows)).toHaveLength(51);
  });

  describe('unit breakdown', () => {
    const open = (unitId: number, token?: string) =>
      call(unitLoad, { url: `/units/${unitId}?cycle=${cycleId}`, params: { unitId: String(unitId) }, token });

    it('shows the tree with self and verified scores, adjustments with reasons and evidence', async () => {
      const pingliang = (await database.db.select().from(units).where(eq(units.code, 'gs-pingliang')))[0]!;
      const data = expectOk(await open(pingliang.id, tokens.leader));
      const b = data.breakdown;
      expect(b.verified?.total).toBe('86');
      expect(b.self?.total).toBe('88');
      expect(b.areas.map((area) => area.id)).toEqual(['A', 'B', 'C', 'D']);
      const subItems = b.areas.flatMap((area) => area.items.flatMap((item) => item.subItems));
      expect(subItems).toHaveLength(18);
      const late = subItems.find((sub) => sub.id === 'A5.2')!;
      expect(late).toMatchObject({ max: '4', self: { awarded: '2' }, verified: { awarded: '0' } });
      expect(late.review).toMatchObject({
        decision: 'adjusted',
        reason: expect.stringContaining('复核发现'),
      });
      expect(late.verifiedLines[0]).toBe(
        '超过1个月办结的留言 2 次 × 2 分 = 4 分；共扣 4 分，得 0 分（满分 4）',
      );
      expect(subItems.find((sub) => sub.id === 'D1.1')!.evidence).toHaveLength(1);
      expect(b.unitEvidence).toHaveLength(1);
      expect(b.shares.map((share) => share.id)).toEqual(['A', 'B', 'C', 'D']);
      expect(b.shares.every((share) => share.groupUnits === 14)).toBe(true);
      expect(b.rank).toEqual({ rank: 12, tied: false, of: 14 });
    });

    it('in English, the explanation lines are English', async () => {
      const data = expectOk(
        await call(unitLoad, {
          url: `/units/${lanzhouId}?cycle=${cycleId}`,
          params: { unitId: String(lanzhouId) },
          token: tokens.leader,
          lang: 'en',
        }),
      );
      expect(data.breakdown.verified?.lines.join('\n')).toMatch(/[A-Za-z]/);
      expect(data.breakdown.verified?.lines.join('\n')).not.toMatch(/满分/);
    });

    it('an assessor reads their own unit', async () => {
      expectOk(await open(lanzhouId, tokens.assessor));
    });
    it('an assessor may not read another unit', async () => {
      const { outcome } = await open(jinchangId, tokens.assessor);
      expect(outcome).toMatchObject({ kind: 'error', status: 403 });
    });
    it.each(['admin', 'reviewer', 'leader'] as const)('the %s reads any unit', async (role) => {
      expectOk(await open(jinchangId, tokens[role]));
    });
    it('anonymous goes to the login page', async () => {
      const { outcome } = await open(jinchangId);
      expect(outcome).toMatchObject({ kind: 'redirect', status: 303 });
    });
    it('a bad unit id is a 400, an unknown one a 404', async () => {
      const bad = await call(unitLoad, {
        url: '/units/abc',
        params: { unitId: 'abc' },
        token: tokens.leader,
      });
      expect(bad.outcome).toMatchObject({ kind: 'error', status: 400 });
      const unknown = await call(unitLoad, {
        url: `/units/99999?cycle=${cycleId}`,
        params: { unitId: '99999' },
        token: tokens.leader,
      });
      expect(unknown.outcome).toMatchObject({ kind: 'error', status: 404 });
    });
  });

  describe('evidence files', () => {
    const fetchEvidence = (id: number, token?: string) =>
      call(evidenceGet, { url: `/evidence/${id}`, params: { evidenceId: String(id) }, token });

    it('its unit’s assessor downloads it; another unit’s assessor gets 403', async () => {
      const [own] = await database.db.select().from(evidence).where(eq(evidence.unitId, lanzhouId));
      const [other] = await database.db.select().from(evidence).where(eq(evidence.unitId, jinchangId));
      const ok = await fetchEvidence(own!.id, tokens.assessor);
      expect(ok.outcome.kind).toBe('response');
      if (ok.outcome.kind === 'response') {
        expect(ok.outcome.response.headers.get('content-disposition')).toMatch(/^attachment;/);
        expect(await ok.outcome.response.text()).toContain('兰州市');
      }
      expect((await fetchEvidence(other!.id, tokens.assessor)).outcome).toMatchObject({
        kind: 'error',
        status: 403,
      });
      expect((await fetchEvidence(other!.id, tokens.leader)).outcome.kind).toBe('response');
      // a link followed while signed out leads to the login page
      expect((await fetchEvidence(other!.id)).outcome).toMatchObject({ kind: 'redirect', status: 303 });
    });
  });

  it('shows the rule set with its provenance, and refuses an unknown one', async () => {
    const data = expectOk(
      await call(ruleSetLoad, {
        url: '/rules/gansu-2019-annual-assessment',
        params: { ruleSetId: 'gansu-2019-annual-assessment' },
        token: tokens.leader,
      }),
    );
    expect(data.ruleSet.kind).toBe('assessment');
    const unknown = await call(ruleSetLoad, {
      url: '/rules/nope',
      params: { ruleSetId: 'nope' },
      token: tokens.leader,
    });
    expect(unknown.outcome).toMatchObject({ kind: 'error', status: 404 });
  });
});
