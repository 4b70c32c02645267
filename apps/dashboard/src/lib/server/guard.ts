import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import type { Role } from './db/schema';
import type { SessionUser } from './auth/session';

// The one place that decides who may do what. Every load, action and endpoint calls it: a layout guard protects
// neither actions nor endpoints.

type GuardEvent = Pick<RequestEvent, 'locals' | 'url' | 'request'>;

export const readerRoles: readonly Role[] = ['admin', 'reviewer', 'leader', 'assessor'];

/** The signed-in user; anonymous page loads go to the login page, anything else gets 401. */
export function requireUser(event: GuardEvent): SessionUser {
  const user = event.locals.user;
  if (user) return user;
  const t = translator(event.locals.lang);
  const isPageRead = event.request.method === 'GET' && !event.url.pathname.startsWith('/api/');
  if (isPageRead && wantsHtml(event.request)) {
    const next = event.url.pathname + event.url.search;
    redirect(303, `/login?next=${encodeURIComponent(next)}`);
  }
  error(401, { message: t('auth.required') });
}

export function requireRole(event: GuardEvent, roles: readonly Role[]): SessionUser {
  const user = requireUser(event);
  if (!roles.includes(user.role)) forbidden(event);
  return user;
}

export type UnitAccess = 'read' | 'write';

/**
 * A unit's own data (self-evaluation drafts, evidence, breakdown): an assessor only for the unit they are bound to;
 * reviewers, leaders and admins read every unit; only the unit's assessor writes.
 */
export function requireUnitAccess(event: GuardEvent, unitId: number, access: UnitAccess): SessionUser {
  const user = requireUser(event);
  if (!canAccessUnit(user, unitId, access)) forbidden(event);
  return user;
}

export function canAccessUnit(user: SessionUser, unitId: number, access: UnitAccess): boolean {
  if (user.role === 'assessor') return user.unitId === unitId;
  if (access === 'read') return true;
  return false;
}

/** requests refused here; the handle hook logs them (audit.ts recordDenied) once the response is ready */
const refused = new WeakSet<App.Locals>();

export function forbidden(event: Pick<RequestEvent, 'locals'>): never {
  refused.add(event.locals);
  error(403, { message: translator(event.locals.lang)('error.forbidden') });
}

/** Whether the guard refused this request (also when the 403 is rendered as page data, with status 200). */
export function wasRefused(locals: App.Locals): boolean {
  return refused.has(locals);
}

function wantsHtml(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}
