import type { AssessmentRuleSet } from '@kaohe/rules';
import type { MeasurementValue, Occurrence, SubItemInput } from '@kaohe/scoring';

// The national demo programme: 2020年政府网站与政务新媒体监管工作年度考核, under the rule set
// `cn-2019-supervision-assessment` (国办秘函〔2019〕19号 附件2, largely Kaohe's reconstruction). The State Council
// General Office assesses the 31 provincial-level governments (省、自治区、直辖市) and the State Council departments
// that run websites, ranked in two groups: 省级政府 and 国务院部门.
//
// Official here: the names of the units and the national inspection figures of 2020 (328 websites checked, 153 of
// them portals, pass rate 91.8%; 728 new-media accounts checked, pass rate 91.9%). Everything else — what each unit
// entered, what the reviewer verified, every score, tie, veto and bonus — is invented demo data, chosen so that the
// ranking shows what the dashboard must handle: several units tied first in each group, one vetoed unit per group
// (不合格 with its reason, not ranked by points), bonus points above the gate of 80, a unit at exactly 80 whose
// bonus is not counted, sub-items rescaled away, and reviewer adjustments with reasons.

export const national2020ProgrammeSlug = 'national-2020';
export const national2020CycleSlug = '2020';

export const national2020Programme = {
  slug: national2020ProgrammeSlug,
  title: '2020年政府网站与政务新媒体监管工作年度考核',
  titleEn: 'Annual assessment of government website and new-media supervision, 2020',
  ruleSetId: 'cn-2019-supervision-assessment',
  level: 'national',
  organiser: '国务院办公厅',
  cycle: { slug: national2020CycleSlug, title: '2020年度', titleEn: '2020' },
} as const;

export type NationalGroupKey = 'provinces' | 'departments';

/** The programme's groups; their labels are data stored with the programme. */
export const national2020Groups: readonly {
  key: NationalGroupKey;
  label: string;
  labelEn: string;
  position: number;
}[] = [
  { key: 'provinces', label: '省级政府', labelEn: 'Provincial-level governments', position: 1 },
  { key: 'departments', label: '国务院部门', labelEn: 'State Council departments', position: 2 },
];

export interface NationalDemoUnit {
  code: string;
  name: string;
  nameEn: string;
  kind: 'region' | 'department';
  group: NationalGroupKey;
}

const province = (code: string, name: string, nameEn: string): NationalDemoUnit => ({
  code: `cn-${code}`,
  name,
  nameEn,
  kind: 'region',
  group: 'provinces',
});
const department = (code: string, name: string, nameEn: string): NationalDemoUnit => ({
  code: `cn-dept-${code}`,
  name,
  nameEn,
  kind: 'department',
  group: 'departments',
});

/** The 31 provincial-level governments, in the official order. */
export const nationalProvinces: readonly NationalDemoUnit[] = [
  province('beijing', '北京市', 'Beijing'),
  province('tianjin', '天津市', 'Tianjin'),
  province('hebei', '河北省', 'Hebei'),
  province('shanxi', '山西省', 'Shanxi'),
  province('neimenggu', '内蒙古自治区', 'Inner Mongolia Autonomous Region'),
  province('liaoning', '辽宁省', 'Liaoning'),
  province('jilin', '吉林省', 'Jilin'),
  province('heilongjiang', '黑龙江省', 'Heilongjiang'),
  province('shanghai', '上海市', 'Shanghai'),
  province('jiangsu', '江苏省', 'Jiangsu'),
  province('zhejiang', '浙江省', 'Zhejiang'),
  province('anhui', '安徽省', 'Anhui'),
  province('fujian', '福建省', 'Fujian'),
  province('jiangxi', '江西省', 'Jiangxi'),
  province('shandong', '山东省', 'Shandong'),
  province('henan', '河南省', 'Henan'),
  province('hubei', '湖北省', 'Hubei'),
  province('hunan', '湖南省', 'Hunan'),
  province('guangdong', '广东省', 'Guangdong'),
  province('guangxi', '广西壮族自治区', 'Guangxi Zhuang Autonomous Region'),
  province('hainan', '海南省', 'Hainan'),
  province('chongqing', '重庆市', 'Chongqing'),
  province('sichuan', '四川省', 'Sichuan'),
  province('guizhou', '贵州省', 'Guizhou'),
  province('yunnan', '云南省', 'Yunnan'),
  province('xizang', '西藏自治区', 'Tibet Autonomous Region'),
  province('shaanxi', '陕西省', 'Shaanxi'),
  province('gansu', '甘肃省', 'Gansu'),
  province('qinghai', '青海省', 'Qinghai'),
  province('ningxia', '宁夏回族自治区', 'Ningxia Hui Autonomous Region'),
  province('xinjiang', '新疆维吾尔自治区', 'Xinjiang Uygur Autonomous Region'),
];

/**
 * State Council departments that run public websites (names as of 2020): the ministries and commissions (国防部 and
 * 国家安全部 left out), the directly affiliated special body (国资委), nine directly affiliated agencies, three directly
 * affiliated institutions and five national administrations under ministries.
 */
export const stateCouncilDepartments: readonly NationalDemoUnit[] = [
  department('mfa', '外交部', 'Ministry of Foreign Affairs'),
  department('ndrc', '国家发展和改革委员会', 'National Development and Reform Commission'),
  department('moe', '教育部', 'Ministry of Education'),
  department('most', '科学技术部', 'Ministry of Science and Technology'),
  department('miit', '工业和信息化部', 'Ministry of Industry and Information Technology'),
  department('neac', '国家民族事务委员会', 'National Ethnic Affairs Commission'),
  department('mps', '公安部', 'Ministry of Public Security'),
  department('mca', '民政部', 'Ministry of Civil Affairs'),
  department('moj', '司法部', 'Ministry of Justice'),
  department('mof', '财政部', 'Ministry of Finance'),
  department('mohrss', '人力资源和社会保障部', 'Ministry of Human Resources and Social Security'),
  department('mnr', '自然资源部', 'Ministry of Natural Resources'),
  department('mee', '生态环境部', 'Ministry of Ecology and Environment'),
  department('mohurd', '住房和城乡建设部', 'Ministry of Housing and Urban-Rural Development'),
  department('mot', '交通运输部', 'Ministry of Transport'),
  department('mwr', '水利部', 'Ministry of Water Resources'),
  department('moa', '农业农村部', 'Ministry of Agriculture and Rural Affairs'),
  department('mofcom', '商务部', 'Ministry of Commerce'),
  department('mct', '文化和旅游部', 'Ministry of Culture and Tourism'),
  department('nhc', '国家卫生健康委员会', 'National Health Commission'),
  department('mva', '退役军人事务部', 'Ministry of Veterans Affairs'),
  department('mem', '应急管理部', 'Ministry of Emergency Management'),
  department('pbc', '中国人民银行', "People's Bank of China"),
  department('audit', '审计署', 'National Audit Office'),
  department(
    'sasac',
    '国务院国有资产监督管理委员会',
    'State-owned Assets Supervision and Administration Commission of the State Council',
  ),
  department('customs', '海关总署', 'General Administration of Customs'),
  department('chinatax', '国家税务总局', 'State Taxation Administration'),
  department('samr', '国家市场监督管理总局', 'State Administration for Market Regulation'),
  department('nrta', '国家广播电视总局', 'National Radio and Television Administration'),
  department('sport', '国家体育总局', 'General Administration of Sport'),
  department('stats', '国家统计局', 'National Bureau of Statistics'),
  department('cidca', '国家国际发展合作署', 'China International Development Cooperation Agency'),
  department('nhsa', '国家医疗保障局', 'National Healthcare Security Administration'),
  department('ggj', '国家机关事务管理局', 'National Government Offices Administration'),
  department('cma', '中国气象局', 'China Meteorological Administration'),
  department('cbirc', '中国银行保险监督管理委员会', 'China Banking and Insurance Regulatory Commission'),
  department('csrc', '中国证券监督管理委员会', 'China Securities Regulatory Commission'),
  department('gjxfj', '国家信访局', 'National Public Complaints and Proposals Administration'),
  department('lswz', '国家粮食和物资储备局', 'National Food and Strategic Reserves Administration'),
  department('nea', '国家能源局', 'National Energy Administration'),
  department('forestry', '国家林业和草原局', 'National Forestry and Grassland Administration'),
  department('cnipa', '国家知识产权局', 'China National Intellectual Property Administration'),
];

export const national2020Units: readonly NationalDemoUnit[] = [
  ...nationalProvinces,
  ...stateCouncilDepartments,
];

// --- what a unit can lose and gain under cn-2019-supervision-assessment ---------------------------------------

/** One way to lose points: the sub-item and the input that loses them. */
interface Loss {
  subItem: string;
  /** deduct: the criterion counted once more */
  criterion?: string;
  /** ratio: the share entered */
  value?: string;
  /** check: not met */
  met?: false;
  /** points lost, for the expectation in the tests */
  lost: string;
}

export const nationalLosses = {
  quarterMissed: {
    subItem: 'oversight.spot-checks.quarterly',
    criterion: 'oversight.spot-checks.quarterly.missed',
    lost: '2.5',
  },
  notPublished: {
    subItem: 'oversight.spot-checks.published',
    criterion: 'oversight.spot-checks.published.missing',
    lost: '1.25',
  },
  unresolved: {
    subItem: 'oversight.find-error.messages',
    criterion: 'oversight.find-error.messages.unresolved',
    lost: '3',
  },
  late: {
    subItem: 'oversight.find-error.messages',
    criterion: 'oversight.find-error.messages.late',
    lost: '2',
  },
  rectified90: { subItem: 'oversight.rectification.fixed', value: '0.9', lost: '0.6' },
  rectified80: { subItem: 'oversight.rectification.fixed', value: '0.8', lost: '1.2' },
  reportLate: {
    subItem: 'oversight.rectification.reported',
    criterion: 'oversight.rectification.reported.late',
    lost: '1',
  },
  securityGap: { subItem: 'security.checks.regular', criterion: 'security.checks.regular.gap', lost: '2.5' },
  securityIncident: {
    subItem: 'security.checks.regular',
    criterion: 'security.checks.regular.incident',
    lost: '5',
  },
  impersonationLate: {
    subItem: 'security.impersonation.handled',
    criterion: 'security.impersonation.handled.late',
    lost: '2.5',
  },
  irregularSite: {
    subItem: 'management.lifecycle.procedure',
    criterion: 'management.lifecycle.procedure.irregular',
    lost: '2',
  },
  registryStale: {
    subItem: 'management.registry.accurate',
    criterion: 'management.registry.accurate.stale',
    lost: '1',
  },
  noSupervisionReport: { subItem: 'management.annual-reports.supervision', met: false, lost: '5' },
  reports90: { subItem: 'management.annual-reports.websites', value: '0.9', lost: '0.5' },
  noTraining: { subItem: 'support.training.held', met: false, lost: '5' },
  training80: { subItem: 'support.training.coverage', value: '0.8', lost: '1' },
  noStaff: { subItem: 'support.organisation.staff', met: false, lost: '5' },
  noBudget: { subItem: 'support.organisation.budget', met: false, lost: '5' },
} as const satisfies Record<string, Loss>;

export type NationalLossKey = keyof typeof nationalLosses;

/** Bonus criteria (加分指标), each listed once per occurrence. */
export const nationalBonuses = {
  consolidation: { criterion: 'bonus.consolidation.full-migration', award: '5' },
  promoted: { criterion: 'bonus.innovation.promoted', award: '3' },
  servicePlatform: { criterion: 'bonus.integration.service-platform', award: '3' },
  newMediaSync: { criterion: 'bonus.integration.new-media', award: '2' },
  allPassed: { criterion: 'bonus.quality.all-passed', award: '4' },
} as const satisfies Record<string, { criterion: string; award: string }>;

export type NationalBonusKey = keyof typeof nationalBonuses;

export type VetoMeasurement = 'seriousMisstatementFailures' | 'otherFailures';

export interface NationalUnitAssessment {
  code: string;
  /** What the reviewer verified (a loss listed twice counts twice). */
  verified: NationalLossKey[];
  /** What the unit entered, when it differs from what was verified. */
  self?: NationalLossKey[];
  /** Bonus verified (a criterion listed twice occurred twice). */
  bonus?: NationalBonusKey[];
  /** Bonus the unit claimed, when it differs from what was verified. */
  selfBonus?: NationalBonusKey[];
  /** Sub-item → why it does not apply (both in the self-evaluation and in the verification). */
  notApplicable?: Record<string, string>;
  /** Veto measurements as verified; left out: 0. */
  measurements?: Partial<Record<VetoMeasurement, number>>;
  /** Veto measurements as the unit entered them, when they differ. */
  selfMeasurements?: Partial<Record<VetoMeasurement, number>>;
  /** The unit's own note on an entry (entry id → note). */
  notes?: Record<string, string>;
  /** The reviewer's reason for each entry whose verified input differs from the self-evaluation. */
  adjustments?: Record<string, string>;
  /** The published total (score + bonus), or the veto that decided the unit. */
  expected: { total: string } | { vetoedBy: string };
}

const provinces: NationalUnitAssessment[] = [
  // four tied first at 117, along different paths: 100 + 17, 97 + 20, 99 + 18
  {
    code: 'cn-beijing',
    verified: [],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'newMediaSync', 'allPassed'],
    expected: { total: '117' },
  },
  {
    code: 'cn-shanghai',
    verified: [],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'newMediaSync', 'allPassed'],
    expected: { total: '117' },
  },
  {
    code: 'cn-zhejiang',
    verified: ['unresolved'],
    bonus: ['consolidation', 'promoted', 'promoted', 'servicePlatform', 'newMediaSync', 'allPassed'],
    expected: { total: '117' },
  },
  {
    code: 'cn-guangdong',
    verified: ['registryStale'],
    bonus: ['consolidation', 'promoted', 'promoted', 'servicePlatform', 'allPassed'],
    expected: { total: '117' },
  },
  {
    code: 'cn-jiangsu',
    verified: ['notPublished'],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'newMediaSync', 'allPassed'],
    selfBonus: ['consolidation', 'promoted', 'promoted', 'servicePlatform', 'newMediaSync', 'allPassed'],
    adjustments: {
      'bonus.innovation.promoted':
        '经核实，仅“政务新媒体矩阵管理”1项经验做法被国务院办公厅通报推广；另1项为省内推广，不予加分。',
    },
    expected: { total: '115.75' },
  },
  {
    code: 'cn-shandong',
    verified: ['late'],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'allPassed'],
    expected: { total: '113' },
  },
  {
    code: 'cn-anhui',
    verified: ['registryStale'],
    bonus: ['consolidation', 'promoted', 'newMediaSync', 'allPassed'],
    expected: { total: '113' },
  },
  {
    code: 'cn-fujian',
    verified: ['late', 'registryStale'],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'newMediaSync'],
    expected: { total: '110' },
  },
  {
    code: 'cn-sichuan',
    verified: ['unresolved'],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'newMediaSync'],
    expected: { total: '110' },
  },
  {
    code: 'cn-guizhou',
    verified: ['quarterMissed'],
    bonus: ['consolidation', 'promoted', 'newMediaSync'],
    expected: { total: '107.5' },
  },
  {
    code: 'cn-hubei',
    verified: ['late', 'reportLate'],
    bonus: ['consolidation', 'promoted', 'newMediaSync'],
    expected: { total: '107' },
  },
  {
    code: 'cn-chongqing',
    verified: ['notPublished', 'registryStale'],
    bonus: ['consolidation', 'promoted'],
    expected: { total: '105.75' },
  },
  {
    code: 'cn-tianjin',
    verified: ['unresolved', 'late'],
    bonus: ['consolidation', 'promoted', 'newMediaSync'],
    expected: { total: '105' },
  },
  {
    code: 'cn-henan',
    verified: ['quarterMissed', 'late'],
    bonus: ['consolidation', 'allPassed'],
    expected: { total: '104.5' },
  },
  {
    code: 'cn-jiangxi',
    verified: ['securityGap'],
    bonus: ['consolidation', 'newMediaSync'],
    expected: { total: '104.5' },
  },
  // the self-evaluation listed a late message that the reviewer found answered within the month
  {
    code: 'cn-hunan',
    verified: ['rectified90', 'unresolved'],
    self: ['rectified90', 'unresolved', 'late'],
    bonus: ['consolidation', 'promoted'],
    adjustments: {
      'oversight.find-error.messages':
        '经核查平台记录，自评所列1条超期留言实际于受理后第28天办结，未超过1个月，不予扣分。',
    },
    expected: { total: '104.4' },
  },
  {
    code: 'cn-shaanxi',
    verified: ['unresolved', 'registryStale', 'reportLate'],
    bonus: ['consolidation', 'allPassed'],
    expected: { total: '104' },
  },
  {
    code: 'cn-hebei',
    verified: ['quarterMissed', 'unresolved'],
    self: ['quarterMissed'],
    bonus: ['consolidation'],
    adjustments: {
      'oversight.find-error.messages': '复核发现：国办转办的“我为政府网站找错”留言有1条至考核时仍未办结。',
    },
    expected: { total: '99.5' },
  },
  {
    code: 'cn-gansu',
    verified: ['unresolved', 'late', 'notPublished', 'training80'],
    bonus: ['consolidation'],
    expected: { total: '97.75' },
  },
  {
    code: 'cn-yunnan',
    verified: ['impersonationLate', 'late'],
    bonus: ['servicePlatform'],
    expected: { total: '98.5' },
  },
  {
    code: 'cn-liaoning',
    verified: ['securityGap', 'unresolved', 'notPublished'],
    bonus: ['consolidation'],
    expected: { total: '98.25' },
  },
  {
    code: 'cn-guangxi',
    verified: ['quarterMissed', 'unresolved', 'late'],
    bonus: ['consolidation'],
    expected: { total: '97.5' },
  },
  {
    code: 'cn-shanxi',
    verified: ['irregularSite', 'unresolved', 'registryStale', 'reportLate'],
    bonus: ['newMediaSync'],
    expected: { total: '95' },
  },
  {
    code: 'cn-jilin',
    verified: ['unresolved', 'unresolved', 'late'],
    bonus: ['servicePlatform'],
    expected: { total: '95' },
  },
  {
    code: 'cn-neimenggu',
    verified: ['securityGap', 'irregularSite', 'late'],
    expected: { total: '93.5' },
  },
  {
    code: 'cn-heilongjiang',
    verified: ['noTraining', 'unresolved'],
    expected: { total: '92' },
  },
  {
    code: 'cn-ningxia',
    verified: ['quarterMissed', 'reports90', 'late'],
    bonus: ['allPassed'],
    expected: { total: '99' },
  },
  {
    code: 'cn-xinjiang',
    verified: ['noSupervisionReport', 'unresolved', 'rectified80'],
    expected: { total: '90.8' },
  },
  {
    code: 'cn-qinghai',
    verified: ['securityIncident', 'unresolved', 'late'],
    expected: { total: '90' },
  },
  {
    code: 'cn-xizang',
    verified: ['noTraining', 'quarterMissed', 'unresolved', 'late', 'registryStale'],
    self: ['noTraining', 'unresolved', 'late', 'registryStale'],
    bonus: ['servicePlatform'],
    adjustments: {
      'oversight.spot-checks.quarterly': '复核发现：第二季度抽查比例为21%，低于30%的要求。',
    },
    expected: { total: '89.5' },
  },
  // vetoed: the unit reported one account with a serious misstatement, the national spot-check records show two
  {
    code: 'cn-hainan',
    verified: ['unresolved', 'late'],
    bonus: ['consolidation'],
    measurements: { seriousMisstatementFailures: 2 },
    selfMeasurements: { seriousMisstatementFailures: 1 },
    notes: {
      seriousMisstatementFailures:
        '本省1个政务新媒体账号在国办第三季度抽查中因严重表述错误被单项否决，已整改。',
    },
    adjustments: {
      seriousMisstatementFailures:
        '经核对国办2020年抽查记录，本省另有1个县级政府网站因严重表述错误被单项否决，合计2个，触发单项否决。',
    },
    expected: { vetoedBy: 'veto-misstatement' },
  },
];

const departments: NationalUnitAssessment[] = [
  // four tied first at 116: 100 + 16, 98 + 18, 99 + 17
  {
    code: 'cn-dept-chinatax',
    verified: [],
    bonus: ['consolidation', 'promoted', 'promoted', 'servicePlatform', 'newMediaSync'],
    expected: { total: '116' },
  },
  {
    code: 'cn-dept-mofcom',
    verified: [],
    bonus: ['consolidation', 'promoted', 'promoted', 'servicePlatform', 'newMediaSync'],
    expected: { total: '116' },
  },
  {
    code: 'cn-dept-customs',
    verified: ['late'],
    self: [],
    bonus: ['consolidation', 'promoted', 'promoted', 'servicePlatform', 'allPassed'],
    adjustments: {
      'oversight.find-error.messages': '复核发现：“我为政府网站找错”平台有1条留言超过1个月才办结。',
    },
    expected: { total: '116' },
  },
  {
    code: 'cn-dept-samr',
    verified: ['registryStale'],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'newMediaSync', 'allPassed'],
    expected: { total: '116' },
  },
  {
    code: 'cn-dept-moe',
    verified: ['notPublished'],
    self: ['notPublished', 'registryStale'],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'newMediaSync'],
    adjustments: {
      'management.registry.accurate':
        '经核查，自评所列网站基本信息已于年内在全国政府网站信息报送系统更新，不予扣分。',
    },
    expected: { total: '111.75' },
  },
  {
    code: 'cn-dept-mohrss',
    verified: ['late'],
    bonus: ['consolidation', 'promoted', 'servicePlatform', 'newMediaSync'],
    expected: { total: '111' },
  },
  {
    code: 'cn-dept-nhc',
    verified: ['registryStale'],
    bonus: ['consolidation', 'promoted', 'allPassed'],
    expected: { total: '111' },
  },
  {
    code: 'cn-dept-most',
    verified: ['unresolved'],
    bonus: ['consolidation', 'promoted', 'allPassed'],
    expected: { total: '109' },
  },
  {
    code: 'cn-dept-ndrc',
    verified: ['quarterMissed'],
    bonus: ['consolidation', 'allPassed'],
    expected: { total: '106.5' },
  },
  {
    code: 'cn-dept-miit',
    verified: ['reportLate', 'late'],
    bonus: ['consolidation', 'allPassed'],
    expected: { total: '106' },
  },
  {
    code: 'cn-dept-mnr',
    verified: ['late', 'registryStale'],
    bonus: ['consolidation', 'allPassed'],
    expected: { total: '106' },
  },
  {
    code: 'cn-dept-cma',
    verified: ['unresolved'],
    bonus: ['consolidation', 'allPassed'],
    expected: { total: '106' },
  },
  {
    code: 'cn-dept-mee',
    verified: ['rectified90'],
    self: ['rectified80'],
    bonus: ['consolidation'],
    adjustments: {
      'oversight.rectification.fixed':
        '经复查，通报的10个问题中有9个已整改到位（自评按8个计），整改到位率为90%。',
    },
    expected: { total: '104.4' },
  },
  {
    code: 'cn-dept-mot',
    verified: ['unresolved', 'reportLate'],
    bonus: ['consolidation', 'newMediaSync'],
    expected: { total: '103' },
  },
  {
    code: 'cn-dept-mwr',
    verified: ['securityGap'],
    bonus: ['consolidation'],
    expected: { total: '102.5' },
  },
  {
    code: 'cn-dept-moa',
    verified: ['unresolved', 'late'],
    bonus: ['consolidation', 'newMediaSync'],
    expected: { total: '102' },
  },
  {
    code: 'cn-dept-mof',
    verified: ['notPublished', 'late'],
    bonus: ['consolidation'],
    expected: { total: '101.75' },
  },
  {
    code: 'cn-dept-pbc',
    verified: ['late', 'registryStale', 'registryStale'],
    bonus: ['consolidation'],
    expected: { total: '101' },
  },
  {
    code: 'cn-dept-mfa',
    verified: ['impersonationLate'],
    bonus: ['promoted'],
    expected: { total: '100.5' },
  },
  {
    code: 'cn-dept-mca',
    verified: ['quarterMissed', 'late'],
    bonus: ['consolidation'],
    expected: { total: '100.5' },
  },
  {
    code: 'cn-dept-stats',
    verified: ['unresolved', 'registryStale'],
    bonus: ['allPassed'],
    expected: { total: '100' },
  },
  {
    code: 'cn-dept-mps',
    verified: ['securityGap', 'late'],
    bonus: ['allPassed'],
    expected: { total: '99.5' },
  },
  {
    code: 'cn-dept-csrc',
    verified: ['late', 'registryStale'],
    bonus: ['newMediaSync'],
    expected: { total: '99' },
  },
  // only its own portal, which it hosts itself: no other hosts to train, no other sites' annual reports — both
  // sub-items are left out and the rest scaled up to 100 (88.75 of 90 → 98.61)
  {
    code: 'cn-dept-cidca',
    verified: ['notPublished'],
    notApplicable: {
      'support.training.coverage': '本署仅有门户网站1个，由本署自行主办，无其他主办单位。',
      'management.annual-reports.websites': '本署仅有门户网站1个，无其他所属网站。',
    },
    expected: { total: '98.61' },
  },
  {
    code: 'cn-dept-moj',
    verified: ['unresolved', 'notPublished'],
    bonus: ['newMediaSync'],
    expected: { total: '97.75' },
  },
  {
    code: 'cn-dept-mohurd',
    verified: ['irregularSite', 'unresolved'],
    bonus: ['newMediaSync'],
    expected: { total: '97' },
  },
  {
    code: 'cn-dept-mct',
    verified: ['unresolved', 'unresolved'],
    bonus: ['servicePlatform'],
    expected: { total: '97' },
  },
  {
    code: 'cn-dept-sasac',
    verified: ['quarterMissed', 'notPublished'],
    expected: { total: '96.25' },
  },
  {
    code: 'cn-dept-neac',
    verified: ['late', 'reportLate', 'registryStale'],
    expected: { total: '96' },
  },
  {
    code: 'cn-dept-audit',
    verified: ['noTraining'],
    expected: { total: '95' },
  },
  {
    code: 'cn-dept-mem',
    verified: ['securityIncident'],
    expected: { total: '95' },
  },
  {
    code: 'cn-dept-nrta',
    verified: ['late', 'late', 'registryStale'],
    expected: { total: '95' },
  },
  {
    code: 'cn-dept-mva',
    verified: ['quarterMissed', 'unresolved'],
    expected: { total: '94.5' },
  },
  {
    code: 'cn-dept-nhsa',
    verified: ['quarterMissed', 'late', 'registryStale'],
    expected: { total: '94.5' },
  },
  {
    code: 'cn-dept-sport',
    verified: ['unresolved', 'late', 'notPublished'],
    expected: { total: '93.75' },
  },
  {
    code: 'cn-dept-forestry',
    verified: ['impersonationLate', 'unresolved', 'registryStale'],
    expected: { total: '93.5' },
  },
  {
    code: 'cn-dept-nea',
    verified: ['securityGap', 'quarterMissed', 'late'],
    expected: { total: '93' },
  },
  {
    code: 'cn-dept-cnipa',
    verified: ['noBudget', 'late'],
    expected: { total: '93' },
  },
  {
    code: 'cn-dept-cbirc',
    verified: ['quarterMissed', 'unresolved', 'late'],
    expected: { total: '92.5' },
  },
  // exactly 80: the bonus is scored only above 80, so the verified +5 is not counted
  {
    code: 'cn-dept-ggj',
    verified: ['noSupervisionReport', 'noTraining', 'unresolved', 'unresolved', 'late', 'late'],
    self: ['noTraining', 'unresolved', 'unresolved', 'late', 'late'],
    bonus: ['consolidation'],
    adjustments: {
      'management.annual-reports.supervision':
        '复核发现：2019年度监管年度报表于2月18日才公开，晚于1月31日的期限。',
    },
    expected: { total: '80' },
  },
  {
    code: 'cn-dept-gjxfj',
    verified: [
      'noSupervisionReport',
      'noTraining',
      'unresolved',
      'unresolved',
      'late',
      'quarterMissed',
      'reportLate',
    ],
    expected: { total: '78.5' },
  },
  // vetoed: six of its sites and accounts failed national spot checks for other reasons (more than five)
  {
    code: 'cn-dept-lswz',
    verified: ['quarterMissed', 'late'],
    measurements: { otherFailures: 6 },
    selfMeasurements: { otherFailures: 4 },
    notes: { otherFailures: '国办抽查中本局4个网站、政务新媒体因其他问题不合格，均已整改。' },
    adjustments: {
      otherFailures:
        '经核对国办2020年各季度抽查通报，本局另有2个直属单位政务新媒体账号因长期不更新不合格，合计6个，超过5个，触发单项否决。',
    },
    expected: { vetoedBy: 'veto-failures' },
  },
];

export const national2020Assessments: readonly NationalUnitAssessment[] = [...provinces, ...departments];

// --- the entries a unit and its reviewer fill in --------------------------------------------------------------

/** Full marks on every sub-item, derived from the rule set so that it follows the rule set's own methods. */
function fullMarks(ruleSet: AssessmentRuleSet): Record<string, SubItemInput> {
  const inputs: Record<string, SubItemInput> = {};
  for (const area of ruleSet.areas) {
    for (const item of area.items) {
      for (const subItem of item.subItems) {
        const method = subItem.method;
        if (method.kind === 'check') inputs[subItem.id] = { met: true };
        else if (method.kind === 'deduct') inputs[subItem.id] = { counts: {} };
        else if (method.kind === 'ratio') inputs[subItem.id] = { value: '1' };
        else if (method.kind === 'manual') inputs[subItem.id] = { points: subItem.points };
        else throw new Error(`${subItem.id}: the national demo has no input for ${method.kind} sub-items`);
      }
    }
  }
  return inputs;
}

/** The sub-item inputs after the given losses (a loss listed twice counts twice). */
export function nationalInputs(
  ruleSet: AssessmentRuleSet,
  lossKeys: readonly NationalLossKey[],
  notApplicable: Record<string, string> = {},
): Record<string, SubItemInput> {
  const inputs = fullMarks(ruleSet);
  for (const key of lossKeys) {
    const loss: Loss = nationalLosses[key];
    const current = inputs[loss.subItem];
    if (current === undefined) throw new Error(`${key}: sub-item ${loss.subItem} is not in ${ruleSet.id}`);
    if (loss.criterion !== undefined && 'counts' in current) {
      inputs[loss.subItem] = {
        counts: { ...current.counts, [loss.criterion]: (current.counts[loss.criterion] ?? 0) + 1 },
      };
    } else if (loss.value !== undefined) inputs[loss.subItem] = { value: loss.value };
    else if (loss.met !== undefined) inputs[loss.subItem] = { met: loss.met };
  }
  for (const [subItem, reason] of Object.entries(notApplicable))
    inputs[subItem] = { notApplicable: true, reason };
  return inputs;
}

/** Bonus occurrences: every bonus criterion of the rule set, with how often it occurred (0 when not at all). */
export function nationalBonus(ruleSet: AssessmentRuleSet, keys: readonly NationalBonusKey[]): Occurrence[] {
  return (ruleSet.bonus?.indicators ?? []).flatMap((indicator) =>
    indicator.criteria.map((criterion) => ({
      criterion: criterion.id,
      count: keys.filter((key) => nationalBonuses[key].criterion === criterion.id).length,
    })),
  );
}

/** Every veto measurement of the rule set: the given counts, 0 for the others. */
function nationalMeasurements(
  ruleSet: AssessmentRuleSet,
  given: Partial<Record<VetoMeasurement, number>> = {},
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const measurement of ruleSet.measurements) {
    if (measurement.kind !== 'count') throw new Error(`${measurement.id}: the national demo expects counts`);
    result[measurement.id] = given[measurement.id as VetoMeasurement] ?? 0;
  }
  return result;
}

/** One stored entry, in the shape the dashboard keeps (a sub-item input, { value } or { count }). */
export type NationalEntry =
  | { entryKind: 'subItem'; entryId: string; inputs: SubItemInput }
  | { entryKind: 'measurement'; entryId: string; inputs: { value: number } }
  | { entryKind: 'bonus'; entryId: string; inputs: { count: number } };

export interface NationalUnitEntries {
  /** What the unit entered (自查自评), each with the unit's note when it gave one. */
  self: (NationalEntry & { note: string | null })[];
  /** What the reviewer verified (复核查验): accepted, or adjusted with the reason. */
  verified: (NationalEntry & { decision: 'accepted' | 'adjusted'; reason: string | null })[];
}

function entries(
  ruleSet: AssessmentRuleSet,
  losses: readonly NationalLossKey[],
  bonus: readonly NationalBonusKey[],
  measurements: Partial<Record<VetoMeasurement, number>> | undefined,
  notApplicable: Record<string, string> | undefined,
): NationalEntry[] {
  return [
    ...Object.entries(nationalInputs(ruleSet, losses, notApplicable)).map(
      ([entryId, inputs]): NationalEntry => ({ entryKind: 'subItem', entryId, inputs }),
    ),
    ...Object.entries(nationalMeasurements(ruleSet, measurements)).map(([entryId, value]): NationalEntry => ({
      entryKind: 'measurement',
      entryId,
      inputs: { value },
    })),
    ...nationalBonus(ruleSet, bonus).map(({ criterion, count }): NationalEntry => ({
      entryKind: 'bonus',
      entryId: criterion,
      inputs: { count },
    })),
  ];
}

/**
 * The self-evaluation and the verification of one unit. Throws when an entry differs without a reason, or a reason
 * is given for an entry that does not differ: every adjustment the demo shows is explained.
 */
export function nationalUnitEntries(
  ruleSet: AssessmentRuleSet,
  unit: NationalUnitAssessment,
): NationalUnitEntries {
  const verified = entries(ruleSet, unit.verified, unit.bonus ?? [], unit.measurements, unit.notApplicable);
  const self = entries(
    ruleSet,
    unit.self ?? unit.verified,
    unit.selfBonus ?? unit.bonus ?? [],
    unit.selfMeasurements ?? unit.measurements,
    unit.notApplicable,
  );
  const selfById = new Map(self.map((entry) => [`${entry.entryKind}:${entry.entryId}`, entry]));
  const reasons = new Map(Object.entries(unit.adjustments ?? {}));
  const result: NationalUnitEntries = {
    self: self.map((entry) => ({ ...entry, note: unit.notes?.[entry.entryId] ?? null })),
    verified: verified.map((entry) => {
      const own = selfById.get(`${entry.entryKind}:${entry.entryId}`);
      const same = JSON.stringify(own?.inputs) === JSON.stringify(entry.inputs);
      const reason = reasons.get(entry.entryId) ?? null;
      reasons.delete(entry.entryId);
      if (!same && reason === null)
        throw new Error(`${unit.code}: ${entry.entryId} adjusted without a reason`);
      if (same && reason !== null)
        throw new Error(`${unit.code}: ${entry.entryId} has a reason but no adjustment`);
      return { ...entry, decision: same ? 'accepted' : 'adjusted', reason };
    }),
  };
  if (reasons.size > 0)
    throw new Error(`${unit.code}: reasons for unknown entries ${[...reasons.keys()].join(', ')}`);
  return result;
}

/** Stored entries → the input of scoreAssessment. */
export function nationalScoringInput(stored: readonly NationalEntry[]): {
  inputs: Record<string, SubItemInput>;
  measurements: Record<string, MeasurementValue>;
  bonus: Occurrence[];
} {
  const result = {
    inputs: {} as Record<string, SubItemInput>,
    measurements: {} as Record<string, MeasurementValue>,
    bonus: [] as Occurrence[],
  };
  for (const entry of stored) {
    if (entry.entryKind === 'subItem') result.inputs[entry.entryId] = entry.inputs;
    else if (entry.entryKind === 'measurement') result.measurements[entry.entryId] = entry.inputs.value;
    else result.bonus.push({ criterion: entry.entryId, count: entry.inputs.count });
  }
  return result;
}

// --- the national inspection summary of 2020 ------------------------------------------------------------------

export type InspectionTargetKind = 'website' | 'newMedia';

/** Stored counts of one kind of target checked; the rates are computed from them by @kaohe/scoring. */
export interface InspectionSummaryRow {
  targetKind: InspectionTargetKind;
  label: string;
  labelEn: string;
  checked: number;
  failed: number;
  /** Of the websites checked, how many were portals (门户网站); null for new media. */
  portalsChecked: number | null;
  /** The pass rate as the bulletin prints it, kept to check the computed one against. */
  publishedPassRate: string;
  position: number;
}

/**
 * The national figures of 2020 (issue #7): 328 websites checked, 153 of them portals, pass rate 91.8%; 728
 * new-media accounts checked, pass rate 91.9%. The bulletin prints rates, not failure counts: 27 and 59 are the only
 * counts that give those rates to one place, half up (26 → 92.1%, 28 → 91.5%; 58 → 92.0%, 60 → 91.8%).
 */
export const national2020Inspection = {
  title: '2020年全国政府网站与政务新媒体抽查情况',
  titleEn: 'National spot checks of government websites and new media, 2020',
  source: '国务院办公厅2020年全国政府网站与政务新媒体检查情况（通报数字）',
  /** the bulletin's figures are percentages to one place */
  rounding: { places: 1, mode: 'halfUp' },
  rows: [
    {
      targetKind: 'website',
      label: '政府网站',
      labelEn: 'Government websites',
      checked: 328,
      failed: 27,
      portalsChecked: 153,
      publishedPassRate: '91.8%',
      position: 1,
    },
    {
      targetKind: 'newMedia',
      label: '政务新媒体',
      labelEn: 'Government new-media accounts',
      checked: 728,
      failed: 59,
      portalsChecked: null,
      publishedPassRate: '91.9%',
      position: 2,
    },
  ],
} as const satisfies {
  title: string;
  titleEn: string;
  source: string;
  rounding: { places: number; mode: 'halfUp' };
  rows: readonly InspectionSummaryRow[];
};
