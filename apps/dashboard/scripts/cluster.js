/* global process, console, setTimeout */
// Several app processes on one machine, one PostgreSQL: node:cluster forks KAOHE_PROCESSES workers (default: one
// per CPU), each the built server (build/index.js) listening on the same PORT; the primary hands out connections.
// The app keeps no state of its own between requests (sessions, throttling and evidence live in the database; its
// caches are keyed on immutable revisions), so any worker can answer any request.
//
//   DATABASE_URL=postgres://… KAOHE_PROCESSES=2 ORIGIN=http://localhost:3000 node scripts/cluster.js
//
// PGlite is an embedded database inside one process: with it there is exactly one process, so this refuses.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

const requested = process.env.KAOHE_PROCESSES ?? String(availableParallelism());
const count = Number(requested);
if (!Number.isInteger(count) || count < 1 || count > 64) {
  console.error(`KAOHE_PROCESSES must be a whole number from 1 to 64, not "${requested}"`);
  process.exit(2);
}
if (!process.env.DATABASE_URL?.startsWith('postgres') && count > 1) {
  console.error('several processes need DATABASE_URL=postgres://… (PGlite lives inside one process)');
  process.exit(2);
}

if (cluster.isPrimary) {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let index = 0; index < count; index += 1) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // a crashed worker is replaced; the others keep serving meanwhile
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 1000);
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    // each worker finishes its requests and closes its database (hooks.server.ts), as a single server does
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), 15_000).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGTERM'));
} else {
  await import('../build/index.js');
}
