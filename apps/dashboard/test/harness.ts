import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isActionFailure, isHttpError, isRedirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { createSession, generateSessionToken, sessionCookieName } from '../src/lib/server/auth/session';
import { installDatabase, type AppDatabase } from '../src/lib/server/db';
import { appliedMigrationTag, openDatabase } from '../src/lib/server/db/open';
import { cycles, programmes, users } from '../src/lib/server/db/schema';
import { handle } from '../src/hooks.server';

// Calls the app's real loads, actions and endpoints with real Requests, through the real hooks (cookie → session →
// locals.user), against a real database: a clone of the migrated, seeded template on PGlite or PostgreSQL.

export const databaseKinds = ['pglite', 'postgres'] as const;
export type TestDatabaseKind = (typeof databaseKinds)[number];

export async function openTestDatabase(kind: TestDatabaseKind): Promise<AppDatabase> {
  if (kind === 'pglite') {
    const template = readFileSync(inject('pgliteTemplatePath'));
    const handle = await openDatabase({ kind: 'pglite', memory: true, loadDataDir: new Blob([template]) });
    return { ...handle, migration: (await appliedMigrationTag(handle)) ?? 'none' };
  }
  const adminUrl = inject('postgresUrl');
  const name = `kaohe_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('postgresTemplateDatabase')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...handle,
    migration: (await appliedMigrationTag(handle)) ?? 'none',
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Opens a clone and makes it the app's database for this test file. */
export async function useTestDatabase(kind: TestDatabaseKind): Promise<AppDatabase> {
  const database = await openTestDatabase(kind);
  installDatabase(database);
  return database;
}

/** The id of a seeded cycle, by its programme's slug and its own. */
export async function cycleIdOf(
  database: AppDatabase,
  programmeSlug: string,
  cycleSlug: string,
): Promise<number> {
  const [row] = await database.db
    .select({ id: cycles.id })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .where(and(eq(programmes.slug, programmeSlug), eq(cycles.slug, cycleSlug)));
  if (!row) throw new Error(`no cycle ${programmeSlug}/${cycleSlug}`);
  return row.id;
}

/** A session cookie value for a seeded (or test-created) account, as the login action would issue. */
export async function sessionTokenFor(database: AppDatabase, username: string): Promise<string> {
  const [user] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw new Error(`no user ${username}`);
  const token = generateSessionToken();
  await createSession(database.db, token, user.id);
  return token;
}

export type Outcome<T = unknown> =
  | { kind: 'ok'; status: 200; value: T }
  | { kind: 'response'; status: number; response: Response }
  | { kind: 'error'; status: number; body: App.Error }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'failure'; status: number; data: Record<string, unknown> };

export interface CallOptions {
  method?: string;
  /** path and query, e.g. "/rankings?group=cities" */
  url: string;
  params?: Record<string, string>;
  routeId?: string;
  /** the session token to send in the cookie */
  token?: string;
  lang?: 'zh' | 'en';
  headers?: Record<string, string>;
  form?: Record<string, string>;
  /** a multipart form (file uploads) */
  multipart?: FormData;
  json?: unknown;
  clientAddress?: string;
}

export interface CallResult<T> {
  outcome: Outcome<T>;
  /** cookies the request set (name → value; "" when deleted) */
  setCookies: Map<string, string>;
  locals: App.Locals;
}

const origin = 'http://localhost:5173';

/** The RequestEvent SvelteKit would hand to a hook, load, action or endpoint for `request`. */
export function requestEvent(parts: {
  request: Request;
  url: URL;
  cookies: Cookies;
  params?: Record<string, string>;
  routeId?: string;
  clientAddress?: string;
}): RequestEvent {
  return {
    request: parts.request,
    url: parts.url,
    params: parts.params ?? {},
    route: { id: parts.routeId ?? parts.url.pathname },
    cookies: parts.cookies,
    locals: {} as App.Locals,
    platform: undefined,
    fetch,
    getClientAddress: () => parts.clientAddress ?? '127.0.0.1',
    setHeaders: () => undefined,
    isDataRequest: false,
    isSubRequest: false,
    isRemoteRequest: false,
    // what a load's event adds; the pages under test do not depend on their layout's data
    parent: async () => ({}),
    depends: () => undefined,
    untrack: <R>(run: () => R) => run(),
  } as unknown as RequestEvent;
}

/** Runs `handler` (a load, an action or an endpoint) as SvelteKit would, behind the app's `handle` hook. */
export async function call<T>(
  // a load (ServerLoadEvent), an action or an endpoint (RequestEvent): the event built below serves all three
  handler: ((event: never) => T | Promise<T>) | undefined,
  options: CallOptions,
): Promise<CallResult<Awaited<T>>> {
  if (!handler) throw new Error('no such action');
  const url = new URL(options.url, origin);
  const headers = new Headers(options.headers);
  const cookieHeader: string[] = [];
  if (options.token) cookieHeader.push(`${sessionCookieName}=${options.token}`);
  if (options.lang) cookieHeader.push(`lang=${options.lang}`);
  if (cookieHeader.length) headers.set('cookie', cookieHeader.join('; '));
  if (!headers.has('accept')) headers.set('accept', 'text/html');
  let body: BodyInit | undefined;
  if (options.form) {
    body = new URLSearchParams(options.form);
    headers.set('content-type', 'application/x-www-form-urlencoded');
    headers.set('origin', origin);
  } else if (options.multipart) {
    // the Request sets the multipart content-type with its boundary
    body = options.multipart;
    headers.set('origin', origin);
  } else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set('content-type', 'application/json');
  }
  const method = options.method ?? (body ? 'POST' : 'GET');
  const request = new Request(url, { method, headers, body });
  const requestCookies = parseCookieHeader(headers.get('cookie') ?? '');
  const setCookies = new Map<string, string>();
  const cookies: Cookies = {
    get: (name) => (setCookies.has(name) ? setCookies.get(name) || undefined : requestCookies.get(name)),
    getAll: () => [...requestCookies].map(([name, value]) => ({ name, value })),
    set: (name, value) => void setCookies.set(name, value),
    delete: (name) => void setCookies.set(name, ''),
    serialize: (name, value) => `${name}=${value}`,
  };
  const event = requestEvent({
    request,
    url,
    cookies,
    params: options.params,
    routeId: options.routeId,
    clientAddress: options.clientAddress,
  });

  let outcome: Outcome<Awaited<T>> | undefined;
  const capture = async (inner: RequestEvent): Promise<Response> => {
    try {
      const value = await handler(inner as never);
      if (value instanceof Response) outcome = { kind: 'response', status: value.status, response: value };
      else if (isActionFailure(value))
        outcome = {
          kind: 'failure',
          status: value.status,
          data: value.data as unknown as Record<string, unknown>,
        };
      else outcome = { kind: 'ok', status: 200, value: value as Awaited<T> };
    } catch (thrown) {
      if (isHttpError(thrown)) outcome = { kind: 'error', status: thrown.status, body: thrown.body };
      else if (isRedirect(thrown))
        outcome = { kind: 'redirect', status: thrown.status, location: thrown.location };
      else throw thrown;
    }
    return new Response(null);
  };
  try {
    await handle({ event, resolve: (inner) => capture(inner) });
  } catch (thrown) {
    // thrown by a hook itself (not by the handler)
    if (isHttpError(thrown)) outcome = { kind: 'error', status: thrown.status, body: thrown.body };
    else if (isRedirect(thrown))
      outcome = { kind: 'redirect', status: thrown.status, location: thrown.location };
    else throw thrown;
  }
  if (!outcome) throw new Error('handler did not run');
  return { outcome, setCookies, locals: event.locals };
}

function parseCookieHeader(header: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0) result.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return result;
}

/** The value of a load or action that succeeded; fails the test with what happened instead. */
export function expectOk<T>(result: CallResult<T>): T {
  if (result.outcome.kind !== 'ok')
    throw new Error(`expected success, got ${JSON.stringify(summarize(result.outcome))}`);
  return result.outcome.value;
}

export function summarize(outcome: Outcome): unknown {
  if (outcome.kind === 'ok') return { kind: 'ok' };
  if (outcome.kind === 'response') return { kind: 'response', status: outcome.status };
  return outcome;
}
