import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open';
import { loginThrottle } from '../db/schema';

// Login throttling per account + client address, stored in the database: it survives restarts and is shared by
// every app server on the same PostgreSQL.

export const maxFailures = 5;
export const lockoutMs = 15 * 60 * 1000;
/** failures older than this are forgotten */
const failureWindowMs = 15 * 60 * 1000;

export function throttleKey(username: string, clientAddress: string): string {
  return `${username.trim().toLowerCase()}|${clientAddress}`;
}

/** When the key is locked, the time it opens again; otherwise null. */
export async function lockedUntil(db: Database, key: string, now = new Date()): Promise<Date | null> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  if (row?.lockedUntil && row.lockedUntil.getTime() > now.getTime()) return row.lockedUntil;
  return null;
}

/** Counts a failure; returns the lock's end when this failure locks the key. */
export async function recordFailure(db: Database, key: string, now = new Date()): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - failureWindowMs);
  const lockEnd = new Date(now.getTime() + lockoutMs);
  // one statement, so two concurrent failures both count
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.lastFailureAt} < ${windowStart.toISOString()}::timestamptz or ${loginThrottle.lockedUntil} <= ${now.toISOString()}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
        lastFailureAt: now,
        lockedUntil: sql`case when ${loginThrottle.lockedUntil} <= ${now.toISOString()}::timestamptz then null else ${loginThrottle.lockedUntil} end`,
      },
    })
    .returning();
  if (row && row.failures >= maxFailures) {
    await db.update(loginThrottle).set({ lockedUntil: lockEnd }).where(eq(loginThrottle.key, key));
    return lockEnd;
  }
  return null;
}

export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
