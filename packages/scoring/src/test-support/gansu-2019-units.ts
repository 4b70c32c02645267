import { Decimal } from '../decimal.js';
import type { SubItemInput } from '../assessment.js';

// The units of Gansu's 2019 annual assessment (seed 001): 14 市州 and 37 省直部门, with inputs for the
// `gansu-2019-annual-assessment` rule set that reproduce what the bulletin reports:
//   兰州、金昌、张掖、天水 100, tied first among the cities (并列第一);
//   省科技厅、省自然资源厅、省住建厅、省林草局 100, tied first among the departments;
//   6 市州 and 35 省直部门 at 90 or above.
// Only those facts are official. Every other unit's score, and what each unit lost points for, is invented to
// fit them (the item table itself is a reconstruction); where the seed names a weakness (平凉、临夏 slow with
// messages, 陇南 opening a site without approval, 甘南 empty columns and unanswered messages) the losses echo it.

export type GansuGroup = '市州' | '省直部门';

/** One way to lose points: the sub-item, the input that loses them, and how many points (for the expectation). */
interface Loss {
  subItem: string;
  /** A value for bands / ratio sub-items, or a deduction criterion counted once more each time it is listed. */
  value?: string;
  criterion?: string;
  met?: false;
  points?: string;
  lost: string;
}

export const gansuLosses = {
  portalScore85: { subItem: 'A1.1', value: '85', lost: '2' }, // portal averaged 85: band 80–90 → 8 of 10
  portalScore75: { subItem: 'A1.1', value: '75', lost: '4' },
  passRate96: { subItem: 'A2.1', value: '0.96', lost: '2' },
  passRate92: { subItem: 'A2.1', value: '0.92', lost: '4' },
  passRate85: { subItem: 'A2.1', value: '0.85', lost: '7' },
  newMedia97: { subItem: 'A3.1', value: '0.97', lost: '1' },
  newMedia93: { subItem: 'A3.1', value: '0.93', lost: '2' },
  consolidated90: { subItem: 'A4.1', value: '0.9', lost: '0.5' }, // 5 × 0.9
  consolidated80: { subItem: 'A4.1', value: '0.8', lost: '1' },
  unresolvedMessage: { subItem: 'A5.1', criterion: 'A5.1-unresolved', lost: '3' }, // 找错留言未办结
  lateMessage: { subItem: 'A5.2', criterion: 'A5.2-late', lost: '2' },
  quarterShort: { subItem: 'B1.1', criterion: 'B1.1-quarter-short', lost: '2' }, // 抽查比例不足30%
  notPublished: { subItem: 'B2.1', criterion: 'B2.1-not-published', lost: '1' },
  remediation80: { subItem: 'B3.1', value: '0.8', lost: '1' },
  reportLate: { subItem: 'B3.2', criterion: 'B3.2-report-late', lost: '1' },
  annualReportLate: { subItem: 'B4.1', criterion: 'B4.1-not-published', lost: '2.5' },
  outsideProcedure: { subItem: 'C1.1', criterion: 'C1.1-outside-procedure', lost: '2' },
  domains95: { subItem: 'C2.1', value: '0.95', lost: '0.3' }, // 6 × 0.95 = 5.7
  notReported: { subItem: 'C3.1', criterion: 'C3.1-not-reported', lost: '1' },
  securityGap: { subItem: 'C4.1', criterion: 'C4.1-incident-or-gap', lost: '2' },
  noBudget: { subItem: 'D2.1', met: false, lost: '4' },
  staffing5: { subItem: 'D3.1', points: '5', lost: '2' },
} as const satisfies Record<string, Loss>;

export type GansuLoss = keyof typeof gansuLosses;

/** Full marks on every sub-item of the reconstructed table. */
function fullMarks(): Record<string, SubItemInput> {
  return {
    'A1.1': { value: '95' },
    'A2.1': { value: '1' },
    'A3.1': { value: '1' },
    'A4.1': { value: '1' },
    'A5.1': { counts: {} },
    'A5.2': { counts: {} },
    'B1.1': { counts: {} },
    'B2.1': { counts: {} },
    'B3.1': { value: '1' },
    'B3.2': { counts: {} },
    'B4.1': { counts: {} },
    'C1.1': { counts: {} },
    'C2.1': { value: '1' },
    'C3.1': { counts: {} },
    'C4.1': { counts: {} },
    'D1.1': { met: true },
    'D2.1': { met: true },
    'D3.1': { points: '7' },
  };
}

export interface GansuUnit {
  id: string;
  name: string;
  group: GansuGroup;
  /** What the unit lost points for (a loss listed twice counts twice). */
  losses: GansuLoss[];
  /** Sub-item id → input, for scoreAssessment. */
  inputs: Record<string, SubItemInput>;
  /** No veto triggered for any unit: the bulletin reports none. */
  measurements: { seriousIncident: false; seriousMisstatementFailures: 0 };
  /** 100 minus the listed losses. */
  expectedTotal: string;
}

function unit(
  id: string,
  name: string,
  group: GansuGroup,
  losses: GansuLoss[] = [],
  notApplicable: Record<string, string> = {},
): GansuUnit {
  const inputs = fullMarks();
  for (const key of losses) {
    const loss: Loss = gansuLosses[key];
    const current = inputs[loss.subItem]!;
    if (loss.criterion !== undefined && 'counts' in current) {
      current.counts = { ...current.counts, [loss.criterion]: (current.counts[loss.criterion] ?? 0) + 1 };
    } else if (loss.value !== undefined) inputs[loss.subItem] = { value: loss.value };
    else if (loss.met !== undefined) inputs[loss.subItem] = { met: loss.met };
    else if (loss.points !== undefined) inputs[loss.subItem] = { points: loss.points };
  }
  for (const [subItem, reason] of Object.entries(notApplicable))
    inputs[subItem] = { notApplicable: true, reason };
  const lost = losses.reduce((sum, key) => sum.plus(gansuLosses[key].lost), new Decimal(0));
  return {
    id,
    name,
    group,
    losses,
    inputs,
    measurements: { seriousIncident: false, seriousMisstatementFailures: 0 },
    expectedTotal: new Decimal(100).minus(lost).toFixed(),
  };
}

const city = (id: string, name: string, losses?: GansuLoss[]) => unit(id, name, '市州', losses);
const dept = (id: string, name: string, losses?: GansuLoss[], notApplicable?: Record<string, string>) =>
  unit(id, name, '省直部门', losses, notApplicable);

/** The 14 市州 in the order the bulletins list them. */
export const gansuCities: GansuUnit[] = [
  city('lanzhou', '兰州'),
  city('jiayuguan', '嘉峪关', ['annualReportLate', 'notPublished']), // 96.5
  city('jinchang', '金昌'),
  city('baiyin', '白银', ['passRate85', 'lateMessage', 'outsideProcedure', 'notReported']), // 88
  city('tianshui', '天水'),
  city('wuwei', '武威', ['passRate85', 'annualReportLate', 'unresolvedMessage', 'notReported']), // 86.5
  city('zhangye', '张掖'),
  city('pingliang', '平凉', [
    'unresolvedMessage',
    'unresolvedMessage',
    'lateMessage',
    'passRate92',
    'quarterShort',
    'outsideProcedure',
  ]), // 84
  city('jiuquan', '酒泉', ['passRate92', 'securityGap', 'outsideProcedure']), // 92
  city('qingyang', '庆阳', ['passRate92', 'quarterShort', 'annualReportLate', 'staffing5']), // 89.5
  city('dingxi', '定西', ['passRate85', 'securityGap', 'quarterShort', 'notReported', 'reportLate']), // 87
  city('longnan', '陇南', [
    'passRate85',
    'outsideProcedure', // 陇南市公共数据开放网 went online without approval
    'portalScore85',
    'securityGap',
    'notPublished',
    'reportLate',
  ]), // 85
  city('linxia', '临夏州', [
    'unresolvedMessage',
    'unresolvedMessage',
    'lateMessage',
    'lateMessage',
    'passRate85',
    'notReported',
  ]), // 82
  city('gannan', '甘南州', [
    'passRate85',
    'unresolvedMessage',
    'lateMessage',
    'annualReportLate',
    'securityGap',
    'outsideProcedure',
    'newMedia93',
  ]), // 79.5
];

/** The 37 省直部门 assessed (省机关事务局 was left out: its site went online in 2019-09). */
export const gansuDepartments: GansuUnit[] = [
  dept('kjt', '省科技厅'),
  dept('zrzyt', '省自然资源厅'),
  dept('zjt', '省住建厅'),
  dept('lcj', '省林草局', [], { 'A3.1': '本部门未开设政务新媒体账号' }), // rescaled: still 100
  dept('fgw', '省发展改革委', ['domains95']), // 99.7
  dept('jyt', '省教育厅', ['consolidated90']), // 99.5
  dept('gxt', '省工信厅', ['notPublished']), // 99
  dept('mw', '省民委', ['newMedia97']), // 99
  dept('gat', '省公安厅', ['passRate96']), // 98
  dept('mzt', '省民政厅', ['lateMessage']), // 98
  dept('sft', '省司法厅', ['securityGap']), // 98
  dept('czt', '省财政厅', ['annualReportLate']), // 97.5
  dept('rst', '省人社厅', ['unresolvedMessage']), // 97
  dept('sthjt', '省生态环境厅', ['notPublished', 'reportLate', 'notReported']), // 97
  dept('jtyst', '省交通运输厅', ['portalScore75']), // 96
  dept('slt', '省水利厅', ['passRate96', 'outsideProcedure']), // 96
  dept('nynct', '省农业农村厅', ['passRate92', 'consolidated90']), // 95.5
  dept('swt', '省商务厅', ['unresolvedMessage', 'lateMessage']), // 95
  dept('whlyt', '省文化和旅游厅', ['annualReportLate', 'quarterShort', 'consolidated90']), // 95
  dept('wsjkw', '省卫生健康委', ['passRate92', 'remediation80']), // 95
  dept('tyjrt', '省退役军人厅', ['staffing5', 'securityGap', 'notPublished']), // 95
  dept('yjt', '省应急厅', ['noBudget', 'domains95']), // 95.7
  dept('sjt', '省审计厅', ['passRate92', 'newMedia93']), // 94
  dept('wb', '省政府外办', ['portalScore85', 'quarterShort', 'notReported', 'notPublished']), // 94
  dept('gzw', '省国资委', ['unresolvedMessage', 'annualReportLate', 'consolidated80']), // 93.5
  dept('scjgj', '省市场监管局', ['passRate92', 'lateMessage', 'reportLate']), // 93
  dept('gdj', '省广电局', ['portalScore75', 'outsideProcedure', 'notReported']), // 93
  dept('tyj', '省体育局', ['passRate85']), // 93
  dept('tjj', '省统计局', ['annualReportLate', 'securityGap', 'quarterShort']), // 93.5
  dept('ybj', '省医保局', ['unresolvedMessage', 'lateMessage', 'notPublished', 'domains95']), // 93.7
  dept('fpb', '省扶贫办', ['passRate92', 'quarterShort', 'outsideProcedure']), // 92
  dept('jrjgj', '省地方金融监管局', ['noBudget', 'staffing5', 'consolidated80']), // 93
  dept('xfj', '省信访局', ['unresolvedMessage', 'unresolvedMessage', 'notReported']), // 93
  dept('lscbj', '省粮食和储备局', ['passRate85', 'lateMessage']), // 91
  dept('yjj', '省药监局', ['portalScore75', 'quarterShort', 'securityGap', 'notReported', 'reportLate']), // 90
  dept('zscqj', '省知识产权局', ['passRate85', 'annualReportLate', 'securityGap', 'notReported']), // 87.5
  dept('rfb', '省人防办', ['passRate85', 'unresolvedMessage', 'quarterShort', 'lateMessage']), // 86
];

/** All 51 units: cities first, as in the bulletin. */
export const gansu2019Units: GansuUnit[] = [...gansuCities, ...gansuDepartments];
