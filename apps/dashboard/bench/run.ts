import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  benchLeaderCount,
  benchLeaderPassword,
  benchLeaderUsername,
} from '../src/lib/server/demo/bench-leaders';
import { startPostgresCluster, type PostgresCluster } from '../test/postgres-cluster';

// The dashboard under load: the built server (node build) with national-scale generated data (KAOHE_SEED=bench:
// 3,000 units, 15,000 websites inspected in four quarters), 50 concurrent clients on loopback for a bounded time on
// the rankings page and on unit breakdowns. Prints p50/p95/p99 latency, errors and the server's memory; with
// --write, records them in docs/performance.md (its own section). A benchmark, not a test: it asserts nothing.
//
// Each connection is its own leader (bench-leader-01 … from the bench seed, logged in through /login), so a shared
// page cache cannot pass for a per-user one; the runs are made with the page cache on and off (KAOHE_PAGE_CACHE).
//
//   pnpm --filter @kaohe/dashboard bench [-- --duration=20 --connections=50 --cache=both|on|off --write]
//   pnpm --filter @kaohe/dashboard bench -- --postgres --processes=2 --write   # scripts/cluster.js, 2 app processes

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
/** --processes=N: serve with scripts/cluster.js, N app processes on the one PostgreSQL */
const processes = Number(args.get('processes') ?? 1);
if (!Number.isInteger(processes) || processes < 1) throw new Error('--processes must be a whole number ≥ 1');
if (processes > 1 && !usePostgres)
  throw new Error('--processes needs --postgres (PGlite lives inside one process)');
/** --cache=on|off|both: the shared page cache of published views (page-cache.ts) */
const cacheArg = args.get('cache') ?? 'both';
if (!['on', 'off', 'both'].includes(cacheArg)) throw new Error('--cache must be on, off or both');
const cacheModes = cacheArg === 'both' ? (['on', 'off'] as const) : [cacheArg as 'on' | 'off'];

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

/** The server and, with --processes, its workers (the children of the cluster's primary). */
function serverPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return [pid, ...children];
}

/** Resident memory of the server processes together (MB): now and the sum of each one's peak. */
function rssMb(pid: number): { rss: number; peak: number } {
  let rss = 0;
  let peak = 0;
  for (const each of serverPids(pid)) {
    try {
      const status = readFileSync(`/proc/${each}/status`, 'utf8');
      const field = (name: string) =>
        Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
      rss += field('VmRSS');
      peak += field('VmHWM');
    } catch {
      // ended meanwhile
    }
  }
  return { rss, peak };
}

/** CPU time (user + system, ms) the server processes have used so far. */
function cpuMs(pid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const each of serverPids(pid)) {
    try {
      const stat = readFileSync(`/proc/${each}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Run {
  name: string;
  cache: 'on' | 'off';
  requests: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  rssMax: number;
  /** server CPU time per answered request: a figure that other load on the machine does not inflate much */
  cpuPerRequest: number;
  /** this process's CPU time per request (autocannon, the 50 clients): it shares the machine with the server */
  clientCpuPerRequest: number;
  /** the machine's 1-minute load average at the end of the run (other work on the machine shows here) */
  load: number;
}

/** One autocannon client per connection, each with its own leader's cookie; the paths are taken in turn by all. */
async function load(
  name: string,
  cache: 'on' | 'off',
  baseUrl: string,
  cookies: string[],
  paths: string[],
  pid: number,
): Promise<Run> {
  const latencies: number[] = [];
  const cpuBefore = cpuMs(pid);
  const clientBefore = process.cpuUsage();
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(pid).rss)), 100);
  let next = 0;
  const clients = Array.from(
    { length: connections },
    (_, index) =>
      new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: baseUrl,
            connections: 1,
            duration,
            // what a browser sends (the app compresses only kept pages; the rest goes out plain)
            headers: {
              cookie: cookies[index % cookies.length]!,
              accept: 'text/html',
              'accept-encoding': 'gzip, deflate, br',
            },
            requests: [
              {
                setupRequest: (request) => {
                  const requestPath = paths[next++ % paths.length]!;
                  return { ...request, path: requestPath };
                },
              },
            ],
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      }),
  );
  const results = await Promise.all(clients);
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const sum = (pick: (result: autocannon.Result) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  return {
    name,
    cache,
    requests: sum((result) => result.requests.total),
    throughput: sum((result) => result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors: sum((result) => result.errors + result.timeouts),
    non2xx: sum((result) => result.non2xx),
    rssMax,
    cpuPerRequest: (cpuMs(pid) - cpuBefore) / Math.max(1, latencies.length),
    clientCpuPerRequest:
      (({ user, system }) => user + system)(process.cpuUsage(clientBefore)) /
      1000 /
      Math.max(1, latencies.length),
    load: loadavg()[0]!,
  };
}

/** The size of a page as sent to a client that takes gzip (fetch would unzip it). */
function bytesOnTheWire(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers: { cookie, 'accept-encoding': 'gzip' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function logIn(baseUrl: string, username: string, password: string): Promise<string> {
  const login = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams({ username, password }),
  });
  const cookie = (
    login.headers.getSetCookie().find((value) => value.startsWith('kaohe_session=')) ?? ''
  ).split(';')[0]!;
  if (!cookie) throw new Error(`login of ${username} failed: ${login.status}`);
  return cookie;
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
  const startServer = async (serving: boolean, cache: 'on' | 'off' = 'on') => {
    const startedAt = performance.now();
    const clustered = serving && processes > 1;
    const script = clustered ? path.join(appDir, 'scripts', 'cluster.js') : entry;
    const child = spawn(process.execPath, [...nodeArgs, script], {
      env: {
        ...process.env,
        KAOHE_PROCESSES: String(clustered ? processes : 1),
        PORT: String(port),
        HOST: '127.0.0.1',
        ORIGIN: baseUrl,
        KAOHE_DATA_DIR: dataDir,
        KAOHE_SEED: 'bench',
        KAOHE_PAGE_CACHE: cache,
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
    first = await startServer(false);
    await stopServer(first.child);
  } catch (error) {
    cluster?.stop();
    throw error;
  }
  const seedSeconds = first.seconds;
  console.log(
    `${keptDataDir ? 'start' : 'first start with national-scale seed'}: ${seedSeconds.toFixed(1)} s`,
  );
  const runs: Run[] = [];
  const notes: string[] = [];
  const cookies: string[] = [];
  let cycleId = '';
  let loadBefore = NaN;
  try {
    for (const cache of cacheModes) {
      const { child: server, seconds: restartSeconds } = await startServer(true, cache);
      console.log(`restart on the seeded data, page cache ${cache}: ${restartSeconds.toFixed(1)} s`);
      try {
        if (cookies.length === 0) {
          // sessions live in the database: one login per leader serves both servers
          for (let index = 0; index < Math.min(connections, benchLeaderCount); index += 1)
            cookies.push(await logIn(baseUrl, benchLeaderUsername(index), benchLeaderPassword));
          const home = await (await fetch(`${baseUrl}/`, { headers: { cookie: cookies[0]! } })).text();
          cycleId = /全国规模基准测试（生成数据）<\/h2>[\s\S]*?\/rankings\?cycle=(\d+)/.exec(home)?.[1] ?? '';
          if (!cycleId) throw new Error('bench cycle not found on the start page');
          loadBefore = loadavg()[0]!;
        }
        const rankingsPath = `/rankings?cycle=${cycleId}`;
        const timed = async (url: string, cookie: string) => {
          const start = performance.now();
          const response = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
          const body = await response.text();
          return { ms: performance.now() - start, status: response.status, body };
        };
        const firstRankings = await timed(rankingsPath, cookies[0]!);
        const unitIds = [
          ...new Set([...firstRankings.body.matchAll(/\/units\/(\d+)\?cycle=/g)].map((match) => match[1]!)),
        ];
        const unitPaths = unitIds.slice(0, 200).map((id) => `/units/${id}?cycle=${cycleId}`);
        const firstBreakdown = await timed(unitPaths[0]!, cookies[0]!);
        // the second leader's pages (from the cache when it is on) carry their own name, never the first's
        const secondRankings = await timed(rankingsPath, cookies[1] ?? cookies[0]!);
        const ownNames =
          firstRankings.body.includes('基准领导01') &&
          (cookies.length < 2 ||
            (secondRankings.body.includes('基准领导02') && !secondRankings.body.includes('基准领导01')));
        if (!ownNames) throw new Error('a leader did not see their own name on the rankings page');
        const wireBytes = await bytesOnTheWire(`${baseUrl}${rankingsPath}`, cookies[0]!);
        notes.push(
          `Page cache ${cache}: cold rankings ${firstRankings.ms.toFixed(0)} ms (page ${(Buffer.byteLength(firstRankings.body) / 1024).toFixed(0)} KB, ${(wireBytes / 1024).toFixed(0)} KB on the wire to a client that takes gzip), the next leader's ${secondRankings.ms.toFixed(0)} ms, cold breakdown ${firstBreakdown.ms.toFixed(0)} ms; restart ${restartSeconds.toFixed(1)} s.`,
        );
        console.log(notes.at(-1));
        runs.push(
          await load('rankings (page 1, both groups)', cache, baseUrl, cookies, [rankingsPath], server.pid!),
          await load(
            `unit breakdowns (${unitPaths.length} units in turn)`,
            cache,
            baseUrl,
            cookies,
            unitPaths,
            server.pid!,
          ),
        );
        const memory = rssMb(server.pid!);
        notes.push(
          `Server RSS at the end (cache ${cache}) ${memory.rss.toFixed(0)} MB, peak (VmHWM) ${memory.peak.toFixed(0)} MB.`,
        );
      } finally {
        await stopServer(server);
      }
    }
    const lines = [
      `| page | page cache | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | non-2xx | server RSS max MB | server CPU ms/request | client CPU ms/request | load avg |`,
      `|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`,
      ...runs.map(
        (run) =>
          `| ${run.name} | ${run.cache} | ${run.requests} | ${run.throughput.toFixed(0)} | ${Math.round(run.p50)} | ${Math.round(run.p95)} | ${Math.round(run.p99)} | ${Math.round(run.max)} | ${run.errors} | ${run.non2xx} | ${run.rssMax.toFixed(0)} | ${run.cpuPerRequest.toFixed(1)} | ${run.clientCpuPerRequest.toFixed(1)} | ${run.load.toFixed(1)} |`,
      ),
    ];
    const summary = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, database ${cluster ? 'PostgreSQL 15 (same machine, loopback)' : 'PGlite (in the server process)'}; ${processes > 1 ? `${processes} app processes (scripts/cluster.js)` : 'one app process'}${nodeArgs.length ? ` with \`${nodeArgs.join(' ')}\`` : ''}; ${connections} connections (${cookies.length} leaders, each its own session) × ${duration} s per page, loopback; load average before the runs ${loadBefore.toFixed(1)}.`,
      `First start (initdb, migrations, demo + national-scale seed, results frozen): ${seedSeconds.toFixed(1)} s. ${notes.join(' ')}`,
      '',
      ...lines,
    ];
    console.log(`\n${summary.join('\n')}\n`);
    if (write)
      record(
        cluster ? (processes > 1 ? `postgres-${processes}-processes` : 'postgres') : 'pglite',
        summary.join('\n'),
      );
  } finally {
    if (!keptDataDir) rmSync(dataDir, { recursive: true, force: true });
    cluster?.stop();
  }
}

/** Writes the figures into docs/performance.md between our markers, leaving the rest of the file alone. */
function record(database: string, figures: string): void {
  const start = `<!-- dashboard-bench:${database}:start -->`;
  const end = `<!-- dashboard-bench:${database}:end -->`;
  const file = path.join(repoRoot, 'docs', 'performance.md');
  const options = process.argv.slice(2).filter((arg) => arg !== '--write' && arg !== '--');
  const section = `${start}\n${figures}\n\nRecorded ${new Date().toISOString().slice(0, 10)} by \`pnpm --filter @kaohe/dashboard bench -- ${[...options, '--write'].join(' ')}\`.\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const updated = current.includes(start)
    ? current.replace(new RegExp(`${start}[\\s\\S]*?${end}`), section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, updated);
  console.log(`recorded in ${path.relative(repoRoot, file)}`);
}

await main();
