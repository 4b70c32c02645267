import {
  migrateDatabase,
  openDatabase,
  targetFromEnv,
  withAdvisoryLock,
  type Database,
  type DatabaseHandle,
  type DatabaseKind,
} from './open';
import { seedIfEmpty, type SeedKind } from '../demo/seed';

export type { Database, DatabaseHandle, DatabaseKind };

/** The app's database once it is migrated (and seeded on first start). */
export interface AppDatabase extends DatabaseHandle {
  /** tag of the newest applied migration, e.g. "0000_init" */
  migration: string;
}

let current: Promise<AppDatabase> | undefined;

/** Opens, migrates and seeds the database on first use; every later call gets the same one. */
export function appDatabase(): Promise<AppDatabase> {
  current ??= startDatabase().catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

/** Shorthand for loads and actions. */
export async function db(): Promise<Database> {
  return (await appDatabase()).db;
}

/** Tests hand the app a database they prepared (a clone of a migrated template, or a PostgreSQL schema). */
export function installDatabase(database: AppDatabase): void {
  current = Promise.resolve(database);
}

export async function closeAppDatabase(): Promise<void> {
  const opening = current;
  current = undefined;
  if (!opening) return;
  const database = await opening.catch(() => undefined);
  await database?.close();
}

export function seedKindFromEnv(env: NodeJS.ProcessEnv = process.env): SeedKind {
  const value = env.KAOHE_SEED ?? 'demo';
  if (value === 'demo' || value === 'bench' || value === 'none') return value;
  throw new Error(`KAOHE_SEED must be "demo", "bench" or "none", not "${value}"`);
}

async function startDatabase(): Promise<AppDatabase> {
  const handle = await openDatabase(targetFromEnv());
  try {
    const migration = await migrateDatabase(handle);
    await withAdvisoryLock(handle, () => seedIfEmpty(handle.db, seedKindFromEnv()));
    return { ...handle, migration };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
