import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The query builder; the same API over PGlite and node-postgres. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** the embedded instance, when kind is 'pglite' (tests dump it as a template) */
  pglite?: PGlite;
  /** the connection pool, when kind is 'postgres' */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite'; memory: true; loadDataDir?: Blob | File };

/** Where the app keeps its data: KAOHE_DATA_DIR, else ./data at the repository root. */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KAOHE_DATA_DIR) return path.resolve(env.KAOHE_DATA_DIR);
  return path.join(repositoryRoot(), 'data');
}

/** DATABASE_URL=postgres://… selects PostgreSQL; otherwise the embedded PGlite under the data dir. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    return { kind: 'postgres', url };
  }
  return { kind: 'pglite', dataDir: path.join(dataDirectory(env), 'pglite') };
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: Number(process.env.KAOHE_DB_POOL_SIZE ?? 10),
    });
    // an idle connection that the server drops (restart, failover, a forced drop) is re-emitted on the pool;
    // without a listener node-postgres would crash the process. The pool replaces the connection on next use.
    pool.on('error', (error) =>
      console.error(`[kaohe] PostgreSQL dropped an idle connection: ${error.message}`),
    );
    const db = drizzleNodePostgres(pool, { schema });
    await pool.query('select 1');
    return { db: db as unknown as Database, kind: 'postgres', pool, close: () => pool.end() };
  }
  let client: PGlite;
  if ('dataDir' in target) {
    // PGlite's own mkdir is not recursive
    mkdirSync(target.dataDir, { recursive: true });
    client = await PGlite.create(target.dataDir);
  } else {
    client = await PGlite.create(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
  }
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    pglite: client,
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/** The drizzle-kit output folder; found by walking up from this module (source, tests and build all sit below it). */
export function migrationsFolder(): string {
  const fromEnv = process.env.KAOHE_MIGRATIONS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'drizzle');
    if (existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('drizzle migrations folder not found; set KAOHE_MIGRATIONS_DIR');
    dir = parent;
  }
}

export function migrationJournal(): JournalEntry[] {
  const journal = JSON.parse(
    readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

/** Serialises migration and seeding across app servers sharing one PostgreSQL. */
const migrationLockKey = 7_345_201_901;

/** Applies pending migrations and returns the tag of the latest one applied. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<string> {
  const migrationsFolderPath = migrationsFolder();
  if (handle.kind === 'postgres') {
    await withAdvisoryLock(handle, () =>
      migrateNodePostgres(handle.db as never, { migrationsFolder: migrationsFolderPath }),
    );
  } else {
    await migratePglite(handle.db as never, { migrationsFolder: migrationsFolderPath });
  }
  const tag = await appliedMigrationTag(handle);
  if (!tag) throw new Error('no migration recorded after migrating');
  return tag;
}

export async function withAdvisoryLock<T>(handle: DatabaseHandle, run: () => Promise<T>): Promise<T> {
  if (!handle.pool) return run();
  // an advisory lock belongs to a connection: hold one client for the whole run
  const lockHolder = await handle.pool.connect();
  try {
    await lockHolder.query('select pg_advisory_lock($1)', [migrationLockKey]);
    try {
      return await run();
    } finally {
      await lockHolder.query('select pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    lockHolder.release();
  }
}

/** The tag (e.g. "0000_init") of the newest migration recorded in the database, or null before the first. */
export async function appliedMigrationTag(handle: DatabaseHandle): Promise<string | null> {
  const exists = await handle.db.execute<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) return null;
  const result = await handle.db.execute<{ created_at: string | number }>(
    sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  const latest = rowsOf<{ created_at: string | number }>(result)[0];
  if (!latest) return null;
  const entry = migrationJournal().find((candidate) => candidate.when === Number(latest.created_at));
  return entry?.tag ?? `unknown-${latest.created_at}`;
}

/** node-postgres returns { rows }, PGlite returns { rows } too, but drizzle types them differently. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

function repositoryRoot(): string {
  let dir = process.cwd();
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
