import type { RuleSetInput } from '../schema.js';
import { sources } from './sources.js';

// National 2019 new-media inspection (政务新媒体, 国办秘函〔2019〕19号 附件1): vetoes only.
//
// The national text gives no deduction or bonus table for new media that we could verify, so an account is
// 合格 unless a veto applies. Local variants (Zhaoqing: deductions 100 + bonus 25, a vetoed account recorded as
// 59) extend a copy of this set; they are not folded in here.
//
// Id scheme: vetoes are kebab-case (`serious-incident`, `content-stale`, `interaction-poor`, mirroring the website
// set); measurements are camelCase and reuse the website set's names where the meaning is the same.

const ruleSet = {
  id: 'cn-2019-newmedia-inspection',
  title: '政务新媒体检查指标（2019年国家版）',
  titleEn: 'Government new-media inspection indicators (national, 2019)',
  description:
    '国办秘函〔2019〕19号附件《政府网站与政务新媒体检查指标》中的政务新媒体部分（微信公众号、微博、抖音等账号）：单项否决。',
  version: '1.0.0',
  jurisdiction: '国务院办公厅',
  sources: [
    sources['gbmh-2019-19'],
    sources['gbmh-2019-19-inspection'],
    sources['gbmh-2019-19-assessment'],
    sources['hanzhong-2022-q3'],
    sources['kaohe-reconstruction'],
  ],
  provenance: {
    source: 'gbmh-2019-19-inspection',
    confidence: 'paraphrased',
    note: '三项单项否决为已知；国家文本中未能核实新媒体的扣分、加分表，故本规则只判定合格与否。The three vetoes are known; no national deduction or bonus table for new media could be verified, so this set decides pass/fail only.',
  },
  kind: 'inspection',
  targetKind: 'newMedia',

  measurements: [
    {
      id: 'seriousMisstatement',
      title: '存在严重表述错误',
      titleEn: 'Serious misstatement',
      kind: 'boolean',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '假设新媒体“严重问题”的分项与政府网站相同；国家原文的新媒体分项未经核实。Assumed to mirror the website clause; the national new-media wording is unverified.',
      },
    },
    {
      id: 'stateSecretLeak',
      title: '泄露国家秘密',
      titleEn: 'State secret leaked',
      kind: 'boolean',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '假设与政府网站分项相同，未经核实。Assumed to mirror the website clause; unverified.',
      },
    },
    {
      id: 'illegalContent',
      title: '发布或链接反动、暴力、色情等内容',
      titleEn: 'Publishes or links to reactionary, violent or pornographic content',
      kind: 'boolean',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '假设与政府网站分项相同，未经核实。Assumed to mirror the website clause; unverified.',
      },
    },
    {
      id: 'falsification',
      title: '弄虚作假',
      titleEn: 'Falsification',
      description: '如买卖粉丝、强制要求群众点赞等。',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·安全、泄密事故等严重问题：弄虚作假（如买卖粉丝、强制点赞）',
        confidence: 'paraphrased',
      },
    },
    {
      id: 'negativeOpinion',
      title: '因发布内容不当引发严重负面舆情',
      titleEn: 'Serious negative public opinion caused by inappropriate content',
      kind: 'boolean',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '假设与政府网站分项相同，未经核实。Assumed to mirror the website clause; unverified.',
      },
    },
    {
      id: 'updatesInTwoWeeks',
      title: '监测时间点前2周内更新信息数',
      titleEn: 'Posts in the 2 weeks before the monitoring point',
      kind: 'count',
      unit: '条',
      provenance: {
        source: 'hanzhong-2022-q3',
        clause: '附件·存在的嚴重問題：監測時間點前2周內無更新',
        confidence: 'official',
      },
    },
    {
      id: 'hasInteractionFunction',
      title: '具备有效互动功能',
      titleEn: 'Has an effective interaction function',
      kind: 'boolean',
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '单项否决·互动回应差',
        confidence: 'paraphrased',
      },
    },
  ],

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
          { kind: 'flag', measurement: 'falsification', is: true },
          { kind: 'flag', measurement: 'negativeOpinion', is: true },
        ],
      },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·安全、泄密事故等严重问题',
        confidence: 'paraphrased',
        note: '否决项名称及“弄虚作假（买卖粉丝、强制点赞）”为已知；其余分项假设与政府网站相同。The veto and its falsification clause are known; the other clauses are assumed to mirror the website set.',
      },
    },
    {
      id: 'content-stale',
      title: '内容不更新',
      titleEn: 'Content not updated',
      when: {
        kind: 'compare',
        measurement: 'updatesInTwoWeeks',
        op: '<=',
        value: '0',
        provenance: {
          source: 'hanzhong-2022-q3',
          clause: '附件·存在的嚴重問題：監測時間點前2周內無更新',
          confidence: 'official',
        },
      },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·内容不更新',
        confidence: 'paraphrased',
        note: '“监测时间点前2周内无更新”见汉中2022年第三季度不合格名单。The 2-week window is as applied in Hanzhong’s 2022 Q3 list of failed accounts.',
      },
    },
    {
      id: 'interaction-poor',
      title: '互动回应差',
      titleEn: 'Poor interaction and response',
      when: { kind: 'flag', measurement: 'hasInteractionFunction', is: false },
      provenance: {
        source: 'gbmh-2019-19-inspection',
        clause: '一、单项否决指标·互动回应差（无有效互动功能）',
        confidence: 'paraphrased',
      },
    },
  ],

  deductions: null,
  bonus: null,

  policy: {
    passMark: null,
    bonusGate: null,
    // no bonus exists here; 'all' only states that nothing restricts it to portals
    bonusFor: 'all',
    capPerIndicator: false,
    withoutServiceFunctions: null,
    vetoedScore: null,
    rounding: { places: 2, mode: 'halfUp', stage: 'total' },
    provenance: {
      source: 'kaohe-reconstruction',
      confidence: 'reconstructed',
      note: '任一单项否决即不合格（已知）；无扣分、加分表，故不计分。舍入规则仅因格式要求而声明，此处没有分数可舍入。Any veto fails (known); with no deduction or bonus table there is no score. The rounding is declared only because the format requires it.',
    },
  },
} satisfies RuleSetInput;

export default ruleSet;
