import { describe, expect, test } from 'vitest';
import { ScoringInputError } from './errors.js';
import {
  scoreInspection,
  type InspectionTarget,
  type Occurrence,
  type ScoreInspectionInput,
} from './inspection.js';
import {
  annualAssessment,
  cleanMeasurements,
  department,
  inspectionRuleSet,
  newMediaInspection,
  noService,
  portal,
  spreadInspection,
  websiteInspection,
} from './test-support/fixtures.js';

const inspect = (
  findings: Occurrence[] = [],
  overrides: Partial<ScoreInspectionInput> & {
    measurements?: Record<string, boolean | string | number>;
  } = {},
) =>
  scoreInspection({
    ruleSet: websiteInspection,
    target: portal,
    measurements: cleanMeasurements,
    findings,
    ...overrides,
  });

const inputError = (run: () => unknown): ScoringInputError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringInputError);
    return error as ScoringInputError;
  }
  throw new Error('expected a ScoringInputError');
};

describe('pass mark (合格分 60)', () => {
  test('exactly 60 passes', () => {
    const result = inspect([
      { criterion: 'policyColumnStale', count: 4 }, // 20
      { criterion: 'noErrorReportEntry', count: 4 }, // 20
    ]);
    expect(result.score).toBe('60');
    expect(result.verdict).toBe('qualified');
    expect(result.reason).toBeNull();
    expect(result.explanation).toContain('扣分得分 60 达到合格分 60，合格');
  });

  test('59.5 fails, and says why', () => {
    const result = inspect([
      { criterion: 'policyColumnStale', count: 4 },
      { criterion: 'noErrorReportEntry', count: 4 },
      { criterion: 'typo', count: 1 },
    ]);
    expect(result.score).toBe('59.5');
    expect(result.verdict).toBe('unqualified');
    expect(result.reason).toBe('belowPassMark');
    expect(result.explanation).toContain('扣分得分 59.5 低于合格分 60，不合格');
  });
});

describe('bonus gate (80 分以上计加分)', () => {
  const bonus = [{ criterion: 'dataOpen', count: 1 }];

  test('exactly 80 gets no bonus', () => {
    const result = inspect([{ criterion: 'policyColumnStale', count: 4 }], { bonus });
    expect(result.score).toBe('80');
    expect(result.bonus).toBeNull();
    expect(result.bonusStatus).toBe('belowGate');
    expect(result.total).toBe('80');
    expect(result.explanation).toContain('扣分得分 80 未超过 80，不计加分');
  });

  test('80.01 gets the bonus', () => {
    const result = inspect(
      [
        { criterion: 'policyColumnStale', count: 3 }, // 15
        { criterion: 'leaderInfoMissing', count: 4 }, // 4
        { criterion: 'minorError', count: 99 }, // 0.99
      ],
      { bonus },
    );
    expect(result.score).toBe('80.01');
    expect(result.bonus).toBe('5');
    expect(result.bonusStatus).toBe('scored');
    expect(result.total).toBe('85.01');
    expect(result.explanation).toContain('总分 85.01 = 扣分得分 80.01 + 加分 5');
  });

  test('only portals earn the national bonus', () => {
    const result = inspect([], { target: department, bonus });
    expect(result.bonus).toBeNull();
    expect(result.bonusStatus).toBe('notEligible');
    expect(result.total).toBe('100');
    expect(result.explanation).toContain('仅门户网站计加分，本对象不计加分');
  });

  test('bonusFor "all" lets a department site earn it', () => {
    const result = scoreInspection({
      ruleSet: spreadInspection,
      target: department,
      measurements: cleanMeasurements,
      findings: [],
      bonus,
    });
    expect(result.bonus).toBe('5');
    expect(result.total).toBe('105');
  });

  test('bonus caps: per criterion (maxAward) and per indicator', () => {
    const result = inspect([], {
      bonus: [
        { criterion: 'praise', count: 3 }, // 9, capped at 6
        { criterion: 'onlineService', count: 2 }, // 20; with praise 26, capped at the indicator's 20
        { criterion: 'dataOpen', count: 1 },
      ],
    });
    const excellence = result.bonusBreakdown!.indicators.find((i) => i.id === 'excellence')!;
    expect(excellence.awards.find((a) => a.criterion === 'praise')).toMatchObject({
      awarded: '6',
      capped: true,
    });
    expect(excellence).toMatchObject({ awarded: '20', capped: true, max: '20' });
    expect(result.bonus).toBe('25');
    expect(result.total).toBe('125');
  });
});

describe('vetoes (单项否决)', () => {
  test('unreachableShare "0.05" vetoes and "0.0499" does not', () => {
    const vetoed = inspect([], { measurements: { ...cleanMeasurements, unreachableShare: '0.05' } });
    expect(vetoed.verdict).toBe('unqualified');
    expect(vetoed.reason).toBe('veto');
    const unreachable = vetoed.vetoes.find((v) => v.id === 'unreachable')!;
    expect(unreachable.triggered).toBe(true);
    expect(unreachable.clauses).toEqual([
      {
        measurement: 'unreachableShare',
        title: '站点无法访问比例',
        titleEn: 'Share of failed probes',
        kind: 'compare',
        op: '>=',
        threshold: '0.05',
        measured: '0.05',
        provided: true,
        measurementKind: 'ratio',
        unit: null,
        triggered: true,
      },
    ]);
    expect(vetoed.explanation).toContain('站点无法访问比例 5%，达到单项否决阈值（≥5%）');

    const passing = inspect([], { measurements: { ...cleanMeasurements, unreachableShare: '0.0499' } });
    expect(passing.verdict).toBe('qualified');
    expect(passing.vetoes.find((v) => v.id === 'unreachable')!.triggered).toBe(false);
  });

  test('ratios given as numbers compare exactly too', () => {
    expect(inspect([], { measurements: { ...cleanMeasurements, unreachableShare: 0.05 } }).verdict).toBe(
      'unqualified',
    );
    expect(inspect([], { measurements: { ...cleanMeasurements, unreachableShare: 0.0499 } }).verdict).toBe(
      'qualified',
    );
    // trailing zeros and leading zeros do not change the value
    expect(inspect([], { measurements: { ...cleanMeasurements, unreachableShare: '0.050' } }).verdict).toBe(
      'unqualified',
    );
  });

  test('exactly 5 empty columns vetoes, 4 do not', () => {
    const vetoed = inspect([], { measurements: { ...cleanMeasurements, emptyColumns: 5 } });
    expect(vetoed.verdict).toBe('unqualified');
    const columns = vetoed.vetoes.find((v) => v.id === 'columns-stale')!;
    expect(columns.triggered).toBe(true);
    expect(columns.clauses.map((c) => [c.measurement, c.measured, c.triggered])).toEqual([
      ['longStaleColumns', '0', false],
      ['emptyColumns', '5', true],
    ]);
    expect(columns.logic).toEqual({
      kind: 'any',
      title: null,
      triggered: true,
      of: [{ clause: 0 }, { clause: 1 }],
    });
    expect(vetoed.explanation).toContain('单项否决「栏目不更新」触发');
    expect(vetoed.explanation).toContain('空白栏目 5 个，达到单项否决阈值（≥5）');

    expect(inspect([], { measurements: { ...cleanMeasurements, emptyColumns: 4 } }).verdict).toBe(
      'qualified',
    );
    expect(inspect([], { measurements: { ...cleanMeasurements, emptyColumns: '5' } }).verdict).toBe(
      'unqualified',
    );
  });

  test('a veto means no other indicator is scored', () => {
    const result = inspect([{ criterion: 'typo', count: 2 }], {
      measurements: { ...cleanMeasurements, seriousIncident: true },
      bonus: [{ criterion: 'dataOpen', count: 1 }],
    });
    expect(result).toMatchObject({
      verdict: 'unqualified',
      reason: 'veto',
      score: null,
      scoreStatus: 'vetoed',
      vetoedScoreApplied: false,
      bonus: null,
      bonusStatus: 'vetoed',
      total: null,
      bonusBreakdown: null,
    });
    expect(result.breakdown!.awarded).toBeNull();
    expect(result.breakdown!.indicators.map((i) => [i.status, i.awarded, i.deducted])).toEqual([
      ['vetoed', null, null],
      ['vetoed', null, null],
      ['vetoed', null, null],
      ['vetoed', null, null],
    ]);
    // the findings are still listed, with nothing deducted
    expect(result.breakdown!.indicators[0]!.findings).toEqual([
      expect.objectContaining({ criterion: 'typo', count: 2, perOccurrence: '0.5', deducted: null }),
    ]);
    expect(result.explanation).toContain('安全、泄密事故等严重问题：是，触发单项否决');
    expect(result.explanation.at(-1)).toBe('单项否决，不合格，其他指标不再评分');
  });

  test('a flag clause that is false-triggered, and a flag left out counts as not observed', () => {
    const { seriousIncident: _left, ...withoutFlag } = cleanMeasurements;
    const result = inspect([], { measurements: { ...withoutFlag, hasConsultationChannel: false } });
    expect(result.reason).toBe('veto');
    const serious = result.vetoes.find((v) => v.id === 'serious-incident')!;
    expect(serious.clauses[0]).toMatchObject({ measured: false, provided: false, triggered: false });
    expect(result.explanation).toContain('有效在线咨询渠道：否，触发单项否决');
  });

  test('">" is strict: 0 overdue messages pass, 1 vetoes', () => {
    expect(inspect([], { measurements: { ...cleanMeasurements, overdueMessages: 1 } }).explanation).toContain(
      '超过3个月未答复留言 1 条，超过单项否决阈值（>0）',
    );
    expect(inspect().verdict).toBe('qualified');
  });

  test('a vetoed target may be recorded with policy.vetoedScore, and the result says so', () => {
    const result = scoreInspection({
      ruleSet: spreadInspection,
      target: department,
      measurements: { ...cleanMeasurements, emptyColumns: 7 },
      findings: [],
    });
    expect(result).toMatchObject({
      score: '59',
      total: '59',
      scoreStatus: 'vetoed',
      vetoedScoreApplied: true,
    });
    expect(result.explanation.at(-1)).toBe('单项否决，不合格，其他指标不再评分；按规则记 59 分');
  });
});

describe('deductions (扣分)', () => {
  test('deductions within an indicator stop at its points (capPerIndicator)', () => {
    const result = inspect([{ criterion: 'replyStale', count: 6 }]); // 18 on a 15-point indicator
    const interaction = result.breakdown!.indicators.find((i) => i.id === 'interaction')!;
    expect(interaction).toMatchObject({ max: '15', awarded: '0', deducted: '15', capped: true });
    expect(interaction.findings).toEqual([
      {
        criterion: 'replyStale',
        title: '留言答复2个月未更新',
        titleEn: 'Replies stale for 2 months',
        count: 6,
        perOccurrence: '3',
        deducted: '18',
        capped: false,
      },
    ]);
    expect(result.score).toBe('85');
    expect(result.explanation).toContain(
      '互动交流：留言答复2个月未更新 6 处 × 3 分 = 18 分；扣分超过本指标分值，按 15 分封顶；共扣 15 分，得 0 分（满分 15）',
    );
  });

  test("a criterion's maxDeduction caps it", () => {
    const result = inspect([{ criterion: 'typo', count: 10 }]);
    const publish = result.breakdown!.indicators[0]!;
    expect(publish.findings[0]).toMatchObject({ deducted: '3', capped: true });
    expect(publish.awarded).toBe('37');
  });

  test('a criterion listed twice adds up', () => {
    const result = inspect([
      { criterion: 'leaderInfoMissing', count: 2 },
      { criterion: 'leaderInfoMissing', count: 3, note: '第二轮' },
    ]);
    expect(result.breakdown!.indicators[0]!.findings).toEqual([
      expect.objectContaining({ count: 5, deducted: '5' }),
    ]);
    expect(result.score).toBe('95');
  });

  test('without capPerIndicator, deductions run past an indicator and the score stops at 0', () => {
    const uncapped = inspectionRuleSet((data) => ({
      ...data,
      policy: { ...data.policy, capPerIndicator: false },
    }));
    const partial = scoreInspection({
      ruleSet: uncapped,
      target: portal,
      measurements: cleanMeasurements,
      findings: [{ criterion: 'replyStale', count: 6 }],
    });
    expect(partial.breakdown!.indicators[2]).toMatchObject({ awarded: '-3', capped: false });
    expect(partial.score).toBe('82');

    const findings = ['policyColumnStale', 'serviceStatsStale', 'replyStale', 'noErrorReportEntry'].map(
      (criterion) => ({ criterion, count: 20 }),
    );
    const floored = scoreInspection({
      ruleSet: uncapped,
      target: portal,
      measurements: cleanMeasurements,
      findings,
    });
    expect(floored.score).toBe('0');
    expect(floored.breakdown!.floored).toBe(true);
    expect(floored.explanation).toContain('扣分合计超过满分，得分按 0 分计');
  });
});

describe('targets without service functions (无对外服务功能)', () => {
  test('scored out of 75 and multiplied by 4/3: 45 → 60 passes', () => {
    const result = inspect(
      [
        { criterion: 'policyColumnStale', count: 5 }, // 25
        { criterion: 'replyStale', count: 1 }, // 3
        { criterion: 'sitemapMismatch', count: 1 }, // 2
      ],
      { target: noService },
    );
    expect(result.breakdown).toMatchObject({
      max: '100',
      applicableMax: '75',
      awarded: '45',
      treatment: 'scale',
      factor: { numerator: '4', denominator: '3' },
    });
    expect(result.breakdown!.indicators[1]).toMatchObject({
      id: 'service',
      status: 'notApplicable',
      awarded: null,
    });
    expect(result.score).toBe('60');
    expect(result.verdict).toBe('qualified');
    expect(result.explanation).toContain('办事服务 不适用：无对外服务功能，扣分部分按 75 分计算后乘以 4/3');
    expect(result.explanation).toContain('扣分部分得分 45（按 75 分计），乘以 4/3 后为 60');
  });

  test('44.99 → 59.99 fails: the threshold applies to the scaled, rounded value', () => {
    const result = inspect(
      [
        { criterion: 'policyColumnStale', count: 5 },
        { criterion: 'replyStale', count: 1 },
        { criterion: 'sitemapMismatch', count: 1 },
        { criterion: 'minorError', count: 1 },
      ],
      { target: noService },
    );
    expect(result.breakdown!.awarded).toBe('44.99');
    expect(result.score).toBe('59.99');
    expect(result.verdict).toBe('unqualified');
    expect(result.explanation).toContain(
      '扣分部分得分 44.99（按 75 分计），乘以 4/3 后为 59.98666…，保留 2 位小数（四舍五入）为 59.99',
    );
  });

  const fiftyPointFive = [
    { criterion: 'typo', count: 1 }, // 0.5
    { criterion: 'policyColumnStale', count: 4 }, // 20
    { criterion: 'sitemapMismatch', count: 2 }, // 4
  ];

  test.each([
    ['halfUp', 2, '67.33'],
    ['down', 2, '67.33'],
    ['up', 2, '67.34'],
    ['halfUp', 1, '67.3'],
  ] as const)('50.5 × 4/3 = 67.333… rounds %s to %i places: %s', (mode, places, expected) => {
    const ruleSet = inspectionRuleSet((data) => ({
      ...data,
      policy: { ...data.policy, rounding: { places, mode, stage: 'leaf' } },
    }));
    const result = scoreInspection({
      ruleSet,
      target: noService,
      measurements: cleanMeasurements,
      findings: fiftyPointFive,
    });
    expect(result.breakdown!.awarded).toBe('50.5');
    expect(result.score).toBe(expected);
  });

  test('at 0 places, leaf rounding rounds each indicator first; total rounding rounds once', () => {
    const atZero = (stage: 'leaf' | 'total') =>
      scoreInspection({
        ruleSet: inspectionRuleSet((data) => ({
          ...data,
          policy: { ...data.policy, rounding: { places: 0, mode: 'halfUp', stage } },
        })),
        target: noService,
        measurements: cleanMeasurements,
        findings: fiftyPointFive,
      });
    const leaf = atZero('leaf');
    expect(leaf.breakdown!.indicators[0]!.awarded).toBe('20'); // 19.5 rounded as a leaf
    expect(leaf.breakdown!.awarded).toBe('51'); // 20 + 15 + 16
    expect(leaf.score).toBe('68'); // 51 × 4/3
    const total = atZero('total');
    expect(total.breakdown!.indicators[0]!.awarded).toBe('20'); // shown rounded, computed exactly
    expect(total.breakdown!.awarded).toBe('51'); // 50.5 shown rounded
    expect(total.score).toBe('67'); // 50.5 × 4/3 = 67.33…, rounded once
  });

  test('a finding on the service indicator is an input error for such a target', () => {
    const error = inputError(() =>
      inspect([{ criterion: 'guideInaccurate', count: 1 }], { target: noService }),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'findings[0].criterion', code: 'notApplicable' }),
    ]);
  });

  test('spreadEvenly (Zhaoqing): the 25 service points go to the other three indicators', () => {
    const result = scoreInspection({
      ruleSet: spreadInspection,
      target: noService,
      measurements: cleanMeasurements,
      findings: [{ criterion: 'replyStale', count: 2 }],
    });
    expect(result.breakdown!.treatment).toBe('spreadEvenly');
    expect(
      result.breakdown!.indicators.map((i) => [i.id, i.status, i.max, i.addedPoints, i.awarded]),
    ).toEqual([
      ['publish', 'scored', '48.33', '8.33', '48.33'],
      ['service', 'notApplicable', '25', null, null],
      ['interaction', 'scored', '23.33', '8.33', '17.33'],
      ['function', 'scored', '28.33', '8.33', '28.33'],
    ]);
    // leaf rounding: the rounded leaves add up to 93.99, not 94 (the rule set chose leaf rounding)
    expect(result.score).toBe('93.99');
    expect(result.explanation).toContain(
      '办事服务 不适用：无对外服务功能，其 25 分平均分配给其他 3 个指标（每个加 8.33 分）',
    );
  });

  test('spreadEvenly under total rounding keeps exact arithmetic: 100 − 6 = 94', () => {
    const ruleSet = inspectionRuleSet((data) => ({
      ...data,
      policy: {
        ...data.policy,
        withoutServiceFunctions: { indicator: 'service', treatment: 'spreadEvenly' },
        rounding: { places: 2, mode: 'halfUp', stage: 'total' },
      },
    }));
    const clean = scoreInspection({
      ruleSet,
      target: noService,
      measurements: cleanMeasurements,
      findings: [],
    });
    expect(clean.score).toBe('100');
    const result = scoreInspection({
      ruleSet,
      target: noService,
      measurements: cleanMeasurements,
      findings: [{ criterion: 'replyStale', count: 2 }],
    });
    expect(result.score).toBe('94');
  });
});

describe('new media (政务新媒体): vetoes only', () => {
  const account: InspectionTarget = { isPortal: false, hasServiceFunctions: true, name: '某政务微信公众号' };

  test('no veto: qualified, and no score (not 0)', () => {
    const result = scoreInspection({
      ruleSet: newMediaInspection,
      target: account,
      measurements: { seriousIncident: false, hasConsultationChannel: true },
      findings: [],
    });
    expect(result).toMatchObject({
      verdict: 'qualified',
      reason: null,
      score: null,
      scoreStatus: 'notScored',
      total: null,
      breakdown: null,
      bonusStatus: 'none',
    });
    expect(result.explanation).toEqual([
      '某政务微信公众号：按「测试网站检查指标」（2019.1）评分',
      '单项否决 2 项均未触发',
      '无扣分指标，仅按单项否决判定：合格',
    ]);
  });

  test('each named account that passes has its own lines (after an unnamed one, and in English)', () => {
    const qualified = (target: InspectionTarget, locale?: 'en') =>
      scoreInspection({
        ruleSet: newMediaInspection,
        target,
        measurements: { seriousIncident: false, hasConsultationChannel: true },
        findings: [],
        ...(locale === undefined ? {} : { locale }),
      });
    const unnamed = qualified({ isPortal: false, hasServiceFunctions: true });
    const first = qualified(account);
    const second = qualified({ ...account, name: '某政务微博' });
    const english = qualified({ ...account, name: 'A Weibo account' }, 'en');
    expect(unnamed.explanation[0]).toBe('检查对象：按「测试网站检查指标」（2019.1）评分');
    expect(second.explanation).toEqual([
      '某政务微博：按「测试网站检查指标」（2019.1）评分',
      '单项否决 2 项均未触发',
      '无扣分指标，仅按单项否决判定：合格',
    ]);
    expect(english.explanation[0]).toMatch(/^A Weibo account: scored with /);
    // a caller may change its own result's lines: no other result sees it
    first.explanation.push('备注');
    expect(second.explanation).toHaveLength(3);
    expect(qualified(account).explanation).toHaveLength(3);
    expect(unnamed.explanation).toHaveLength(3);
  });

  test('a veto fails it', () => {
    const result = scoreInspection({
      ruleSet: newMediaInspection,
      target: account,
      measurements: { seriousIncident: false, hasConsultationChannel: false },
      findings: [],
    });
    expect(result).toMatchObject({
      verdict: 'unqualified',
      reason: 'veto',
      score: null,
      scoreStatus: 'vetoed',
    });
  });

  test('findings are an error: there is nothing to deduct from', () => {
    const error = inputError(() =>
      scoreInspection({
        ruleSet: newMediaInspection,
        target: account,
        measurements: {},
        findings: [{ criterion: 'typo', count: 1 }],
      }),
    );
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['findings[0].criterion', 'unknownCriterion'],
    ]);
  });
});

describe('the result', () => {
  test('is self-contained: rule set, target, policy values', () => {
    const result = inspect();
    expect(result).toMatchObject({
      kind: 'inspection',
      ruleSetId: 'test-website-inspection',
      ruleSetVersion: '2019.1',
      targetKind: 'website',
      target: { name: '测试市人民政府门户网站', isPortal: true, hasServiceFunctions: true },
      passMark: '60',
      bonusGate: '80',
      rounding: { places: 2, mode: 'halfUp', stage: 'leaf' },
      score: '100',
      total: '100',
    });
    expect(result.breakdown!.indicators.map((i) => i.confidence)).toEqual([
      'reconstructed',
      'official',
      'reconstructed',
      'reconstructed',
    ]);
  });

  test('explains itself in English with locale "en"', () => {
    const result = inspect([{ criterion: 'typo', count: 3 }], {
      target: noService,
      locale: 'en',
      measurements: { ...cleanMeasurements },
    });
    expect(result.explanation).toEqual([
      '某部委网站: scored with “Test website inspection” (2019.1)',
      'None of the 4 vetoes is triggered',
      'Online services not applicable: no external service functions; the deduction part is scored out of 75 and multiplied by 4/3',
      'Publishing and interpretation: Typo 3 × 0.5 = 1.5; 1.5 deducted, 38.5 of 40',
      'Deduction part 73.5 out of 75, × 4/3 = 98',
      'Deduction score 98 reaches the pass mark 60: qualified',
      'Only portal websites earn the bonus; this target does not',
    ]);
    const vetoed = inspect([], { locale: 'en', measurements: { ...cleanMeasurements, emptyColumns: 6 } });
    expect(vetoed.explanation).toContain('Empty columns: 6, reaches the veto threshold (≥ 5)');
  });

  test('JSON, spread and structuredClone keep every field, the explanation (built on first read) included', () => {
    const score = () => inspect([{ criterion: 'typo', count: 3 }], { target: noService });
    const read = score();
    const lines = read.explanation;
    expect(lines.length).toBeGreaterThan(3);
    expect(Object.keys(read).at(-1)).toBe('explanation');
    expect(Object.getOwnPropertyDescriptor(read, 'explanation')!.enumerable).toBe(true);
    const viaJson = JSON.parse(JSON.stringify(score())) as Record<string, unknown>;
    expect(viaJson.explanation).toEqual(lines);
    expect(viaJson).toEqual(JSON.parse(JSON.stringify(read)));
    expect({ ...score() }.explanation).toEqual(lines);
    expect(Object.getOwnPropertyDescriptor({ ...score() }, 'explanation')!.value).toEqual(lines);
    expect(structuredClone(score()).explanation).toEqual(lines);
    expect(Object.entries(score()).at(-1)).toEqual(['explanation', lines]);
    // nothing hidden: every own key is an enumerable field
    expect(Reflect.ownKeys(score())).toEqual(Object.keys(read));
    // a vetoed target's explanation (its veto lines) is built on first read too, like a scored one's
    const vetoed = inspect([], { measurements: { ...cleanMeasurements, emptyColumns: 6 } });
    expect(Object.getOwnPropertyDescriptor(vetoed, 'explanation')!.get).toBeTypeOf('function');
    expect(Object.getOwnPropertyDescriptor({ ...vetoed }, 'explanation')!.value).toEqual(vetoed.explanation);
    expect(vetoed.explanation.join('\n')).toContain('单项否决');
    expect(Object.getOwnPropertyDescriptor(read, 'explanation')!.get).toBeTypeOf('function');
    expect((Object.create(score()) as typeof read).explanation).toEqual(lines);
    // a caller may still replace it
    const replaced = score();
    replaced.explanation = ['x'];
    expect(replaced.explanation).toEqual(['x']);
    expect(JSON.parse(JSON.stringify(replaced)).explanation).toEqual(['x']);
  });

  test('is a pure function: the same input gives the same result, and nothing is mutated', () => {
    const input = {
      ruleSet: websiteInspection,
      target: portal,
      measurements: { ...cleanMeasurements },
      findings: [{ criterion: 'typo', count: 3 }],
      bonus: [{ criterion: 'dataOpen', count: 1 }],
    };
    const before = JSON.stringify(input);
    const first = JSON.stringify(scoreInspection(input));
    expect(JSON.stringify(scoreInspection(input))).toBe(first);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('input errors (ScoringInputError)', () => {
  test('every problem is reported at once, each naming its field', () => {
    const error = inputError(() =>
      scoreInspection({
        ruleSet: websiteInspection,
        target: { isPortal: 'yes', hasServiceFunctions: true } as unknown as InspectionTarget,
        measurements: {
          seriousIncident: false,
          unreachableShare: '1.5',
          emptyColumns: true,
          longStaleColumns: -1,
          hasConsultationChannel: true,
          overdueMessages: 2.5,
          pageViews: 3,
        },
        findings: [
          { criterion: 'typo', count: 1 },
          { criterion: 'typo', count: -2 },
          { criterion: 'no-such-criterion', count: 1 },
          { criterion: 'typo', count: 1.5 },
          { criterion: 'typo', count: true } as unknown as Occurrence,
        ],
        bonus: [{ criterion: 'typo', count: 1 }],
        locale: 'fr' as 'en',
      }),
    );
    expect(error.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['locale', 'invalidArgument'],
      ['target.isPortal', 'wrongType'],
      ['measurements.unreachableShare', 'outOfRange'],
      ['measurements.emptyColumns', 'wrongType'],
      ['measurements.longStaleColumns', 'invalidCount'],
      ['measurements.overdueMessages', 'invalidCount'],
      ['measurements.pageViews', 'unknownMeasurement'],
      ['findings[1].count', 'invalidCount'],
      ['findings[2].criterion', 'unknownCriterion'],
      ['findings[3].count', 'invalidCount'],
      ['findings[4].count', 'wrongType'],
      ['bonus[0].criterion', 'unknownCriterion'],
    ]);
    for (const issue of error.issues) {
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(error.message).toContain('Invalid scoring input: 12 problems');
    expect(error.name).toBe('ScoringInputError');
  });

  test('a missing numeric measurement is an error; a missing flag is not', () => {
    const { emptyColumns: _e, seriousIncident: _s, ...rest } = cleanMeasurements;
    const error = inputError(() => inspect([], { measurements: rest }));
    expect(error.issues).toEqual([
      {
        path: 'measurements.emptyColumns',
        code: 'missingMeasurement',
        message: 'measurement "emptyColumns" (Empty columns) is required: a veto reads it',
        messageZh: '缺少测量项“emptyColumns”（空白栏目）：单项否决需要该数值',
      },
    ]);
  });

  test('non-finite numbers and non-decimal strings are rejected', () => {
    const error = inputError(() =>
      inspect([], {
        measurements: { ...cleanMeasurements, unreachableShare: Number.NaN, emptyColumns: '5 个' },
      }),
    );
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['measurements.unreachableShare', 'invalidNumber'],
      ['measurements.emptyColumns', 'invalidNumber'],
    ]);
  });

  test('the argument and its fields must have the right shape', () => {
    expect(inputError(() => scoreInspection(42 as unknown as ScoreInspectionInput)).issues[0]!.path).toBe(
      '(root)',
    );
    const error = inputError(() =>
      scoreInspection({
        ruleSet: websiteInspection,
        target: portal,
        measurements: 'none',
        findings: {},
        extra: 1,
      } as unknown as ScoreInspectionInput),
    );
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['extra', 'unknownKey'],
      ['measurements', 'invalidArgument'],
      ['findings', 'invalidArgument'],
    ]);
  });

  test('a rule set that does not validate, or of the wrong kind, is reported under ruleSet', () => {
    const broken = inputError(() => inspect([], { ruleSet: { kind: 'inspection', id: 'x' } as never }));
    expect(broken.issues.length).toBeGreaterThan(0);
    expect(broken.issues.every((i) => i.code === 'invalidRuleSet' && i.path.startsWith('ruleSet'))).toBe(
      true,
    );

    const wrongKind = inputError(() => inspect([], { ruleSet: annualAssessment as never }));
    expect(wrongKind.issues).toEqual([
      expect.objectContaining({ path: 'ruleSet.kind', code: 'wrongRuleSetKind' }),
    ]);
  });
});
