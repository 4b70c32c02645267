import { and, eq, inArray } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/open';
import { auditLog, cycles, programmeGroups, programmes, programmeUnits, units, users } from '../db/schema';
import { demoAccounts, type DemoAccount } from './accounts';
import { gansuCities, gansuDepartments } from './gansu-2019-units';
import { seedGansu2020Cycle } from './gansu-2020-cycle';
import { gansuInspectionsProgrammeSlug, seedGansuInspections } from './gansu-inspections';
import { hanzhongProgrammeSlug, seedHanzhong2022Q3 } from './hanzhong-2022-q3';
import { jiangxiProgrammeSlug, seedJiangxi2018Q1 } from './jiangxi-2018-q1';
import { seedGansu2019Assessment } from './seed-assessment';
import { seedBench } from './seed-bench';
import { seedNational2020 } from './seed-national-2020';
import { national2020ProgrammeSlug } from './national-2020';

/** demo: the demo programmes; bench: the demo plus national-scale generated data (benchmark); none: nothing. */
export type SeedKind = 'demo' | 'bench' | 'none';

export const demoProgrammeSlug = 'gansu-2019';
export const demoCycleSlug = '2019';

/** What a demo programme's seed gets: the demo accounts, created on first use. */
export interface DemoSeedContext {
  /** The id of a demo account, created (argon2id-hashed) if it does not exist yet. */
  account(account: DemoAccount): Promise<number>;
  /** The id of one of the shared demo accounts (admin, reviewer, leader, assessor). */
  sharedAccount(username: string): Promise<number>;
}

/** A demo programme: seeded once, identified by its slug. */
export interface DemoProgramme {
  slug: string;
  seed(db: Database, context: DemoSeedContext): Promise<void>;
}

/**
 * The demo programmes, in the order they are seeded. Each one is seeded once: on first start, or on the first start
 * of a version that adds it to an existing database. One that an admin later removes is not brought back (the
 * audit log remembers it was seeded).
 */
export const demoProgrammes: readonly DemoProgramme[] = [
  { slug: demoProgrammeSlug, seed: async (db, context) => void (await seedDemo(db, context)) },
  {
    slug: national2020ProgrammeSlug,
    seed: async (db, context) => void (await seedNational2020(db, context)),
  },
  { slug: jiangxiProgrammeSlug, seed: async (db, context) => void (await seedJiangxi2018Q1(db, context)) },
  { slug: hanzhongProgrammeSlug, seed: async (db, context) => void (await seedHanzhong2022Q3(db, context)) },
  {
    slug: gansuInspectionsProgrammeSlug,
    seed: async (db, context) => void (await seedGansuInspections(db, context)),
  },
];

/** Seeds the demo programmes not seeded yet; returns the slugs it seeded. */
export async function seedIfEmpty(db: Database, kind: SeedKind): Promise<string[]> {
  if (kind === 'none') return [];
  return db.transaction(async (tx) => {
    const seeded = await seedDemoProgrammes(tx, demoProgrammes);
    if (kind === 'bench' && seeded.includes(demoProgrammeSlug)) await seedBench(tx);
    return seeded;
  });
}

export async function seedDemoProgrammes(db: Database, list: readonly DemoProgramme[]): Promise<string[]> {
  const slugs = list.map((programme) => programme.slug);
  const present = await db
    .select({ slug: programmes.slug })
    .from(programmes)
    .where(inArray(programmes.slug, slugs));
  const remembered = await db
    .select({ slug: auditLog.entityId })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'seed.programme'), inArray(auditLog.entityId, slugs)));
  const done = new Set([...present, ...remembered].map((row) => row.slug));
  const context = demoSeedContext(db);
  const seeded: string[] = [];
  for (const programme of list) {
    if (done.has(programme.slug)) continue;
    await programme.seed(db, context);
    await db.insert(auditLog).values({
      action: 'seed.programme',
      entityType: 'programme',
      entityId: programme.slug,
      reason: '写入演示数据',
    });
    seeded.push(programme.slug);
  }
  return seeded;
}

function demoSeedContext(db: Database): DemoSeedContext {
  const ids = new Map<string, number>();
  const account = async (demo: DemoAccount): Promise<number> => {
    const known = ids.get(demo.username);
    if (known !== undefined) return known;
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, demo.username));
    let id = existing?.id;
    if (id === undefined) {
      let unitId: number | null = null;
      if (demo.unitCode) {
        const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.code, demo.unitCode));
        if (!unit) throw new Error(`demo account ${demo.username}: unit ${demo.unitCode} not seeded yet`);
        unitId = unit.id;
      }
      const [user] = await db
        .insert(users)
        .values({
          username: demo.username,
          displayName: demo.displayName,
          passwordHash: await hashPassword(demo.password),
          role: demo.role,
          unitId,
        })
        .returning({ id: users.id });
      if (!user) throw new Error(`demo account ${demo.username} not inserted`);
      id = user.id;
    }
    ids.set(demo.username, id);
    return id;
  };
  return {
    account,
    sharedAccount: async (username) => {
      const demo = demoAccounts.find((candidate) => candidate.username === username);
      if (!demo) throw new Error(`no demo account ${username}`);
      return account(demo);
    },
  };
}

export interface DemoIds {
  programmeId: number;
  /** the published 2019 cycle */
  cycleId: number;
  /** the open 2020 cycle */
  openCycleId: number;
  unitIdByCode: Map<string, number>;
  userIdByUsername: Map<string, number>;
}

/** The Gansu 2019 annual assessment (甘肃省2019年度政府网站建设管理工作考核) with the shared demo accounts. */
export async function seedDemo(
  db: Database,
  context: DemoSeedContext = demoSeedContext(db),
): Promise<DemoIds> {
  const insertedUnits = await db
    .insert(units)
    .values([
      ...gansuCities.map((unit) => ({ ...unit, kind: 'region' as const })),
      ...gansuDepartments.map((unit) => ({ ...unit, kind: 'department' as const })),
    ])
    .returning({ id: units.id, code: units.code });
  const unitIdByCode = new Map(insertedUnits.map((unit) => [unit.code, unit.id]));

  const userIdByUsername = new Map<string, number>();
  for (const account of demoAccounts) userIdByUsername.set(account.username, await context.account(account));

  const [programme] = await db
    .insert(programmes)
    .values({
      slug: demoProgrammeSlug,
      title: '甘肃省2019年度政府网站建设管理工作考核',
      titleEn: 'Gansu 2019 annual assessment of government website construction and management',
      ruleSetId: 'gansu-2019-annual-assessment',
      level: 'province',
      organiser: '甘肃省人民政府办公厅',
    })
    .returning({ id: programmes.id });
  if (!programme) throw new Error('programme not inserted');

  // the groups and their labels are the programme's data (市州 / 省直部门)
  const groups = await db
    .insert(programmeGroups)
    .values([
      {
        programmeId: programme.id,
        key: 'cities',
        label: '市州',
        labelEn: 'Cities and prefectures',
        position: 1,
      },
      {
        programmeId: programme.id,
        key: 'departments',
        label: '省直部门',
        labelEn: 'Provincial departments',
        position: 2,
      },
    ])
    .returning({ id: programmeGroups.id, key: programmeGroups.key });
  const groupId = (key: string) => {
    const group = groups.find((candidate) => candidate.key === key);
    if (!group) throw new Error(`group ${key} not inserted`);
    return group.id;
  };
  await db.insert(programmeUnits).values([
    ...gansuCities.map((unit) => ({
      programmeId: programme.id,
      unitId: unitIdByCode.get(unit.code) as number,
      groupId: groupId('cities'),
    })),
    ...gansuDepartments.map((unit) => ({
      programmeId: programme.id,
      unitId: unitIdByCode.get(unit.code) as number,
      groupId: groupId('departments'),
    })),
  ]);

  const [cycle] = await db
    .insert(cycles)
    .values({
      programmeId: programme.id,
      slug: demoCycleSlug,
      title: '2019年度',
      titleEn: '2019',
      status: 'review',
      periodStart: '2019-01-01',
      periodEnd: '2019-12-31',
    })
    .returning({ id: cycles.id });
  if (!cycle) throw new Error('cycle not inserted');

  const userId = (username: string) => {
    const id = userIdByUsername.get(username);
    if (id === undefined) throw new Error(`demo account ${username} missing`);
    return id;
  };
  const assessorIdByUnitCode = new Map(
    demoAccounts.flatMap((account) =>
      account.unitCode ? [[account.unitCode, userId(account.username)] as const] : [],
    ),
  );
  await seedGansu2019Assessment(db, {
    cycleId: cycle.id,
    unitIdByCode,
    assessorIdByUnitCode,
    reviewerId: userId('reviewer'),
    adminId: userId('admin'),
  });
  // the next year's cycle, still open: the demo's live self-evaluation and review
  const openCycleId = await seedGansu2020Cycle(db, {
    programmeId: programme.id,
    unitIdByCode,
    assessorIdByUnitCode,
    reviewerId: userId('reviewer'),
  });

  await db.insert(auditLog).values({
    action: 'seed.demo',
    entityType: 'programme',
    entityId: String(programme.id),
    after: { units: insertedUnits.length, accounts: demoAccounts.map((account) => account.username) },
    reason: '首次启动：写入演示数据',
  });

  return { programmeId: programme.id, cycleId: cycle.id, openCycleId, unitIdByCode, userIdByUsername };
}
