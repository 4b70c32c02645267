import type { AssessmentRuleSet } from '@kaohe/rules';
import type { SubItemInput } from '@kaohe/scoring';
import { loadCycleContext } from '../assessment/context';
import type { Database } from '../db/open';
import { cycles, reviews, selfEvaluations, unitSubmissions } from '../db/schema';
import { storeEvidenceFile } from '../evidence';
import {
  gansu2019Assessments,
  inputsWithLosses,
  type LossKey,
  type UnitAssessment,
} from './gansu-2019-assessment';
import { gansu2020Q1FedValues, type FedValues } from './gansu-inspections';

// The Gansu 2020 cycle, still open: the demo's live work. Inputs are the 2019 ones with small invented changes (some
// units fixed a weakness, some have a new one). Roughly half the units are verified, the rest submitted or still
// drafting; 兰州市 — the demo assessor's unit — is a draft with every entry but one (D2.1) filled in, so the demo
// (and the browser journey) can finish it, attach the budget document, and submit.
//
// The sub-items fed by the quarterly inspections (A1.1, A2.1, A3.1) read 2020 Q1, the year's only quarter so far
// (gansu-inspections.ts): a unit that saved them saved exactly what the feed computes, so the review page shows no
// difference; the units still drafting (other than 兰州市) have not saved them, so their page shows the prefill.

export const gansu2020CycleSlug = '2020';
/** The one entry 兰州市's draft leaves empty. */
export const lanzhou2020OpenSubItem = 'D2.1';

const savedAt = new Date('2021-01-12T02:00:00Z');
const submittedAt = new Date('2021-01-15T02:00:00Z');
const verifiedAt = new Date('2021-01-20T02:00:00Z');

/** Units already verified in 2020 (the rest of the submitted ones wait for the reviewer). */
const verifiedCodes = new Set([
  'gs-jiayuguan',
  'gs-jinchang',
  'gs-baiyin',
  'gs-tianshui',
  'gs-wuwei',
  'gs-zhangye',
  'gs-pingliang',
  ...gansu2019Assessments
    .filter((unit) => unit.code.startsWith('gs-dept-'))
    .slice(0, 20)
    .map((unit) => unit.code),
]);
/** Units still drafting: a few entries saved, nothing submitted. */
const draftCodes = new Set(['gs-lanzhou', 'gs-gannan', 'gs-dept-rfb', 'gs-dept-zscqj']);

export interface Gansu2020SeedIds {
  programmeId: number;
  unitIdByCode: Map<string, number>;
  assessorIdByUnitCode: Map<string, number>;
  reviewerId: number;
}

const fedSubItems = ['A1.1', 'A2.1', 'A3.1'] as const satisfies readonly (keyof FedValues)[];

/** The 2020 losses: a unit that lost points in 2019 fixed its first weakness; every third unit has a late message. */
export function losses2020(assessment: UnitAssessment, index: number): LossKey[] {
  const result: LossKey[] = assessment.verified.slice(1);
  if (index % 3 === 2) result.push('late');
  return result;
}

export async function seedGansu2020Cycle(db: Database, ids: Gansu2020SeedIds): Promise<number> {
  const [cycle] = await db
    .insert(cycles)
    .values({
      programmeId: ids.programmeId,
      slug: gansu2020CycleSlug,
      title: '2020年度',
      titleEn: '2020',
      status: 'open',
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
    })
    .returning({ id: cycles.id });
  if (!cycle) throw new Error('2020 cycle not inserted');
  const context = await loadCycleContext(db, cycle.id);
  if (!context) throw new Error('2020 cycle missing');
  const { ruleSet } = context;
  const measurements = clearMeasurements(ruleSet);
  const fedValues = gansu2020Q1FedValues();

  const selfRows: (typeof selfEvaluations.$inferInsert)[] = [];
  const reviewRows: (typeof reviews.$inferInsert)[] = [];
  const submissionRows: (typeof unitSubmissions.$inferInsert)[] = [];
  gansu2019Assessments.forEach((assessment, index) => {
    const unitId = ids.unitIdByCode.get(assessment.code);
    if (unitId === undefined) throw new Error(`demo unit ${assessment.code} missing`);
    const assessorId = ids.assessorIdByUnitCode.get(assessment.code) ?? null;
    const inputs: Record<string, SubItemInput> = inputsWithLosses(
      ruleSet,
      losses2020(assessment, index),
      assessment.notApplicable,
    );
    const fed = fedValues.get(assessment.code) ?? {};
    for (const subItemId of fedSubItems) {
      const value = fed[subItemId];
      if (value !== undefined) inputs[subItemId] = { value };
    }
    const draft = draftCodes.has(assessment.code);
    let subItems = Object.entries(inputs);
    if (assessment.code === 'gs-lanzhou')
      subItems = subItems.filter(([subItemId]) => subItemId !== lanzhou2020OpenSubItem);
    else if (draft)
      subItems = subItems
        .slice(0, 6)
        .filter(([subItemId]) => !(fedSubItems as readonly string[]).includes(subItemId));
    const measurementEntries = Object.entries(measurements).map(([entryId, value]) => ({
      entryKind: 'measurement' as const,
      entryId,
      inputs: { value },
    }));
    const subItemEntries = subItems.map(([entryId, input]) => ({
      entryKind: 'subItem' as const,
      entryId,
      inputs: input,
    }));
    // the other drafts have not reached the vetoes yet
    const entries: { entryKind: 'subItem' | 'measurement'; entryId: string; inputs: unknown }[] =
      draft && assessment.code !== 'gs-lanzhou' ? subItemEntries : [...subItemEntries, ...measurementEntries];
    const verified = verifiedCodes.has(assessment.code);
    for (const entry of entries) {
      selfRows.push({
        cycleId: cycle.id,
        unitId,
        ...entry,
        updatedBy: assessorId,
        updatedAt: draft ? savedAt : submittedAt,
      });
      if (verified)
        reviewRows.push({
          cycleId: cycle.id,
          unitId,
          ...entry,
          decision: 'accepted',
          reviewerId: ids.reviewerId,
          updatedAt: verifiedAt,
        });
    }
    if (!draft)
      submissionRows.push({
        cycleId: cycle.id,
        unitId,
        status: verified ? 'verified' : 'submitted',
        submittedAt,
        submittedBy: assessorId,
        verifiedAt: verified ? verifiedAt : null,
        verifiedBy: verified ? ids.reviewerId : null,
      });
  });
  for (let start = 0; start < selfRows.length; start += 300)
    await db.insert(selfEvaluations).values(selfRows.slice(start, start + 300));
  for (let start = 0; start < reviewRows.length; start += 300)
    await db.insert(reviews).values(reviewRows.slice(start, start + 300));
  await db.insert(unitSubmissions).values(submissionRows);

  // 兰州市's draft already has its self-evaluation report attached
  const lanzhou = ids.unitIdByCode.get('gs-lanzhou');
  if (lanzhou !== undefined) {
    const title = '兰州市2020年度政府网站建设管理工作自查自评报告（初稿）';
    await storeEvidenceFile(db, {
      cycleId: cycle.id,
      unitId: lanzhou,
      entryKind: 'unit',
      entryId: 'unit',
      title,
      fileName: `${title}.txt`,
      mediaType: 'text/plain; charset=utf-8',
      content: new TextEncoder().encode(
        `${title}\n\n对照考核指标逐项自查，经费预算文件待补充。\n\n（演示数据，内容为虚构。）\n`,
      ),
      uploadedBy: ids.assessorIdByUnitCode.get('gs-lanzhou') ?? null,
    });
  }
  return cycle.id;
}

/** Every veto measurement at its harmless value: flags false, counts 0. */
function clearMeasurements(ruleSet: AssessmentRuleSet): Record<string, boolean | string> {
  const result: Record<string, boolean | string> = {};
  for (const measurement of ruleSet.measurements)
    result[measurement.id] = measurement.kind === 'boolean' ? false : '0';
  return result;
}
