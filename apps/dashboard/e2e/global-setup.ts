import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort } from '../test/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const appDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
let server: ChildProcess | undefined;
let dataDir: string | undefined;
let output = '';

export async function setup(project: TestProject): Promise<void> {
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
  dataDir = mkdtempSync(path.join(tmpdir(), 'kaohe-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: baseUrl,
      KAOHE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      KAOHE_SEED: 'demo',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // first start: initdb + migrations + demo seed
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not become healthy in 90 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  project.provide('baseUrl', baseUrl);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise<void>((resolve) => server!.once('exit', () => resolve()));
    server.kill('SIGTERM');
    // SIGTERM must close the database and exit promptly (toolchain note §5.8)
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      server.kill('SIGKILL');
      throw new Error(`the server ignored SIGTERM for 10 s:\n${output}`);
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
