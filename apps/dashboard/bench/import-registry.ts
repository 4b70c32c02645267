import { cpus } from 'node:os';
import { eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../src/lib/server/db/open';
import { programmes, websites } from '../src/lib/server/db/schema';
import { simpleCsv, simpleXlsx, type SimpleTable } from '../src/lib/server/registry/export';
import type { ImportOutcome } from '../src/lib/server/registry/import';
import { importWebsites, websiteColumns } from '../src/lib/server/registry/websites';
import { startPostgresCluster, type PostgresCluster } from '../test/postgres-cluster';

// Registry imports at scale: a generated 20,000-row website registry as XLSX and as CSV, imported into an empty
// registry (all created) and again (all unchanged), on PGlite and on a throwaway PostgreSQL. Prints the read,
// validate and write times. A benchmark, not a test: it asserts nothing. Goal from issue 6: 20,000 rows < 10 s.
//
//   pnpm --filter @kaohe/dashboard bench:import [-- --rows=20000 --no-postgres]

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, ...value] = arg.replace(/^--/, '').split('=');
    return [key!, value.length ? value.join('=') : 'true'] as const;
  }),
);
const rowCount = Number(args.get('rows') ?? 20_000);
const withPostgres = args.get('no-postgres') !== 'true';

const kinds = ['门户网站', '部门网站', '其他'];
const levels = ['省', '市', '县', '县以下'];
const statuses = ['正常运行', '正常运行', '正常运行', '临时下线', '关停', '迁移'];
const places = ['南昌', '景德镇', '萍乡', '九江', '新余', '鹰潭', '赣州', '吉安', '宜春', '抚州', '上饶'];
const offices = [
  '人民政府',
  '发展和改革委员会',
  '教育局',
  '公安局',
  '财政局',
  '人力资源和社会保障局',
  '生态环境局',
];

function registry(rows: number): SimpleTable {
  const data: string[][] = [];
  for (let index = 0; index < rows; index++) {
    const place = places[index % places.length]!;
    const office = offices[index % offices.length]!;
    const owner = `${place}市${office}`;
    data.push([
      String(3_600_000_000 + index),
      `${owner}网站（${index + 1}）`,
      `https://s${index}.${place === '南昌' ? 'nc' : 'jx'}.gov.cn/`,
      owner,
      kinds[index % kinds.length]!,
      levels[index % levels.length]!,
      index % 3 === 0 ? '是' : '否',
      index % 5 === 0 ? '无' : '有',
      statuses[index % statuses.length]!,
    ]);
  }
  return { sheetName: '网站名录', header: websiteColumns.map((column) => column.label), rows: data };
}

interface Run {
  database: string;
  format: string;
  pass: string;
  outcome: ImportOutcome;
  totalMs: number;
}

async function runOn(
  label: string,
  handle: DatabaseHandle,
  files: { format: string; file: File }[],
): Promise<Run[]> {
  await migrateDatabase(handle);
  const runs: Run[] = [];
  for (const { format, file } of files) {
    const [programme] = await handle.db
      .insert(programmes)
      .values({
        slug: `bench-${format}-${Date.now()}`,
        title: '导入基准',
        ruleSetId: 'cn-2019-website-inspection',
        level: 'province',
        kind: 'inspection',
      })
      .returning({ id: programmes.id });
    for (const pass of ['empty registry (all created)', 'same file again (all unchanged)']) {
      const started = performance.now();
      const outcome = await importWebsites({
        db: handle.db,
        programmeId: programme!.id,
        file,
        actor: { userId: null, clientAddress: null },
      });
      const totalMs = performance.now() - started;
      if (outcome.status !== 'applied')
        throw new Error(`rejected: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
      runs.push({ database: label, format, pass, outcome, totalMs });
      const stored = await handle.db
        .select({ id: websites.id })
        .from(websites)
        .where(eq(websites.programmeId, programme!.id));
      if (stored.length !== rowCount) throw new Error(`expected ${rowCount} rows, found ${stored.length}`);
    }
  }
  return runs;
}

async function main(): Promise<void> {
  const table = registry(rowCount);
  let started = performance.now();
  const xlsx = await simpleXlsx(table);
  const xlsxMs = performance.now() - started;
  started = performance.now();
  const csv = new TextEncoder().encode(simpleCsv(table));
  const csvMs = performance.now() - started;
  console.log(
    `generated ${rowCount} rows: XLSX ${(xlsx.byteLength / 1e6).toFixed(1)} MB in ${xlsxMs.toFixed(0)} ms, ` +
      `CSV ${(csv.byteLength / 1e6).toFixed(1)} MB in ${csvMs.toFixed(0)} ms`,
  );
  const files = [
    { format: 'XLSX', file: new File([xlsx], 'registry.xlsx') },
    { format: 'CSV', file: new File([csv], 'registry.csv') },
  ];
  const runs: Run[] = [];
  const pglite = await openDatabase({ kind: 'pglite', memory: true });
  try {
    runs.push(...(await runOn('PGlite', pglite, files)));
  } finally {
    await pglite.close();
  }
  if (withPostgres) {
    let cluster: PostgresCluster | undefined;
    try {
      cluster = await startPostgresCluster();
      const postgres = await openDatabase({ kind: 'postgres', url: cluster.url });
      try {
        runs.push(...(await runOn('PostgreSQL', postgres, files)));
      } finally {
        await postgres.close();
      }
    } finally {
      cluster?.stop();
    }
  }
  console.log(`\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`);
  console.log('| database | file | pass | read | validate | write | total |');
  console.log('|---|---|---|---:|---:|---:|---:|');
  for (const run of runs) {
    const { timings } = run.outcome;
    const counts = run.outcome.status === 'applied' ? run.outcome.counts : null;
    console.log(
      `| ${run.database} | ${run.format} | ${run.pass}${counts ? ` (${counts.created}/${counts.updated}/${counts.unchanged})` : ''} | ` +
        `${(timings.readMs / 1000).toFixed(2)} s | ${(timings.validateMs / 1000).toFixed(2)} s | ` +
        `${(timings.writeMs / 1000).toFixed(2)} s | ${(run.totalMs / 1000).toFixed(2)} s |`,
    );
  }
}

await main();
