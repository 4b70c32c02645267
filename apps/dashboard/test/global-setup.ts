import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/open';
import { seedIfEmpty } from '../src/lib/server/demo/seed';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a migrated, seeded PGlite data dir (dumpDataDir), cloned by each test file */
    pgliteTemplatePath: string;
    /** the throwaway cluster's admin URL; each test file creates its own database from the template */
    postgresUrl: string;
    postgresTemplateDatabase: string;
  }
}

export const postgresTemplateDatabase = 'kaohe_template';

let cluster: PostgresCluster | undefined;
let tempRoot: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  tempRoot = mkdtempSync(path.join(tmpdir(), 'kaohe-test-'));
  const [templatePath, startedCluster] = await Promise.all([
    buildPgliteTemplate(tempRoot),
    startPostgresCluster(),
  ]);
  cluster = startedCluster;
  await buildPostgresTemplate(cluster.url);
  project.provide('pgliteTemplatePath', templatePath);
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresTemplateDatabase', postgresTemplateDatabase);
}

export function teardown(): void {
  cluster?.stop();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
}

/** initdb + migrations + demo seed once; every test file then loads the dump in well under a second. */
async function buildPgliteTemplate(root: string): Promise<string> {
  const handle = await openDatabase({ kind: 'pglite', memory: true });
  try {
    await migrateDatabase(handle);
    await seedIfEmpty(handle.db, 'demo');
    const dump = await handle.pglite!.dumpDataDir('none');
    const file = path.join(root, 'pglite-template.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  } finally {
    await handle.close();
  }
}

async function buildPostgresTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${postgresTemplateDatabase}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({
    kind: 'postgres',
    url: databaseUrl(adminUrl, postgresTemplateDatabase),
  });
  try {
    await migrateDatabase(handle);
    await seedIfEmpty(handle.db, 'demo');
  } finally {
    await handle.close();
  }
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
