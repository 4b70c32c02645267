import type { RuleSetInput } from '../schema.js';
import { sources } from './sources.js';

// National 2019 website inspection (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号 附件1).
//
// What is official: the six vetoes and their thresholds, deductions worth 100 with 办事服务 = 25, bonus worth 30
// for portals, the 60 / 80 thresholds, the per-indicator cap and the ×4/3 rule for sites without service
// functions, and four per-occurrence criteria. Everything else (the 40/15/20 split, every other criterion and
// amount, the bonus indicators, rounding) is Kaohe's reconstruction and is labelled `reconstructed`.
//
// Id scheme: vetoes use the domain guide's ids; measurements are camelCase; deduction indicators are
// `publish` / `service` / `interaction` / `design` and their criteria `<indicator>.<what>`; bonus indicators are
// `bonus.<area>` and their criteria `bonus.<area>.<what>`; sources are kebab-case document ids.

const ruleSet = {
  id: 'cn-2019-website-inspection',
  title: '政府网站检查指标（2019年国家版）',
  titleEn: 'Government website inspection indicators (national, 2019)',
  description:
    '国办秘函〔2019〕19号附件《政府网站与政务新媒体检查指标》中的政府网站部分：单项否决、扣分指标（100分）、加分指标（30分，仅门户网站）。',
  version: '1.0.0',
  jurisdiction: '国务院办公厅',
  sources: [
    sources['gbmh-2019-19'],
    sources['gbmh-2019-19-inspection'],
    sources['gbmh-2019-19-assessment'],
    sources['gbf-2017-47'],
    sources['jiangxi-2017-43'],
    sources['jiangxi-2018-q1'],
    sources['gansu-2019-2020q1'],
    sources['hanzhong-2022-q3'],
    sources['jieyang-2019-q1'],
    sources['kaohe-reconstruction'],
  ],
  provenance: {
    source: 'gbmh-2019-19-inspection',
    confidence: 'paraphrased',
    note: '单项否决阈值为官方原文；扣分指标分配、多数扣分细则、加分细则和舍入规则为 Kaohe 重构，见各节点。Veto thresholds are official; the deduction split, most criteria, the bonus details and the rounding are Kaohe reconstruction (see each node).',
  },
  kind: 'inspection',
  targetKind: 'website',

  // --- measurements: what an inspector records for one website at one monitoring point ---------------------
  measurements: [
    {
      id: 'seriousMisstatement',
      title: '存在严重表述错误',
      titleEn: 'Serious misstatement',
      description:
        '如固定表述错误、领导人姓名职务错误、严重错别字或一般性错别字较多（汉中2022年第三季度因“存在固定表述错误”“一般性错别字较多”单项否决）。',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·安全、泄密事故等严重问题：严重表述错误',
        confidence: 'official',
        note: '汉中通报把“固定表述错误”“一般性错别字较多”按本项否决。Hanzhong 2022 Q3 vetoed sites under this clause for fixed-phrase errors and many ordinary typos.',
      },
    },
    {
      id: 'stateSecretLeak',
      title: '泄露国家秘密',
      titleEn: 'State secret leaked',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·安全、泄密事故等严重问题：泄露国家秘密',
        confidence: 'official',
      },
    },
    {
      id: 'illegalContent',
      title: '发布或链接反动、暴力、色情等内容',
      titleEn: 'Publishes or links to reactionary, violent or pornographic content',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·安全、泄密事故等严重问题：发布或链接反动、暴力、色情等内容',
        confidence: 'official',
      },
    },
    {
      id: 'unhandledAttack',
      title: '安全攻击未及时有效处置造成严重安全事故',
      titleEn: 'Security attack (trojan, defacement) not handled, causing a serious incident',
      description: '遭受挂马、篡改等攻击未及时有效处置，造成严重安全事故。',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·安全、泄密事故等严重问题：安全攻击（挂马、篡改）未及时有效处置造成严重安全事故',
        confidence: 'official',
      },
    },
    {
      id: 'falsification',
      title: '弄虚作假',
      titleEn: 'Falsification',
      description: '如伪造发稿日期等。',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·安全、泄密事故等严重问题：弄虚作假（如伪造发稿日期）',
        confidence: 'official',
      },
    },
    {
      id: 'negativeOpinion',
      title: '因网站建设管理不当引发严重负面舆情',
      titleEn: 'Serious negative public opinion caused by poor website management',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·安全、泄密事故等严重问题：因网站建设管理不当引发严重负面舆情',
        confidence: 'official',
      },
    },
    {
      id: 'unreachableShare',
      title: '网站无法访问次数占比',
      titleEn: 'Share of probes that could not open the site',
      description: '连续监测1周，每天至少20次；超过15秒网站仍打不开的次数占总监测次数的比例（取值0至1）。',
      kind: 'ratio',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·站点无法访问',
        confidence: 'official',
      },
    },
    {
      id: 'homepageUpdates',
      title: '监测时间点前2周内首页更新信息数',
      titleEn: 'Home-page updates in the 2 weeks before the monitoring point',
      description: '首页仅为导航页的，统计二级页面的更新信息数。',
      kind: 'count',
      unit: '条',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·首页不更新',
        confidence: 'official',
      },
    },
    {
      id: 'staleColumns',
      title: '未按期更新的栏目数',
      titleEn: 'Columns not updated on time',
      description:
        '监测时间点前2周内未更新的动态、要闻类栏目，与监测时间点前6个月内未更新的通知公告、政策文件类一级栏目，合计个数。',
      kind: 'count',
      unit: '个',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·栏目不更新（动态要闻类2周、通知公告与政策文件类一级栏目6个月）',
        confidence: 'official',
      },
    },
    {
      id: 'longStaleColumns',
      title: '应更新但长期未更新的栏目数',
      titleEn: 'Columns that should be updated but have long not been',
      kind: 'count',
      unit: '个',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·栏目不更新（应更新但长期未更新的栏目）',
        confidence: 'official',
      },
    },
    {
      id: 'emptyColumns',
      title: '空白栏目数',
      titleEn: 'Empty columns',
      kind: 'count',
      unit: '个',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·栏目不更新（空白栏目）',
        confidence: 'official',
        note: '江西2018年第一季度41家不合格网站中有34家因空白栏目被否决。Jiangxi 2018 Q1: 34 of the 41 failed sites were vetoed for empty columns.',
      },
    },
    {
      id: 'hasConsultationChannel',
      title: '提供有效的在线咨询渠道',
      titleEn: 'Has an effective online consultation channel',
      description: '信访、纪检举报渠道不计入。',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·互动回应差（无有效在线咨询渠道）',
        confidence: 'official',
      },
    },
    {
      id: 'overdueMessages',
      title: '超过3个月未答复的有效留言数',
      titleEn: 'Valid messages unanswered for more than 3 months',
      description: '监测时间点前1年内，咨询类栏目中超过3个月未答复的有效留言条数。',
      kind: 'count',
      unit: '条',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·互动回应差（有效留言超过3个月未答复）',
        confidence: 'official',
      },
    },
    {
      id: 'hasOnlineService',
      title: '提供在线办事服务',
      titleEn: 'Offers online services',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·服务不实用（未提供办事服务）',
        confidence: 'official',
      },
    },
    {
      id: 'guidesMissingKeyElements',
      title: '缺少核心要素的办事指南数',
      titleEn: 'Service guides missing key elements',
      description:
        '缺少事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程等要素中4项及以上的办事事项个数。',
      kind: 'count',
      unit: '个',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·服务不实用（办事指南要素缺失）',
        confidence: 'reconstructed',
        note: '“缺少4项及以上要素”的计数口径未经核实，系据公开自查表推定。Unverified: counting a guide as deficient when it lacks 4 or more of the listed elements is our belief, not a confirmed reading.',
      },
    },
  ],

  // --- part 1: 单项否决 (any veto → 不合格, nothing else is scored) ------------------------------------------
  vetoes: [
    {
      id: 'serious-incident',
      title: '安全、泄密事故等严重问题',
      titleEn: 'Security incidents, leaks and other serious problems',
      when: {
        kind: 'any',
        of: [
          { kind: 'flag', measurement: 'seriousMisstatement', is: true },
          { kind: 'flag', measurement: 'stateSecretLeak', is: true },
          { kind: 'flag', measurement: 'illegalContent', is: true },
          { kind: 'flag', measurement: 'unhandledAttack', is: true },
          { kind: 'flag', measurement: 'falsification', is: true },
          { kind: 'flag', measurement: 'negativeOpinion', is: true },
        ],
      },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·安全、泄密事故等严重问题',
        confidence: 'official',
        note: '条款据照录国家原文的公开自查表。Clauses as given in a published self-check table that copies the national text.',
      },
    },
    {
      id: 'unreachable',
      title: '站点无法访问',
      titleEn: 'Site unreachable',
      when: {
        kind: 'compare',
        measurement: 'unreachableShare',
        op: '>=',
        // 5% of at least 140 probes in the monitoring week; exactly 5% is already a failure
        value: '0.05',
      },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·站点无法访问',
        confidence: 'official',
      },
    },
    {
      id: 'homepage-stale',
      title: '首页不更新',
      titleEn: 'Home page not updated',
      when: { kind: 'compare', measurement: 'homepageUpdates', op: '<=', value: '0' },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·首页不更新（监测时间点前2周内首页无更新）',
        confidence: 'official',
      },
    },
    {
      id: 'columns-stale',
      title: '栏目不更新',
      titleEn: 'Columns not updated',
      when: {
        kind: 'any',
        of: [
          { kind: 'compare', measurement: 'staleColumns', op: '>=', value: '5' },
          { kind: 'compare', measurement: 'longStaleColumns', op: '>=', value: '10' },
          { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '5' },
        ],
      },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·栏目不更新（合计5个、长期未更新10个、空白栏目5个）',
        confidence: 'official',
      },
    },
    {
      id: 'interaction-poor',
      title: '互动回应差',
      titleEn: 'Poor interaction and response',
      when: {
        kind: 'any',
        of: [
          { kind: 'flag', measurement: 'hasConsultationChannel', is: false },
          { kind: 'compare', measurement: 'overdueMessages', op: '>', value: '0' },
        ],
      },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·互动回应差',
        confidence: 'official',
      },
    },
    {
      id: 'service-impractical',
      title: '服务不实用',
      titleEn: 'Services impractical',
      when: {
        kind: 'any',
        of: [
          { kind: 'flag', measurement: 'hasOnlineService', is: false },
          {
            kind: 'compare',
            measurement: 'guidesMissingKeyElements',
            op: '>=',
            value: '5',
            provenance: {
              source: 'kaohe-reconstruction',
              confidence: 'reconstructed',
              note: '阈值“5个及以上事项”未经核实。Unverified threshold: we assume the veto applies from 5 service items whose guides each lack 4 or more key elements.',
            },
          },
        ],
      },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·服务不实用',
        confidence: 'official',
        note: '“未提供办事服务”为官方条款；办事指南要素缺失的计数阈值另标为重构。Offering no service is official; the guide-element count threshold carries its own reconstructed provenance.',
      },
    },
  ],

  // --- part 2: 扣分指标, 100 points ------------------------------------------------------------------------
  deductions: {
    points: '100',
    provenance: {
      source: 'gbmh-2019-19-inspection',
      clause: '二、扣分指标',
      confidence: 'paraphrased',
      note: '满分100分、四个一级指标名称及办事服务25分为已知；其余三项分值为重构。Total 100, the four indicator names and 办事服务 = 25 are known; the other three indicators’ points are reconstructed.',
    },
    indicators: [
      {
        id: 'publish',
        title: '发布解读',
        titleEn: 'Publishing and interpretation',
        points: '40',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标名称为官方；40分为重构（发布解读、互动交流、功能设计三项合计75分的分配未公开）。The name is official; 40 points is our split of the unpublished 75.',
        },
        criteria: [
          {
            id: 'publish.overview-missing',
            title: '未公开概况信息或机构职能信息',
            titleEn: 'Overview or organisation-and-functions information missing',
            description: '计数单位：类。',
            deduct: '2',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '六、（一）本地经济、社会……介绍性信息；机构设置、主要职责和联系方式等信息',
              confidence: 'reconstructed',
              note: '内容要求出自《政府网站发展指引》；扣分值为重构。Content required by the 2017 guidelines; the amount is ours.',
            },
          },
          {
            id: 'publish.leader-column-missing',
            title: '未开设负责人信息栏目',
            titleEn: 'No leader-information column',
            deduct: '2',
            provenance: {
              source: 'gbmh-2019-19-inspection',
              clause: '二、扣分指标·发布解读·负责人信息',
              confidence: 'paraphrased',
            },
          },
          {
            id: 'publish.leader-info-incomplete',
            title: '负责人姓名、简历缺失或错误',
            titleEn: 'Leader name or CV missing or wrong',
            description: '计数单位：人。',
            deduct: '1',
            provenance: {
              source: 'gbmh-2019-19-inspection',
              clause: '二、扣分指标·发布解读·负责人信息',
              confidence: 'paraphrased',
            },
          },
          {
            id: 'publish.policy-column-stale',
            title: '政策文件类一级栏目监测时间点前6个月内未更新',
            titleEn:
              'Policy-document first-level column not updated in the 6 months before the monitoring point',
            description: '计数单位：个。',
            deduct: '5',
            provenance: {
              source: 'gbmh-2019-19-inspection',
              clause: '二、扣分指标·发布解读·政策文件',
              confidence: 'paraphrased',
            },
          },
          {
            id: 'publish.dynamics-column-stale',
            title: '动态、要闻类栏目监测时间点前2周内未更新',
            titleEn: 'News or dynamics column not updated in the 2 weeks before the monitoring point',
            description: '计数单位：个。',
            deduct: '2',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（二）網站動態新聞類欄目內容更新不及時',
              confidence: 'reconstructed',
              note: '每个扣2分为重构；与政策文件类栏目合计达5个即单项否决。2 per column is ours; 5 together with stale policy columns is a veto.',
            },
          },
          {
            id: 'publish.column-long-stale',
            title: '应更新但长期未更新的栏目',
            titleEn: 'Column that should be updated but has long not been',
            description: '计数单位：个。',
            deduct: '1',
            provenance: {
              source: 'jiangxi-2018-q1',
              clause: '一、（二）仍存在較多長期不更新欄目',
              confidence: 'reconstructed',
              note: '每个扣1分为重构；达10个即单项否决。1 per column is ours; 10 such columns is a veto.',
            },
          },
          {
            id: 'publish.empty-column',
            title: '空白栏目',
            titleEn: 'Empty column',
            description: '计数单位：个。',
            deduct: '2',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（二）存在空白欄目',
              confidence: 'reconstructed',
              note: '每个扣2分为重构；达5个即单项否决。2 per column is ours; 5 empty columns is a veto.',
            },
          },
          {
            id: 'publish.interpretation-column-missing',
            title: '未开设政策解读栏目或未发布解读稿',
            titleEn: 'No policy-interpretation column, or no interpretation published',
            deduct: '5',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（三）未規范開設政策文件解讀欄目，未見解讀稿',
              confidence: 'reconstructed',
              note: '扣5分为重构。The amount is ours.',
            },
          },
          {
            id: 'publish.interpretation-missing',
            title: '政策文件未发布对应解读材料',
            titleEn: 'Policy document without its interpretation',
            description: '计数单位：件。',
            deduct: '1',
            // one missing interpretation per document would otherwise outweigh a missing column
            maxDeduction: '5',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（三）未見部分政策文件對應的解讀稿',
              confidence: 'reconstructed',
              note: '每件扣1分、最多扣5分为重构。1 per document, at most 5, is ours.',
            },
          },
          {
            id: 'publish.interpretation-not-linked',
            title: '政策解读与政策原文未相互关联',
            titleEn: 'Interpretation not linked to its policy document',
            description: '计数单位：组。',
            deduct: '1',
            maxDeduction: '3',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（三）部分政策解讀稿未與政策原文相互關聯',
              confidence: 'reconstructed',
              note: '每组扣1分、最多扣3分为重构。1 per pair, at most 3, is ours.',
            },
          },
          {
            id: 'publish.interpretation-irregular',
            title: '政策解读内容不规范或解读栏目更新不及时',
            titleEn: 'Interpretation content irregular or interpretation column late',
            description: '计数单位：处。',
            deduct: '1',
            maxDeduction: '3',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（三）網站政策文件解讀內容不規范、欄目更新不及時',
              confidence: 'reconstructed',
              note: '每处扣1分、最多扣3分为重构。1 each, at most 3, is ours.',
            },
          },
          {
            id: 'publish.state-council-policy-not-reposted',
            title: '未按要求转载国务院重要政策文件',
            titleEn: 'Important State Council policy not reposted as required',
            description: '计数单位：件。',
            deduct: '2',
            maxDeduction: '6',
            provenance: {
              source: 'jiangxi-2018-q1',
              clause: '二、（二）未按要求轉載中國政府網發佈的國務院重要政策文件',
              confidence: 'reconstructed',
              note: '每件扣2分、最多扣6分为重构。2 per document, at most 6, is ours.',
            },
          },
          {
            id: 'publish.statistics-missing',
            title: '未发布本地区、本部门统计数据',
            titleEn: 'No statistics published for the region or department',
            deduct: '2',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '六、（一）……社会关注度高的本地本行业统计数据',
              confidence: 'reconstructed',
              note: '内容要求出自《政府网站发展指引》；扣分值为重构。Required by the 2017 guidelines; the amount is ours.',
            },
          },
          {
            id: 'publish.annual-report-missing',
            title: '未在网站首页公开政府网站工作年度报表',
            titleEn: 'Annual website work report not published on the home page',
            deduct: '2',
            provenance: {
              source: 'jiangxi-2018-q1',
              clause: '二、（二）未按要求報送並公開《政府網站工作年度報表》',
              confidence: 'reconstructed',
              note: '扣2分为重构。The amount is ours.',
            },
          },
          {
            id: 'publish.typo',
            title: '一般性错别字（未达单项否决程度）',
            titleEn: 'Ordinary typo, below veto level',
            description: '计数单位：处。',
            // half a point each: a few typos cost little, many typos are a veto (Hanzhong 2022 Q3)
            deduct: '0.5',
            maxDeduction: '5',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（一）網站存在固定表述錯誤或一般性錯別字',
              confidence: 'reconstructed',
              note: '每处扣0.5分、最多扣5分为重构；错别字较多按严重表述错误单项否决。0.5 each, at most 5, is ours; many typos are vetoed as serious misstatement.',
            },
          },
        ],
      },
      {
        id: 'service',
        title: '办事服务',
        titleEn: 'Online services',
        // national: sites without service functions are scored out of 75 and multiplied by 4/3, so this is 25
        points: '25',
        provenance: {
          source: 'gbmh-2019-19-inspection',
          clause: '二、扣分指标·办事服务',
          confidence: 'official',
          note: '无对外服务职能的国务院部门不检查本项，扣分部分按75分计后乘以4/3。Departments without external service functions are not checked here; the rest is scored out of 75 and multiplied by 4/3.',
        },
        criteria: [
          {
            id: 'service.statistics-stale',
            title: '办事统计数据监测时间点前3个月内未更新',
            titleEn: 'Service statistics not updated in the 3 months before the monitoring point',
            deduct: '2',
            provenance: {
              source: 'gbmh-2019-19-inspection',
              clause: '二、扣分指标·办事服务·办事统计',
              confidence: 'paraphrased',
            },
          },
          {
            id: 'service.guide-elements-missing',
            title: '办事指南缺少要素（未达单项否决程度）',
            titleEn: 'Service guide missing elements, below veto level',
            description: '计数单位：事项。',
            deduct: '1',
            maxDeduction: '5',
            provenance: {
              source: 'jiangxi-2018-q1',
              clause: '二、（一）存在辦事指南要素缺失問題',
              confidence: 'reconstructed',
              note: '每项扣1分、最多扣5分为重构。1 per item, at most 5, is ours.',
            },
          },
          {
            id: 'service.guide-inaccurate',
            title: '办事指南重点要素内容不准确',
            titleEn: 'Service guide key elements inaccurate',
            description: '计数单位：事项。',
            deduct: '1',
            maxDeduction: '5',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（五）部分事項辦事指南重點要素內容不準確',
              confidence: 'reconstructed',
              note: '每项扣1分、最多扣5分为重构。1 per item, at most 5, is ours.',
            },
          },
          {
            id: 'service.guide-vague',
            title: '办事指南表述含糊不清',
            titleEn: 'Service guide wording vague',
            description: '计数单位：事项。',
            deduct: '1',
            maxDeduction: '5',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（五）部分事項辦事指南表述含糊不清',
              confidence: 'reconstructed',
              note: '每项扣1分、最多扣5分为重构。1 per item, at most 5, is ours.',
            },
          },
          {
            id: 'service.forms-unavailable',
            title: '未提供规范表格获取渠道或表格无法下载',
            titleEn: 'No channel to obtain standard forms, or forms cannot be downloaded',
            description: '计数单位：事项。',
            deduct: '1',
            maxDeduction: '5',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（五）部分事項未提供規范表格獲取渠道',
              confidence: 'reconstructed',
              note: '每项扣1分、最多扣5分为重构；江西2018年第一季度亦通报“多個表格無法下載”。1 per item, at most 5, is ours; Jiangxi 2018 Q1 reported forms that could not be downloaded.',
            },
          },
        ],
      },
      {
        id: 'interaction',
        title: '互动交流',
        titleEn: 'Interaction',
        points: '15',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标名称为官方；15分为重构。The name is official; 15 points is our split of the unpublished 75.',
        },
        criteria: [
          {
            id: 'interaction.reply-stale',
            title: '留言答复监测时间点前2个月内未更新',
            titleEn: 'Message replies not updated in the 2 months before the monitoring point',
            deduct: '3',
            provenance: {
              source: 'gbmh-2019-19-inspection',
              clause: '二、扣分指标·互动交流·留言办理',
              confidence: 'paraphrased',
            },
          },
          {
            id: 'interaction.reply-slow',
            title: '有效留言答复超过承诺时限（未超过3个月）',
            titleEn: 'Valid message answered late, within 3 months',
            description: '计数单位：条。',
            deduct: '1',
            maxDeduction: '5',
            provenance: {
              source: 'gansu-2019-2020q1',
              clause: '一、（二）留言辦理答覆時效差',
              confidence: 'reconstructed',
              note: '每条扣1分、最多扣5分为重构；超过3个月未答复为单项否决。1 each, at most 5, is ours; over 3 months unanswered is a veto.',
            },
          },
          {
            id: 'interaction.reply-perfunctory',
            title: '留言答复敷衍推诿、答非所问',
            titleEn: 'Perfunctory or off-topic reply',
            description: '计数单位：条。',
            deduct: '1',
            maxDeduction: '5',
            provenance: {
              source: 'gansu-2019-2020q1',
              clause: '二、（四）留言辦理工作答覆內容質量不高',
              confidence: 'reconstructed',
              note: '每条扣1分、最多扣5分为重构。1 each, at most 5, is ours.',
            },
          },
          {
            id: 'interaction.statistics-not-published',
            title: '未公开留言受理反馈情况及统计数据',
            titleEn: 'Message handling and statistics not published',
            deduct: '2',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '八、（三）做好意见建议受理反馈情况的公开工作……以及有关统计数据',
              confidence: 'reconstructed',
              note: '扣2分为重构。The amount is ours.',
            },
          },
          {
            id: 'interaction.solicitation-no-feedback',
            title: '征集调查未公布采用情况',
            titleEn: 'Consultation results not published',
            description: '计数单位：期。',
            deduct: '1',
            maxDeduction: '3',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '八、（三）开展专项意见建议征集活动的，要在网站上公布采用情况',
              confidence: 'reconstructed',
              note: '每期扣1分、最多扣3分为重构。1 each, at most 3, is ours.',
            },
          },
        ],
      },
      {
        id: 'design',
        title: '功能设计',
        titleEn: 'Functions and design',
        points: '20',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标名称为官方；20分为重构。The name is official; 20 points is our split of the unpublished 75.',
        },
        criteria: [
          {
            id: 'design.search-missing',
            title: '未提供站内搜索或搜索功能无法使用',
            titleEn: 'No site search, or search does not work',
            deduct: '5',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '十、（一）优化政府网站搜索功能',
              confidence: 'reconstructed',
              note: '扣5分为重构。The amount is ours.',
            },
          },
          {
            id: 'design.search-fails',
            title: '站内搜索结果首页未找到随机选取的测试信息',
            titleEn: 'Site search misses a randomly chosen test item on its first page',
            description: '计数单位：次。',
            deduct: '2',
            maxDeduction: '4',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（六）站內搜索結果未在第一頁找到隨機選取測試的信息',
              confidence: 'reconstructed',
              note: '每次扣2分、最多扣4分为重构。2 per failed test, at most 4, is ours.',
            },
          },
          {
            id: 'design.sitemap-inconsistent',
            title: '网站地图与实际栏目架构不一致',
            titleEn: 'Site map does not match the actual column structure',
            deduct: '2',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（六）網站地圖與網站實際欄目架構不一致',
              confidence: 'reconstructed',
              note: '扣2分为重构。The amount is ours.',
            },
          },
          {
            id: 'design.gov-label-revoked',
            title: '党政机关网站标识链接显示“已撤销”',
            titleEn: 'Party and government website label link shows “revoked”',
            deduct: '2',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（六）黨政機關網站標識鏈接顯示“已撤銷”',
              confidence: 'reconstructed',
              note: '扣2分为重构。The amount is ours.',
            },
          },
          {
            id: 'design.gov-label-domain-mismatch',
            title: '访问域名与党政机关网站标识证书中备案域名不符',
            titleEn: 'Domain does not match the one registered in the government website label certificate',
            deduct: '2',
            provenance: {
              source: 'hanzhong-2022-q3',
              clause: '二、（六）您訪問的網站域名與標識證書中備案域名不符',
              confidence: 'reconstructed',
              note: '扣2分为重构。The amount is ours.',
            },
          },
          {
            id: 'design.find-error-entry-missing',
            title: '未在首页添加“我为政府网站找错”平台入口',
            titleEn: 'No “report an error on a government website” entry on the home page',
            deduct: '2',
            provenance: {
              source: 'jiangxi-2018-q1',
              clause: '二、（二）未按要求在網站首頁添加中國政府網“我為政府網站找錯”平臺入口',
              confidence: 'reconstructed',
              note: '扣2分为重构；揭阳2019年第一季度亦通报同类问题。The amount is ours; Jieyang 2019 Q1 reports the same problem.',
            },
          },
          {
            id: 'design.broken-links',
            title: '存在错链、断链',
            titleEn: 'Broken or wrong link',
            description: '计数单位：个。',
            deduct: '0.5',
            maxDeduction: '5',
            provenance: {
              source: 'kaohe-reconstruction',
              confidence: 'reconstructed',
              note: '每个扣0.5分、最多扣5分为重构。0.5 each, at most 5, is ours.',
            },
          },
          {
            id: 'design.identity-info-missing',
            title: '网站全称、主办单位、网站标识码、ICP备案编号、公安机关备案标识等标注缺失',
            titleEn: 'Site name, sponsor, site code, ICP or police registration missing from the page',
            description: '计数单位：项。',
            deduct: '1',
            maxDeduction: '4',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '四、（一）政府网站要在头部标识区域显著展示网站全称',
              confidence: 'reconstructed',
              note: '每项扣1分、最多扣4分为重构。1 each, at most 4, is ours.',
            },
          },
        ],
      },
    ],
  },

  // --- part 3: 加分指标, 30 points, portals only -----------------------------------------------------------
  bonus: {
    points: '30',
    provenance: {
      source: 'gbmh-2019-19-inspection',
      clause: '三、加分指标（仅门户网站）',
      confidence: 'paraphrased',
      note: '满分30分、仅门户网站可加分为已知；各加分指标及分值为重构。Total 30 for portals is known; every bonus indicator and amount is reconstructed.',
    },
    indicators: [
      {
        id: 'bonus.publish',
        title: '信息发布与解读回应',
        titleEn: 'Publishing, interpretation and response',
        points: '8',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标与8分均为重构。Indicator and its 8 points are ours.',
        },
        criteria: [
          {
            id: 'bonus.publish.interpretation-forms',
            title: '以图解、音视频、专家解读等多种形式解读政策',
            titleEn: 'Policy interpreted in several forms: graphics, audio/video, experts',
            description: '计数单位：种形式。',
            award: '2',
            maxAward: '4',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '六、（四）通过组织各种形式的解读、评论、专访',
              confidence: 'reconstructed',
              note: '加分值为重构。The amounts are ours.',
            },
          },
          {
            id: 'bonus.publish.responsive',
            title: '及时回应社会关切、发布辟谣信息',
            titleEn: 'Timely response to public concerns and rumours',
            award: '2',
            provenance: {
              source: 'jiangxi-2017-43',
              clause:
                '六、（五）对社会公众关注的热点问题……对涉及本地、本部门的网络谣言，要及时发布相关部门辟谣信息',
              confidence: 'reconstructed',
              note: '加分值为重构。The amount is ours.',
            },
          },
          {
            id: 'bonus.publish.open-data',
            title: '集中开放政府数据集并持续更新',
            titleEn: 'Open government data sets, kept up to date',
            award: '2',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '六、（三）以机器可读的数据格式……向社会开放政府数据集',
              confidence: 'reconstructed',
              note: '加分值为重构。The amount is ours.',
            },
          },
        ],
      },
      {
        id: 'bonus.service',
        title: '办事服务',
        titleEn: 'Online services',
        points: '8',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标与8分均为重构。Indicator and its 8 points are ours.',
        },
        criteria: [
          {
            id: 'bonus.service.platform-integration',
            title: '与一体化在线政务服务平台前端整合、统一身份认证',
            titleEn: 'Front-end integration with the online government service platform, single sign-on',
            award: '4',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '七、（一）实现政务服务网与政府门户网站前端整合……统一身份认证',
              confidence: 'reconstructed',
              note: '加分值为重构。The amount is ours.',
            },
          },
          {
            id: 'bonus.service.linked-resources',
            title: '办事指南页关联政策文件、常见问题、咨询投诉入口',
            titleEn: 'Service pages link policies, FAQs and complaint channels',
            description: '计数单位：类。',
            award: '1',
            maxAward: '4',
            provenance: {
              source: 'jiangxi-2017-43',
              clause:
                '七、（四）在事项列表页或办事指南页提供相关法律法规、政策文件、常见问题、咨询投诉和监督举报入口',
              confidence: 'reconstructed',
              note: '加分值为重构。The amounts are ours.',
            },
          },
        ],
      },
      {
        id: 'bonus.interaction',
        title: '互动交流',
        titleEn: 'Interaction',
        points: '7',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标与7分均为重构。Indicator and its 7 points are ours.',
        },
        criteria: [
          {
            id: 'bonus.interaction.knowledge-base',
            title: '建立答问知识库并动态更新',
            titleEn: 'Q&A knowledge base, kept up to date',
            award: '3',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '八、（三）编制形成知识库，实行动态更新',
              confidence: 'reconstructed',
              note: '加分值为重构。The amount is ours.',
            },
          },
          {
            id: 'bonus.interaction.interviews',
            title: '开展在线访谈、征集调查并公开结果',
            titleEn: 'Online interviews or consultations with published results',
            description: '计数单位：次。',
            award: '1',
            maxAward: '4',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '八、（一）留言评论、在线访谈、征集调查',
              confidence: 'reconstructed',
              note: '加分值为重构。The amounts are ours.',
            },
          },
        ],
      },
      {
        id: 'bonus.innovation',
        title: '功能与创新',
        titleEn: 'Functions and innovation',
        points: '7',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标与7分均为重构。Indicator and its 7 points are ours.',
        },
        criteria: [
          {
            id: 'bonus.innovation.accessibility',
            title: '提供信息无障碍或多语言服务',
            titleEn: 'Accessibility or multilingual service',
            award: '2',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '十、（一）提供多语言服务……不断提升信息无障碍水平',
              confidence: 'reconstructed',
              note: '加分值为重构。The amount is ours.',
            },
          },
          {
            id: 'bonus.innovation.smart-search',
            title: '智能搜索（错别字纠正、关键词推荐、拼音搜索等）',
            titleEn: 'Smart search (typo correction, suggestions, pinyin search)',
            award: '2',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '十、（一）提供错别字自动纠正、关键词推荐、拼音转化搜索和通俗语言搜索等功能',
              confidence: 'reconstructed',
              note: '加分值为重构。The amount is ours.',
            },
          },
          {
            id: 'bonus.innovation.multichannel',
            title: '向移动端、政务新媒体等多渠道延伸',
            titleEn: 'Extended to mobile, new media and other channels',
            award: '2',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '十、（三）推进政府网站向移动终端、自助终端、热线电话、政务新媒体等多渠道延伸',
              confidence: 'reconstructed',
              note: '加分值为重构。The amount is ours.',
            },
          },
          {
            id: 'bonus.innovation.personalised',
            title: '个人和企业专属主页等个性化服务',
            titleEn: 'Personal and business home pages and other personalised services',
            award: '1',
            provenance: {
              source: 'jiangxi-2017-43',
              clause: '十、（一）打造个人和企业专属主页',
              confidence: 'reconstructed',
              note: '加分值为重构。The amount is ours.',
            },
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
    rounding: { places: 2, mode: 'halfUp', stage: 'total' },
    provenance: {
      source: 'gbmh-2019-19-inspection',
      clause: '评分方法',
      confidence: 'reconstructed',
      note: '低于60分不合格、高于80分方计加分、单项扣分不超过该指标分值、无对外服务职能者按75分计乘以4/3，均为官方评分方法（转述）；国家原文未规定舍入，保留2位小数、四舍五入、只对总分舍入为 Kaohe 假设，60/80 阈值与舍入后的显示值比较。Below 60 fails, above 80 earns the bonus, per-indicator cap and the ×4/3 rule are the official method (paraphrased). The national text declares no rounding: 2 places, half up, applied to the total only, is our assumption; thresholds are compared with the rounded value.',
    },
  },
} satisfies RuleSetInput;

export default ruleSet;
