import { getRuleSet, type AssessmentRuleSet } from '@kaohe/rules';
import { asc, desc, eq } from 'drizzle-orm';
import { chineseCollator } from '$lib/i18n';
import type { Database } from '../db/open';
import { cycles, programmeGroups, programmes, programmeUnits, units, type CycleStatus } from '../db/schema';

// Everything a cycle's pages need to know about it: the programme, its rule set, its groups and its units.

export interface CycleInfo {
  id: number;
  slug: string;
  title: string;
  titleEn: string | null;
  status: CycleStatus;
  version: number;
  publishedAt: Date | null;
}

export interface ProgrammeInfo {
  id: number;
  slug: string;
  title: string;
  titleEn: string | null;
  ruleSetId: string;
  organiser: string | null;
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

// A programme's unit list is read on every rankings and breakdown request; for thousands of units that costs more
// than the rest of the page. It is kept per database and cycle while the cycle and programme rows are unchanged,
// for at most a minute: a unit added, moved or renamed shows within that minute on every app server.
interface CachedContext {
  stamp: string;
  at: number;
  context: CycleContext;
}
const contextCache = new WeakMap<Database, Map<number, CachedContext>>();
const contextReads = new WeakMap<Database, Map<number, Promise<CycleContext | null>>>();
const contextTtlMs = 60_000;

export async function loadCycleContext(db: Database, cycleId: number): Promise<CycleContext | null> {
  const [head] = await db
    .select({ cycle: cycles, programme: programmes })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .where(eq(cycles.id, cycleId));
  if (!head) return null;
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
  if (!row) return null;
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
    },
    programme: {
      id: programme.id,
      slug: programme.slug,
      title: programme.title,
      titleEn: programme.titleEn,
      ruleSetId: programme.ruleSetId,
      organiser: programme.organiser,
    },
    ruleSet: assessmentRuleSet(programme.ruleSetId),
    groups: groupRows,
    units: unitRows,
  };
}

export interface CycleListing {
  id: number;
  title: string;
  titleEn: string | null;
  status: CycleStatus;
  programmeTitle: string;
  programmeTitleEn: string | null;
}

/** Every cycle, newest first. */
export async function listCycles(db: Database): Promise<CycleListing[]> {
  return db
    .select({
      id: cycles.id,
      title: cycles.title,
      titleEn: cycles.titleEn,
      status: cycles.status,
      programmeTitle: programmes.title,
      programmeTitleEn: programmes.titleEn,
    })
    .from(cycles)
    .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
    .orderBy(desc(cycles.id));
}
