import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/postgres-cluster';

// The built server (`node build`) on a free port with a fresh PGlite data dir, seeded with the demo. The global setup
// starts one for the read-only tests; a test file that changes data (the journey, the no-JS forms) starts its own,
// so that no file sees another's writes.

const appDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export interface TestServer {
  baseUrl: string;
  /** what the server printed so far (for a failing test's message) */
  output(): string;
  /** SIGTERM, then the data dir is removed; rejects if the server ignores SIGTERM for 10 s */
  stop(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const entry = path.join(appDir, 'build', 'index.js');
  if (!existsSync(entry)) {
    throw new Error(
      `${entry} is missing: the browser tests run against the built server, run \`pnpm build\` first.`,
    );
  }
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    throw new Error(
      'Chromium not found at /usr/bin/chromium: install it with `apt-get install -y --no-install-recommends chromium`.',
    );
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kaohe-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server: ChildProcess = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: baseUrl,
      // as `pnpm start`: evidence files up to 20 MB plus the form around them
      BODY_SIZE_LIMIT: '21M',
      KAOHE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      KAOHE_SEED: 'demo',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async (): Promise<void> => {
    try {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
        server.kill('SIGTERM');
        // SIGTERM must close the database and exit promptly (toolchain note §5.8)
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          server.kill('SIGKILL');
          throw new Error(`the server ignored SIGTERM for 10 s:\n${output}`);
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  // first start: initdb + migrations + demo seed
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error(`the server exited (${server.exitCode}):\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop().catch(() => undefined);
      throw new Error(`the server did not become healthy in 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, output: () => output, stop };
}
