import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { langCookieName, localeOf, parseLang, translator } from '$lib/i18n';
import { sessionCookieName, sessionCookieOptions, validateSessionToken } from '$lib/server/auth/session';
import { recordDenied } from '$lib/server/audit';
import { appDatabase, closeAppDatabase } from '$lib/server/db';
import { wasRefused } from '$lib/server/guard';

/** requests still being handled: the database closes only after them (a client that hung up leaves its request running) */
let inFlight = 0;
let drained: (() => void) | null = null;

export const init: ServerInit = async () => {
  // adapter-node waits for the event loop to drain on SIGTERM; an open pool or PGlite never drains
  process.once('sveltekit:shutdown', () => {
    const allDone = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
    const atMost = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
    void Promise.race([allDone, atMost]).then(() => closeAppDatabase());
  });
  // migrate and seed before the first request rather than during it
  if (process.env.KAOHE_DEFER_DB !== '1') await appDatabase();
};

/** Every request: language, then who is signed in (locals.user), then the response headers. */
export const handle: Handle = async ({ event, resolve }) => {
  inFlight += 1;
  try {
    event.locals.lang = parseLang(event.cookies.get(langCookieName));
    await authenticate(event);
    const response = await resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', localeOf(event.locals.lang)),
    });
    setSecurityHeaders(event, response);
    if (response.status === 403 || wasRefused(event.locals)) await logRefusal(event);
    return response;
  } finally {
    inFlight -= 1;
    if (inFlight === 0 && drained) drained();
  }
};

async function authenticate(event: RequestEvent): Promise<void> {
  event.locals.user = null;
  event.locals.session = null;
  const token = event.cookies.get(sessionCookieName);
  if (!token) return;
  const { db } = await appDatabase();
  const { session, user } = await validateSessionToken(db, token);
  if (session) {
    event.locals.user = user;
    event.locals.session = session;
    event.cookies.set(sessionCookieName, token, sessionCookieOptions(event.url, session.expiresAt));
  } else {
    event.cookies.delete(sessionCookieName, { path: '/' });
  }
}

/** A refused request goes to the audit log (rate-limited there); failing to log never changes the answer. */
async function logRefusal(event: RequestEvent): Promise<void> {
  try {
    await recordDenied((await appDatabase()).db, event);
  } catch (error) {
    console.error(`[${new Date().toISOString()}] could not log a refused request:`, error);
  }
}

function setSecurityHeaders(event: RequestEvent, response: Response): void {
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
  // pages show per-user data: never cache them in shared caches
  if (event.locals.user && !response.headers.has('cache-control'))
    response.headers.set('cache-control', 'private, no-store');
}

export const handleError: HandleServerError = ({ error, event, status }) => {
  const t = translator(parseLang(event.cookies.get(langCookieName)));
  if (status === 404) return { message: t('error.notFound') };
  // the stack goes to the server log, never to the user
  console.error(`[${new Date().toISOString()}] ${event.request.method} ${event.url.pathname}:`, error);
  return { message: t('error.server') };
};
