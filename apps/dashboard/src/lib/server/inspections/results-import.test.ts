import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppDatabase, type AppDatabase } from '$lib/server/db';
import { cycles, inspections, programmes } from '$lib/server/db/schema';
import { useTestDatabase } from '../../../../test/harness';
import { hanzhongFailedSites } from '../demo/hanzhong-2022-q3';
import { importResults } from './results-import';

// Fuzzed annex imports: whatever the rows, a file with any bad row is rejected whole and writes nothing; a good
// file is written once, and importing it again changes nothing.

const knownCodes = ['6107000001', ...hanzhongFailedSites.map((site) => site.siteCode)];
const siteCode = fc.oneof(
  fc.constantFrom(...knownCodes),
  fc.constantFrom('9999999999', '123', '61070000341', '', '６１０７０００００１', '=1+1'),
  fc.string({ maxLength: 12 }),
);
const result = fc.oneof(
  fc.constantFrom('合格', '不合格', '单项否决'),
  fc.constantFrom('', '也许', 'PASS', ' 合 格 '),
);
const cell = (text: string) => `"${text.replaceAll('"', '""')}"`;

describe('results import, fuzzed', () => {
  let database: AppDatabase;
  let programmeId: number;
  let cycleId: number;
  beforeAll(async () => {
    database = await useTestDatabase('pglite');
    const [programme] = await database.db
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.slug, 'hanzhong-2022-q3'));
    programmeId = programme!.id;
    const [cycle] = await database.db
      .insert(cycles)
      .values({
        programmeId,
        slug: 'fuzz',
        title: 'fuzz',
        periodStart: '2023-01-01',
        periodEnd: '2023-03-31',
      })
      .returning({ id: cycles.id });
    cycleId = cycle!.id;
  });
  afterAll(async () => {
    await closeAppDatabase();
  });

  it('all or nothing, and idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(siteCode, result), { minLength: 0, maxLength: 8 }), async (rows) => {
        await database.db.delete(inspections).where(eq(inspections.cycleId, cycleId));
        const text =
          '网站名称,网站标识码,检查结果,存在的严重问题\r\n' +
          rows
            .map(([code, verdict], i) => [cell(`站点${i}`), cell(code), cell(verdict), cell('')].join(','))
            .join('\r\n');
        const file = new File([text], 'fuzz.csv');
        const run = () =>
          importResults({
            db: database.db,
            programmeId,
            cycleId,
            file,
            source: 'reported',
            inspectedOn: '2023-03-01',
            actor: { userId: null },
          });
        const codes = rows.map(([code]) => code);
        const good =
          rows.length > 0 &&
          rows.every(
            ([code, verdict]) =>
              knownCodes.includes(code) &&
              ['合格', '不合格', '单项否决'].includes(verdict.replace(/\s+/g, '')),
          ) &&
          new Set(codes).size === codes.length;
        const outcome = await run();
        const stored = await database.db.select().from(inspections).where(eq(inspections.cycleId, cycleId));
        expect(outcome.ok).toBe(good);
        if (!outcome.ok) {
          expect(stored).toHaveLength(0);
          expect(outcome.problems.length).toBeGreaterThan(0);
          for (const problem of outcome.problems) expect(problem.message).not.toBe('');
        } else {
          expect(stored).toHaveLength(rows.length);
          expect(await run()).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: rows.length });
        }
      }),
      { numRuns: 40 },
    );
  });
});
