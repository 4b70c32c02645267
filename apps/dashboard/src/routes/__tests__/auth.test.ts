import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, loginThrottle, users } from '$lib/server/db/schema';
import { failedLoginRowsPerAddressPerMinute } from '$lib/server/audit';
import { sessionAbsoluteMs, sessionIdleMs } from '$lib/server/auth/session';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { migrationJournal } from '$lib/server/db/open';
import { call, databaseKinds, sessionTokenFor, useTestDatabase } from '../../../test/harness';
import { GET as health } from '../api/health/+server';
import { actions as loginActions, load as loginLoad } from '../login/+page.server';
import { actions as logoutActions } from '../logout/+page.server';
import { actions as langActions } from '../lang/+page.server';
import { load as homeLoad } from '../+page.server';

const login = loginActions.default;

describe.each(databaseKinds)('accounts and sessions on %s', (kind) => {
  let database: AppDatabase;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('reports the database kind and the latest migration', async () => {
    const { outcome } = await call(health, { url: '/api/health' });
    expect(outcome.kind).toBe('response');
    if (outcome.kind !== 'response') return;
    expect(await outcome.response.json()).toEqual({
      ok: true,
      db: kind,
      migration: migrationJournal().at(-1)!.tag,
    });
  });

  it('stores argon2id hashes, never passwords', async () => {
    const rows = await database.db.select({ hash: users.passwordHash }).from(users);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row.hash).toMatch(/^\$argon2id\$/);
  });

  it('logs in: an httpOnly session cookie whose token is stored only as its SHA-256', async () => {
    const { outcome, setCookies } = await call(login, {
      url: '/login',
      form: { username: 'Leader', password: 'kaohe-leader-2019', next: '/rankings' },
    });
    expect(outcome).toMatchObject({ kind: 'redirect', status: 303, location: '/rankings' });
    const token = setCookies.get('kaohe_session');
    expect(token).toBeTruthy();
    expect(Buffer.from(token!, 'base64url').length).toBeGreaterThanOrEqual(20);
    const stored = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, createHash('sha256').update(token!).digest('hex')));
    expect(stored).toHaveLength(1);
    const byToken = await database.db.select().from(sessions).where(eq(sessions.id, token!));
    expect(byToken).toHaveLength(0);
  });

  it('refuses an open redirect after login', async () => {
    const { outcome } = await call(login, {
      url: '/login',
      form: { username: 'leader', password: 'kaohe-leader-2019', next: '//evil.example/' },
    });
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/' });
  });

  it('rejects a wrong password with a Chinese message and sets no cookie', async () => {
    const { outcome, setCookies } = await call(login, {
      url: '/login',
      form: { username: 'reviewer', password: 'wrong' },
      clientAddress: '10.0.0.9',
    });
    expect(outcome).toMatchObject({
      kind: 'failure',
      status: 400,
      data: { errors: { _: '用户名或密码不正确。' } },
    });
    expect(setCookies.has('kaohe_session')).toBe(false);
  });

  it('shows field errors for an empty form', async () => {
    const { outcome } = await call(login, { url: '/login', form: { username: '', password: '' } });
    expect(outcome.kind).toBe('failure');
    if (outcome.kind !== 'failure') return;
    const errors = outcome.data.errors as Record<string, string>;
    expect(errors.username).toMatch(/[\u4e00-\u9fff]/);
    expect(errors.password).toMatch(/[\u4e00-\u9fff]/);
  });

  it('locks an account + address after 5 failures, in the database, even for the right password', async () => {
    const address = '10.1.2.3';
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const { outcome } = await call(login, {
        url: '/login',
        form: { username: 'admin', password: `bad-${attempt}` },
        clientAddress: address,
      });
      expect(outcome).toMatchObject({ kind: 'failure', status: 400 });
    }
    const fifth = await call(login, {
      url: '/login',
      form: { username: 'admin', password: 'bad-5' },
      clientAddress: address,
    });
    expect(fifth.outcome).toMatchObject({ kind: 'failure', status: 429 });
    const right = await call(login, {
      url: '/login',
      form: { username: 'admin', password: 'kaohe-admin-2019' },
      clientAddress: address,
    });
    expect(right.outcome).toMatchObject({ kind: 'failure', status: 429 });
    expect(right.setCookies.has('kaohe_session')).toBe(false);
    const [row] = await database.db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, `admin|${address}`));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
    // another address is not locked out by someone else's guessing
    const elsewhere = await call(login, {
      url: '/login',
      form: { username: 'admin', password: 'kaohe-admin-2019' },
      clientAddress: '10.9.9.9',
    });
    expect(elsewhere.outcome).toMatchObject({ kind: 'redirect', status: 303 });
  });

  it('logs failed logins, but at most 20 a minute from one address trying made-up usernames', async () => {
    const address = '10.4.4.4';
    const logged = async () =>
      (
        await database.db
          .select({ after: auditLog.after })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'auth.login.failed'), eq(auditLog.clientAddress, address)))
      ).length;
    for (let attempt = 1; attempt <= failedLoginRowsPerAddressPerMinute + 3; attempt += 1) {
      const { outcome } = await call(login, {
        url: '/login',
        form: { username: `nobody-${attempt}`, password: 'guess' },
        clientAddress: address,
      });
      expect(outcome).toMatchObject({ kind: 'failure', status: 400 });
    }
    expect(await logged()).toBe(failedLoginRowsPerAddressPerMinute);
    const [first] = await database.db
      .select({ after: auditLog.after, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login.failed'), eq(auditLog.clientAddress, address)))
      .orderBy(asc(auditLog.id))
      .limit(1);
    expect(first).toEqual({ after: { username: 'nobody-1', locked: false }, actorId: null });
    // another address is still logged
    await call(login, {
      url: '/login',
      form: { username: 'admin', password: 'wrong' },
      clientAddress: '10.4.4.5',
    });
    const [other] = await database.db
      .select({ entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login.failed'), eq(auditLog.clientAddress, '10.4.4.5')));
    expect(other?.entityId).toMatch(/^\d+$/);
  });

  it('logout deletes the session row, so the cookie cannot be replayed', async () => {
    const token = await sessionTokenFor(database, 'leader');
    expect(expectUser(await call(homeLoad, { url: '/', token }))).toBe(true);
    const { outcome, setCookies } = await call(logoutActions.default, { url: '/logout', form: {}, token });
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/login' });
    expect(setCookies.get('kaohe_session')).toBe('');
    const replay = await call(homeLoad, { url: '/', token });
    expect(replay.outcome).toMatchObject({ kind: 'redirect', status: 303, location: '/login?next=%2F' });
  });

  it('an expired session is deleted and treated as anonymous', async () => {
    const token = await sessionTokenFor(database, 'reviewer');
    const id = createHash('sha256').update(token).digest('hex');
    await database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, id));
    const { outcome } = await call(homeLoad, { url: '/', token });
    expect(outcome.kind).toBe('redirect');
    expect(await database.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it('slides the expiry forward when the session is used late in its life', async () => {
    const token = await sessionTokenFor(database, 'reviewer');
    const id = createHash('sha256').update(token).digest('hex');
    const soon = new Date(Date.now() + 60 * 1000);
    await database.db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, id));
    await call(homeLoad, { url: '/', token });
    const [row] = await database.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(soon.getTime() + 60 * 60 * 1000);
  });

  it('ends a session 12 hours after login however active it is (absolute lifetime)', async () => {
    const token = await sessionTokenFor(database, 'reviewer');
    const id = createHash('sha256').update(token).digest('hex');
    const loggedIn = new Date(Date.now() - sessionAbsoluteMs - 1000);
    // used a minute ago, so the idle expiry alone would keep it alive for hours
    await database.db
      .update(sessions)
      .set({ createdAt: loggedIn, expiresAt: new Date(Date.now() + sessionIdleMs - 60_000) })
      .where(eq(sessions.id, id));
    const { outcome, setCookies } = await call(homeLoad, { url: '/', token });
    expect(outcome).toMatchObject({ kind: 'redirect', status: 303 });
    expect(setCookies.get('kaohe_session')).toBe('');
    expect(await database.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it('never slides the expiry past the absolute end', async () => {
    const token = await sessionTokenFor(database, 'reviewer');
    const id = createHash('sha256').update(token).digest('hex');
    const loggedIn = new Date(Date.now() - sessionAbsoluteMs + 30 * 60_000);
    await database.db
      .update(sessions)
      .set({ createdAt: loggedIn, expiresAt: new Date(Date.now() + 60_000) })
      .where(eq(sessions.id, id));
    const { locals } = await call(homeLoad, { url: '/', token });
    expect(locals.user?.username).toBe('reviewer');
    const [row] = await database.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row!.expiresAt.getTime()).toBe(loggedIn.getTime() + sessionAbsoluteMs);
    expect(locals.session?.expiresAt.getTime()).toBe(loggedIn.getTime() + sessionAbsoluteMs);
  });

  it('a new session expires after the idle limit, well before the absolute one', async () => {
    const { setCookies } = await call(login, {
      url: '/login',
      form: { username: 'leader', password: 'kaohe-leader-2019' },
      clientAddress: '10.3.3.3',
    });
    const token = setCookies.get('kaohe_session')!;
    const [row] = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, createHash('sha256').update(token).digest('hex')));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(sessionIdleMs);
    expect(sessionIdleMs).toBeLessThan(sessionAbsoluteMs);
  });

  it('a signed-in user is sent on from the login page', async () => {
    const token = await sessionTokenFor(database, 'leader');
    const { outcome } = await call(loginLoad, { url: '/login?next=/rankings', token });
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/rankings' });
  });

  it('switches the language with a cookie and answers in English afterwards', async () => {
    const { outcome, setCookies } = await call(langActions.default, {
      url: '/lang',
      form: { lang: 'en', next: '/rankings' },
    });
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/rankings' });
    expect(setCookies.get('lang')).toBe('en');
    const wrong = await call(login, {
      url: '/login',
      form: { username: 'leader', password: 'nope' },
      lang: 'en',
      clientAddress: '10.7.7.7',
    });
    expect(wrong.outcome).toMatchObject({
      kind: 'failure',
      data: { errors: { _: 'Wrong username or password.' } },
    });
  });
});

function expectUser(result: { locals: App.Locals }): boolean {
  return result.locals.user !== null;
}
