import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from './db/open';
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
