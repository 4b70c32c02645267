import type { AssessmentRuleSet, InspectionRuleSet, Provenance } from '../schema.js';

// Small, valid rule sets for tests. Each call returns a fresh object, so a test may mutate it freely to build
// the one defect it is about. They are deliberately independent of the built-in data files.

const official: Provenance = { source: 'test-source', confidence: 'official' };
const reconstructed: Provenance = {
  source: 'test-source',
  confidence: 'reconstructed',
  note: 'test fixture',
};

const sources = [{ id: 'test-source', title: '测试用文件', titleEn: 'Test document', year: 2019 }];

/** A website inspection: 3 vetoes, deductions 100 (40/25/15/20), bonus 30, the national policy. */
export function inspectionFixture(): InspectionRuleSet {
  return {
    id: 'test-website-inspection',
    title: '测试网站检查指标',
    titleEn: 'Test website inspection',
    version: '2019',
    jurisdiction: '测试',
    sources: structuredClone(sources),
    provenance: { ...official },
    kind: 'inspection',
    targetKind: 'website',
    measurements: [
      { id: 'unreachableShare', title: '无法访问比例', kind: 'ratio', provenance: { ...official } },
      { id: 'emptyColumns', title: '空白栏目数量', kind: 'count', unit: '个', provenance: { ...official } },
      {
        id: 'staleColumns',
        title: '应更新未更新栏目数量',
        kind: 'count',
        unit: '个',
        provenance: { ...official },
      },
      { id: 'seriousError', title: '严重表述错误', kind: 'boolean', provenance: { ...official } },
    ],
    vetoes: [
      {
        id: 'unreachable',
        title: '站点无法访问',
        when: { kind: 'compare', measurement: 'unreachableShare', op: '>=', value: '0.05' },
        provenance: { ...official },
      },
      {
        id: 'columns-stale',
        title: '栏目不更新',
        when: {
          kind: 'any',
          of: [
            { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '5' },
            { kind: 'compare', measurement: 'staleColumns', op: '>=', value: '10' },
          ],
        },
        provenance: { ...official },
      },
      {
        id: 'serious-incident',
        title: '严重问题',
        when: { kind: 'flag', measurement: 'seriousError', is: true },
        provenance: { ...official },
      },
    ],
    deductions: {
      points: '100',
      provenance: { ...official },
      indicators: [
        {
          id: 'publish',
          title: '发布解读',
          points: '40',
          criteria: [
            { id: 'leader-column', title: '未开设负责人信息栏目', deduct: '2', provenance: { ...official } },
            {
              id: 'leader-cv',
              title: '负责人姓名或简历缺失',
              deduct: '1',
              maxDeduction: '5',
              provenance: { ...official },
            },
          ],
          provenance: { ...reconstructed },
        },
        {
          id: 'service',
          title: '办事服务',
          points: '25',
          criteria: [
            { id: 'service-stats', title: '办事统计未更新', deduct: '2', provenance: { ...official } },
          ],
          provenance: { ...official },
        },
        {
          id: 'interaction',
          title: '互动交流',
          points: '15',
          criteria: [{ id: 'replies', title: '留言答复未更新', deduct: '3', provenance: { ...official } }],
          provenance: { ...reconstructed },
        },
        {
          id: 'design',
          title: '功能设计',
          points: '20',
          criteria: [
            { id: 'search', title: '站内搜索不准确', deduct: '0.5', provenance: { ...reconstructed } },
          ],
          provenance: { ...reconstructed },
        },
      ],
    },
    bonus: {
      points: '30',
      provenance: { ...official },
      indicators: [
        {
          id: 'innovation',
          title: '创新发展',
          points: '30',
          criteria: [
            {
              id: 'good-practice',
              title: '创新做法',
              award: '5',
              maxAward: '30',
              provenance: { ...reconstructed },
            },
          ],
          provenance: { ...official },
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
      rounding: { places: 2, mode: 'halfUp', stage: 'total' },
      provenance: { ...official },
    },
  };
}

/**
 * An annual assessment with every scoring method: areas A (40), B (30), C (30); bonus 5; four grades.
 * `areas[2].items[1].subItems[0]` is C2.1, a `deduct` sub-item worth 12.
 */
export function assessmentFixture(): AssessmentRuleSet {
  return {
    id: 'test-annual-assessment',
    title: '测试年度考核指标',
    titleEn: 'Test annual assessment',
    version: '2019',
    sources: structuredClone(sources),
    provenance: { ...official },
    kind: 'assessment',
    total: '100',
    measurements: [
      { id: 'securityIncident', title: '发生严重安全事件', kind: 'boolean', provenance: { ...official } },
    ],
    vetoes: [
      {
        id: 'incident',
        title: '严重安全事件',
        when: { kind: 'flag', measurement: 'securityIncident', is: true },
        provenance: { ...official },
      },
    ],
    areas: [
      {
        id: 'A',
        title: '政府网站建设运行',
        points: '40',
        provenance: { ...official },
        items: [
          {
            id: 'A1',
            title: '门户网站运行',
            points: '20',
            provenance: { ...reconstructed },
            subItems: [
              {
                id: 'A1.1',
                title: '门户网站季度检查结果',
                points: '20',
                method: {
                  kind: 'bands',
                  measure: { title: '门户网站平均得分', unit: 'score' },
                  bands: [
                    { below: '60', points: '0' },
                    { atLeast: '60', below: '80', points: '10' },
                    { atLeast: '80', points: '20' },
                  ],
                },
                fedByInspections: { targetKind: 'website', statistic: 'portalAverageScore' },
                whenNotApplicable: 'rescale',
                provenance: { ...reconstructed },
              },
            ],
          },
          {
            id: 'A2',
            title: '所辖网站管理',
            points: '20',
            provenance: { ...reconstructed },
            subItems: [
              {
                id: 'A2.1',
                title: '集约化平台迁移比例',
                points: '10',
                method: { kind: 'ratio', measure: { title: '迁移比例', unit: 'ratio' } },
                whenNotApplicable: 'fullMarks',
                provenance: { ...reconstructed },
              },
              {
                id: 'A2.2',
                title: '找错留言办理',
                points: '10',
                method: {
                  kind: 'deduct',
                  criteria: [
                    { id: 'A2.2.unresolved', title: '留言未办结', deduct: '3', provenance: { ...official } },
                  ],
                },
                whenNotApplicable: 'fullMarks',
                provenance: { ...reconstructed },
              },
            ],
          },
        ],
      },
      {
        id: 'B',
        title: '常态化监管',
        points: '30',
        provenance: { ...official },
        items: [
          {
            id: 'B1',
            title: '季度抽查',
            points: '15',
            provenance: { ...reconstructed },
            subItems: [
              {
                id: 'B1.1',
                title: '按季度抽查',
                points: '15',
                method: { kind: 'check', requirement: '每季度抽查比例不低于30%' },
                whenNotApplicable: 'zero',
                provenance: { ...reconstructed },
              },
            ],
          },
          {
            id: 'B2',
            title: '问题整改',
            points: '15',
            provenance: { ...reconstructed },
            subItems: [
              {
                id: 'B2.1',
                title: '整改情况',
                points: '15',
                method: { kind: 'manual', guidance: '依据整改报告评分' },
                whenNotApplicable: 'rescale',
                evidence: '整改报告',
                provenance: { ...reconstructed },
              },
            ],
          },
        ],
      },
      {
        id: 'C',
        title: '保障监督',
        points: '30',
        provenance: { ...official },
        items: [
          {
            id: 'C1',
            title: '组织领导',
            points: '10',
            provenance: { ...reconstructed },
            subItems: [
              {
                id: 'C1.1',
                title: '专题研究',
                points: '10',
                method: { kind: 'check' },
                whenNotApplicable: 'zero',
                provenance: { ...reconstructed },
              },
            ],
          },
          {
            id: 'C2',
            title: '安全防护',
            points: '20',
            provenance: { ...reconstructed },
            subItems: [
              {
                id: 'C2.1',
                title: '安全检测',
                points: '12',
                method: {
                  kind: 'deduct',
                  criteria: [
                    {
                      id: 'C2.1.incident',
                      title: '安全事件',
                      deduct: '2',
                      maxDeduction: '12',
                      provenance: { ...official },
                    },
                  ],
                },
                whenNotApplicable: 'zero',
                provenance: { ...reconstructed },
              },
              {
                id: 'C2.2',
                title: '日志留存',
                points: '8',
                method: {
                  kind: 'bands',
                  measure: { title: '日志留存比例', unit: 'ratio' },
                  bands: [
                    { below: '0.5', points: '0' },
                    { atLeast: '0.5', below: '1', points: '4' },
                    { atLeast: '1', points: '8' },
                  ],
                },
                whenNotApplicable: 'zero',
                provenance: { ...reconstructed },
              },
            ],
          },
        ],
      },
    ],
    bonus: {
      points: '5',
      provenance: { ...official },
      indicators: [
        {
          id: 'consolidation',
          title: '集约化建设',
          points: '5',
          criteria: [
            { id: 'all-migrated', title: '全部迁移至集约化平台', award: '5', provenance: { ...official } },
          ],
          provenance: { ...official },
        },
      ],
    },
    grades: [
      { id: 'excellent', title: '优秀', atLeast: '90', provenance: { ...official } },
      { id: 'good', title: '良好', atLeast: '80', provenance: { ...official } },
      { id: 'pass', title: '合格', atLeast: '60', provenance: { ...reconstructed } },
      { id: 'fail', title: '不合格', atLeast: '0', provenance: { ...official } },
    ],
    policy: {
      passMark: '60',
      bonusGate: { above: '80' },
      vetoedGrade: 'fail',
      rounding: { places: 1, mode: 'halfUp', stage: 'total' },
      provenance: { ...official },
    },
  };
}
