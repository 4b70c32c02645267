import { inflateRawSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import {
  auditLog,
  cycles,
  imports,
  inspectionSamples,
  inspections,
  programmes,
  websites,
} from '$lib/server/db/schema';
import { ruleSetFor } from '$lib/server/inspections/record';
import { importResults } from '$lib/server/inspections/results-import';
import { templateColumns } from '$lib/server/registry/export';
import { actions as importActions } from '../inspections/[cycleId]/import/+page.server';
import {
  call,
  cycleIdOf,
  databaseKinds,
  expectOk,
  sessionTokenFor,
  useTestDatabase,
} from '../../../test/harness';
import { load as listLoad } from '../inspections/+page.server';
import { load as cycleLoad } from '../inspections/[cycleId]/+page.server';
import { load as bulletinLoad } from '../inspections/[cycleId]/bulletin/+page.server';
import { GET as bulletinDocx } from '../inspections/[cycleId]/bulletin.docx/+server';
import {
  actions as checkerActions,
  load as checkerLoad,
} from '../inspections/[cycleId]/checker/+page.server';
import { actions as entryActions, load as entryLoad } from '../inspections/[cycleId]/new/+page.server';
import { load as inspectionLoad } from '../inspections/[cycleId]/i/[inspectionId]/+page.server';
import {
  actions as samplingActions,
  load as samplingLoad,
} from '../inspections/[cycleId]/sampling/+page.server';

// Quarterly inspections as the people who use them see them: the quarter lists, the bulletin with every figure
// and its DOCX, the figure checker, sampling, and recording an inspection; for every role and with bad input.

const readers = ['admin', 'inspector', 'reviewer', 'leader'] as const;
const writers = ['admin', 'inspector'] as const;
const roles = [...readers, 'assessor'] as const;

/** The entries of a zip archive (stored or deflated), read from its central directory. */
function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buffer = Buffer.from(bytes);
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Checks the XML is well formed (every element closed in order) and returns the text of its w:t runs. */
function wordText(xml: string): string {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) throw new Error(`malformed XML at </${name}>`);
    } else stack.push(name!);
  }
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)}>`);
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe.each(databaseKinds)('quarterly inspections on %s', (kind) => {
  let database: AppDatabase;
  const tokens = {} as Record<(typeof roles)[number], string>;
  let jiangxiCycle: number;
  let hanzhongCycle: number;
  let gansuCycle: number;

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    for (const role of roles) tokens[role] = await sessionTokenFor(database, role);
    jiangxiCycle = await cycleIdOf(database, 'jiangxi-2018-q1', '2018-q1');
    hanzhongCycle = await cycleIdOf(database, 'hanzhong-2022-q3', '2022-q3');
    gansuCycle = await cycleIdOf(database, 'gansu-2019', '2019');
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  const params = (cycleId: number) => ({ cycleId: String(cycleId) });

  it.each(readers)('the %s reads the inspection programmes and the Jiangxi bulletin', async (role) => {
    const list = expectOk(await call(listLoad, { url: '/inspections', token: tokens[role] }));
    expect(list.programmes.map((p) => p.slug)).toEqual(
      expect.arrayContaining(['jiangxi-2018-q1', 'hanzhong-2022-q3']),
    );
    expect(list.programmes.every((p) => p.slug !== 'gansu-2019')).toBe(true);
    const page = expectOk(
      await call(bulletinLoad, {
        url: `/inspections/${jiangxiCycle}/bulletin`,
        params: params(jiangxiCycle),
        token: tokens[role],
      }),
    );
    const { overall, byGroup } = page.figures.websites.summary;
    expect([
      overall.running,
      overall.checked,
      page.figures.samplingRatio?.text,
      overall.failed,
      overall.passRate.text,
    ]).toEqual([697, 279, '40%', 41, '85.3%']);
    expect(byGroup.map((g) => g.passRate.text)).toEqual(['88.9%', '94.3%', '54.2%']);
    expect(page.draft.sections.map((s) => s.heading)).toEqual([
      '一、基本情况',
      '二、主要问题',
      '三、整改情况',
      '四、工作要求',
    ]);
    expect(page.draft.annexes[0]!.columns).toEqual([
      '网站名称',
      '首页网址',
      '网站标识码',
      '检查结果',
      '存在的问题',
    ]);
    expect(page.draft.annexes[0]!.rows).toHaveLength(41);
    expect(page.sourceNote?.zh).toContain('时代错置');
  });

  it('the assessor is refused every inspection page and action (403)', async () => {
    const token = tokens.assessor;
    const outcomes = [
      await call(listLoad, { url: '/inspections', token }),
      await call(cycleLoad, { url: `/inspections/${jiangxiCycle}`, params: params(jiangxiCycle), token }),
      await call(bulletinLoad, {
        url: `/inspections/${jiangxiCycle}/bulletin`,
        params: params(jiangxiCycle),
        token,
      }),
      await call(bulletinDocx, {
        url: `/inspections/${jiangxiCycle}/bulletin.docx`,
        params: params(jiangxiCycle),
        token,
      }),
      await call(samplingActions.draw, {
        url: `/inspections/${jiangxiCycle}/sampling?/draw`,
        params: params(jiangxiCycle),
        token,
        form: { seed: 'x', ratio: '0.3' },
      }),
    ];
    expect(outcomes.map((o) => o.outcome.status)).toEqual([403, 403, 403, 403, 403]);
  });

  it('an anonymous reader is sent to the login page', async () => {
    const { outcome } = await call(listLoad, { url: '/inspections' });
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/login?next=%2Finspections' });
  });

  it.each(['reviewer', 'leader'] as const)('the %s may read but not record or draw', async (role) => {
    const token = tokens[role];
    const entry = await call(entryLoad, {
      url: `/inspections/${jiangxiCycle}/new`,
      params: params(jiangxiCycle),
      token,
    });
    const save = await call(entryActions.save, {
      url: `/inspections/${jiangxiCycle}/new?/save`,
      params: params(jiangxiCycle),
      token,
      form: { targetType: 'website', siteCode: '3600000001', source: 'sample', inspectedOn: '2018-03-01' },
    });
    const draw = await call(samplingActions.draw, {
      url: `/inspections/${jiangxiCycle}/sampling?/draw`,
      params: params(jiangxiCycle),
      token,
      form: { seed: 'x', ratio: '0.3' },
    });
    expect([entry.outcome.status, save.outcome.status, draw.outcome.status]).toEqual([403, 403, 403]);
  });

  it('an assessment cycle or a bad id is not an inspection quarter (404)', async () => {
    for (const cycleId of [String(gansuCycle), 'abc', '0', '99999999999']) {
      const { outcome } = await call(bulletinLoad, {
        url: `/inspections/${cycleId}/bulletin`,
        params: { cycleId },
        token: tokens.admin,
      });
      expect(outcome.status).toBe(404);
    }
  });

  it('filters the list by verdict and reason in the URL, and rejects unknown filters', async () => {
    const failed = expectOk(
      await call(cycleLoad, {
        url: `/inspections/${jiangxiCycle}?verdict=unqualified&source=sample`,
        params: params(jiangxiCycle),
        token: tokens.leader,
      }),
    );
    expect(failed.total).toBe(41);
    const empty = expectOk(
      await call(cycleLoad, {
        url: `/inspections/${jiangxiCycle}?reason=columns-stale&source=sample`,
        params: params(jiangxiCycle),
        token: tokens.leader,
      }),
    );
    expect(empty.total).toBe(34);
    const rechecks = expectOk(
      await call(cycleLoad, {
        url: `/inspections/${jiangxiCycle}?source=recheck`,
        params: params(jiangxiCycle),
        token: tokens.leader,
      }),
    );
    expect(rechecks.total).toBe(31);
    const bad = await call(cycleLoad, {
      url: `/inspections/${jiangxiCycle}?verdict=maybe&colour=red`,
      params: params(jiangxiCycle),
      token: tokens.leader,
    });
    expect(bad.outcome.status).toBe(400);
  });

  it('the DOCX downloads and opens: a zip whose word/document.xml is well formed and carries the figures', async () => {
    const { outcome } = await call(bulletinDocx, {
      url: `/inspections/${jiangxiCycle}/bulletin.docx`,
      params: params(jiangxiCycle),
      token: tokens.leader,
    });
    if (outcome.kind !== 'response') throw new Error(`expected a file, got ${outcome.kind}`);
    expect(outcome.response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(outcome.response.headers.get('content-disposition')).toContain('attachment');
    const entries = unzip(new Uint8Array(await outcome.response.arrayBuffer()));
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const text = wordText(entries.get('word/document.xml')!.toString('utf8'));
    for (const figure of [
      '697',
      '279',
      '40%',
      '41',
      '85.3%',
      '88.9%',
      '94.3%',
      '54.2%',
      '82.9%',
      '一、基本情况',
      '二、主要问题',
      '网站标识码',
    ])
      expect(text).toContain(figure);

    const hanzhong = await call(bulletinDocx, {
      url: `/inspections/${hanzhongCycle}/bulletin.docx`,
      params: params(hanzhongCycle),
      token: tokens.inspector,
    });
    if (hanzhong.outcome.kind !== 'response') throw new Error('expected a file');
    const hanzhongText = wordText(
      unzip(new Uint8Array(await hanzhong.outcome.response.arrayBuffer()))
        .get('word/document.xml')!
        .toString('utf8'),
    );
    for (const figure of [
      '53',
      '9.43%',
      '166',
      '1.8%',
      '6107000034',
      '6107000027',
      '一般性错别字较多',
      '汉中网警巡查执法',
    ])
      expect(hanzhongText).toContain(figure);
  });

  it("the checker: Jiangxi's printed figures follow except 80.5%; pasted Jieyang figures 1.8% and 98.2% do not", async () => {
    const page = expectOk(
      await call(checkerLoad, {
        url: `/inspections/${jiangxiCycle}/checker`,
        params: params(jiangxiCycle),
        token: tokens.reviewer,
      }),
    );
    expect(page.figures.find((f) => f.id === 'samplingRatio')).toMatchObject({
      numerator: 279,
      denominator: 697,
      computed: '40%',
    });
    const { outcome } = await call(checkerActions.check, {
      url: `/inspections/${jiangxiCycle}/checker?/check`,
      params: params(jiangxiCycle),
      token: tokens.reviewer,
      form: {
        mode: 'halfUp',
        'figure:running': '697',
        'figure:samplingRatio': '40%',
        'figure:passRate': '85.3%',
        'figure:group:县及以下': '54.2%',
        'figure:trigger:columns-stale:emptyColumns': '80.5%',
        pasted: '揭阳不合格比例 1.8% 1/54\n揭阳总体合格率 98.2% 53/54\n独立运行网站不合格比例 7.1% 1/14',
      },
    });
    if (outcome.kind !== 'ok') throw new Error(JSON.stringify(outcome));
    const report = (
      outcome.value as { report: { figures: { id: string; follows: boolean; computed: string | null }[] } }
    ).report;
    expect(report.figures.map((f) => [f.id, f.follows, f.computed])).toEqual([
      ['running', true, '697'],
      ['samplingRatio', true, '40%'],
      ['passRate', true, '85.3%'],
      ['group:县及以下', true, '54.2%'],
      ['trigger:columns-stale:emptyColumns', false, '82.9%'],
      ['pasted-1', false, '1.9%'],
      ['pasted-2', false, '98.1%'],
      ['pasted-3', true, '7.1%'],
    ]);
    const bad = await call(checkerActions.check, {
      url: `/inspections/${jiangxiCycle}/checker?/check`,
      params: params(jiangxiCycle),
      token: tokens.reviewer,
      form: { mode: 'halfUp', pasted: '不合格比例 很多' },
    });
    expect(bad.outcome).toMatchObject({ kind: 'failure', status: 400 });
    expect(JSON.stringify((bad.outcome as { data: unknown }).data)).toContain('第 1 行无法识别');
  });

  it.each(writers)(
    'the %s records an inspection: scored, stored, audited; then updates it (version 2)',
    async (role) => {
      const [site] = await database.db
        .select({ id: websites.id, siteCode: websites.siteCode })
        .from(websites)
        .where(eq(websites.siteCode, role === 'admin' ? '6107000001' : '6107020001'));
      const form = {
        targetType: 'website',
        siteCode: site!.siteCode,
        source: 'provinceRecheck',
        inspectedOn: '2022-09-01',
        hasServiceFunctions: 'on',
        'm:unreachableShare': '0',
        'm:homepageUpdates': '10',
        'm:staleColumns': '0',
        'm:longStaleColumns': '0',
        'm:emptyColumns': '6',
        'm:hasConsultationChannel': 'on',
        'm:overdueMessages': '0',
        'm:hasOnlineService': 'on',
        'm:guidesMissingKeyElements': '0',
      };
      const first = await call(entryActions.save, {
        url: `/inspections/${hanzhongCycle}/new?/save`,
        params: params(hanzhongCycle),
        token: tokens[role],
        form,
      });
      expect(first.outcome.kind).toBe('redirect');
      const id = Number((first.outcome as { location: string }).location.split('/').at(-1));
      const view = expectOk(
        await call(inspectionLoad, {
          url: `/inspections/${hanzhongCycle}/i/${id}`,
          params: { cycleId: String(hanzhongCycle), inspectionId: String(id) },
          token: tokens.leader,
        }),
      );
      expect(view.inspection).toMatchObject({
        verdict: 'unqualified',
        reason: 'veto',
        vetoIds: ['columns-stale'],
        version: 1,
        computed: true,
      });
      expect(view.inspection.problems).toContain('空白栏目数 6');
      await call(entryActions.save, {
        url: `/inspections/${hanzhongCycle}/new?/save`,
        params: params(hanzhongCycle),
        token: tokens[role],
        form: { ...form, 'm:emptyColumns': '0', 'f:design.broken-links': '2' },
      });
      const [stored] = await database.db.select().from(inspections).where(eq(inspections.id, id));
      expect(stored).toMatchObject({ verdict: 'qualified', version: 2, total: '99' });
      const audits = await database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, 'inspection'), eq(auditLog.entityId, String(id))));
      expect(audits.map((a) => a.action).sort()).toEqual(['inspection.create', 'inspection.update']);

      // correcting it: the form comes back filled in, and a stale version is refused
      const entry = expectOk(
        await call(entryLoad, {
          url: `/inspections/${hanzhongCycle}/new?type=website&from=${id}`,
          params: params(hanzhongCycle),
          token: tokens[role],
        }),
      );
      expect(entry.prefill).toMatchObject({
        siteCode: site!.siteCode,
        version: '2',
        'm:emptyColumns': '0',
        'f:design.broken-links': '2',
        hasServiceFunctions: 'on',
      });
      const stale = await call(entryActions.save, {
        url: `/inspections/${hanzhongCycle}/new?/save`,
        params: params(hanzhongCycle),
        token: tokens[role],
        form: { ...entry.prefill!, targetType: 'website', version: '1' },
      });
      expect(stale.outcome).toMatchObject({ kind: 'failure', status: 409 });
      const [unchanged] = await database.db.select().from(inspections).where(eq(inspections.id, id));
      expect(unchanged!.version).toBe(2);
    },
  );

  it('bad entries are refused with the field named and nothing written', async () => {
    const before = await database.db.select({ id: inspections.id }).from(inspections);
    const cases: [Record<string, string>, string][] = [
      [{ targetType: 'website', siteCode: '123', source: 'sample', inspectedOn: '2022-09-01' }, 'siteCode'],
      [
        { targetType: 'website', siteCode: '9999999999', source: 'sample', inspectedOn: '2022-09-01' },
        'siteCode',
      ],
      [
        { targetType: 'website', siteCode: '6107000001', source: 'sample', inspectedOn: '2022-13-45' },
        'inspectedOn',
      ],
      [
        { targetType: 'website', siteCode: '6107000001', source: 'sample', inspectedOn: '2022-09-01' },
        'measurements',
      ],
      [
        {
          targetType: 'website',
          siteCode: '6107000001',
          source: 'sample',
          inspectedOn: '2022-09-01',
          'm:unreachableShare': 'abc',
          'f:design.broken-links': '-1',
        },
        'findings',
      ],
    ];
    for (const [form, field] of cases) {
      const { outcome } = await call(entryActions.save, {
        url: `/inspections/${hanzhongCycle}/new?/save`,
        params: params(hanzhongCycle),
        token: tokens.inspector,
        form,
      });
      expect(outcome).toMatchObject({ kind: 'failure', status: 400 });
      expect(JSON.stringify((outcome as { data: unknown }).data)).toContain(field);
    }
    const after = await database.db.select({ id: inspections.id }).from(inspections);
    expect(after).toHaveLength(before.length);
  });

  it('draws a reproducible sample with rechecks of last quarter, and refuses a bad ratio', async () => {
    const draw = (seed: string, ratio: string) =>
      call(samplingActions.draw, {
        url: `/inspections/${jiangxiCycle}/sampling?/draw`,
        params: params(jiangxiCycle),
        token: tokens.inspector,
        form: { seed, ratio, scope: '全省' },
      });
    expect((await draw('2018Q1-test', '0.3')).outcome.kind).toBe('ok');
    expect((await draw('2018Q1-test', '0.3')).outcome.kind).toBe('ok');
    const samples = await database.db
      .select()
      .from(inspectionSamples)
      .where(and(eq(inspectionSamples.cycleId, jiangxiCycle), eq(inspectionSamples.seed, '2018Q1-test')));
    expect(samples).toHaveLength(2);
    expect(samples[0]!.plan).toEqual(samples[1]!.plan);
    const plan = samples[0]!.plan as {
      drawn: { reason: string }[];
      levels: { required: number; random: number }[];
    };
    expect(plan.drawn.filter((d) => d.reason === 'recheck')).toHaveLength(31);
    expect(plan.levels.every((level) => level.random >= level.required)).toBe(true);
    for (const [ratio, status] of [
      ['1.5', 400],
      ['abc', 400],
      ['0', 400],
    ] as const) {
      expect((await draw('x', ratio)).outcome.status).toBe(status);
    }
    expect((await draw('', '0.3')).outcome.status).toBe(400);
    const page = expectOk(
      await call(samplingLoad, {
        url: `/inspections/${jiangxiCycle}/sampling`,
        params: params(jiangxiCycle),
        token: tokens.leader,
      }),
    );
    expect(page.samples.length).toBeGreaterThanOrEqual(3);
    expect(page.samples.some((sample) => sample.drawn.some((entry) => entry.reason === 'recheck'))).toBe(
      true,
    );
  });

  it('the province re-check needs reported results; with none it says so', async () => {
    const { outcome } = await call(samplingActions.recheck, {
      url: `/inspections/${hanzhongCycle}/sampling?/recheck`,
      params: params(hanzhongCycle),
      token: tokens.admin,
      form: { seed: 'p', share: '0.1' },
    });
    expect(outcome).toMatchObject({ kind: 'failure', status: 400 });
    expect(JSON.stringify((outcome as { data: unknown }).data)).toContain('没有上报结果');
  });

  describe('results import', () => {
    let programmeId: number;
    let quarter: number;
    const csv = (lines: string[][]) =>
      new File(['\uFEFF' + lines.map((line) => line.join(',')).join('\r\n')], 'results.csv', {
        type: 'text/csv',
      });
    const appendix = (rows: string[][]) =>
      csv([['序号', '网站名称', '首页网址', '网站标识码', '检查结果', '存在的严重问题'], ...rows]);
    const run = (file: File, source: 'reported' | 'provinceRecheck' | 'sample') =>
      importResults({
        db: database.db,
        programmeId,
        cycleId: quarter,
        file,
        source,
        inspectedOn: '2022-11-20',
        actor: { userId: null },
      });
    const count = async () =>
      (
        await database.db
          .select({ id: inspections.id })
          .from(inspections)
          .where(eq(inspections.cycleId, quarter))
      ).length;

    beforeAll(async () => {
      const [programme] = await database.db
        .select({ id: programmes.id })
        .from(programmes)
        .where(eq(programmes.slug, 'hanzhong-2022-q3'));
      programmeId = programme!.id;
      const [cycle] = await database.db
        .insert(cycles)
        .values({
          programmeId,
          slug: '2022-q4',
          title: '2022年第四季度',
          periodStart: '2022-10-01',
          periodEnd: '2022-12-31',
        })
        .returning({ id: cycles.id });
      quarter = cycle!.id;
    });

    it("imports a city's annex as reported (not computed), idempotently, and shows province mismatches", async () => {
      const rows = [
        [
          '1',
          '“汉中市商务局”网',
          'http://swj.hanzhong.gov.cn/',
          '6107000034',
          '单项否决',
          '存在固定表述错误',
        ],
        ['2', '“汉中市体育局”网', 'http://tyj.hanzhong.gov.cn/', '6107000019', '不合格', '存在空白栏目'],
        ['3', '汉中市人民政府', 'http://www.hanzhong.gov.cn/', '6107000001', '合格', ''],
      ];
      const first = await run(appendix(rows), 'reported');
      expect(first).toMatchObject({ ok: true, layout: 'appendix', created: 3, updated: 0, unchanged: 0 });
      expect(await run(appendix(rows), 'reported')).toMatchObject({
        ok: true,
        created: 0,
        updated: 0,
        unchanged: 3,
      });
      const [stored] = await database.db
        .select()
        .from(inspections)
        .where(
          and(
            eq(inspections.cycleId, quarter),
            eq(inspections.source, 'reported'),
            eq(inspections.reason, 'veto'),
          ),
        );
      expect(stored).toMatchObject({
        verdict: 'unqualified',
        score: null,
        problems: '存在固定表述错误',
        inputs: { kind: 'reported' },
      });
      expect((stored!.explanation as string[])[0]).toContain('非 Kaohe 计算');

      // the province re-checks one and disagrees with the city
      const recheck = await run(
        appendix([['1', '“汉中市体育局”网', '', '6107000019', '合格', '']]),
        'provinceRecheck',
      );
      expect(recheck).toMatchObject({ ok: true, created: 1 });
      const page = expectOk(
        await call(samplingLoad, {
          url: `/inspections/${quarter}/sampling`,
          params: params(quarter),
          token: tokens.leader,
        }),
      );
      expect(page.mismatches.map((m) => [m.website?.siteCode, m.cityVerdict, m.provinceVerdict])).toEqual([
        ['6107000019', 'unqualified', 'qualified'],
      ]);
      const draw = await call(samplingActions.recheck, {
        url: `/inspections/${quarter}/sampling?/recheck`,
        params: params(quarter),
        token: tokens.inspector,
        form: { seed: 'province-2022-q4', share: '0.1' },
      });
      expect(draw.outcome.kind).toBe('ok');
      const bulletin = expectOk(
        await call(bulletinLoad, {
          url: `/inspections/${quarter}/bulletin`,
          params: params(quarter),
          token: tokens.leader,
        }),
      );
      // the province's verdict replaces the city's: 1 of 3 failed, and it was reported, not computed
      expect(bulletin.figures.websites.summary.overall).toMatchObject({ checked: 3, failed: 1 });
      expect(bulletin.figures.websites.failures.map((f) => [f.siteCode, f.computed])).toEqual([
        ['6107000034', false],
      ]);
    });

    it('imports the measurements template, scoring every row', async () => {
      const columns = templateColumns(ruleSetFor('website')).filter(
        (c) => c.kind !== 'deduction' && c.kind !== 'bonus',
      );
      const value = (id: string, site: string) =>
        ({
          siteCode: site,
          name: '',
          unreachableShare: '2%',
          homepageUpdates: '9',
          staleColumns: '0',
          longStaleColumns: '0',
          emptyColumns: site === '6107020001' ? '7' : '0',
          hasConsultationChannel: '是',
          overdueMessages: '0',
          hasOnlineService: '是',
          guidesMissingKeyElements: '0',
        })[id] ?? '否';
      const file = csv([
        columns.map((c) => c.header),
        ...['6107020001', '6107030001'].map((site) => columns.map((c) => value(c.id, site))),
      ]);
      const outcome = await run(file, 'sample');
      expect(outcome).toMatchObject({ ok: true, layout: 'template', created: 2 });
      const rows = await database.db
        .select({ verdict: inspections.verdict, vetoIds: inspections.vetoIds, total: inspections.total })
        .from(inspections)
        .where(and(eq(inspections.cycleId, quarter), eq(inspections.source, 'sample')));
      expect(rows.map((r) => r.verdict).sort()).toEqual(['qualified', 'unqualified']);
      expect(rows.find((r) => r.verdict === 'unqualified')!.vetoIds).toEqual(['columns-stale']);
    });

    it('a bad file is rejected row by row, and nothing is written', async () => {
      const before = await count();
      const outcome = await run(
        appendix([
          ['1', 'A', '', '12345', '不合格', ''],
          ['2', 'B', '', '9999999999', '合格', ''],
          ['3', 'C', '', '6107000001', '也许', ''],
          ['4', 'D', '', '6107000035', '合格', ''],
          ['5', 'E', '', '6107000035', '不合格', ''],
        ]),
        'reported',
      );
      if (outcome.ok) throw new Error('expected a rejection');
      expect(outcome.problems.map((p) => [p.row, p.column])).toEqual([
        [2, '网站标识码'],
        [3, '网站标识码'],
        [4, '检查结果'],
        [6, '网站标识码'],
      ]);
      expect(outcome.problems[3]!.message).toContain('与第 5 行重复');
      for (const file of [
        new File([''], 'empty.csv'),
        new File([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3])], 'results.xlsx'),
        csv([
          ['网站名称', '颜色'],
          ['A', '红'],
        ]),
      ]) {
        const rejected = await run(file, 'reported');
        expect(rejected.ok).toBe(false);
        expect((rejected as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
      }
      expect(await count()).toBe(before);
      const [last] = await database.db
        .select()
        .from(imports)
        .where(eq(imports.cycleId, quarter))
        .orderBy(imports.id);
      expect(last).toBeDefined();
    });

    it('only inspectors and admins may import', async () => {
      for (const role of ['reviewer', 'leader', 'assessor'] as const) {
        const { outcome } = await call(importActions.import, {
          url: `/inspections/${quarter}/import?/import`,
          params: params(quarter),
          token: tokens[role],
          form: { source: 'reported', inspectedOn: '2022-11-20' },
        });
        expect(outcome.status).toBe(403);
      }
      const { outcome } = await call(importActions.import, {
        url: `/inspections/${quarter}/import?/import`,
        params: params(quarter),
        token: tokens.inspector,
        form: { source: 'reported', inspectedOn: '2022-11-20' },
      });
      expect(outcome).toMatchObject({ kind: 'failure', status: 400 });
    });
  });
});
