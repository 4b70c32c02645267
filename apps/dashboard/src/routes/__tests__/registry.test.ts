import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { auditLog, imports, newMediaAccounts, programmes, units, websites } from '$lib/server/db/schema';
import { simpleCsv } from '$lib/server/registry/export';
import { readTableBytes } from '$lib/server/registry/table-file';
import { websiteColumns } from '$lib/server/registry/websites';
import {
  call,
  databaseKinds,
  expectOk,
  sessionTokenFor,
  useTestDatabase,
  type CallOptions,
} from '../../../test/harness';
import {
  actions as accountActions,
  load as accountLoad,
} from '../registry/[programmeId]/accounts/[accountId]/+page.server';
import { load as accountsLoad } from '../registry/[programmeId]/accounts/+page.server';
import { GET as exportGet } from '../registry/[programmeId]/export/+server';
import { actions as importActions, load as importLoad } from '../registry/[programmeId]/import/+page.server';
import { load as websitesLoad } from '../registry/[programmeId]/+page.server';
import { GET as templateGet } from '../registry/[programmeId]/template/+server';
import {
  actions as websiteActions,
  load as websiteLoad,
} from '../registry/[programmeId]/websites/[websiteId]/+page.server';
import { load as registryLoad } from '../registry/+page.server';

// The registry pages against the role matrix: admins and inspectors import and edit, reviewers and leaders read,
// assessors get 403 everywhere (and nothing changes); imports through the real action (multipart upload), edits
// with optimistic versions and an audit entry, exports that read back as the same registry.

const roles = ['admin', 'inspector', 'reviewer', 'leader', 'assessor'] as const;
type DemoRole = (typeof roles)[number];
const writers: readonly DemoRole[] = ['admin', 'inspector'];
const readers: readonly DemoRole[] = ['admin', 'inspector', 'reviewer', 'leader'];

const header = websiteColumns.map((column) => column.label);
const registryRows = [
  [
    '3601000001',
    '江西省人民政府',
    'http://www.jiangxi.gov.cn/',
    '江西省人民政府办公厅',
    '门户网站',
    '省',
    '否',
    '有',
    '正常运行',
  ],
  [
    '3601000002',
    '江西省发展和改革委员会',
    'http://drc.jiangxi.gov.cn/',
    '江西省发展和改革委员会',
    '部门网站',
    '省',
    '是',
    '有',
    '正常运行',
  ],
  [
    '3601000003',
    '=HYPERLINK("x")南昌市人民政府',
    'http://www.nc.gov.cn/',
    '南昌市人民政府办公室',
    '门户网站',
    '市',
    '否',
    '有',
    '正常运行',
  ],
  [
    '3601000004',
    '南昌县人民政府',
    'http://www.ncx.gov.cn/',
    '南昌县人民政府办公室',
    '门户网站',
    '县',
    '是',
    '无',
    '关停',
  ],
];

function registryFile(rows = registryRows, name = '名录.csv'): File {
  return new File([simpleCsv({ sheetName: '名录', header, rows })], name);
}

describe.each(databaseKinds)('registry pages on %s', (kind) => {
  let database: AppDatabase;
  const tokens = {} as Record<DemoRole, string>;
  let programmeId: number;
  let assessmentProgrammeId: number;

  const params = () => ({ programmeId: String(programmeId) });
  const as = (role: DemoRole | null, options: CallOptions): CallOptions => ({
    ...options,
    token: role ? tokens[role] : undefined,
  });

  async function websiteCount(): Promise<number> {
    const [row] = await database.db
      .select({ n: count() })
      .from(websites)
      .where(eq(websites.programmeId, programmeId));
    return row!.n;
  }

  function upload(file: File, importKind = 'websites'): FormData {
    const form = new FormData();
    form.set('kind', importKind);
    form.set('file', file);
    return form;
  }

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    for (const role of roles) tokens[role] = await sessionTokenFor(database, role);
    const [programme] = await database.db
      .insert(programmes)
      .values({
        slug: `registry-pages-${kind}`,
        title: '江西省政府网站季度检查（测试）',
        ruleSetId: 'cn-2019-website-inspection',
        level: 'province',
        kind: 'inspection',
      })
      .returning({ id: programmes.id });
    programmeId = programme!.id;
    const [assessment] = await database.db
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.kind, 'assessment'))
      .limit(1);
    assessmentProgrammeId = assessment!.id;
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('lets admins and inspectors import; reviewers, leaders and assessors are refused and nothing is written', async () => {
    for (const role of ['reviewer', 'leader', 'assessor'] as const) {
      const result = await call(
        importActions.import,
        as(role, {
          url: `/registry/${programmeId}/import?/import`,
          params: params(),
          multipart: upload(registryFile()),
        }),
      );
      expect(result.outcome.status, role).toBe(403);
      expect(await websiteCount()).toBe(0);
      const page = await call(
        importLoad,
        as(role, { url: `/registry/${programmeId}/import`, params: params() }),
      );
      expect(page.outcome.status, role).toBe(403);
    }
    const anonymous = await call(
      importActions.import,
      as(null, {
        url: `/registry/${programmeId}/import?/import`,
        params: params(),
        multipart: upload(registryFile()),
      }),
    );
    expect(anonymous.outcome.status).toBe(401);

    const imported = expectOk(
      await call(
        importActions.import,
        as('inspector', {
          url: `/registry/${programmeId}/import?/import`,
          params: params(),
          multipart: upload(registryFile()),
        }),
      ),
    );
    expect(imported).toMatchObject({ status: 'applied', counts: { created: 4, updated: 0, unchanged: 0 } });
    expect(await websiteCount()).toBe(4);
    const again = expectOk(
      await call(
        importActions.import,
        as('admin', {
          url: `/registry/${programmeId}/import?/import`,
          params: params(),
          multipart: upload(registryFile()),
        }),
      ),
    );
    expect(again).toMatchObject({ status: 'applied', counts: { created: 0, updated: 0, unchanged: 4 } });
    const history = expectOk(
      await call(importLoad, as('inspector', { url: `/registry/${programmeId}/import`, params: params() })),
    );
    expect(history.history.map((entry) => entry.status)).toEqual(['applied', 'applied']);
    // after a post without JavaScript the page is rendered at ?/import: the action in the query is not a filter
    const afterPost = expectOk(
      await call(
        importLoad,
        as('admin', { url: `/registry/${programmeId}/import?/import`, params: params() }),
      ),
    );
    expect(afterPost.kind).toBe('websites');
  });

  it('answers a bad upload with the row-by-row report in Chinese (and English) and writes nothing', async () => {
    const before = await websiteCount();
    const bad = [...registryRows, ['36010000', '坏行', 'ftp://x', '', '网站', '乡', '', '', '']];
    const result = await call(
      importActions.import,
      as('inspector', {
        url: `/registry/${programmeId}/import?/import`,
        params: params(),
        multipart: upload(registryFile(bad)),
      }),
    );
    expect(result.outcome.kind).toBe('failure');
    const data = result.outcome.kind === 'failure' ? result.outcome.data : {};
    expect(data).toMatchObject({ status: 'rejected', problemCount: 4 });
    expect(
      (data.problems as { row: number; column: string; message: string }[]).map((problem) => [
        problem.row,
        problem.column,
      ]),
    ).toEqual([
      [6, '网站标识码'],
      [6, '首页网址'],
      [6, '网站类别'],
      [6, '层级'],
    ]);
    expect((data.problems as { message: string }[])[0]!.message).toBe(
      '网站标识码应为 10 位数字，实际为“36010000”。',
    );
    const english = await call(
      importActions.import,
      as('inspector', {
        url: `/registry/${programmeId}/import?/import`,
        params: params(),
        lang: 'en',
        multipart: upload(new File([], 'empty.csv')),
      }),
    );
    expect(english.outcome.kind === 'failure' && english.outcome.data).toMatchObject({
      problems: [{ row: 0, column: null, messageEn: 'The file is empty.' }],
    });
    const missing = await call(
      importActions.import,
      as('inspector', {
        url: `/registry/${programmeId}/import?/import`,
        params: params(),
        multipart: new FormData(),
      }),
    );
    expect(missing.outcome.kind === 'failure' && missing.outcome.data).toEqual({
      status: 'invalid',
      message: '请选择要导入的文件。',
    });
    expect(await websiteCount()).toBe(before);
    const [rejected] = await database.db
      .select({ n: count() })
      .from(imports)
      .where(and(eq(imports.programmeId, programmeId), eq(imports.status, 'rejected')));
    expect(rejected!.n).toBe(2);
  });

  it('shows the lists to readers with filters in the URL and paging; assessors get 403', async () => {
    for (const role of readers) {
      const list = expectOk(await call(registryLoad, as(role, { url: '/registry' })));
      expect(list.programmes.map((programme) => programme.id)).toContain(programmeId);
      const page = expectOk(
        await call(
          websitesLoad,
          as(role, { url: `/registry/${programmeId}?level=province`, params: params() }),
        ),
      );
      expect(page.rows.map((row) => row.siteCode)).toEqual(['3601000001', '3601000002']);
      expect(page.canWrite).toBe(writers.includes(role));
    }
    const loads: ((event: never) => Promise<unknown>)[] = [registryLoad, websitesLoad, accountsLoad];
    for (const load of loads) {
      const refused = await call(load, as('assessor', { url: `/registry/${programmeId}`, params: params() }));
      expect(refused.outcome.status).toBe(403);
    }
    const searched = expectOk(
      await call(
        websitesLoad,
        as('leader', { url: `/registry/${programmeId}?q=南昌&status=running`, params: params() }),
      ),
    );
    expect(searched.rows.map((row) => row.siteCode)).toEqual(['3601000003']);
    const literal = expectOk(
      await call(websitesLoad, as('leader', { url: `/registry/${programmeId}?q=%25`, params: params() })),
    );
    expect(literal.total).toBe(0);
    const paged = expectOk(
      await call(websitesLoad, as('leader', { url: `/registry/${programmeId}?page=2`, params: params() })),
    );
    expect(paged).toMatchObject({ total: 4, pages: 1, rows: [] });
    const bad = await call(
      websitesLoad,
      as('leader', { url: `/registry/${programmeId}?level=乡`, params: params() }),
    );
    expect(bad.outcome.status).toBe(400);
    const notInspection = await call(
      websitesLoad,
      as('leader', {
        url: `/registry/${assessmentProgrammeId}`,
        params: { programmeId: String(assessmentProgrammeId) },
      }),
    );
    expect(notInspection.outcome.status).toBe(404);
  });

  it('edits one website with optimistic versions and an audit entry; readers cannot', async () => {
    const [site] = await database.db
      .select()
      .from(websites)
      .where(and(eq(websites.programmeId, programmeId), eq(websites.siteCode, '3601000002')));
    const websiteParams = { programmeId: String(programmeId), websiteId: String(site!.id) };
    const url = `/registry/${programmeId}/websites/${site!.id}?/update`;
    const form = {
      name: '江西省发展和改革委员会网站',
      homeUrl: 'http://drc.jiangxi.gov.cn/',
      ownerName: '江西省发展和改革委员会',
      kind: 'department',
      level: 'province',
      consolidated: 'yes',
      hasExternalServices: 'yes',
      status: 'offline',
      version: String(site!.version),
    };
    for (const role of ['reviewer', 'leader', 'assessor'] as const) {
      const refused = await call(websiteActions.update, as(role, { url, params: websiteParams, form }));
      expect(refused.outcome.status, role).toBe(403);
    }
    const view = expectOk(await call(websiteLoad, as('leader', { url, params: websiteParams })));
    expect(view).toMatchObject({ canWrite: false, website: { siteCode: '3601000002' } });

    const saved = expectOk(
      await call(websiteActions.update, as('inspector', { url, params: websiteParams, form })),
    );
    expect(saved).toMatchObject({ message: '已保存。', version: site!.version + 1 });
    const stale = await call(websiteActions.update, as('admin', { url, params: websiteParams, form }));
    expect(stale.outcome.status).toBe(409);
    expect(
      stale.outcome.kind === 'failure' && (stale.outcome.data.errors as Record<string, string>)._,
    ).toContain('已被他人修改');
    const invalid = await call(
      websiteActions.update,
      as('admin', {
        url,
        params: websiteParams,
        form: { ...form, homeUrl: 'drc.jiangxi', version: String(site!.version + 1) },
      }),
    );
    expect(invalid.outcome.status).toBe(400);
    expect(invalid.outcome.kind === 'failure' && invalid.outcome.data.errors).toMatchObject({
      homeUrl: '应为以 http:// 或 https:// 开头的完整网址。',
    });
    const [after] = await database.db.select().from(websites).where(eq(websites.id, site!.id));
    expect(after).toMatchObject({
      name: '江西省发展和改革委员会网站',
      status: 'offline',
      version: site!.version + 1,
    });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registry.website.update'), eq(auditLog.entityId, String(site!.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      before: { name: '江西省发展和改革委员会', status: 'running' },
      after: { name: '江西省发展和改革委员会网站', status: 'offline' },
    });
  });

  it('exports the registry in the import layout (CSV with BOM and escaped formulas, XLSX) and the template', async () => {
    const csv = await call(
      exportGet,
      as('reviewer', { url: `/registry/${programmeId}/export?kind=websites&format=csv`, params: params() }),
    );
    if (csv.outcome.kind !== 'response') throw new Error('expected a file');
    const bytes = new Uint8Array(await csv.outcome.response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF网站标识码,网站名称,首页网址')).toBe(true);
    expect(text).toContain(`3601000003,"'=HYPERLINK(""x"")南昌市人民政府"`);
    const xlsx = await call(
      exportGet,
      as('leader', { url: `/registry/${programmeId}/export?kind=websites&format=xlsx`, params: params() }),
    );
    if (xlsx.outcome.kind !== 'response') throw new Error('expected a file');
    const workbook = await readTableBytes(
      'r.xlsx',
      new Uint8Array(await xlsx.outcome.response.arrayBuffer()),
    );
    expect(workbook.table!.rows).toHaveLength(4);
    expect(workbook.table!.rows[2]!.cells['网站名称']).toBe('=HYPERLINK("x")南昌市人民政府');
    // the export imports back unchanged
    const roundTrip = expectOk(
      await call(
        importActions.import,
        as('admin', {
          url: `/registry/${programmeId}/import?/import`,
          params: params(),
          multipart: upload(new File([text], 'export.csv')),
        }),
      ),
    );
    expect(roundTrip).toMatchObject({ counts: { created: 0, updated: 0, unchanged: 4 } });

    const template = await call(
      templateGet,
      as('inspector', { url: `/registry/${programmeId}/template`, params: params() }),
    );
    if (template.outcome.kind !== 'response') throw new Error('expected a file');
    const filled = await readTableBytes(
      't.xlsx',
      new Uint8Array(await template.outcome.response.arrayBuffer()),
    );
    expect(filled.table!.headers.slice(0, 2)).toEqual(['网站标识码', '网站名称']);
    // the id row, then the three running websites (the closed one is not inspected)
    expect(filled.table!.rows.map((row) => row.cells['网站标识码'])).toEqual([
      'id:siteCode',
      '3601000001',
      '3601000003',
    ]);
    for (const endpoint of [exportGet, templateGet]) {
      const refused = await call(
        endpoint,
        as('assessor', { url: `/registry/${programmeId}/export`, params: params() }),
      );
      expect(refused.outcome.status).toBe(403);
    }
  });

  it('imports new-media accounts through the page and edits one with versions and audit; readers cannot', async () => {
    const columns = ['账号名称', '平台', '主办单位', '层级', '运行状态'];
    const file = new File(
      [
        simpleCsv({
          sheetName: '新媒体',
          header: columns,
          rows: [['江西发布', '微信', '江西省人民政府办公厅', '省', '正常运行']],
        }),
      ],
      '新媒体.csv',
    );
    const imported = expectOk(
      await call(
        importActions.import,
        as('inspector', {
          url: `/registry/${programmeId}/import?/import`,
          params: params(),
          multipart: upload(file, 'newMedia'),
        }),
      ),
    );
    expect(imported).toMatchObject({ status: 'applied', counts: { created: 1 } });
    const list = expectOk(
      await call(
        accountsLoad,
        as('reviewer', { url: `/registry/${programmeId}/accounts?platform=微信公众号`, params: params() }),
      ),
    );
    expect(list.rows.map((row) => row.name)).toEqual(['江西发布']);
    const account = list.rows[0]!;
    const accountParams = { programmeId: String(programmeId), accountId: String(account.id) };
    const url = `/registry/${programmeId}/accounts/${account.id}?/update`;
    const form = {
      ownerName: '江西省人民政府办公厅',
      level: '',
      status: 'closed',
      version: String(account.version),
    };
    for (const role of ['reviewer', 'leader', 'assessor'] as const) {
      const refused = await call(accountActions.update, as(role, { url, params: accountParams, form }));
      expect(refused.outcome.status, role).toBe(403);
    }
    expect(expectOk(await call(accountLoad, as('leader', { url, params: accountParams })))).toMatchObject({
      canWrite: false,
      account: { platform: '微信公众号' },
    });
    expect(
      expectOk(await call(accountActions.update, as('admin', { url, params: accountParams, form }))),
    ).toMatchObject({
      message: '已保存。',
    });
    const stale = await call(accountActions.update, as('inspector', { url, params: accountParams, form }));
    expect(stale.outcome.status).toBe(409);
    const [after] = await database.db
      .select()
      .from(newMediaAccounts)
      .where(eq(newMediaAccounts.id, account.id));
    expect(after).toMatchObject({ status: 'closed', level: null, version: account.version + 1 });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registry.account.update'), eq(auditLog.entityId, String(account.id))));
    expect(audit.map((entry) => [entry.before, entry.after])).toEqual([
      [
        { level: 'province', status: 'running' },
        { level: null, status: 'closed' },
      ],
    ]);
  });

  it('shows and edits 主管单位: the import’s notices, the list and its search, the page’s link, the form', async () => {
    const file = registryFile([
      [
        '3601000005',
        '进贤县人民政府',
        'http://www.jinxian.gov.cn/',
        '进贤县人民政府办公室',
        '门户网站',
        '县',
        '否',
        '有',
        '正常运行',
        '江西省',
      ],
      [
        '3601000006',
        '安义县人民政府',
        'http://www.anyi.gov.cn/',
        '安义县人民政府办公室',
        '门户网站',
        '县',
        '否',
        '有',
        '正常运行',
        '南昌市政府',
      ],
    ]);
    const imported = expectOk(
      await call(
        importActions.import,
        as('inspector', {
          url: `/registry/${programmeId}/import?/import`,
          params: params(),
          multipart: upload(file),
        }),
      ),
    );
    expect(imported).toMatchObject({
      status: 'applied',
      counts: { created: 2 },
      noticeCount: 1,
      notices: [{ row: 3, column: '主管单位', message: expect.stringContaining('“南昌市政府”不是考核单位') }],
    });
    // the import history says so too
    const history = expectOk(
      await call(importLoad, as('inspector', { url: `/registry/${programmeId}/import`, params: params() })),
    );
    expect(history.history[0]).toMatchObject({ status: 'applied', noticeCount: 1 });
    const [jiangxi] = await database.db.select().from(units).where(eq(units.name, '江西省'));
    const list = expectOk(
      await call(
        websitesLoad,
        as('reviewer', { url: `/registry/${programmeId}?q=南昌市政府`, params: params() }),
      ),
    );
    expect(list.rows.map((row) => [row.siteCode, row.supervisingName])).toEqual([
      ['3601000006', '南昌市政府'],
    ]);

    const siteOf = async (siteCode: string) =>
      (
        await database.db
          .select()
          .from(websites)
          .where(and(eq(websites.programmeId, programmeId), eq(websites.siteCode, siteCode)))
      )[0]!;
    const linked = await siteOf('3601000005');
    expect(linked).toMatchObject({ supervisingName: '江西省', supervisingUnitId: jiangxi!.id });
    const linkedParams = { programmeId: String(programmeId), websiteId: String(linked.id) };
    const linkedUrl = `/registry/${programmeId}/websites/${linked.id}`;
    const linkedView = expectOk(
      await call(websiteLoad, as('leader', { url: linkedUrl, params: linkedParams })),
    );
    expect(linkedView.linkedUnits).toEqual({ owner: null, supervising: '江西省' });
    expect(linkedView.unitNames).toContain('江西省');
    const english = expectOk(
      await call(websiteLoad, as('leader', { url: linkedUrl, params: linkedParams, lang: 'en' })),
    );
    expect(english.linkedUnits.supervising).toBe('Jiangxi (江西省)');

    const text = await siteOf('3601000006');
    const textParams = { programmeId: String(programmeId), websiteId: String(text.id) };
    const url = `/registry/${programmeId}/websites/${text.id}?/update`;
    const textView = expectOk(await call(websiteLoad, as('inspector', { url, params: textParams })));
    expect(textView).toMatchObject({
      website: { supervisingName: '南昌市政府', supervisingUnitId: null },
      linkedUnits: { supervising: null },
    });
    const form = {
      name: text.name,
      homeUrl: text.homeUrl,
      ownerName: text.ownerName,
      supervisingName: ' 江西省 ',
      kind: text.kind,
      level: text.level,
      consolidated: 'no',
      hasExternalServices: 'yes',
      status: text.status,
      version: String(text.version),
    };
    const tooLong = await call(
      websiteActions.update,
      as('inspector', { url, params: textParams, form: { ...form, supervisingName: '县'.repeat(201) } }),
    );
    expect(tooLong.outcome.status).toBe(400);
    expect(tooLong.outcome.kind === 'failure' && tooLong.outcome.data.errors).toMatchObject({
      supervisingName: '不超过 200 个字符。',
    });
    expect(
      expectOk(await call(websiteActions.update, as('inspector', { url, params: textParams, form }))),
    ).toMatchObject({ message: '已保存。', version: text.version + 1 });
    expect(await siteOf('3601000006')).toMatchObject({
      supervisingName: '江西省',
      supervisingUnitId: jiangxi!.id,
      version: text.version + 1,
    });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registry.website.update'), eq(auditLog.entityId, String(text.id))));
    expect(audit.map((entry) => [entry.before, entry.after])).toEqual([
      [
        { supervisingName: '南昌市政府', supervisingUnitId: null },
        { supervisingName: '江西省', supervisingUnitId: jiangxi!.id },
      ],
    ]);
    // a form without the field (a page from before it existed) keeps the stored 主管单位; an empty one clears it
    const { supervisingName: _omitted, ...older } = form;
    expect(
      expectOk(
        await call(
          websiteActions.update,
          as('admin', {
            url,
            params: textParams,
            form: { ...older, status: 'offline', version: String(text.version + 1) },
          }),
        ),
      ),
    ).toMatchObject({ message: '已保存。' });
    expect(await siteOf('3601000006')).toMatchObject({ supervisingName: '江西省', status: 'offline' });
    expect(
      expectOk(
        await call(
          websiteActions.update,
          as('admin', {
            url,
            params: textParams,
            form: { ...form, supervisingName: '', status: 'offline', version: String(text.version + 2) },
          }),
        ),
      ),
    ).toMatchObject({ message: '已保存。' });
    expect(await siteOf('3601000006')).toMatchObject({ supervisingName: null, supervisingUnitId: null });
  });

  it('edits an account’s 主管单位 and links it to the unit it names', async () => {
    const [account] = await database.db
      .select()
      .from(newMediaAccounts)
      .where(and(eq(newMediaAccounts.programmeId, programmeId), eq(newMediaAccounts.name, '江西发布')));
    const accountParams = { programmeId: String(programmeId), accountId: String(account!.id) };
    const url = `/registry/${programmeId}/accounts/${account!.id}?/update`;
    const saved = await call(
      accountActions.update,
      as('inspector', {
        url,
        params: accountParams,
        form: {
          ownerName: account!.ownerName,
          supervisingName: '江西省',
          level: '',
          status: account!.status,
          version: String(account!.version),
        },
      }),
    );
    expect(expectOk(saved)).toMatchObject({ message: '已保存。' });
    const view = expectOk(await call(accountLoad, as('reviewer', { url, params: accountParams })));
    expect(view).toMatchObject({
      account: { supervisingName: '江西省' },
      linkedUnits: { supervising: '江西省' },
    });
    const list = expectOk(
      await call(
        accountsLoad,
        as('reviewer', { url: `/registry/${programmeId}/accounts?q=江西省`, params: params() }),
      ),
    );
    expect(list.rows.map((row) => row.supervisingName)).toContain('江西省');
  });
});
