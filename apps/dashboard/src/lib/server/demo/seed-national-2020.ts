import type { AssessmentRuleSet } from '@kaohe/rules';
import { eq } from 'drizzle-orm';
import { loadCycleContext } from '../assessment/context';
import { freezeResults } from '../assessment/results';
import type { Database } from '../db/open';
import {
  auditLog,
  cycles,
  evidence,
  inspectionSummaries,
  programmeGroups,
  programmes,
  programmeUnits,
  reviews,
  selfEvaluations,
  units,
  unitSubmissions,
} from '../db/schema';
import { storeEvidenceFile } from '../evidence';
import type { DemoAccount } from './accounts';
import {
  national2020Assessments,
  national2020Groups,
  national2020Inspection,
  national2020Programme,
  national2020Units,
  nationalUnitEntries,
} from './national-2020';
import type { DemoSeedContext } from './seed';

// Seeds the national demo programme (2020年政府网站与政务新媒体监管工作年度考核) in the same state as the Gansu demo:
// its units and groups (省级政府 / 国务院部门, labels as data), every unit's self-evaluation with a report and
// evidence links, the reviewer's verification (accepted, or adjusted with a reason), the results frozen from what
// @kaohe/scoring computes and the cycle published; then the inspection summary behind 328 / 153 / 91.8% and
// 728 / 91.9%.

const submittedAt = new Date('2021-01-20T02:00:00Z');
const verifiedAt = new Date('2021-02-26T02:00:00Z');
const publishedAt = new Date('2021-03-31T02:00:00Z');
const demoNote = '（演示数据：除单位名称和全国抽查通报数字外，内容均为虚构。）';

/** The national programme's own demo accounts (passwords public, in the READMEs). */
export const nationalDemoAccounts: readonly DemoAccount[] = [
  {
    username: 'assessor-gd',
    password: 'kaohe-assessor-gd-2020',
    displayName: '广东省填报员',
    role: 'assessor',
    unitCode: 'cn-guangdong',
  },
  {
    username: 'reviewer-cn',
    password: 'kaohe-reviewer-cn-2020',
    displayName: '国务院办公厅复核员',
    role: 'reviewer',
  },
];

export interface NationalSeedIds {
  programmeId: number;
  cycleId: number;
  unitIdByCode: Map<string, number>;
}

export async function seedNational2020(db: Database, context: DemoSeedContext): Promise<NationalSeedIds> {
  // a unit that already exists under the same code (e.g. created by an admin) is reused, not duplicated
  const existing = await db.select({ id: units.id, code: units.code }).from(units);
  const existingIdByCode = new Map(existing.map((row) => [row.code, row.id]));
  const missing = national2020Units.filter((unit) => !existingIdByCode.has(unit.code));
  const inserted = missing.length
    ? await db
        .insert(units)
        .values(missing.map(({ code, name, nameEn, kind }) => ({ code, name, nameEn, kind })))
        .returning({ id: units.id, code: units.code })
    : [];
  const unitIdByCode = new Map<string, number>();
  for (const unit of national2020Units) {
    const id = existingIdByCode.get(unit.code) ?? inserted.find((row) => row.code === unit.code)?.id;
    if (id === undefined) throw new Error(`national demo unit ${unit.code} not inserted`);
    unitIdByCode.set(unit.code, id);
  }
  const unitId = (code: string) => {
    const id = unitIdByCode.get(code);
    if (id === undefined) throw new Error(`national demo unit ${code} missing`);
    return id;
  };

  const adminId = await context.sharedAccount('admin');
  const accountIds = new Map<string, number>();
  for (const account of nationalDemoAccounts)
    accountIds.set(account.username, await context.account(account));
  const reviewerId = accountIds.get('reviewer-cn') as number;
  const assessorIdByUnitCode = new Map(
    nationalDemoAccounts.flatMap((account) =>
      account.unitCode ? [[account.unitCode, accountIds.get(account.username) as number] as const] : [],
    ),
  );

  const { cycle: cycleData, ...programmeData } = national2020Programme;
  const [programme] = await db
    .insert(programmes)
    .values({ ...programmeData, kind: 'assessment' })
    .returning({ id: programmes.id });
  if (!programme) throw new Error('national programme not inserted');
  const groups = await db
    .insert(programmeGroups)
    .values(national2020Groups.map((group) => ({ ...group, programmeId: programme.id })))
    .returning({ id: programmeGroups.id, key: programmeGroups.key });
  const groupId = new Map(groups.map((group) => [group.key, group.id]));
  await db.insert(programmeUnits).values(
    national2020Units.map((unit) => {
      const group = groupId.get(unit.group);
      if (group === undefined) throw new Error(`group ${unit.group} not inserted`);
      return { programmeId: programme.id, unitId: unitId(unit.code), groupId: group };
    }),
  );

  const [cycle] = await db
    .insert(cycles)
    .values({
      programmeId: programme.id,
      ...cycleData,
      status: 'review',
      periodStart: '2020-01-01',
      periodEnd: '2020-12-31',
    })
    .returning({ id: cycles.id });
  if (!cycle) throw new Error('national cycle not inserted');

  const cycleContext = await loadCycleContext(db, cycle.id);
  if (!cycleContext) throw new Error('national cycle missing');
  const selfRows: (typeof selfEvaluations.$inferInsert)[] = [];
  const reviewRows: (typeof reviews.$inferInsert)[] = [];
  const submissionRows: (typeof unitSubmissions.$inferInsert)[] = [];
  const linkRows: (typeof evidence.$inferInsert)[] = [];
  const names = new Map(national2020Units.map((unit) => [unit.code, unit.name]));
  for (const assessment of national2020Assessments) {
    const id = unitId(assessment.code);
    const assessorId = assessorIdByUnitCode.get(assessment.code) ?? null;
    const entries = nationalUnitEntries(cycleContext.ruleSet, assessment);
    for (const entry of entries.self) {
      selfRows.push({
        cycleId: cycle.id,
        unitId: id,
        entryKind: entry.entryKind,
        entryId: entry.entryId,
        inputs: entry.inputs,
        note: entry.note,
        updatedBy: assessorId,
        updatedAt: submittedAt,
      });
    }
    for (const entry of entries.verified) {
      reviewRows.push({
        cycleId: cycle.id,
        unitId: id,
        entryKind: entry.entryKind,
        entryId: entry.entryId,
        inputs: entry.inputs,
        decision: entry.decision,
        reason: entry.reason,
        reviewerId,
        updatedAt: verifiedAt,
      });
    }
    submissionRows.push({
      cycleId: cycle.id,
      unitId: id,
      status: 'verified',
      submittedAt,
      submittedBy: assessorId,
      verifiedAt,
      verifiedBy: reviewerId,
    });
    const name = names.get(assessment.code) ?? assessment.code;
    const base = `https://evidence.example.org/national-2020/${assessment.code.replace(/^cn-/, '')}`;
    // links (演示, example.org): the unit's published annual report, and the proof behind each bonus claimed
    linkRows.push({
      cycleId: cycle.id,
      unitId: id,
      entryKind: 'subItem',
      entryId: 'management.annual-reports.supervision',
      kind: 'link',
      title: `${name}2020年政府网站与政务新媒体监管年度报表（演示链接）`,
      url: `${base}/annual-report`,
      uploadedBy: assessorId,
      uploadedAt: submittedAt,
    });
    for (const criterion of new Set(entries.self.filter(claimed).map((entry) => entry.entryId))) {
      linkRows.push({
        cycleId: cycle.id,
        unitId: id,
        entryKind: 'bonus',
        entryId: criterion,
        kind: 'link',
        title: `${name}加分佐证：${bonusTitle(cycleContext.ruleSet, criterion)}（演示链接）`,
        url: `${base}/bonus/${criterion}`,
        uploadedBy: assessorId,
        uploadedAt: submittedAt,
      });
    }
    await storeEvidenceFile(db, {
      cycleId: cycle.id,
      unitId: id,
      entryKind: 'unit',
      entryId: 'unit',
      title: `${name}2020年度政府网站与政务新媒体监管工作自查报告`,
      fileName: `${name}2020年度自查报告.txt`,
      mediaType: 'text/plain; charset=utf-8',
      content: new TextEncoder().encode(
        [
          `${name}2020年度政府网站与政务新媒体监管工作自查报告`,
          '',
          `按照国办秘函〔2019〕19号附件2的考核指标，${name}对照各子项、单项否决项和加分项开展了自查，自评情况如下：`,
          ...entries.self.map(
            (entry) =>
              `${entry.entryKind} ${entry.entryId}：${JSON.stringify(entry.inputs)}${entry.note ? `（${entry.note}）` : ''}`,
          ),
          '',
          demoNote,
          '',
        ].join('\n'),
      ),
      uploadedBy: assessorId,
    });
  }
  for (const chunk of inChunks(selfRows, 300)) await db.insert(selfEvaluations).values(chunk);
  for (const chunk of inChunks(reviewRows, 300)) await db.insert(reviews).values(chunk);
  for (const chunk of inChunks(linkRows, 300)) await db.insert(evidence).values(chunk);
  await db.insert(unitSubmissions).values(submissionRows);

  await db.insert(inspectionSummaries).values(
    national2020Inspection.rows.map((row) => ({
      cycleId: cycle.id,
      targetType: row.targetKind,
      label: row.label,
      labelEn: row.labelEn,
      checked: row.checked,
      failed: row.failed,
      portalsChecked: row.portalsChecked,
      publishedPassRate: row.publishedPassRate,
      source: national2020Inspection.source,
      position: row.position,
    })),
  );

  await freezeResults(db, cycleContext, {
    createdBy: adminId,
    reason: '2020年度考核结果发布（演示数据）',
  });
  await db
    .update(cycles)
    .set({
      status: 'published',
      publishedAt,
      version: cycleContext.cycle.version + 1,
      updatedAt: publishedAt,
    })
    .where(eq(cycles.id, cycle.id));

  await db.insert(auditLog).values({
    action: 'seed.demo',
    entityType: 'programme',
    entityId: String(programme.id),
    after: {
      programme: programmeData.slug,
      units: national2020Units.length,
      accounts: nationalDemoAccounts.map((account) => account.username),
    },
    reason: '写入全国演示数据',
  });
  return { programmeId: programme.id, cycleId: cycle.id, unitIdByCode };
}

const claimed = (entry: { entryKind: string; inputs: unknown }) =>
  entry.entryKind === 'bonus' && ((entry.inputs as { count?: number }).count ?? 0) > 0;

function bonusTitle(ruleSet: AssessmentRuleSet, id: string): string {
  for (const indicator of ruleSet.bonus?.indicators ?? [])
    for (const criterion of indicator.criteria) if (criterion.id === id) return criterion.title;
  return id;
}

function inChunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
