import { getRuleSet, type AssessmentRuleSet } from '@kaohe/rules';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { chineseCollator } from '$lib/i18n';
import type { Database } from '../db/open';
import {
  cycles,
  programmeGroups,
  programmes,
  programmeUnits,
  units,
  type CycleStatus,
  type ProgrammeKind,
  type ProgrammeLevel,
} from '../db/schema';

// Everything a cycle's pages need to know about it: the programme, its rule set, its groups and its units.

export interface CycleInfo {
  id: number;
  slug: string;
  title: string;
  titleEn: string | null;
  status: CycleStatus;
  version: number;
  publishedAt: Date | null;
  /** the assessed period (ISO dates), null when the cycle has none: inspections feed only a cycle with a period */
  periodStart: string | null;
  periodEnd: string | null;
}

export interface ProgrammeInfo {
  id: number;
  slug: string;
  title: string;
  titleEn: string | null;
  ruleSetId: string;
  organiser: string | null;
  /** who runs it: 全国 / 省级 / 市级 / 县级 */
  level: ProgrammeLevel;
  kind: ProgrammeKind;
}

export interface GroupInfo {
  id: number;
  key: string;
  label: string;
  labelEn: string | null;
}

export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  groupKey: string;
}

export interface CycleContext {
  cycle: CycleInfo;
  programme: ProgrammeInfo;
  ruleSet: AssessmentRuleSet;
  groups: GroupInfo[];
  /** in Chinese collation */
  units: UnitInfo[];
}

/** The programme's rule set from @kaohe/rules; only assessment rule sets can rank units. */
export function assessmentRuleSet(id: string): AssessmentRuleSet {
  const ruleSet = getRuleSet(id);
  if (ruleSet.kind !== 'assessment') throw new Error(`rule set ${id} is not an assessment rule set`);
  return ruleSet;
}

/** Whether a programme's cycles are assessed units (ranked, broken down) rather than quarterly inspections. */
function isAssessment(programme: { kind: ProgrammeKind; ruleSetId: string }): boolean {
  if (programme.kind !== 'assessment') return false;
  try {
    return getRuleSet(programme.ruleSetId).kind === 'assessment';
  } catch {
    return false;
  }
}

// A programme's unit list is read on every rankings and breakdown request; for thousands of units that costs more
// than the rest of the page. It is kept per database and cycle while the cycle and programme rows and the newest
// audit id are unchanged (every write to units, groups and memberships is audited: a unit added, moved or renamed
// shows at once on every app server), and for at most a minute (audit ids are handed out before commit, so two
// writes committing out of order could leave one unseen under an id that does not move).
interface CachedContext {
  stamp: string;
  at: number;
  context: CycleContext;
}
const contextCache = new WeakMap<Database, Map<number, CachedContext>>();
const contextReads = new WeakMap<Database, Map<number, Promise<CycleContext | null>>>();
const contextTtlMs = 60_000;

/**
 * The cycle of an assessment programme, or null when there is no such cycle — also for a cycle of an inspection
 * programme (季度检查), which has no units to rank: the callers answer 404 with their own message.
 */
export async function loadCycleContext(db: Database, cycleId: number): Promise<CycleContext | null> {
  const [head] = await db
    .select({
      cycle: cycles,
      programme: programmes,
      contentVersion: sql<string>`(select max(id) from audit_log)::text`,
    })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .where(eq(cycles.id, cycleId));
  if (!head || !isAssessment(head.programme)) return null;
  const stamp = JSON.stringify(head);
  const cache = perDatabase(contextCache, db);
  const cached = cache.get(cycleId);
  if (cached && cached.stamp === stamp && Date.now() - cached.at < contextTtlMs) return cached.context;
  // one read for all the requests that find the entry stale at the same moment
  const reads = perDatabase(contextReads, db);
  let reading = reads.get(cycleId);
  if (!reading) {
    reading = readCycleContext(db, cycleId)
      .then((context) => {
        // the same units as before keep the same array, so that the caches keyed on it (frozen results, rankings) stay
        if (context && cached && sameUnits(cached.context.units, context.units))
          context.units = cached.context.units;
        if (context) cache.set(cycleId, { stamp, at: Date.now(), context });
        return context;
      })
      .finally(() => reads.delete(cycleId));
    reads.set(cycleId, reading);
  }
  return reading;
}

function perDatabase<V>(store: WeakMap<Database, Map<number, V>>, db: Database): Map<number, V> {
  let map = store.get(db);
  if (!map) {
    map = new Map();
    store.set(db, map);
  }
  return map;
}

function sameUnits(a: readonly UnitInfo[], b: readonly UnitInfo[]): boolean {
  return (
    a.length === b.length &&
    a.every((unit, index) => {
      const other = b[index]!;
      return (
        unit.id === other.id &&
        unit.name === other.name &&
        unit.nameEn === other.nameEn &&
        unit.groupKey === other.groupKey &&
        unit.code === other.code
      );
    })
  );
}

async function readCycleContext(db: Database, cycleId: number): Promise<CycleContext | null> {
  const [row] = await db
    .select({ cycle: cycles, programme: programmes })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .where(eq(cycles.id, cycleId));
  if (!row || !isAssessment(row.programme)) return null;
  const [groupRows, unitRows] = await Promise.all([
    db
      .select({
        id: programmeGroups.id,
        key: programmeGroups.key,
        label: programmeGroups.label,
        labelEn: programmeGroups.labelEn,
      })
      .from(programmeGroups)
      .where(eq(programmeGroups.programmeId, row.programme.id))
      .orderBy(asc(programmeGroups.position), asc(programmeGroups.id)),
    db
      .select({
        id: units.id,
        code: units.code,
        name: units.name,
        nameEn: units.nameEn,
        groupKey: programmeGroups.key,
      })
      .from(programmeUnits)
      .innerJoin(units, eq(programmeUnits.unitId, units.id))
      .innerJoin(programmeGroups, eq(programmeUnits.groupId, programmeGroups.id))
      .where(eq(programmeUnits.programmeId, row.programme.id)),
  ]);
  unitRows.sort((a, b) => chineseCollator.compare(a.name, b.name));
  const { cycle, programme } = row;
  return {
    cycle: {
      id: cycle.id,
      slug: cycle.slug,
      title: cycle.title,
      titleEn: cycle.titleEn,
      status: cycle.status,
      version: cycle.version,
      publishedAt: cycle.publishedAt,
      periodStart: cycle.periodStart,
      periodEnd: cycle.periodEnd,
    },
    programme: {
      id: programme.id,
      slug: programme.slug,
      title: programme.title,
      titleEn: programme.titleEn,
      ruleSetId: programme.ruleSetId,
      organiser: programme.organiser,
      level: programme.level,
      kind: programme.kind,
    },
    ruleSet: assessmentRuleSet(programme.ruleSetId),
    groups: groupRows,
    units: unitRows,
  };
}

export interface CycleListing {
  id: number;
  slug: string;
  title: string;
  titleEn: string | null;
  status: CycleStatus;
  programmeId: number;
  programmeSlug: string;
  programmeTitle: string;
  programmeTitleEn: string | null;
  programmeLevel: ProgrammeLevel;
}

/**
 * Every cycle of an assessment programme (inspection programmes have their own pages), by programme id, newest
 * cycle first within each.
 */
export async function listCycles(db: Database): Promise<CycleListing[]> {
  const rows = await db
    .select({
      id: cycles.id,
      slug: cycles.slug,
      title: cycles.title,
      titleEn: cycles.titleEn,
      status: cycles.status,
      programmeId: programmes.id,
      programmeSlug: programmes.slug,
      programmeTitle: programmes.title,
      programmeTitleEn: programmes.titleEn,
      programmeLevel: programmes.level,
      programmeKind: programmes.kind,
      ruleSetId: programmes.ruleSetId,
    })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .orderBy(asc(programmes.id), sql`${cycles.periodEnd} desc nulls last`, desc(cycles.id));
  return rows
    .filter((row) => isAssessment({ kind: row.programmeKind, ruleSetId: row.ruleSetId }))
    .map(({ programmeKind: _kind, ruleSetId: _ruleSet, ...listing }) => listing);
}

/**
 * The cycle a programme opens on: its newest published cycle, else the newest in review, else the newest. `cycles`
 * is one programme's cycles, newest first (as listCycles returns them).
 */
export function defaultCycleOf<T extends { status: CycleStatus }>(cycles: readonly T[]): T | undefined {
  return (
    cycles.find((cycle) => cycle.status === 'published') ??
    cycles.find((cycle) => cycle.status === 'review') ??
    cycles[0]
  );
}

/**
 * The cycle shown when none is asked for: in the first assessment programme (by id, i.e. the Gansu demo) that has a
 * cycle, that programme's default cycle. Deterministic whatever order the cycles were created in.
 */
export function defaultCycle(all: readonly CycleListing[]): CycleListing | undefined {
  const first = all[0];
  if (!first) return undefined;
  return defaultCycleOf(all.filter((cycle) => cycle.programmeId === first.programmeId));
}

export interface ProgrammeSummary {
  id: number;
  title: string;
  titleEn: string | null;
  level: ProgrammeLevel;
  kind: ProgrammeKind;
  ruleSetId: string;
}

/** Every programme (both kinds), by id: the rule set pages show which programmes, at which level, use a rule set. */
export async function listProgrammes(db: Database): Promise<ProgrammeSummary[]> {
  return db
    .select({
      id: programmes.id,
      title: programmes.title,
      titleEn: programmes.titleEn,
      level: programmes.level,
      kind: programmes.kind,
      ruleSetId: programmes.ruleSetId,
    })
    .from(programmes)
    .orderBy(asc(programmes.id));
}
