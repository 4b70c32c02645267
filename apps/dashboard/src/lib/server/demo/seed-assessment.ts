import type { AssessmentRuleSet } from '@kaohe/rules';
import type { SubItemInput } from '@kaohe/scoring';
import { eq } from 'drizzle-orm';
import { loadCycleContext } from '../assessment/context';
import { freezeResults } from '../assessment/results';
import type { Database } from '../db/open';
import { cycles, reviews, selfEvaluations, unitSubmissions } from '../db/schema';
import { storeEvidenceFile } from '../evidence';
import {
  adjustmentReason,
  gansu2019Assessments,
  inputsWithLosses,
  selfEvaluationLosses,
  type UnitAssessment,
} from './gansu-2019-assessment';
import { gansuCities, gansuDepartments } from './gansu-2019-units';

// Seeds the 2019 cycle's work: each unit's self-evaluation, its evidence, the reviewer's verification (accepted or
// adjusted with a reason), then publishes the cycle, freezing the results that @kaohe/scoring computes.

const demoNote = '（演示数据：除通报公布的排名结果外，内容均为虚构。）';
const submittedAt = new Date('2020-01-15T02:00:00Z');
const verifiedAt = new Date('2020-02-20T02:00:00Z');
const publishedAt = new Date('2020-03-17T02:00:00Z');

export interface AssessmentSeedIds {
  cycleId: number;
  unitIdByCode: Map<string, number>;
  assessorIdByUnitCode: Map<string, number>;
  reviewerId: number;
  adminId: number;
}

export async function seedGansu2019Assessment(db: Database, ids: AssessmentSeedIds): Promise<void> {
  const context = await loadCycleContext(db, ids.cycleId);
  if (!context) throw new Error('demo cycle missing');
  const { ruleSet } = context;
  const names = new Map([...gansuCities, ...gansuDepartments].map((unit) => [unit.code, unit.name]));

  const selfRows: (typeof selfEvaluations.$inferInsert)[] = [];
  const reviewRows: (typeof reviews.$inferInsert)[] = [];
  const submissionRows: (typeof unitSubmissions.$inferInsert)[] = [];
  for (const assessment of gansu2019Assessments) {
    const unitId = ids.unitIdByCode.get(assessment.code);
    if (unitId === undefined) throw new Error(`demo unit ${assessment.code} missing`);
    const assessorId = ids.assessorIdByUnitCode.get(assessment.code) ?? null;
    const self = inputsWithLosses(ruleSet, selfEvaluationLosses(assessment), assessment.notApplicable);
    const verified = inputsWithLosses(ruleSet, assessment.verified, assessment.notApplicable);
    for (const [subItemId, input] of Object.entries(self)) {
      selfRows.push({
        cycleId: ids.cycleId,
        unitId,
        entryKind: 'subItem',
        entryId: subItemId,
        inputs: input,
        updatedBy: assessorId,
        updatedAt: submittedAt,
      });
      const verifiedInput = verified[subItemId] as SubItemInput;
      const same = JSON.stringify(verifiedInput) === JSON.stringify(input);
      reviewRows.push({
        cycleId: ids.cycleId,
        unitId,
        entryKind: 'subItem',
        entryId: subItemId,
        inputs: verifiedInput,
        decision: same ? 'accepted' : 'adjusted',
        reason: same ? null : adjustmentReason(assessment, subItemId),
        reviewerId: ids.reviewerId,
        updatedAt: verifiedAt,
      });
    }
    // the bulletin reports no veto in 2019: both veto measurements are recorded as clear
    for (const [measurement, value] of Object.entries(clearMeasurements(ruleSet))) {
      const row = {
        cycleId: ids.cycleId,
        unitId,
        entryKind: 'measurement' as const,
        entryId: measurement,
        inputs: { value },
      };
      selfRows.push({ ...row, updatedBy: assessorId, updatedAt: submittedAt });
      reviewRows.push({ ...row, decision: 'accepted', reviewerId: ids.reviewerId, updatedAt: verifiedAt });
    }
    submissionRows.push({
      cycleId: ids.cycleId,
      unitId,
      status: 'verified',
      submittedAt,
      submittedBy: assessorId,
      verifiedAt,
      verifiedBy: ids.reviewerId,
    });
    await seedEvidence(
      db,
      ids,
      unitId,
      names.get(assessment.code) ?? assessment.code,
      assessment,
      ruleSet,
      assessorId,
    );
  }
  for (const chunk of inChunks(selfRows, 300)) await db.insert(selfEvaluations).values(chunk);
  for (const chunk of inChunks(reviewRows, 300)) await db.insert(reviews).values(chunk);
  await db.insert(unitSubmissions).values(submissionRows);

  await freezeResults(db, context, {
    createdBy: ids.adminId,
    reason: '2019年度考核结果发布（甘政办通报，2020年3月17日）',
  });
  await db
    .update(cycles)
    .set({ status: 'published', publishedAt, version: context.cycle.version + 1, updatedAt: publishedAt })
    .where(eq(cycles.id, ids.cycleId));
}

/** Every veto measurement at its harmless value: flags false, counts 0. */
function clearMeasurements(ruleSet: AssessmentRuleSet): Record<string, boolean | string> {
  const result: Record<string, boolean | string> = {};
  for (const measurement of ruleSet.measurements)
    result[measurement.id] = measurement.kind === 'boolean' ? false : '0';
  return result;
}

async function seedEvidence(
  db: Database,
  ids: AssessmentSeedIds,
  unitId: number,
  unitName: string,
  assessment: UnitAssessment,
  ruleSet: AssessmentRuleSet,
  uploadedBy: number | null,
): Promise<void> {
  const encoder = new TextEncoder();
  const file = (entryKind: 'unit' | 'subItem', entryId: string, title: string, lines: string[]) =>
    storeEvidenceFile(db, {
      cycleId: ids.cycleId,
      unitId,
      entryKind,
      entryId,
      title,
      fileName: `${title}.txt`,
      mediaType: 'text/plain; charset=utf-8',
      content: encoder.encode([title, '', ...lines, '', demoNote, ''].join('\n')),
      uploadedBy,
    });
  const selfInputs = inputsWithLosses(ruleSet, selfEvaluationLosses(assessment), assessment.notApplicable);
  const subItemLines = ruleSet.areas.flatMap((area) =>
    area.items.flatMap((item) =>
      item.subItems.map(
        (subItem) => `${subItem.id} ${subItem.title}：${JSON.stringify(selfInputs[subItem.id])}`,
      ),
    ),
  );
  await file('unit', 'unit', `${unitName}2019年度政府网站建设管理工作自查自评报告`, [
    `按照《甘肃省2019年度政府网站建设管理工作考核指标》，${unitName}对照各子项开展了自查，自评情况如下：`,
    ...subItemLines,
  ]);
  await file('subItem', 'D1.1', `${unitName}政府网站管理工作专题会议纪要（2019年）`, [
    '会议研究了本单位政府网站建设管理、内容保障和安全防护工作，明确了责任分工。',
  ]);
  await file('subItem', 'D2.1', `${unitName}2019年度预算（政府网站运维经费）摘录`, [
    assessment.verified.includes('noBudget')
      ? '（未提供经费纳入预算的文件。）'
      : '政府网站运行维护经费已列入本年度预算。',
  ]);
  await file('subItem', 'B4.1', `${unitName}政府网站工作年度报表（2019年度）`, [
    '本报表按照《政府网站发展指引》要求编制，并在网站首页公开发布。',
  ]);
}

function inChunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
