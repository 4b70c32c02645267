import type { RequestEvent } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from './db/open';
import { auditLog } from './db/schema';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** defaults to the signed-in user */
  actorId?: number | null;
}

/** Appends to the audit log; pass the transaction when the change itself is in one. */
export async function recordAudit(
  db: Database,
  event: Pick<RequestEvent, 'locals' | 'getClientAddress'>,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    actorId: entry.actorId ?? event.locals.user?.id ?? null,
    clientAddress: clientAddress(event),
  });
}

function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}

// Refused requests (403) go to the audit log too, but a script hammering forbidden URLs must not grow it without
// bound: at most one row per caller (user, or client address when anonymous), method and path per minute, and at
// most `deniedRowsPerCallerPerMinute` rows per caller per minute whatever the paths.
export const deniedDedupMs = 60_000;
export const deniedRowsPerCallerPerMinute = 20;
/** per database, the keys this process logged within the minute: no database round trip for a repeat */
const recentDenialsByDatabase = new WeakMap<Database, Map<string, number>>();
const recentDenialsMax = 10_000;

/** Logs a refused request as 'access.denied' unless the limits above say it was logged already; returns whether it wrote. */
export async function recordDenied(
  db: Database,
  event: Pick<RequestEvent, 'locals' | 'getClientAddress' | 'url' | 'request'>,
  now = new Date(),
): Promise<boolean> {
  const actorId = event.locals.user?.id ?? null;
  const address = clientAddress(event);
  const method = event.request.method;
  // the path only: query strings are unbounded and may carry data
  const path = event.url.pathname.slice(0, 300);
  const target = `${method} ${path}`;
  const caller = actorId !== null ? `user:${actorId}` : `address:${address ?? '?'}`;
  const key = `${caller}|${target}`;
  let recentDenials = recentDenialsByDatabase.get(db);
  if (!recentDenials) recentDenialsByDatabase.set(db, (recentDenials = new Map()));
  const seen = recentDenials.get(key);
  if (seen !== undefined && now.getTime() - seen < deniedDedupMs) return false;
  if (recentDenials.size >= recentDenialsMax) recentDenials.clear();
  recentDenials.set(key, now.getTime());

  const since = new Date(now.getTime() - deniedDedupMs).toISOString();
  const sameCaller =
    actorId !== null
      ? sql`${auditLog.actorId} = ${actorId}`
      : sql`${auditLog.actorId} is null and ${auditLog.clientAddress} is not distinct from ${address}`;
  const after = JSON.stringify({ method, path, role: event.locals.user?.role ?? null });
  // one statement: the checks and the insert see the same snapshot (other app servers may log the same minute)
  const result = await db.execute(sql`
    insert into ${auditLog} (actor_id, action, entity_type, entity_id, after, client_address, at)
    select ${actorId}, 'access.denied', 'request', ${target}, ${after}::jsonb, ${address}, ${now.toISOString()}::timestamptz
    where not exists (
      select 1 from ${auditLog}
      where ${auditLog.action} = 'access.denied' and ${auditLog.entityType} = 'request'
        and ${auditLog.entityId} = ${target} and ${auditLog.at} > ${since}::timestamptz and ${sameCaller}
    )
    and (
      select count(*) from ${auditLog}
      where ${auditLog.action} = 'access.denied' and ${auditLog.at} > ${since}::timestamptz and ${sameCaller}
    ) < ${deniedRowsPerCallerPerMinute}
    returning id`);
  return rowsOf(result).length > 0;
}

// Failed logins go to the audit log too, but one address trying made-up usernames must not grow it without bound
// (the throttle locks a username + address, not an address trying new usernames): at most this many rows per
// client address per minute. The throttle keeps counting beyond it.
export const failedLoginRowsPerAddressPerMinute = 20;

/** Logs a failed login as 'auth.login.failed' unless its address reached the limit above; returns whether it wrote. */
export async function recordLoginFailure(
  db: Database,
  event: Pick<RequestEvent, 'getClientAddress'>,
  failure: { userId: number | null; username: string; locked: boolean },
  now = new Date(),
): Promise<boolean> {
  const address = clientAddress(event);
  const since = new Date(now.getTime() - 60_000).toISOString();
  // the typed username only up to a sane length: it is attacker-controlled
  const after = JSON.stringify({ username: failure.username.slice(0, 100), locked: failure.locked });
  const result = await db.execute(sql`
    insert into ${auditLog} (actor_id, action, entity_type, entity_id, after, client_address, at)
    select null, 'auth.login.failed', 'user', ${failure.userId === null ? null : String(failure.userId)},
      ${after}::jsonb, ${address}, ${now.toISOString()}::timestamptz
    where (
      select count(*) from ${auditLog}
      where ${auditLog.action} = 'auth.login.failed' and ${auditLog.at} > ${since}::timestamptz
        and ${auditLog.clientAddress} is not distinct from ${address}
    ) < ${failedLoginRowsPerAddressPerMinute}
    returning id`);
  return rowsOf(result).length > 0;
}
