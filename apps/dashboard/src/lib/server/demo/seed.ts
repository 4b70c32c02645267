import { count } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/open';
import { auditLog, cycles, programmeGroups, programmes, programmeUnits, units, users } from '../db/schema';
import { demoAccounts } from './accounts';
import { gansuCities, gansuDepartments } from './gansu-2019-units';
import { seedGansu2019Assessment } from './seed-assessment';
import { seedBench } from './seed-bench';

/** demo: the Gansu 2019 demo; bench: the demo plus national-scale generated data (benchmark); none: nothing. */
export type SeedKind = 'demo' | 'bench' | 'none';

export const demoProgrammeSlug = 'gansu-2019';
export const demoCycleSlug = '2019';

/** Seeds on first start only: an empty database (no user yet) gets the demo; a used one is left alone. */
export async function seedIfEmpty(db: Database, kind: SeedKind): Promise<boolean> {
  if (kind === 'none') return false;
  const [row] = await db.select({ users: count() }).from(users);
  if ((row?.users ?? 0) > 0) return false;
  await db.transaction(async (tx) => {
    await seedDemo(tx);
    if (kind === 'bench') await seedBench(tx);
  });
  return true;
}

export interface DemoIds {
  programmeId: number;
  cycleId: number;
  unitIdByCode: Map<string, number>;
  userIdByUsername: Map<string, number>;
}

export async function seedDemo(db: Database): Promise<DemoIds> {
  const insertedUnits = await db
    .insert(units)
    .values([
      ...gansuCities.map((unit) => ({ ...unit, kind: 'region' as const })),
      ...gansuDepartments.map((unit) => ({ ...unit, kind: 'department' as const })),
    ])
    .returning({ id: units.id, code: units.code });
  const unitIdByCode = new Map(insertedUnits.map((unit) => [unit.code, unit.id]));

  const userIdByUsername = new Map<string, number>();
  for (const account of demoAccounts) {
    const unitId = account.unitCode ? unitIdByCode.get(account.unitCode) : undefined;
    const [user] = await db
      .insert(users)
      .values({
        username: account.username,
        displayName: account.displayName,
        passwordHash: await hashPassword(account.password),
        role: account.role,
        unitId: unitId ?? null,
      })
      .returning({ id: users.id });
    if (user) userIdByUsername.set(account.username, user.id);
  }

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

  await db.insert(auditLog).values({
    action: 'seed.demo',
    entityType: 'programme',
    entityId: String(programme.id),
    after: { units: insertedUnits.length, accounts: demoAccounts.map((account) => account.username) },
    reason: '首次启动：写入演示数据',
  });

  return { programmeId: programme.id, cycleId: cycle.id, unitIdByCode, userIdByUsername };
}
