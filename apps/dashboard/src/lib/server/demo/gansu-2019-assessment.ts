import type { AssessmentRuleSet } from '@kaohe/rules';
import type { SubItemInput } from '@kaohe/scoring';

// What each unit of the Gansu 2019 demo entered (自查自评) and what the reviewer verified (复核查验), chosen so that
// the published ranking reproduces the bulletin (seed 001):
//   兰州、金昌、张掖、天水 100, tied first among the 市州; 省科技厅、省自然资源厅、省住建厅、省林草局 100, tied first
//   among the 省直部门; 6 市州 and 35 省直部门 at 90 or above.
// Only those facts are official; every other score, and every loss below, is invented to fit them. Where the
// bulletin names a weakness (平凉、临夏 slow with messages; 陇南 opening a site without approval; 酒泉 a county site's
// domain left registered and hijacked; 甘南 empty columns and unanswered messages) the losses echo it.

/** One way to lose points on the reconstructed table, with the reviewer's reason when it was found on review. */
interface Loss {
  subItem: string;
  /** bands / ratio: the value entered */
  value?: string;
  /** deduct: the criterion counted once more */
  criterion?: string;
  /** check: not met */
  met?: false;
  /** manual: the points awarded */
  points?: string;
  /** points lost, for the expectation in the tests */
  lost: string;
  reason: string;
}

export const losses = {
  portal85: {
    subItem: 'A1.1',
    value: '85',
    lost: '2',
    reason: '经核查四个季度检查结果，本级门户网站平均得分85分。',
  },
  portal78: {
    subItem: 'A1.1',
    value: '78',
    lost: '4',
    reason: '经核查四个季度检查结果，本级门户网站平均得分78分。',
  },
  passRate96: {
    subItem: 'A2.1',
    value: '0.96',
    lost: '2',
    reason: '全年抽查所属网站合格率为96%，第三季度有网站不合格。',
  },
  passRate93: { subItem: 'A2.1', value: '0.93', lost: '4', reason: '全年抽查所属网站合格率为93%。' },
  passRate88: {
    subItem: 'A2.1',
    value: '0.88',
    lost: '7',
    reason: '全年抽查所属网站合格率为88%，多家网站栏目长期未更新。',
  },
  newMedia96: { subItem: 'A3.1', value: '0.96', lost: '1', reason: '政务新媒体全年检查合格率为96%。' },
  newMedia92: {
    subItem: 'A3.1',
    value: '0.92',
    lost: '2',
    reason: '政务新媒体全年检查合格率为92%，有账号两周未更新。',
  },
  consolidated90: {
    subItem: 'A4.1',
    value: '0.9',
    lost: '0.5',
    reason: '尚有1家网站未迁移至省级集约化平台。',
  },
  consolidated80: { subItem: 'A4.1', value: '0.8', lost: '1', reason: '尚有2家网站未迁移至省级集约化平台。' },
  unresolved: {
    subItem: 'A5.1',
    criterion: 'A5.1-unresolved',
    lost: '3',
    reason: '国办转办的“我为政府网站找错”留言有1条未办结。',
  },
  late: { subItem: 'A5.2', criterion: 'A5.2-late', lost: '2', reason: '有1条网民留言超过1个月才办结。' },
  quarterShort: {
    subItem: 'B1.1',
    criterion: 'B1.1-quarter-short',
    lost: '2',
    reason: '第三季度抽查比例为22%，低于30%的要求。',
  },
  notPublished: {
    subItem: 'B2.1',
    criterion: 'B2.1-not-published',
    lost: '1',
    reason: '第二季度抽查情况未在门户网站公开。',
  },
  remediation80: { subItem: 'B3.1', value: '0.8', lost: '1', reason: '通报的5个问题中1个未整改到位。' },
  reportLate: {
    subItem: 'B3.2',
    criterion: 'B3.2-report-late',
    lost: '1',
    reason: '整改情况晚于规定时间报送。',
  },
  annualReportLate: {
    subItem: 'B4.1',
    criterion: 'B4.1-not-published',
    lost: '2.5',
    reason: '政府网站工作年度报表未于1月31日前在网站首页发布。',
  },
  outsideProcedure: {
    subItem: 'C1.1',
    criterion: 'C1.1-outside-procedure',
    lost: '2',
    reason: '有网站未报省政府办公厅核准即上线运行。',
  },
  domains95: { subItem: 'C2.1', value: '0.95', lost: '0.3', reason: '1家网站域名不符合规范。' },
  notReported: {
    subItem: 'C3.1',
    criterion: 'C3.1-not-reported',
    lost: '1',
    reason: '网站永久下线后未及时在全国政府网站信息报送系统更改信息。',
  },
  securityGap: {
    subItem: 'C4.1',
    criterion: 'C4.1-incident-or-gap',
    lost: '2',
    reason: '有下线网站域名未及时注销，被篡改为非法网站。',
  },
  noBudget: { subItem: 'D2.1', met: false, lost: '4', reason: '未提供网站工作经费纳入年度预算的文件。' },
  staffing6: { subItem: 'D3.1', points: '6', lost: '1', reason: '未开展年度业务培训。' },
  staffing5: { subItem: 'D3.1', points: '5', lost: '2', reason: '未明确专职人员，未开展年度业务培训。' },
} as const satisfies Record<string, Loss>;

export type LossKey = keyof typeof losses;

export interface UnitAssessment {
  code: string;
  /** what the reviewer verified: the published score is 100 minus these */
  verified: LossKey[];
  /** losses the unit did not report in its self-evaluation (the reviewer found them) */
  concealed?: LossKey[];
  /** losses the unit reported that the reviewer did not confirm (e.g. fixed within the year) */
  withdrawn?: LossKey[];
  notApplicable?: Record<string, string>;
  /** the published total, for the tests */
  expected: string;
}

const cities: UnitAssessment[] = [
  { code: 'gs-lanzhou', verified: [], expected: '100' },
  {
    code: 'gs-jiayuguan',
    verified: ['passRate96', 'notReported'],
    concealed: ['notReported'],
    expected: '97',
  },
  { code: 'gs-jinchang', verified: [], expected: '100' },
  {
    code: 'gs-baiyin',
    verified: ['passRate88', 'late', 'notReported', 'reportLate'],
    concealed: ['late'],
    expected: '89',
  },
  // the self-evaluation listed a late message that the reviewer found answered in time
  { code: 'gs-tianshui', verified: [], withdrawn: ['late'], expected: '100' },
  {
    code: 'gs-wuwei',
    verified: ['passRate88', 'annualReportLate', 'unresolved'],
    concealed: ['unresolved'],
    expected: '87.5',
  },
  { code: 'gs-zhangye', verified: [], expected: '100' },
  {
    code: 'gs-pingliang',
    verified: ['unresolved', 'unresolved', 'late', 'late', 'passRate93'],
    concealed: ['late'],
    expected: '86',
  },
  {
    code: 'gs-jiuquan',
    verified: ['securityGap', 'passRate93', 'notPublished'],
    concealed: ['securityGap'],
    expected: '93',
  },
  {
    code: 'gs-qingyang',
    verified: ['passRate93', 'quarterShort', 'annualReportLate', 'staffing6', 'consolidated80'],
    expected: '89.5',
  },
  {
    code: 'gs-dingxi',
    verified: ['passRate88', 'securityGap', 'quarterShort'],
    concealed: ['quarterShort'],
    expected: '89',
  },
  {
    code: 'gs-longnan',
    verified: ['outsideProcedure', 'passRate88', 'portal85', 'notReported', 'notPublished'],
    concealed: ['outsideProcedure'],
    expected: '87',
  },
  {
    code: 'gs-linxia',
    verified: ['unresolved', 'unresolved', 'late', 'passRate88'],
    concealed: ['unresolved'],
    expected: '85',
  },
  {
    code: 'gs-gannan',
    verified: ['passRate88', 'unresolved', 'newMedia92', 'securityGap', 'annualReportLate', 'late'],
    concealed: ['newMedia92', 'unresolved'],
    expected: '81.5',
  },
];

const departments: UnitAssessment[] = [
  { code: 'gs-dept-kjt', verified: [], expected: '100' },
  { code: 'gs-dept-zrzyt', verified: [], expected: '100' },
  { code: 'gs-dept-zjt', verified: [], withdrawn: ['domains95'], expected: '100' },
  // no new-media account: A3.1 is left out and the rest scaled up to 100
  {
    code: 'gs-dept-lcj',
    verified: [],
    notApplicable: { 'A3.1': '本部门2019年未开设政务新媒体账号。' },
    expected: '100',
  },
  { code: 'gs-dept-fgw', verified: ['domains95'], expected: '99.7' },
  { code: 'gs-dept-jyt', verified: ['consolidated90'], expected: '99.5' },
  { code: 'gs-dept-gxt', verified: ['notPublished'], concealed: ['notPublished'], expected: '99' },
  { code: 'gs-dept-mw', verified: ['newMedia96'], expected: '99' },
  { code: 'gs-dept-gat', verified: ['passRate96'], expected: '98' },
  { code: 'gs-dept-mzt', verified: ['late'], expected: '98' },
  { code: 'gs-dept-sft', verified: ['staffing6', 'reportLate'], expected: '98' },
  { code: 'gs-dept-czt', verified: ['annualReportLate'], concealed: ['annualReportLate'], expected: '97.5' },
  { code: 'gs-dept-rst', verified: ['unresolved'], expected: '97' },
  { code: 'gs-dept-sthjt', verified: ['notPublished', 'notReported', 'reportLate'], expected: '97' },
  { code: 'gs-dept-jtyst', verified: ['portal78'], expected: '96' },
  {
    code: 'gs-dept-slt',
    verified: ['passRate96', 'outsideProcedure'],
    concealed: ['outsideProcedure'],
    expected: '96',
  },
  { code: 'gs-dept-nynct', verified: ['passRate93', 'consolidated90'], expected: '95.5' },
  { code: 'gs-dept-swt', verified: ['unresolved', 'late'], expected: '95' },
  { code: 'gs-dept-whlyt', verified: ['annualReportLate', 'quarterShort', 'consolidated90'], expected: '95' },
  { code: 'gs-dept-wjw', verified: ['passRate93', 'remediation80'], expected: '95' },
  { code: 'gs-dept-tyjrt', verified: ['staffing5', 'securityGap', 'notPublished'], expected: '95' },
  { code: 'gs-dept-yjt', verified: ['noBudget', 'domains95'], concealed: ['noBudget'], expected: '95.7' },
  { code: 'gs-dept-sjt', verified: ['passRate93', 'newMedia92'], expected: '94' },
  {
    code: 'gs-dept-wb',
    verified: ['portal85', 'quarterShort', 'notReported', 'notPublished'],
    expected: '94',
  },
  { code: 'gs-dept-gzw', verified: ['unresolved', 'annualReportLate', 'consolidated80'], expected: '93.5' },
  { code: 'gs-dept-scjgj', verified: ['passRate93', 'late', 'reportLate'], expected: '93' },
  { code: 'gs-dept-gdj', verified: ['portal78', 'outsideProcedure', 'notReported'], expected: '93' },
  { code: 'gs-dept-tyj', verified: ['passRate88'], expected: '93' },
  { code: 'gs-dept-tjj', verified: ['annualReportLate', 'securityGap', 'quarterShort'], expected: '93.5' },
  {
    code: 'gs-dept-ybj',
    verified: ['unresolved', 'late', 'notPublished', 'domains95'],
    concealed: ['unresolved'],
    expected: '93.7',
  },
  { code: 'gs-dept-fpb', verified: ['passRate93', 'quarterShort', 'outsideProcedure'], expected: '92' },
  { code: 'gs-dept-jrj', verified: ['noBudget', 'staffing5', 'consolidated80'], expected: '93' },
  { code: 'gs-dept-xfj', verified: ['unresolved', 'unresolved', 'notReported'], expected: '93' },
  { code: 'gs-dept-lsj', verified: ['passRate88', 'late'], expected: '91' },
  // exactly 90: "90分以上" includes 90
  {
    code: 'gs-dept-yjj',
    verified: ['portal78', 'quarterShort', 'securityGap', 'notReported', 'reportLate'],
    concealed: ['securityGap'],
    expected: '90',
  },
  {
    code: 'gs-dept-zscqj',
    verified: ['passRate88', 'annualReportLate', 'securityGap', 'notReported'],
    expected: '87.5',
  },
  {
    code: 'gs-dept-rfb',
    verified: ['passRate88', 'unresolved', 'quarterShort', 'late'],
    concealed: ['quarterShort'],
    expected: '86',
  },
];

export const gansu2019Assessments: readonly UnitAssessment[] = [...cities, ...departments];

/** Full marks on every sub-item, derived from the rule set so that it follows the rule set's own methods. */
export function fullMarksInputs(ruleSet: AssessmentRuleSet): Record<string, SubItemInput> {
  const inputs: Record<string, SubItemInput> = {};
  for (const area of ruleSet.areas) {
    for (const item of area.items) {
      for (const subItem of item.subItems) {
        const method = subItem.method;
        switch (method.kind) {
          case 'check':
            inputs[subItem.id] = { met: true };
            break;
          case 'deduct':
            inputs[subItem.id] = { counts: {} };
            break;
          case 'ratio':
            inputs[subItem.id] = { value: '1' };
            break;
          case 'manual':
            inputs[subItem.id] = { points: subItem.points };
            break;
          case 'bands': {
            // the lower bound of the best-paying band
            const best = [...method.bands].sort((a, b) => Number(b.points) - Number(a.points))[0];
            inputs[subItem.id] = { value: best?.atLeast ?? '0' };
            break;
          }
        }
      }
    }
  }
  return inputs;
}

/** The inputs after the given losses (a loss listed twice counts twice). */
export function inputsWithLosses(
  ruleSet: AssessmentRuleSet,
  lossKeys: readonly LossKey[],
  notApplicable: Record<string, string> = {},
): Record<string, SubItemInput> {
  const inputs = fullMarksInputs(ruleSet);
  for (const key of lossKeys) {
    const loss: Loss = losses[key];
    const current = inputs[loss.subItem];
    if (loss.criterion !== undefined && current && 'counts' in current) {
      inputs[loss.subItem] = {
        counts: { ...current.counts, [loss.criterion]: (current.counts[loss.criterion] ?? 0) + 1 },
      };
    } else if (loss.value !== undefined) inputs[loss.subItem] = { value: loss.value };
    else if (loss.met !== undefined) inputs[loss.subItem] = { met: loss.met };
    else if (loss.points !== undefined) inputs[loss.subItem] = { points: loss.points };
  }
  for (const [subItem, reason] of Object.entries(notApplicable))
    inputs[subItem] = { notApplicable: true, reason };
  return inputs;
}

/** What the unit entered: the verified losses minus those it concealed, plus those it reported but were withdrawn. */
export function selfEvaluationLosses(assessment: UnitAssessment): LossKey[] {
  const result: LossKey[] = [...assessment.verified];
  for (const key of assessment.concealed ?? []) {
    const index = result.indexOf(key);
    if (index >= 0) result.splice(index, 1);
  }
  return [...result, ...(assessment.withdrawn ?? [])];
}

/** The reviewer's reason for a sub-item whose verified input differs from the self-evaluation. */
export function adjustmentReason(assessment: UnitAssessment, subItem: string): string {
  const found = (assessment.concealed ?? []).filter((key) => losses[key].subItem === subItem);
  const withdrawn = (assessment.withdrawn ?? []).filter((key) => losses[key].subItem === subItem);
  const parts = [
    ...found.map((key) => `复核发现：${losses[key].reason}`),
    ...withdrawn.map(() => '经复核，自评所列问题已于年内整改到位，不予扣分。'),
  ];
  return parts.join(' ') || '复核调整。';
}
