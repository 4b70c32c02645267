import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../../test/harness';
import type { AppDatabase } from '../db';
import { auditLog, programmes, units, users } from '../db/schema';
import { demoProgrammes, seedDemoProgrammes, seedIfEmpty, type DemoProgramme } from './seed';

// Restarting never duplicates the demo; a demo programme added by a later version is seeded into an existing
// database once; one an admin removed stays removed.

describe.each(databaseKinds)('demo seed on %s', (kind) => {
  let database: AppDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  const counts = async () => {
    const [programmeRows] = await database.db.select({ n: count() }).from(programmes);
    const [userRows] = await database.db.select({ n: count() }).from(users);
    const [unitRows] = await database.db.select({ n: count() }).from(units);
    return { programmes: programmeRows?.n, users: userRows?.n, units: unitRows?.n };
  };

  it('seeds nothing again on a restart', async () => {
    const before = await counts();
    expect(before.programmes).toBe(demoProgrammes.length);
    expect(await seedIfEmpty(database.db, 'demo')).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('seeds a newly added programme once, and never one that was removed', async () => {
    const added: DemoProgramme = {
      slug: 'test-added',
      seed: async (db, context) => {
        await context.sharedAccount('admin');
        await db.insert(programmes).values({
          slug: 'test-added',
          title: '测试方案',
          ruleSetId: 'gansu-2019-annual-assessment',
          level: 'province',
        });
      },
    };
    const before = await counts();
    const list = [...demoProgrammes, added];
    expect(await database.db.transaction((tx) => seedDemoProgrammes(tx, list))).toEqual(['test-added']);
    expect(await counts()).toEqual({ ...before, programmes: (before.programmes ?? 0) + 1 });
    expect(await database.db.transaction((tx) => seedDemoProgrammes(tx, list))).toEqual([]);

    await database.db.delete(programmes).where(eq(programmes.slug, 'test-added'));
    expect(await database.db.transaction((tx) => seedDemoProgrammes(tx, list))).toEqual([]);
    const memory = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.entityId, 'test-added'));
    expect(memory[0]?.n).toBe(1);
  });
});
