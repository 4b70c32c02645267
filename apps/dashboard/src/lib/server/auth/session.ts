import { createHash, randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/open';
import { sessions, units, users, type Role } from '../db/schema';

// Sessions as in the Lucia example: a random token in the cookie, only its SHA-256 in the database.

export const sessionCookieName = 'kaohe_session';
/** inactivity limit: the expiry slides forward while the session is used */
export const sessionIdleMs = 2 * 60 * 60 * 1000;
/** absolute limit: a working day after login the session ends however active it is (a stolen cookie does not live on) */
export const sessionAbsoluteMs = 12 * 60 * 60 * 1000;
/** refresh the expiry once less than this remains, not on every request */
const refreshWhenRemainingMs = sessionIdleMs / 2;

/** The expiry a session gets when used at `now`: idle limit, never past the absolute one. */
export function slidingExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + sessionIdleMs, createdAt.getTime() + sessionAbsoluteMs));
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
}

export interface Session {
  id: string;
  userId: number;
  expiresAt: Date;
  /** login time: the absolute lifetime counts from here */
  createdAt: Date;
}

/** 160 bits from the CSPRNG, base64url (27 characters). */
export function generateSessionToken(): string {
  return randomBytes(20).toString('base64url');
}

export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Database,
  token: string,
  userId: number,
  now = new Date(),
): Promise<Session> {
  const session: Session = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: slidingExpiry(now, now),
    createdAt: now,
  };
  await db.insert(sessions).values(session);
  return session;
}

/**
 * The content version read in the same statement as the session (page-cache.ts): the newest audit id, and whether no
 * write transaction was in flight at that moment.
 */
export interface ContentVersion {
  id: string;
  settled: boolean;
}

export type SessionValidation =
  { session: Session; user: SessionUser; contentVersion: ContentVersion } | { session: null; user: null };

// The one query every signed-in request makes, prepared once per database (no SQL building per request).
const lookups = new WeakMap<Database, ReturnType<typeof prepareLookup>>();

/** PGlite serves one connection, and its transactions hold it: no other write can be in flight during a query. */
function isEmbedded(db: Database): boolean {
  const client = (db as unknown as { $client?: object }).$client;
  return client !== undefined && 'waitReady' in client;
}

function prepareLookup(db: Database) {
  // no other connection to this database (as the app's role: its own connections) holds a transaction id, i.e. no
  // write is in flight; other databases on the same server do not count. (It costs PGlite 0.6 ms, and cannot be false
  // there.)
  const settled = isEmbedded(db)
    ? sql<boolean>`true`
    : sql<boolean>`not exists (select 1 from pg_stat_activity where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid())`;
  return db
    .select({
      session: {
        id: sessions.id,
        userId: sessions.userId,
        expiresAt: sessions.expiresAt,
        createdAt: sessions.createdAt,
      },
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        unitId: users.unitId,
        active: users.active,
      },
      unitName: units.name,
      contentVersion: sql<string>`coalesce((select max(id) from audit_log), 0)::text`,
      settled,
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .leftJoin(units, eq(users.unitId, units.id))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .prepare('kaohe_session_lookup');
}

export async function validateSessionToken(
  db: Database,
  token: string,
  now = new Date(),
): Promise<SessionValidation> {
  const sessionId = sessionIdFromToken(token);
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = prepareLookup(db);
    lookups.set(db, lookup);
  }
  const rows = await lookup.execute({ sessionId });
  const row = rows[0];
  if (!row) return { session: null, user: null };
  const absoluteEnd = row.session.createdAt.getTime() + sessionAbsoluteMs;
  if (now.getTime() >= row.session.expiresAt.getTime() || now.getTime() >= absoluteEnd || !row.user.active) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return { session: null, user: null };
  }
  const session: Session = { ...row.session };
  const extended = slidingExpiry(row.session.createdAt, now);
  const remaining = row.session.expiresAt.getTime() - now.getTime();
  if (remaining < refreshWhenRemainingMs && extended.getTime() > row.session.expiresAt.getTime()) {
    session.expiresAt = extended;
    await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, sessionId));
  }
  const { active: _active, ...user } = row.user;
  return {
    session,
    user: { ...user, unitName: row.unitName },
    contentVersion: { id: row.contentVersion, settled: row.settled },
  };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (deactivation, password reset), except `keepSessionId` (the caller's own); returns how many. */
export async function invalidateUserSessions(
  db: Database,
  userId: number,
  keepSessionId?: string,
): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(
      keepSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
        : eq(sessions.userId, userId),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** Secure everywhere except plain-http localhost, where browsers would drop a Secure cookie. */
export function sessionCookieOptions(url: URL, expiresAt: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: !isLocalhost(url.hostname),
    expires: expiresAt,
  };
}

export function isLocalhost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname === '::1';
}
