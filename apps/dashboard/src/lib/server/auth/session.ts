import { createHash, randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
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

export type SessionValidation = { session: Session; user: SessionUser } | { session: null; user: null };

export async function validateSessionToken(
  db: Database,
  token: string,
  now = new Date(),
): Promise<SessionValidation> {
  const sessionId = sessionIdFromToken(token);
  const rows = await db
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
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .leftJoin(units, eq(users.unitId, units.id))
    .where(eq(sessions.id, sessionId));
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
  return { session, user: { ...user, unitName: row.unitName } };
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
