import { and, eq } from 'drizzle-orm';
import type { RequestEvent } from '@sveltejs/kit';
import { loadCycleContext } from './assessment/context';
import { freezeResults } from './assessment/results';
import { recordAudit } from './audit';
import type { Database } from './db/open';
import { cycles, type CycleStatus } from './db/schema';

/** The only moves a cycle makes: 自查自评 → 复核 → 发布. A published cycle changes only by a new revision. */
export const nextStatus: Record<CycleStatus, CycleStatus | null> = {
  open: 'review',
  review: 'published',
  published: null,
};

export type StatusChange =
  | { ok: true; status: CycleStatus; version: number }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'conflict'; current: { status: CycleStatus; version: number } }
  | { ok: false; reason: 'invalidTransition'; from: CycleStatus; to: CycleStatus };

/**
 * Moves a cycle one step, if the caller saw its current version (optimistic locking). Runs in one transaction with
 * its audit entry and, when the step is publication, with freezing the results.
 */
export async function changeCycleStatus(
  db: Database,
  event: Pick<RequestEvent, 'locals' | 'getClientAddress'>,
  change: { cycleId: number; to: CycleStatus; expectedVersion: number },
): Promise<StatusChange> {
  return db.transaction(async (tx) => {
    const [cycle] = await tx.select().from(cycles).where(eq(cycles.id, change.cycleId)).for('update');
    if (!cycle) return { ok: false, reason: 'notFound' } as const;
    if (cycle.version !== change.expectedVersion) {
      return {
        ok: false,
        reason: 'conflict',
        current: { status: cycle.status, version: cycle.version },
      } as const;
    }
    if (nextStatus[cycle.status] !== change.to) {
      return { ok: false, reason: 'invalidTransition', from: cycle.status, to: change.to } as const;
    }
    let frozen: { revision: number; units: number } | null = null;
    if (change.to === 'published') {
      const context = await loadCycleContext(tx, cycle.id);
      if (!context) return { ok: false, reason: 'notFound' } as const;
      frozen = await freezeResults(tx, context, { createdBy: event.locals.user?.id ?? null, reason: null });
    }
    const now = new Date();
    const [updated] = await tx
      .update(cycles)
      .set({
        status: change.to,
        version: cycle.version + 1,
        updatedAt: now,
        publishedAt: change.to === 'published' ? now : cycle.publishedAt,
      })
      .where(and(eq(cycles.id, cycle.id), eq(cycles.version, cycle.version)))
      .returning({ status: cycles.status, version: cycles.version });
    if (!updated) throw new Error('cycle changed inside its own lock');
    await recordAudit(tx, event, {
      action: 'cycle.status',
      entityType: 'cycle',
      entityId: String(cycle.id),
      before: { status: cycle.status, version: cycle.version },
      after: frozen ? { ...updated, frozen } : updated,
    });
    return { ok: true, ...updated } as const;
  });
}
