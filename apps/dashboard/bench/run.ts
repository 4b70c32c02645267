import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startPostgresCluster, type PostgresCluster } from '../test/postgres-cluster';

// The dashboard under load: the built server (node build) with national-scale generated data (KAOHE_SEED=bench:
// 3,000 units, 15,000 websites inspected in four quarters), 50 concurrent clients on loopback for a bounded time on
// the rankings page and on unit breakdowns. Prints p50/p95/p99 latency, errors and the server's memory; with
// --write, records them in docs/performance.md (its own section). A benchmark, not a test: it asserts nothing.
//
//   pnpm --filter @kaohe/dashboard bench [-- --duration=20 --connections=50 --write]

const appDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repoRoot = path.resolve(appDir, '..', '..');
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, ...value] = arg.replace(/^--/, '').split('=');
    return [key!, value.length ? value.join('=') : 'true'] as const;
  }),
);
const duration = Number(args.get('duration') ?? 20);
const connections = Number(args.get('connections') ?? 50);
const write = args.get('write') === 'true';
/** reuse a data dir seeded by an earlier run (skips the seed); by default a fresh temporary one */
const keptDataDir = args.get('data-dir');
const nodeArgs = (args.get('node-args') ?? '').split(' ').filter(Boolean);
/** --postgres: a throwaway PostgreSQL cluster (Debian's binaries) instead of the embedded PGlite */
const usePostgres = args.get('postgres') === 'true';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Run {
  name: string;
  requests: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  rssMax: number;
}

async function load(
  name: string,
  baseUrl: string,
  cookie: string,
  paths: string[],
  pid: number,
): Promise<Run> {
  const latencies: number[] = [];
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(pid).rss)), 100);
  let next = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: baseUrl,
      connections,
      duration,
      headers: { cookie, accept: 'text/html' },
      requests: [
        {
          setupRequest: (request) => {
            const requestPath = paths[next++ % paths.length]!;
            return { ...request, path: requestPath };
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await done;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: result.requests.total,
    throughput: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssMax,
  };
}

async function main(): Promise<void> {
  const entry = path.join(appDir, 'build', 'index.js');
  if (!existsSync(entry)) throw new Error('build/index.js is missing: run `pnpm build` first');
  const dataDir = keptDataDir ? path.resolve(keptDataDir) : mkdtempSync(path.join(tmpdir(), 'kaohe-bench-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let cluster: PostgresCluster | undefined;
  if (usePostgres) cluster = await startPostgresCluster();
  const databaseUrl = cluster?.url ?? '';
  const startServer = async () => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, entry], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        ORIGIN: baseUrl,
        KAOHE_DATA_DIR: dataDir,
        KAOHE_SEED: 'bench',
        DATABASE_URL: databaseUrl,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
      const healthy = await fetch(`${baseUrl}/api/health`)
        .then((response) => response.ok)
        .catch(() => false);
      if (healthy) break;
      if (performance.now() - startedAt > 600_000) throw new Error('the server did not start in 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { child, seconds: (performance.now() - startedAt) / 1000 };
  };
  const stopServer = async (child: ReturnType<typeof spawn>) => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };

  // first start seeds (in the server process); then a fresh process serves, as it would in production
  let first: Awaited<ReturnType<typeof startServer>>;
  try {
    first = await startServer();
    await stopServer(first.child);
  } catch (error) {
    cluster?.stop();
    throw error;
  }
  const seedSeconds = first.seconds;
  console.log(
    `${keptDataDir ? 'start' : 'first start with national-scale seed'}: ${seedSeconds.toFixed(1)} s`,
  );
  const { child: server, seconds: restartSeconds } = await startServer();
  console.log(`restart on the seeded data: ${restartSeconds.toFixed(1)} s`);
  try {
    const login = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ username: 'leader', password: 'kaohe-leader-2019' }),
    });
    const cookie = (
      login.headers.getSetCookie().find((value) => value.startsWith('kaohe_session=')) ?? ''
    ).split(';')[0]!;
    if (!cookie) throw new Error(`login failed: ${login.status}`);
    const home = await (await fetch(`${baseUrl}/`, { headers: { cookie } })).text();
    const cycleId = /全国规模基准测试（生成数据）<\/h2>[\s\S]*?\/rankings\?cycle=(\d+)/.exec(home)?.[1];
    if (!cycleId) throw new Error('bench cycle not found on the start page');

    const rankingsPath = `/rankings?cycle=${cycleId}`;
    const timed = async (url: string) => {
      const start = performance.now();
      const response = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
      const body = await response.text();
      return { ms: performance.now() - start, status: response.status, body };
    };
    const firstRankings = await timed(rankingsPath);
    const unitIds = [
      ...new Set([...firstRankings.body.matchAll(/\/units\/(\d+)\?cycle=/g)].map((match) => match[1]!)),
    ];
    const unitPaths = unitIds.slice(0, 200).map((id) => `/units/${id}?cycle=${cycleId}`);
    const firstBreakdown = await timed(unitPaths[0]!);
    console.log(
      `cold: rankings ${firstRankings.ms.toFixed(0)} ms (${(firstRankings.body.length / 1024).toFixed(0)} KB), breakdown ${firstBreakdown.ms.toFixed(0)} ms`,
    );

    const runs = [
      await load('rankings (page 1, both groups)', baseUrl, cookie, [rankingsPath], server.pid!),
      await load(
        `unit breakdowns (${unitPaths.length} units in turn)`,
        baseUrl,
        cookie,
        unitPaths,
        server.pid!,
      ),
    ];
    const memory = rssMb(server.pid!);
    const lines = [
      `| page | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | non-2xx | server RSS max MB |`,
      `|---|---|---|---|---|---|---|---|---|---|`,
      ...runs.map(
        (run) =>
          `| ${run.name} | ${run.requests} | ${run.throughput.toFixed(0)} | ${Math.round(run.p50)} | ${Math.round(run.p95)} | ${Math.round(run.p99)} | ${Math.round(run.max)} | ${run.errors} | ${run.non2xx} | ${run.rssMax.toFixed(0)} |`,
      ),
    ];
    const summary = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, database ${cluster ? 'PostgreSQL 15 (same machine, loopback)' : 'PGlite (in the server process)'}; ${connections} connections × ${duration} s per page, loopback.`,
      `First start (initdb, migrations, demo + national-scale seed, results frozen): ${seedSeconds.toFixed(1)} s; the load runs on a restarted server (ready in ${restartSeconds.toFixed(1)} s). Cold requests: rankings ${firstRankings.ms.toFixed(0)} ms (page ${(firstRankings.body.length / 1024).toFixed(0)} KB), breakdown ${firstBreakdown.ms.toFixed(0)} ms. Server RSS at the end ${memory.rss.toFixed(0)} MB, peak (VmHWM, including the seed) ${memory.peak.toFixed(0)} MB.`,
      '',
      ...lines,
    ];
    console.log(`\n${summary.join('\n')}\n`);
    if (write) record(cluster ? 'postgres' : 'pglite', summary.join('\n'));
  } finally {
    await stopServer(server);
    if (!keptDataDir) rmSync(dataDir, { recursive: true, force: true });
    cluster?.stop();
  }
}

/** Writes the figures into docs/performance.md between our markers, leaving the rest of the file alone. */
function record(database: string, figures: string): void {
  const start = `<!-- dashboard-bench:${database}:start -->`;
  const end = `<!-- dashboard-bench:${database}:end -->`;
  const file = path.join(repoRoot, 'docs', 'performance.md');
  const section = `${start}\n${figures}\n\nRecorded ${new Date().toISOString().slice(0, 10)} by \`pnpm --filter @kaohe/dashboard bench -- ${database === 'postgres' ? '--postgres ' : ''}--write\`.\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const updated = current.includes(start)
    ? current.replace(new RegExp(`${start}[\\s\\S]*?${end}`), section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, updated);
  console.log(`recorded in ${path.relative(repoRoot, file)}`);
}

await main();
