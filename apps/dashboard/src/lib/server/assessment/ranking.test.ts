import { eq } from 'drizzle-orm';
import { Decimal } from '@kaohe/scoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { cycles, programmes, reviews, unitResults } from '$lib/server/db/schema';
import { gansu2019Assessments } from '$lib/server/demo/gansu-2019-assessment';
import { databaseKinds, useTestDatabase } from '../../../../test/harness';
import { loadCycleContext } from './context';
import { buildRanking } from './ranking';
import { cycleOutcomes } from './results';

// The published demo reproduces the Gansu 2019 bulletin (seed 001), from the database through @kaohe/scoring.

describe.each(databaseKinds)('Gansu 2019 demo ranking on %s', (kind) => {
  let database: AppDatabase;
  let cycleId: number;
  beforeAll(async () => {
    database = await useTestDatabase(kind);
    const [row] = await database.db
      .select({ id: cycles.id })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(eq(programmes.slug, 'gansu-2019'));
    cycleId = row!.id;
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('is published with frozen results for all 51 units', async () => {
    const context = (await loadCycleContext(database.db, cycleId))!;
    expect(context.cycle.status).toBe('published');
    expect(context.units).toHaveLength(51);
    const { source, outcomes } = await cycleOutcomes(database.db, context);
    expect(source).toMatchObject({ kind: 'published', revision: 1 });
    expect(outcomes.every((outcome) => outcome.verified)).toBe(true);
  });

  it('ties 兰州、金昌、张掖、天水 first at 100, and 6 市州 at 90 or above', async () => {
    const context = (await loadCycleContext(database.db, cycleId))!;
    const { outcomes } = await cycleOutcomes(database.db, context);
    const [cities] = buildRanking(context, outcomes, { group: 'cities', grade: null, q: null });
    const first = cities!.rows.filter((row) => row.rank === 1);
    expect(first.map((row) => row.name).sort()).toEqual(['兰州市', '天水市', '张掖市', '金昌市'].sort());
    expect(first.every((row) => row.tied && row.total === '100')).toBe(true);
    expect(cities!.rows[4]).toMatchObject({ rank: 5, tied: false });
    expect(cities!.atLeast).toEqual({ threshold: '90', count: 6, of: 14 });
    expect(cities!.group.label).toBe('市州');
  });

  it('ties 省科技厅、省自然资源厅、省住建厅、省林草局 first at 100, and 35 省直部门 at 90 or above', async () => {
    const context = (await loadCycleContext(database.db, cycleId))!;
    const { outcomes } = await cycleOutcomes(database.db, context);
    const [departments] = buildRanking(context, outcomes, { group: 'departments', grade: null, q: null });
    const first = departments!.rows.filter((row) => row.rank === 1);
    expect(first.map((row) => row.name).sort()).toEqual(
      ['省科技厅', '省自然资源厅', '省住建厅', '省林草局'].sort(),
    );
    expect(departments!.atLeast).toEqual({ threshold: '90', count: 35, of: 37 });
    expect(departments!.rows).toHaveLength(37);
    expect(departments!.apart).toHaveLength(0);
  });

  it('every unit gets the total the demo data was built for', async () => {
    const context = (await loadCycleContext(database.db, cycleId))!;
    const { outcomes } = await cycleOutcomes(database.db, context);
    const byCode = new Map(outcomes.map((outcome) => [outcome.unit.code, outcome]));
    const mismatches = gansu2019Assessments.filter(
      (assessment) => !new Decimal(byCode.get(assessment.code)?.total ?? '-1').eq(assessment.expected),
    );
    expect(mismatches.map((assessment) => [assessment.code, byCode.get(assessment.code)?.total])).toEqual([]);
  });

  it('stores the verified inputs beside each frozen result, and adjustments carry reasons', async () => {
    const rows = await database.db.select().from(unitResults);
    expect(rows.every((row) => row.inputs !== null && row.explanationEn !== null)).toBe(true);
    const adjusted = await database.db.select().from(reviews).where(eq(reviews.decision, 'adjusted'));
    expect(adjusted.length).toBeGreaterThan(10);
    expect(adjusted.every((row) => (row.reason ?? '').length > 0)).toBe(true);
  });

  it('ranks a grade filter and a name search within the full ranking', async () => {
    const context = (await loadCycleContext(database.db, cycleId))!;
    const { outcomes } = await cycleOutcomes(database.db, context);
    const [cities] = buildRanking(context, outcomes, { group: 'cities', grade: 'good', q: null });
    expect(cities!.rows.every((row) => row.grade?.id === 'good')).toBe(true);
    expect(cities!.rows[0]!.rank).toBe(7);
    const [search] = buildRanking(context, outcomes, { group: null, grade: null, q: '兰州' });
    expect(search!.rows.map((row) => row.name)).toEqual(['兰州市']);
  });
});
