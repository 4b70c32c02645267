import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { langCookieName, localeOf, parseLang, translator } from '$lib/i18n';
import {
  sessionCookieName,
  sessionCookieOptions,
  validateSessionToken,
  type ContentVersion,
  type SessionUser,
} from '$lib/server/auth/session';
import { recordDenied } from '$lib/server/audit';
import { appDatabase, closeAppDatabase } from '$lib/server/db';
import { wasRefused } from '$lib/server/guard';
import {
  acceptsGzip,
  beginRender,
  cacheKey,
  fillTemplate,
  fillTemplateGzip,
  isCandidate,
  isPublishedView,
  lookup,
  makeTemplate,
  pageCacheSettings,
  pendingRender,
  renderAsTemplate,
  type PageTemplate,
} from '$lib/server/page-cache';

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
  // a bad KAOHE_PAGE_CACHE or KAOHE_PAGE_CACHE_MB stops the start with its message, not every request
  pageCacheSettings();
  // migrate and seed before the first request rather than during it
  if (process.env.KAOHE_DEFER_DB !== '1') await appDatabase();
};

/** Every request: language, then who is signed in (locals.user), then the response headers. */
export const handle: Handle = async ({ event, resolve }) => {
  inFlight += 1;
  try {
    event.locals.lang = parseLang(event.cookies.get(langCookieName));
    const version = await authenticate(event);
    const options = {
      transformPageChunk: ({ html }: { html: string }) => html.replace('%lang%', localeOf(event.locals.lang)),
    };
    const response =
      version && event.locals.user
        ? await sharedPage(event, event.locals.user, version, () => resolve(event, options))
        : await resolve(event, options);
    setSecurityHeaders(event, response);
    if (response.status === 403 || wasRefused(event.locals)) await logRefusal(event);
    return response;
  } finally {
    inFlight -= 1;
    if (inFlight === 0 && drained) drained();
  }
};

/** Sets locals.user; for a page that may be shared (page-cache.ts), returns the content version read with the session. */
async function authenticate(event: RequestEvent): Promise<ContentVersion | null> {
  event.locals.user = null;
  event.locals.session = null;
  const token = event.cookies.get(sessionCookieName);
  if (!token) return null;
  const { db } = await appDatabase();
  const validation = await validateSessionToken(db, token);
  if (validation.session) {
    event.locals.user = validation.user;
    event.locals.session = validation.session;
    event.cookies.set(
      sessionCookieName,
      token,
      sessionCookieOptions(event.url, validation.session.expiresAt),
    );
    return isCandidate(event.request, event.url) ? validation.contentVersion : null;
  }
  event.cookies.delete(sessionCookieName, { path: '/' });
  return null;
}

/**
 * A page that may be shared: from the cache with the viewer's name spliced in, or rendered with markers for the name
 * (the layout), kept if the load said it is a published view, and filled in for this viewer either way.
 */
async function sharedPage(
  event: RequestEvent,
  user: SessionUser,
  version: ContentVersion,
  render: () => Response | Promise<Response>,
): Promise<Response> {
  const { db } = await appDatabase();
  const key = cacheKey(version, user, event.locals.lang, event.url);
  const cached = lookup(db, version, key) ?? (await pendingRender(db, version, key));
  if (cached) return filledResponse(event, cached, user);
  const settle = beginRender(db, version, key);
  let template: PageTemplate | null = null;
  try {
    renderAsTemplate(event.locals);
    const response = await render();
    const contentType = response.headers.get('content-type') ?? '';
    // a redirect, or no page rendered at all (the server tests call loads directly): nothing to fill in
    if (!contentType.startsWith('text/html') || !response.body) return response;
    const page = makeTemplate(await response.text(), contentType);
    if (response.status === 200 && isPublishedView(event.locals)) template = page;
    const headers = new Headers(response.headers);
    // the page's hash and length were of the template
    headers.delete('etag');
    headers.delete('content-length');
    return new Response(filledBody(event, page, user, headers), { status: response.status, headers });
  } finally {
    settle(template);
  }
}

/** The page for this viewer, gzipped if the client takes it (pages are kept compressed: most of a kept page's cost is writing its bytes). */
function filledBody(
  event: RequestEvent,
  template: PageTemplate,
  user: SessionUser,
  headers: Headers,
): Uint8Array<ArrayBuffer> {
  headers.set('vary', 'accept-encoding');
  if (!acceptsGzip(event.request)) return fillTemplate(template, user);
  headers.set('content-encoding', 'gzip');
  return fillTemplateGzip(template, user);
}

function filledResponse(event: RequestEvent, template: PageTemplate, user: SessionUser): Response {
  const headers = new Headers({ 'content-type': template.contentType });
  // resolve() did not run, so the refreshed session cookie is added here
  const session = event.locals.session;
  const token = event.cookies.get(sessionCookieName);
  if (session && token)
    headers.append(
      'set-cookie',
      event.cookies.serialize(sessionCookieName, token, sessionCookieOptions(event.url, session.expiresAt)),
    );
  return new Response(filledBody(event, template, user, headers), { status: 200, headers });
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
