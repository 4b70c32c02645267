import { eq } from 'drizzle-orm';
import { getRuleSet, type AssessmentRuleSet, type Condition, type InspectionRuleSet } from '@kaohe/rules';
import { scoreInspection, type MeasurementValue, type SubItemInput } from '@kaohe/scoring';
import { loadCycleContext } from '../assessment/context';
import { chunks, freezeResults } from '../assessment/results';
import type { Database } from '../db/open';
import {
  cycles,
  programmeGroups,
  programmes,
  programmeUnits,
  reviews,
  selfEvaluations,
  units,
  unitSubmissions,
  users,
} from '../db/schema';
import { hashPassword } from '../auth/password';
import {
  benchLeaderCount,
  benchLeaderDisplayName,
  benchLeaderPassword,
  benchLeaderUsername,
} from './bench-leaders';
import { fullMarksInputs } from './gansu-2019-assessment';

// National-scale data for the benchmark (KAOHE_SEED=bench): 3,000 units in two groups, 5 websites each (15,000),
// inspected in four quarters by @kaohe/scoring's scoreInspection (60,000 inspections). Each unit's inspection-fed
// sub-items (the rule set's `fedByInspections`: pass rate, portal average score) come from those inspections; the
// other sub-items are drawn at random. Then every unit is verified and the cycle published (results frozen).
// The websites and inspections themselves are not stored: the inspection registry is a later issue; the pages under
// test read unit results only. Deterministic: the same seed gives the same data.

export interface BenchOptions {
  units: number;
  websitesPerUnit: number;
  quarters: number;
  seed: number;
}

export const defaultBenchOptions: BenchOptions = { units: 3000, websitesPerUnit: 5, quarters: 4, seed: 2019 };

export const benchProgrammeSlug = 'bench-national';

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values that trigger none of the rule set's vetoes: flags false, compared numbers on the safe side. */
function harmlessMeasurements(
  ruleSet: InspectionRuleSet | AssessmentRuleSet,
): Record<string, MeasurementValue> {
  const values: Record<string, MeasurementValue> = {};
  for (const measurement of ruleSet.measurements)
    values[measurement.id] = measurement.kind === 'boolean' ? false : '0';
  const visit = (condition: Condition) => {
    if (condition.kind === 'compare' && (condition.op === '<' || condition.op === '<=')) {
      // "fewer than N updates" style: comfortably above the threshold
      values[condition.measurement] = String(Number(condition.value) + 10);
    } else if (condition.kind === 'any' || condition.kind === 'all') condition.of.forEach(visit);
  };
  for (const veto of ruleSet.vetoes) visit(veto.when);
  return values;
}

interface InspectionTally {
  checked: number;
  passed: number;
  /** the portal's quarterly totals (a vetoed quarter counts as 0) */
  portalScores: number[];
}

function inspectUnitWebsites(
  ruleSet: InspectionRuleSet,
  harmless: Record<string, MeasurementValue>,
  next: () => number,
  options: BenchOptions,
): InspectionTally {
  const criteria = (ruleSet.deductions?.indicators ?? []).flatMap((indicator) =>
    indicator.criteria.map((c) => c.id),
  );
  const flags = ruleSet.measurements.filter((measurement) => measurement.kind === 'boolean').map((m) => m.id);
  const tally: InspectionTally = { checked: 0, passed: 0, portalScores: [] };
  // a unit's websites share its quality, so that units differ
  const quality = next();
  for (let site = 0; site < options.websitesPerUnit; site += 1) {
    const isPortal = site === 0;
    for (let quarter = 0; quarter < options.quarters; quarter += 1) {
      const measurements = { ...harmless };
      if (next() < 0.02 * (1 - quality) && flags.length) measurements[flags[0]!] = true;
      const findings = [];
      const problems = Math.floor(next() * 12 * (1 - quality));
      for (let index = 0; index < problems && criteria.length; index += 1) {
        findings.push({
          criterion: criteria[Math.floor(next() * criteria.length)]!,
          count: 1 + Math.floor(next() * 3),
        });
      }
      const result = scoreInspection({
        ruleSet,
        target: { isPortal, hasServiceFunctions: true },
        measurements,
        findings,
      });
      tally.checked += 1;
      if (result.verdict === 'qualified') tally.passed += 1;
      if (isPortal) tally.portalScores.push(result.total === null ? 0 : Number(result.total));
    }
  }
  return tally;
}

/** The bands' value that falls in a random band, for a sub-item drawn at random. */
function randomInput(
  subItem: AssessmentRuleSet['areas'][number]['items'][number]['subItems'][number],
  next: () => number,
): SubItemInput {
  const method = subItem.method;
  const good = next() < 0.7;
  switch (method.kind) {
    case 'check':
      return { met: good || next() < 0.5 };
    case 'deduct': {
      if (good) return { counts: {} };
      const criterion = method.criteria[Math.floor(next() * method.criteria.length)]!;
      return { counts: { [criterion.id]: 1 + Math.floor(next() * 2) } };
    }
    case 'ratio':
      return { value: good ? '1' : (Math.round((0.6 + next() * 0.4) * 100) / 100).toString() };
    case 'manual':
      return { points: good ? subItem.points : String(Math.floor(next() * Number(subItem.points))) };
    case 'bands': {
      const band = method.bands[Math.floor(next() * method.bands.length)]!;
      return { value: band.atLeast ?? '0' };
    }
  }
}

/** Ratio bands take a share; anything with an open top band takes the value itself. */
function bandsValue(value: number, unit: string): string {
  return unit === 'ratio'
    ? (Math.floor(value * 10_000) / 10_000).toString()
    : (Math.round(value * 100) / 100).toString();
}

export async function seedBench(
  db: Database,
  options: BenchOptions = defaultBenchOptions,
): Promise<{ cycleId: number }> {
  const ruleSet = getRuleSet('gansu-2019-annual-assessment');
  const websiteRules = getRuleSet('cn-2019-website-inspection');
  const harmlessWebsite = harmlessMeasurements(websiteRules);
  const harmlessAssessment = harmlessMeasurements(ruleSet);
  const next = random(options.seed);

  const [programme] = await db
    .insert(programmes)
    .values({
      slug: benchProgrammeSlug,
      title: '全国规模基准测试（生成数据）',
      titleEn: 'National-scale benchmark (generated data)',
      ruleSetId: ruleSet.id,
      level: 'national',
      organiser: 'Kaohe bench',
    })
    .returning({ id: programmes.id });
  if (!programme) throw new Error('bench programme not inserted');
  const groups = await db
    .insert(programmeGroups)
    .values([
      { programmeId: programme.id, key: 'regions', label: '地区', labelEn: 'Regions', position: 1 },
      { programmeId: programme.id, key: 'departments', label: '部门', labelEn: 'Departments', position: 2 },
    ])
    .returning({ id: programmeGroups.id, key: programmeGroups.key });
  const [cycle] = await db
    .insert(cycles)
    .values({
      programmeId: programme.id,
      slug: 'bench',
      title: '基准年度',
      titleEn: 'Bench year',
      status: 'review',
    })
    .returning({ id: cycles.id, version: cycles.version });
  if (!cycle) throw new Error('bench cycle not inserted');

  const regionCount = Math.round(options.units * 0.8);
  const unitValues = Array.from({ length: options.units }, (_, index) => {
    const isRegion = index < regionCount;
    const number = String(index + 1).padStart(4, '0');
    return {
      code: `bench-${number}`,
      name: isRegion ? `测试地区${number}` : `测试部门${number}`,
      nameEn: isRegion ? `Region ${number}` : `Department ${number}`,
      kind: isRegion ? ('region' as const) : ('department' as const),
    };
  });
  const unitIds: number[] = [];
  for (const chunk of chunks(unitValues, 500)) {
    const inserted = await db.insert(units).values(chunk).returning({ id: units.id });
    unitIds.push(...inserted.map((row) => row.id));
  }
  const groupId = (key: string) => groups.find((group) => group.key === key)!.id;
  const memberships = unitIds.map((unitId, index) => ({
    programmeId: programme.id,
    unitId,
    groupId: groupId(index < regionCount ? 'regions' : 'departments'),
  }));
  for (const chunk of chunks(memberships, 1000)) await db.insert(programmeUnits).values(chunk);

  const entryRows: {
    unitId: number;
    entryKind: 'subItem' | 'measurement';
    entryId: string;
    inputs: unknown;
  }[] = [];
  for (const unitId of unitIds) {
    const tally = inspectUnitWebsites(websiteRules, harmlessWebsite, next, options);
    const inputs = fullMarksInputs(ruleSet);
    for (const area of ruleSet.areas) {
      for (const item of area.items) {
        for (const subItem of item.subItems) {
          const feed = subItem.fedByInspections;
          const unit = subItem.method.kind === 'bands' ? subItem.method.measure.unit : 'ratio';
          if (feed?.targetKind === 'website' && feed.statistic === 'passRate') {
            inputs[subItem.id] = { value: bandsValue(tally.passed / tally.checked, unit) };
          } else if (feed?.targetKind === 'website' && feed.statistic === 'portalAverageScore') {
            const average =
              tally.portalScores.reduce((sum, value) => sum + value, 0) / tally.portalScores.length;
            inputs[subItem.id] = { value: bandsValue(average, unit) };
          } else {
            inputs[subItem.id] = randomInput(subItem, next);
          }
        }
      }
    }
    for (const [entryId, input] of Object.entries(inputs))
      entryRows.push({ unitId, entryKind: 'subItem', entryId, inputs: input });
    for (const [entryId, value] of Object.entries(harmlessAssessment)) {
      entryRows.push({ unitId, entryKind: 'measurement', entryId, inputs: { value } });
    }
  }
  for (const chunk of chunks(entryRows, 1000)) {
    await db.insert(selfEvaluations).values(chunk.map((row) => ({ ...row, cycleId: cycle.id })));
    await db
      .insert(reviews)
      .values(chunk.map((row) => ({ ...row, cycleId: cycle.id, decision: 'accepted' as const })));
  }
  for (const chunk of chunks(unitIds, 1000)) {
    await db
      .insert(unitSubmissions)
      .values(chunk.map((unitId) => ({ cycleId: cycle.id, unitId, status: 'verified' as const })));
  }
  // one hash for all: the same public password, and 50 argon2 hashes would only slow the seed
  const passwordHash = await hashPassword(benchLeaderPassword);
  await db.insert(users).values(
    Array.from({ length: benchLeaderCount }, (_, index) => ({
      username: benchLeaderUsername(index),
      displayName: benchLeaderDisplayName(index),
      passwordHash,
      role: 'leader' as const,
    })),
  );
  const context = await loadCycleContext(db, cycle.id);
  if (!context) throw new Error('bench cycle missing');
  await freezeResults(db, context, { createdBy: null, reason: '基准测试数据' });
  await db
    .update(cycles)
    .set({ status: 'published', publishedAt: new Date(), version: cycle.version + 1 })
    .where(eq(cycles.id, cycle.id));
  return { cycleId: cycle.id };
}
