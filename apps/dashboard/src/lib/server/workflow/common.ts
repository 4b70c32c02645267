import { error, type RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { translator, type Lang, type MessageKey } from '$lib/i18n';
import { loadCycleContext, type CycleContext, type UnitInfo } from '../assessment/context';
import type { Database } from '../db/open';
import { cycles, type CycleStatus, type EntryKind } from '../db/schema';

// Shared by the self-evaluation, review and publishing actions: the 403 that explains itself, the cycle read under a
// lock inside the write's transaction, and the form value helpers.

export type WorkflowEvent = Pick<RequestEvent, 'locals' | 'getClientAddress' | 'url' | 'request'>;

type Params = Record<string, string | number>;

/** 403 with the reason in the user's language; nothing has been written when it is thrown. */
export function deny(lang: Lang, key: MessageKey, params?: Params): never {
  error(403, { message: translator(lang)(key, params) });
}

/** A message of i18n.ts in the user's language. */
export function say(lang: Lang, key: MessageKey, params?: Params): string {
  return translator(lang)(key, params);
}

export function notFound(lang: Lang, key: MessageKey, params?: Params): never {
  error(404, { message: translator(lang)(key, params) });
}

/** Entry ids listed the way the language lists them (、 in Chinese). */
export function listOf(lang: Lang, items: readonly string[]): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** The cycle and its unit, or 404. */
export async function cycleAndUnit(
  database: Database,
  cycleId: number,
  unitId: number,
  lang: Lang,
): Promise<{ context: CycleContext; unit: UnitInfo }> {
  const context = await loadCycleContext(database, cycleId);
  if (!context) notFound(lang, 'self.noCycle', { id: cycleId });
  const unit = context.units.find((candidate) => candidate.id === unitId);
  if (!unit) notFound(lang, 'self.unitNotInCycle', { id: unitId });
  return { context, unit };
}

/**
 * The cycle's status read with a row lock inside the caller's transaction: an admin closing or publishing the cycle
 * waits for the write in progress, and a write that starts after it sees the new status.
 */
export async function lockedCycleStatus(tx: Database, cycleId: number): Promise<CycleStatus | null> {
  const [row] = await tx
    .select({ status: cycles.status })
    .from(cycles)
    .where(eq(cycles.id, cycleId))
    .for('share');
  return row?.status ?? null;
}

export const entryKey = (entryKind: EntryKind | string, entryId: string) => `${entryKind}:${entryId}`;

export function entryWhere<
  T extends {
    cycleId: Parameters<typeof eq>[0];
    unitId: Parameters<typeof eq>[0];
    entryKind: Parameters<typeof eq>[0];
    entryId: Parameters<typeof eq>[0];
  },
>(table: T, cycleId: number, unitId: number, entryKind: EntryKind, entryId: string) {
  return and(
    eq(table.cycleId, cycleId),
    eq(table.unitId, unitId),
    eq(table.entryKind, entryKind),
    eq(table.entryId, entryId),
  );
}

/** Text fields of a multipart or urlencoded form (files left out). */
export function textFields(formData: FormData): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === 'string') result[key] = value;
  return result;
}
