import {
  parseRuleSet,
  type AssessmentRuleSet,
  type InspectionRuleSet,
  type RuleSetInput,
} from '@kaohe/rules';

// Small rule sets shaped like the national 2019 ones, built for the tests (numbers are illustrative).

const sources = [{ id: 'gbmh-2019-19', title: '国办秘函〔2019〕19号', year: 2019 }];
const official = { source: 'gbmh-2019-19', confidence: 'official' } as const;
const reconstructed = { source: 'gbmh-2019-19', confidence: 'reconstructed' } as const;

export const websiteInspectionData = {
  id: 'test-website-inspection',
  title: '测试网站检查指标',
  titleEn: 'Test website inspection',
  version: '2019.1',
  sources,
  provenance: official,
  kind: 'inspection',
  targetKind: 'website',
  measurements: [
    {
      id: 'seriousIncident',
      title: '安全、泄密事故等严重问题',
      titleEn: 'Serious incident',
      kind: 'boolean',
      provenance: official,
    },
    {
      id: 'unreachableShare',
      title: '站点无法访问比例',
      titleEn: 'Share of failed probes',
      kind: 'ratio',
      provenance: official,
    },
    {
      id: 'emptyColumns',
      title: '空白栏目',
      titleEn: 'Empty columns',
      kind: 'count',
      unit: '个',
      provenance: official,
    },
    {
      id: 'longStaleColumns',
      title: '长期未更新栏目',
      titleEn: 'Columns long not updated',
      kind: 'count',
      unit: '个',
      provenance: official,
    },
    {
      id: 'hasConsultationChannel',
      title: '有效在线咨询渠道',
      titleEn: 'Effective consultation channel',
      kind: 'boolean',
      provenance: official,
    },
    {
      id: 'overdueMessages',
      title: '超过3个月未答复留言',
      titleEn: 'Messages unanswered over 3 months',
      kind: 'count',
      unit: '条',
      provenance: official,
    },
  ],
  vetoes: [
    {
      id: 'serious-incident',
      title: '安全、泄密事故等严重问题',
      titleEn: 'Serious security or secrecy incident',
      when: { kind: 'flag', measurement: 'seriousIncident', is: true },
      provenance: official,
    },
    {
      id: 'unreachable',
      title: '站点无法访问',
      titleEn: 'Site unreachable',
      when: { kind: 'compare', measurement: 'unreachableShare', op: '>=', value: '0.05' },
      provenance: official,
    },
    {
      id: 'columns-stale',
      title: '栏目不更新',
      titleEn: 'Columns not updated',
      when: {
        kind: 'any',
        of: [
          { kind: 'compare', measurement: 'longStaleColumns', op: '>=', value: '10' },
          { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '5' },
        ],
      },
      provenance: official,
    },
    {
      id: 'interaction-poor',
      title: '互动回应差',
      titleEn: 'Poor interaction',
      when: {
        kind: 'any',
        of: [
          { kind: 'flag', measurement: 'hasConsultationChannel', is: false },
          { kind: 'compare', measurement: 'overdueMessages', op: '>', value: '0' },
        ],
      },
      provenance: official,
    },
  ],
  deductions: {
    points: '100',
    provenance: reconstructed,
    indicators: [
      {
        id: 'publish',
        title: '发布解读',
        titleEn: 'Publishing and interpretation',
        points: '40',
        provenance: reconstructed,
        criteria: [
          {
            id: 'leaderColumnMissing',
            title: '无负责人信息栏目',
            titleEn: 'No leader-information column',
            deduct: '2',
            provenance: official,
          },
          {
            id: 'leaderInfoMissing',
            title: '负责人信息缺失或错误',
            titleEn: 'Leader name or CV missing or wrong',
            deduct: '1',
            provenance: official,
          },
          {
            id: 'policyColumnStale',
            title: '政策文件类栏目6个月未更新',
            titleEn: 'Policy column stale for 6 months',
            deduct: '5',
            provenance: official,
          },
          {
            id: 'typo',
            title: '一般性错别字',
            titleEn: 'Typo',
            deduct: '0.5',
            maxDeduction: '3',
            provenance: reconstructed,
          },
          {
            id: 'minorError',
            title: '细微差错',
            titleEn: 'Minor error',
            deduct: '0.01',
            provenance: reconstructed,
          },
        ],
      },
      {
        id: 'service',
        title: '办事服务',
        titleEn: 'Online services',
        points: '25',
        provenance: official,
        criteria: [
          {
            id: 'serviceStatsStale',
            title: '办事统计数据3个月未更新',
            titleEn: 'Service statistics stale',
            deduct: '2',
            provenance: official,
          },
          {
            id: 'guideInaccurate',
            title: '办事指南要素不准确',
            titleEn: 'Inaccurate service guide',
            deduct: '1',
            provenance: reconstructed,
          },
        ],
      },
      {
        id: 'interaction',
        title: '互动交流',
        titleEn: 'Interaction',
        points: '15',
        provenance: reconstructed,
        criteria: [
          {
            id: 'replyStale',
            title: '留言答复2个月未更新',
            titleEn: 'Replies stale for 2 months',
            deduct: '3',
            provenance: official,
          },
          {
            id: 'replyPoor',
            title: '答复质量差',
            titleEn: 'Poor reply',
            deduct: '2',
            provenance: reconstructed,
          },
        ],
      },
      {
        id: 'function',
        title: '功能设计',
        titleEn: 'Functions',
        points: '20',
        provenance: reconstructed,
        criteria: [
          {
            id: 'sitemapMismatch',
            title: '网站地图与实际栏目不一致',
            titleEn: 'Sitemap mismatch',
            deduct: '2',
            provenance: reconstructed,
          },
          {
            id: 'searchMiss',
            title: '站内搜索查不到',
            titleEn: 'Search misses',
            deduct: '2',
            provenance: reconstructed,
          },
          {
            id: 'noErrorReportEntry',
            title: '未添加“我为政府网站找错”入口',
            titleEn: 'No error-report entry',
            deduct: '5',
            provenance: reconstructed,
          },
        ],
      },
    ],
  },
  bonus: {
    points: '30',
    provenance: official,
    indicators: [
      {
        id: 'innovation',
        title: '创新发展',
        titleEn: 'Innovation',
        points: '10',
        provenance: reconstructed,
        criteria: [
          { id: 'dataOpen', title: '数据开放', titleEn: 'Open data', award: '5', provenance: reconstructed },
        ],
      },
      {
        id: 'excellence',
        title: '服务优秀',
        titleEn: 'Service excellence',
        points: '20',
        provenance: reconstructed,
        criteria: [
          {
            id: 'onlineService',
            title: '全程网办',
            titleEn: 'Fully online services',
            award: '10',
            provenance: reconstructed,
          },
          {
            id: 'praise',
            title: '获表扬',
            titleEn: 'Praised',
            award: '3',
            maxAward: '6',
            provenance: reconstructed,
          },
        ],
      },
    ],
  },
  policy: {
    passMark: '60',
    bonusGate: { above: '80' },
    bonusFor: 'portals',
    capPerIndicator: true,
    withoutServiceFunctions: { indicator: 'service', treatment: 'scale' },
    vetoedScore: null,
    rounding: { places: 2, mode: 'halfUp', stage: 'leaf' },
    provenance: official,
  },
} satisfies RuleSetInput;

export type InspectionData = typeof websiteInspectionData;

export function inspectionRuleSet(
  change: (data: InspectionData) => unknown = (data) => data,
): InspectionRuleSet {
  const ruleSet = parseRuleSet(change(structuredClone(websiteInspectionData)));
  if (ruleSet.kind !== 'inspection') throw new Error('not an inspection rule set');
  return ruleSet;
}

export const websiteInspection = inspectionRuleSet();

/** Zhaoqing-like: service points spread evenly, a vetoed target recorded as 59, every target may earn the bonus. */
export const spreadInspection = inspectionRuleSet((data) => ({
  ...data,
  id: 'test-spread-inspection',
  policy: {
    ...data.policy,
    bonusFor: 'all',
    withoutServiceFunctions: { indicator: 'service', treatment: 'spreadEvenly' },
    vetoedScore: '59',
  },
}));

/** National new media: vetoes only. */
export const newMediaInspection = inspectionRuleSet((data) => ({
  ...data,
  id: 'test-newmedia-inspection',
  targetKind: 'newMedia',
  measurements: data.measurements.filter((m) => ['seriousIncident', 'hasConsultationChannel'].includes(m.id)),
  vetoes: [
    data.vetoes[0],
    { ...data.vetoes[3], when: { kind: 'flag', measurement: 'hasConsultationChannel', is: false } },
  ],
  deductions: null,
  bonus: null,
  policy: {
    ...data.policy,
    passMark: null,
    bonusGate: null,
    withoutServiceFunctions: null,
  },
}));

/** Measurements of a clean website: no veto triggered. */
export const cleanMeasurements = {
  seriousIncident: false,
  unreachableShare: '0.01',
  emptyColumns: 0,
  longStaleColumns: 0,
  hasConsultationChannel: true,
  overdueMessages: 0,
} as const;

export const portal = { isPortal: true, hasServiceFunctions: true, name: '测试市人民政府门户网站' } as const;
export const department = { isPortal: false, hasServiceFunctions: true, name: '测试市教育局网站' } as const;
export const noService = { isPortal: false, hasServiceFunctions: false, name: '某部委网站' } as const;

// --- assessment ------------------------------------------------------------------------------------------------

const bandsOnScore = [
  { below: '60', points: '0' },
  { atLeast: '60', below: '80', points: '5' },
  { atLeast: '80', below: '90', points: '8' },
  { atLeast: '90', points: '10' },
];

export const assessmentData = {
  id: 'test-annual-assessment',
  title: '测试年度考核指标',
  titleEn: 'Test annual assessment',
  version: '2019.1',
  sources,
  provenance: reconstructed,
  kind: 'assessment',
  total: '100',
  measurements: [
    {
      id: 'politicalIncident',
      title: '发生政治安全事件',
      titleEn: 'Political or security incident',
      kind: 'boolean',
      provenance: reconstructed,
    },
    {
      id: 'seriousSpotCheckFailures',
      title: '抽查因严重表述错误不合格的网站',
      titleEn: 'Sites failed for serious misstatements',
      kind: 'count',
      unit: '个',
      provenance: reconstructed,
    },
  ],
  vetoes: [
    {
      id: 'serious-problem',
      title: '严重问题',
      titleEn: 'Serious problem',
      when: {
        kind: 'any',
        of: [
          { kind: 'flag', measurement: 'politicalIncident', is: true },
          { kind: 'compare', measurement: 'seriousSpotCheckFailures', op: '>=', value: '2' },
        ],
      },
      provenance: reconstructed,
    },
  ],
  areas: [
    {
      id: 'A',
      title: '政府网站建设运行',
      titleEn: 'Building and running websites',
      points: '50',
      provenance: official,
      items: [
        {
          id: 'A1',
          title: '本级门户网站运行',
          points: '20',
          provenance: reconstructed,
          subItems: [
            {
              id: 'A1.1',
              title: '本级门户网站季度检查结果',
              titleEn: 'Portal inspection results',
              points: '10',
              method: {
                kind: 'bands',
                measure: { title: '门户网站平均分', titleEn: 'Portal average score', unit: 'score' },
                bands: bandsOnScore,
              },
              whenNotApplicable: 'zero',
              provenance: reconstructed,
            },
            {
              id: 'A1.2',
              title: '网站迁移整合至集约化平台',
              titleEn: 'Sites on the consolidated platform',
              points: '10',
              method: {
                kind: 'ratio',
                measure: { title: '迁移比例', titleEn: 'Share migrated', unit: 'ratio' },
              },
              whenNotApplicable: 'rescale',
              provenance: reconstructed,
            },
          ],
        },
        {
          id: 'A2',
          title: '所辖网站检查合格率',
          points: '30',
          provenance: reconstructed,
          subItems: [
            {
              id: 'A2.1',
              title: '所辖网站季度检查合格率',
              titleEn: 'Pass rate of the unit’s websites',
              points: '10',
              method: {
                kind: 'bands',
                measure: { title: '合格率', titleEn: 'Pass rate', unit: 'ratio' },
                bands: [
                  { below: '0.8', points: '0' },
                  { atLeast: '0.8', below: '0.9', points: '3' },
                  { atLeast: '0.9', below: '0.95', points: '6' },
                  { atLeast: '0.95', below: '1', points: '8' },
                  { atLeast: '1', points: '10' },
                ],
              },
              whenNotApplicable: 'rescale',
              provenance: reconstructed,
            },
            {
              id: 'A2.2',
              title: '“我为政府网站找错”留言办理',
              titleEn: 'Error-report messages',
              points: '20',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'unresolved',
                    title: '未办结留言',
                    titleEn: 'Unresolved message',
                    deduct: '3',
                    provenance: official,
                  },
                  {
                    id: 'late',
                    title: '超期办结留言',
                    titleEn: 'Message resolved late',
                    deduct: '2',
                    maxDeduction: '6',
                    provenance: official,
                  },
                ],
              },
              whenNotApplicable: 'fullMarks',
              provenance: reconstructed,
            },
          ],
        },
      ],
    },
    {
      id: 'B',
      title: '保障监督',
      titleEn: 'Support and oversight',
      points: '50',
      provenance: official,
      items: [
        {
          id: 'B1',
          title: '组织领导',
          points: '30',
          provenance: reconstructed,
          subItems: [
            {
              id: 'B1.1',
              title: '专题研究网站管理工作',
              titleEn: 'Dedicated meetings',
              points: '10',
              method: { kind: 'check', requirement: '会议纪要' },
              whenNotApplicable: 'fullMarks',
              provenance: reconstructed,
            },
            {
              id: 'B1.2',
              title: '机构人员与制度',
              titleEn: 'Staff and rules',
              points: '20',
              method: { kind: 'manual', guidance: '按材料评分' },
              whenNotApplicable: 'zero',
              provenance: reconstructed,
            },
          ],
        },
        {
          id: 'B2',
          title: '季度抽查',
          points: '20',
          provenance: reconstructed,
          subItems: [
            {
              id: 'B2.1',
              title: '每季度抽查比例不低于30%',
              titleEn: 'Quarterly sampling ≥ 30%',
              points: '20',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'quarterMissed',
                    title: '抽查比例不足的季度',
                    titleEn: 'Quarter under-sampled',
                    deduct: '2.5',
                    provenance: reconstructed,
                  },
                ],
              },
              whenNotApplicable: 'rescale',
              provenance: reconstructed,
            },
          ],
        },
      ],
    },
  ],
  bonus: {
    points: '10',
    provenance: official,
    indicators: [
      {
        id: 'consolidation',
        title: '集约化',
        titleEn: 'Consolidation',
        points: '10',
        provenance: official,
        criteria: [
          {
            id: 'allMigrated',
            title: '全部网站迁移至集约化平台',
            titleEn: 'All sites migrated',
            award: '5',
            provenance: official,
          },
          {
            id: 'innovation',
            title: '创新做法',
            titleEn: 'Innovation',
            award: '2.5',
            maxAward: '5',
            provenance: reconstructed,
          },
        ],
      },
    ],
  },
  grades: [
    { id: 'excellent', title: '优秀', titleEn: 'Excellent', atLeast: '90', provenance: reconstructed },
    { id: 'good', title: '良好', titleEn: 'Good', atLeast: '80', provenance: reconstructed },
    { id: 'pass', title: '合格', titleEn: 'Pass', atLeast: '60', provenance: reconstructed },
    { id: 'fail', title: '不合格', titleEn: 'Fail', atLeast: '0', provenance: reconstructed },
  ],
  policy: {
    passMark: '60',
    bonusGate: { above: '80' },
    vetoedGrade: 'fail',
    rounding: { places: 2, mode: 'halfUp', stage: 'leaf' },
    provenance: reconstructed,
  },
} satisfies RuleSetInput;

export type AssessmentData = typeof assessmentData;

export function assessmentRuleSet(
  change: (data: AssessmentData) => unknown = (data) => data,
): AssessmentRuleSet {
  const ruleSet = parseRuleSet(change(structuredClone(assessmentData)));
  if (ruleSet.kind !== 'assessment') throw new Error('not an assessment rule set');
  return ruleSet;
}

export const annualAssessment = assessmentRuleSet();

/** Full inputs for every sub-item of the test assessment: 10 + 7 + 8 + 14 + 10 + 16 + 17.5 = 82.5. */
export const fullInputs = {
  'A1.1': { value: '92' },
  'A1.2': { value: '0.7' },
  'A2.1': { value: '0.96' },
  'A2.2': { counts: { unresolved: 2 } },
  'B1.1': { met: true },
  'B1.2': { points: '16' },
  'B2.1': { counts: { quarterMissed: 1 } },
} as const;
