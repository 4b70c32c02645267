import { isValidatedRuleSet, parseRuleSet, RuleSetError } from '@kaohe/rules';
import { describe, expect, test } from 'vitest';
import { scoreAssessment, type ScoreAssessmentInput, type SubItemInput } from './assessment.js';
import { ScoringInputError } from './errors.js';
import { annualAssessment, assessmentRuleSet, fullInputs } from './test-support/fixtures.js';

const noVeto = { politicalIncident: false, seriousSpotCheckFailures: 0 };

const assess = (inputs: Record<string, SubItemInput>, overrides: Partial<ScoreAssessmentInput> = {}) =>
  scoreAssessment({ ruleSet: annualAssessment, inputs, measurements: noVeto, ...overrides });

const subItem = (result: ReturnType<typeof assess>, id: string) =>
  result.areas.flatMap((a) => a.items.flatMap((i) => i.subItems)).find((s) => s.id === id)!;

const inputError = (run: () => unknown): ScoringInputError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringInputError);
    return error as ScoringInputError;
  }
  throw new Error('expected a ScoringInputError');
};

describe('a complete assessment', () => {
  const result = assess(fullInputs, { bonus: [{ criterion: 'allMigrated', count: 1 }] });

  test('scores every sub-item by its method', () => {
    expect(
      result.areas.flatMap((a) =>
        a.items.flatMap((i) => i.subItems.map((s) => [s.id, s.status, s.awarded, s.max])),
      ),
    ).toEqual([
      ['A1.1', 'scored', '10', '10'], // bands: 92 in [90, ∞)
      ['A1.2', 'scored', '7', '10'], // ratio: 10 × 0.7
      ['A2.1', 'scored', '8', '10'], // bands: 0.96 in [0.95, 1)
      ['A2.2', 'scored', '14', '20'], // deduct: 20 − 2 × 3
      ['B1.1', 'scored', '10', '10'], // check
      ['B1.2', 'scored', '16', '20'], // manual
      ['B2.1', 'scored', '17.5', '20'], // deduct: 20 − 2.5
    ]);
  });

  test('adds up through items and areas', () => {
    expect(result.areas.map((a) => [a.id, a.status, a.awarded, a.max])).toEqual([
      ['A', 'scored', '39', '50'],
      ['B', 'scored', '43.5', '50'],
    ]);
    expect(result.areas[0]!.items.map((i) => [i.id, i.awarded, i.max])).toEqual([
      ['A1', '17', '20'],
      ['A2', '22', '30'],
    ]);
  });

  test('total, bonus above the gate, grade and verdict', () => {
    expect(result).toMatchObject({
      kind: 'assessment',
      ruleSetId: 'test-annual-assessment',
      ruleSetVersion: '2019.1',
      complete: true,
      awaitingInput: [],
      awaitingMeasurements: [],
      max: '100',
      score: '82.5',
      bonus: '5',
      bonusStatus: 'scored',
      total: '87.5',
      verdict: 'qualified',
      reason: null,
      grade: { id: 'good', title: '良好', titleEn: 'Good' },
      scoreWithoutVeto: null,
      rescale: null,
    });
  });

  test('explains every number', () => {
    expect(result.explanation).toEqual([
      '按「测试年度考核指标」（2019.1）考核，满分 100',
      '单项否决 1 项未触发',
      'A1.1 本级门户网站季度检查结果：门户网站平均分 92，落在「≥90」档，得 10 分（满分 10）',
      'A1.2 网站迁移整合至集约化平台：迁移比例 70%，得 10 × 70% = 7 分',
      'A2.1 所辖网站季度检查合格率：合格率 96%，落在「≥95% 且 <100%」档，得 8 分（满分 10）',
      'A2.2 “我为政府网站找错”留言办理：未办结留言 2 次 × 3 分 = 6 分；共扣 6 分，得 14 分（满分 20）',
      'B1.1 专题研究网站管理工作：达到要求，得 10 分（满分 10）',
      'B1.2 机构人员与制度：评审给分，得 16 分（满分 20）',
      'B2.1 每季度抽查比例不低于30%：抽查比例不足的季度 1 次 × 2.5 分 = 2.5 分；共扣 2.5 分，得 17.5 分（满分 20）',
      '得分 82.5 超过 80，计加分：全部网站迁移至集约化平台 1 项 × 5 分 = 5 分；加分 5 分',
      '总分 87.5（满分 100；得分 82.5 + 加分 5），等次：良好',
    ]);
  });

  test('in English too', () => {
    const en = assess(fullInputs, { locale: 'en' });
    expect(en.explanation[0]).toBe('Assessed with “Test annual assessment” (2019.1), out of 100');
    expect(en.explanation).toContain(
      'A2.1 Pass rate of the unit’s websites: Pass rate 96%, in the band “≥95% and <100%”: 8 of 10',
    );
    expect(en.explanation.at(-2)).toBe(
      'Score 82.5 is above 80, so the bonus counts: no bonus criterion met; bonus 0',
    );
    expect(en.explanation.at(-1)).toBe('Total 82.5 (of 100; score 82.5 + bonus 0), grade: Good');
  });
});

describe('the explanation', () => {
  test('is built on first read, and JSON, spread and structuredClone include it', () => {
    const score = () => assess(fullInputs, { bonus: [{ criterion: 'allMigrated', count: 1 }] });
    const read = score();
    const lines = read.explanation;
    expect(lines.length).toBeGreaterThan(5);
    expect(Object.keys(read).at(-1)).toBe('explanation');
    expect(Object.getOwnPropertyDescriptor(read, 'explanation')!.enumerable).toBe(true);
    const viaJson = JSON.parse(JSON.stringify(score())) as Record<string, unknown>;
    expect(viaJson.explanation).toEqual(lines);
    expect(viaJson).toEqual(JSON.parse(JSON.stringify(read)));
    expect({ ...score() }.explanation).toEqual(lines);
    expect(structuredClone(score()).explanation).toEqual(lines);
    expect(Reflect.ownKeys(score())).toEqual(Object.keys(read));
  });
});

describe('missing inputs are awaited, never 0', () => {
  const { 'A2.1': _a, 'B1.1': _b, 'B2.1': _c, ...partial } = fullInputs;
  const result = assess(partial);

  test('the total is provisional, the grade pending', () => {
    expect(result).toMatchObject({
      complete: false,
      awaitingInput: ['A2.1', 'B1.1', 'B2.1'],
      score: '47',
      total: '47',
      verdict: null,
      reason: null,
      grade: null,
      bonusStatus: 'awaitingInput',
    });
    expect(subItem(result, 'A2.1')).toMatchObject({ status: 'awaitingInput', awarded: null, detail: null });
    expect(result.areas.map((a) => [a.status, a.awarded, a.max])).toEqual([
      ['awaitingInput', '31', '50'],
      ['awaitingInput', '16', '50'],
    ]);
    expect(result.areas[1]!.items[1]).toMatchObject({ id: 'B2', status: 'awaitingInput', awarded: null });
  });

  test('and says so', () => {
    expect(result.explanation).toContain('尚有 3 个子项待填报，总分为暂计');
    expect(result.explanation).toContain(
      '待填报子项：A2.1 所辖网站季度检查合格率、B1.1 专题研究网站管理工作、B2.1 每季度抽查比例不低于30%',
    );
    expect(result.explanation.at(-1)).toBe('暂计总分 47（满分 100），等次待定');
  });

  test('a provisional score above the gate already earns the bonus (it can only grow)', () => {
    const bonus = [{ criterion: 'allMigrated', count: 1 }];
    const { 'B1.1': _b, ...below } = fullInputs;
    expect(assess(below, { bonus })).toMatchObject({
      complete: false,
      score: '72.5',
      bonusStatus: 'awaitingInput',
      bonus: null,
    });
    const { 'A1.1': _a, ...above } = {
      ...fullInputs,
      'A1.2': { value: '1' },
      'A2.2': { counts: {} },
      'B1.2': { points: '20' },
    };
    expect(assess(above, { bonus })).toMatchObject({
      complete: false,
      score: '85.5',
      bonusStatus: 'scored',
      bonus: '5',
      total: '90.5',
      grade: null,
    });
  });

  test('a numeric veto measurement left out leaves the veto undecided', () => {
    const undecided = assess(fullInputs, { measurements: { politicalIncident: false } });
    expect(undecided).toMatchObject({
      complete: false,
      awaitingMeasurements: ['seriousSpotCheckFailures'],
      grade: null,
      verdict: null,
    });
    expect(undecided.vetoes[0]).toMatchObject({ triggered: null });
    expect(undecided.vetoes[0]!.clauses[1]).toMatchObject({
      measured: null,
      provided: false,
      triggered: null,
    });
    expect(undecided.explanation).toContain('单项否决「严重问题」尚待填报：抽查因严重表述错误不合格的网站');
    // a flag left out counts as not observed: no measurements at all still waits for the count only
    expect(assess(fullInputs, { measurements: undefined }).awaitingMeasurements).toEqual([
      'seriousSpotCheckFailures',
    ]);
  });
});

describe('not applicable (不适用)', () => {
  test('fullMarks awards the points, zero awards 0', () => {
    const result = assess({
      ...fullInputs,
      'A2.2': { notApplicable: true, reason: '本年度无留言' },
      'B1.2': { notApplicable: true, reason: '无专门机构', note: '已说明' },
    });
    expect(subItem(result, 'A2.2')).toMatchObject({
      status: 'notApplicable',
      awarded: '20',
      rescaled: false,
      detail: { kind: 'notApplicable', reason: '本年度无留言', treatment: 'fullMarks' },
    });
    expect(subItem(result, 'B1.2')).toMatchObject({ status: 'notApplicable', awarded: '0', note: '已说明' });
    expect(result.total).toBe('72.5'); // 82.5 − 14 + 20 − 16
    expect(result.explanation).toContain(
      'A2.2 “我为政府网站找错”留言办理：不适用（本年度无留言），按满分计 20 分',
    );
    expect(result.explanation).toContain(
      'B1.2 机构人员与制度：不适用（无专门机构），计 0 分（备注：已说明）',
    );
  });

  test('rescale leaves the max and scales the total up to the declared total', () => {
    const result = assess({ ...fullInputs, 'A1.2': { notApplicable: true, reason: '无下属网站' } });
    expect(subItem(result, 'A1.2')).toMatchObject({ status: 'notApplicable', awarded: null, rescaled: true });
    expect(result.areas[0]!.items[0]).toMatchObject({ max: '10', awarded: '10' });
    expect(result.areas[0]).toMatchObject({ max: '40', awarded: '32' });
    expect(result.rescale).toEqual({
      subItems: ['A1.2'],
      excluded: '10',
      applicableMax: '90',
      awarded: '75.5',
      factor: { numerator: '10', denominator: '9' },
    });
    expect(result.score).toBe('83.89'); // 75.5 × 100 ÷ 90 = 83.888…
    expect(result.explanation).toContain(
      '不适用子项 A1.2 共 10 分不计入满分：适用满分 90，得分 75.5 × 10/9 = 83.88888…，保留 2 位小数（四舍五入）为 83.89',
    );
  });

  test('an item whose every sub-item is not applicable is itself not applicable', () => {
    const result = assess({
      ...fullInputs,
      'A1.1': { notApplicable: true, reason: '无门户' },
      'A1.2': { notApplicable: true, reason: '无下属网站' },
    });
    expect(result.areas[0]!.items[0]).toMatchObject({ status: 'notApplicable', max: '10', awarded: '0' });
  });

  test('rescaling everything away is an input error', () => {
    const allRescale = assessmentRuleSet((data) => ({
      ...data,
      areas: data.areas.map((area) => ({
        ...area,
        items: area.items.map((item) => ({
          ...item,
          subItems: item.subItems.map((sub) => ({ ...sub, whenNotApplicable: 'rescale' })),
        })),
      })),
    }));
    const inputs = Object.fromEntries(
      Object.keys(fullInputs).map((id) => [id, { notApplicable: true as const, reason: '无' }]),
    );
    const error = inputError(() => scoreAssessment({ ruleSet: allRescale, inputs }));
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([['inputs', 'nothingToScore']]);
  });
});

describe('vetoes (一票否决)', () => {
  test('a vetoed unit: grade 不合格, every node vetoed, no total (not 0)', () => {
    const result = assess(fullInputs, { measurements: { politicalIncident: true } });
    expect(result).toMatchObject({
      verdict: 'unqualified',
      reason: 'veto',
      grade: { id: 'fail', title: '不合格' },
      total: null,
      score: null,
      scoreWithoutVeto: '82.5',
      complete: true,
      awaitingInput: [],
      bonusStatus: 'vetoed',
    });
    const statuses = result.areas.flatMap((a) => [
      a.status,
      ...a.items.flatMap((i) => [i.status, ...i.subItems.map((s) => s.status)]),
    ]);
    expect(new Set(statuses)).toEqual(new Set(['vetoed']));
    expect(result.areas.every((a) => a.awarded === null)).toBe(true);
    expect(result.explanation).toEqual([
      '按「测试年度考核指标」（2019.1）考核，满分 100',
      '单项否决「严重问题」触发',
      '发生政治安全事件：是，触发单项否决',
      '单项否决，等次为「不合格」，总分不计（各项合计本为 82.5 分）',
    ]);
  });

  test('the count clause: 2 failures veto, 1 does not', () => {
    expect(assess(fullInputs, { measurements: { seriousSpotCheckFailures: 2 } }).reason).toBe('veto');
    expect(assess(fullInputs, { measurements: { seriousSpotCheckFailures: 1 } }).reason).toBeNull();
  });
});

describe('deduct, bands, ratio, manual', () => {
  test('deductions never go below 0; a criterion stops at its maxDeduction', () => {
    const result = assess({ ...fullInputs, 'A2.2': { counts: { unresolved: 5, late: 5 } } });
    expect(subItem(result, 'A2.2')).toMatchObject({
      awarded: '0',
      detail: {
        kind: 'deduct',
        deducted: '21',
        floored: true,
        deductions: [
          expect.objectContaining({ criterion: 'unresolved', count: 5, deducted: '15', capped: false }),
          expect.objectContaining({ criterion: 'late', count: 5, deducted: '6', capped: true }),
        ],
      },
    });
    expect(assess({ ...fullInputs, 'A2.2': { counts: {} } }).explanation).toContain(
      'A2.2 “我为政府网站找错”留言办理：未扣分，得 20 分（满分 20）',
    );
  });

  test.each([
    ['0.95', '8'],
    ['0.9499', '6'],
    ['1', '10'],
    ['0.8', '3'],
    ['0', '0'],
  ])('bands are [atLeast, below): pass rate %s → %s', (value, points) => {
    expect(subItem(assess({ ...fullInputs, 'A2.1': { value } }), 'A2.1').awarded).toBe(points);
  });

  test('a score band: 60 → 5 points, 59.99 → 0', () => {
    expect(subItem(assess({ ...fullInputs, 'A1.1': { value: '60' } }), 'A1.1').awarded).toBe('5');
    expect(subItem(assess({ ...fullInputs, 'A1.1': { value: '59.99' } }), 'A1.1')).toMatchObject({
      awarded: '0',
      detail: {
        kind: 'bands',
        value: '59.99',
        band: { atLeast: null, below: '60', points: '0', title: null },
      },
    });
  });

  test('a value outside every band is an input error', () => {
    const gapped = assessmentRuleSet((data) => {
      const sub = data.areas[0]!.items[0]!.subItems[0]!;
      return {
        ...data,
        areas: [
          {
            ...data.areas[0],
            items: [
              {
                ...data.areas[0]!.items[0],
                subItems: [
                  {
                    ...sub,
                    method: { ...sub.method, bands: (sub.method as { bands: unknown[] }).bands.slice(1) },
                  },
                  data.areas[0]!.items[0]!.subItems[1],
                ],
              },
              data.areas[0]!.items[1],
            ],
          },
          data.areas[1],
        ],
      };
    });
    const error = inputError(() =>
      scoreAssessment({ ruleSet: gapped, inputs: { ...fullInputs, 'A1.1': { value: '50' } } }),
    );
    expect(error.issues).toEqual([
      {
        path: 'inputs["A1.1"].value',
        code: 'outsideBands',
        message: '50 lies in no band: [60, 80) [80, 90) [90, ∞)',
        messageZh: '50 不在任何一档内：[60, 80) [80, 90) [90, ∞)',
      },
    ]);
  });

  test('ratio: points × share, exact', () => {
    expect(subItem(assess({ ...fullInputs, 'A1.2': { value: '0.333' } }), 'A1.2').awarded).toBe('3.33');
    expect(subItem(assess({ ...fullInputs, 'A1.2': { value: '1' } }), 'A1.2').awarded).toBe('10');
  });

  test('manual points up to the maximum', () => {
    expect(subItem(assess({ ...fullInputs, 'B1.2': { points: '20' } }), 'B1.2').awarded).toBe('20');
    expect(subItem(assess({ ...fullInputs, 'B1.2': { points: '0' } }), 'B1.2').awarded).toBe('0');
  });
});

describe('grades compare the rounded, displayed total', () => {
  const nearNinety = {
    ...fullInputs,
    'A1.1': { value: '95' },
    'A2.1': { value: '1' },
    'A2.2': { counts: {} },
    'B2.1': { counts: {} },
  };
  // 10 + 9.995 + 10 + 20 + 10 + 10 + 20 = 89.995

  test.each([
    ['leaf', 'halfUp', '90', 'excellent'],
    ['leaf', 'down', '89.99', 'good'],
    ['total', 'halfUp', '90', 'excellent'],
    ['total', 'down', '89.99', 'good'],
  ] as const)('%s rounding, %s: %s → %s', (stage, mode, total, grade) => {
    const ruleSet = assessmentRuleSet((data) => ({
      ...data,
      policy: { ...data.policy, rounding: { places: 2, mode, stage } },
    }));
    const result = scoreAssessment({
      ruleSet,
      inputs: { ...nearNinety, 'A1.2': { value: '0.9995' }, 'B1.2': { points: '10' } },
      measurements: noVeto,
    });
    expect(result.total).toBe(total);
    expect(result.grade?.id).toBe(grade);
  });

  test('leaf rounding rounds the sub-item; total rounding shows it rounded but adds exactly', () => {
    const inputs = { ...fullInputs, 'A1.2': { value: '0.3334' }, 'B1.2': { points: '16.664' } };
    const leaf = assess(inputs);
    expect(subItem(leaf, 'A1.2').awarded).toBe('3.33');
    expect(leaf.score).toBe('79.49'); // 59.5 + 3.33 + 16.66
    const exactRuleSet = assessmentRuleSet((data) => ({
      ...data,
      policy: { ...data.policy, rounding: { places: 2, mode: 'halfUp', stage: 'total' } },
    }));
    const exact = scoreAssessment({ ruleSet: exactRuleSet, inputs, measurements: noVeto });
    expect(subItem(exact, 'A1.2').awarded).toBe('3.33');
    expect(exact.score).toBe('79.5'); // 59.5 + 3.334 + 16.664 = 79.498, rounded once
  });

  test('"above" bounds are exclusive (Gansu 2018: 优秀 above 22.5)', () => {
    const above = assessmentRuleSet((data) => ({
      ...data,
      grades: [{ ...data.grades[0]!, atLeast: undefined, above: '82.5' }, ...data.grades.slice(1)],
    }));
    const exactly = scoreAssessment({ ruleSet: above, inputs: fullInputs, measurements: noVeto });
    expect(exactly.total).toBe('82.5');
    expect(exactly.grade?.id).toBe('good');
    const more = scoreAssessment({
      ruleSet: above,
      inputs: { ...fullInputs, 'B1.2': { points: '16.01' } },
      measurements: noVeto,
    });
    expect(more.grade?.id).toBe('excellent');
  });

  test('below the pass mark: unqualified, and the explanation says so', () => {
    const result = assess({
      ...fullInputs,
      'A1.1': { value: '10' },
      'A2.1': { value: '0.5' },
      'B1.1': { met: false },
      'B1.2': { points: '0' },
    });
    expect(result).toMatchObject({
      score: '38.5',
      verdict: 'unqualified',
      reason: 'belowPassMark',
      grade: { id: 'fail' },
    });
    expect(result.explanation).toContain('得分 38.5 低于合格分 60，不合格');
    expect(result.explanation).toContain('B1.1 专题研究网站管理工作：未达到要求，得 0 分（满分 10）');
    expect(result.explanation).toContain('得分 38.5 未超过 80，不计加分');
  });

  test('exactly 80 earns no bonus', () => {
    const result = assess(
      { ...fullInputs, 'B2.1': { counts: { quarterMissed: 2 } } },
      {
        bonus: [{ criterion: 'allMigrated', count: 1 }],
      },
    );
    expect(result.score).toBe('80');
    expect(result.bonusStatus).toBe('belowGate');
    expect(result.bonus).toBeNull();
    expect(result.total).toBe('80');
  });
});

describe('input errors', () => {
  test('every problem at once, naming the field', () => {
    const error = inputError(() =>
      assess({
        'A1.1': { value: 'high' },
        'A1.2': { value: '1.2' },
        'A2.1': { met: true } as never,
        'A2.2': { counts: { unresolved: true, nope: 1 } } as never,
        'B1.1': { met: 'yes' } as never,
        'B1.2': { points: '21' },
        'B2.1': { notApplicable: true } as never,
        Z9: { met: true },
      }),
    );
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['inputs["A1.1"].value', 'invalidNumber'],
      ['inputs["A1.2"].value', 'outOfRange'],
      ['inputs["A2.1"]', 'wrongShape'],
      ['inputs["A2.2"].counts.unresolved', 'wrongType'],
      ['inputs["A2.2"].counts.nope', 'unknownCriterion'],
      ['inputs["B1.1"].met', 'wrongType'],
      ['inputs["B1.2"].points', 'outOfRange'],
      ['inputs["B2.1"].reason', 'wrongShape'],
      ['inputs.Z9', 'unknownSubItem'],
    ]);
    expect(error.issues[2]!.message).toBe(
      '"A2.1" is scored by bands: give { value: "<decimal>" } or { notApplicable: true, reason }; got an object with keys met',
    );
  });

  test('extra keys, negative and fractional counts, bad measurements, bad bonus', () => {
    const error = inputError(() =>
      assess(
        {
          'A1.1': { value: '90', extra: 1 } as never,
          'A2.2': { counts: { unresolved: -1, late: 0.5 } },
        },
        {
          measurements: { politicalIncident: 'no', seriousSpotCheckFailures: 1.5 } as never,
          bonus: [{ criterion: 'nope', count: 1 }],
        },
      ),
    );
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ['inputs["A1.1"].extra', 'unknownKey'],
      ['inputs["A2.2"].counts.unresolved', 'invalidCount'],
      ['inputs["A2.2"].counts.late', 'invalidCount'],
      ['measurements.politicalIncident', 'wrongType'],
      ['measurements.seriousSpotCheckFailures', 'invalidCount'],
      ['bonus[0].criterion', 'unknownCriterion'],
    ]);
  });

  test('an inspection rule set is the wrong kind', async () => {
    const { websiteInspection } = await import('./test-support/fixtures.js');
    const error = inputError(() => scoreAssessment({ ruleSet: websiteInspection as never, inputs: {} }));
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'ruleSet.kind', code: 'wrongRuleSetKind' }),
    ]);
  });
});

describe('a rule set is validated unless @kaohe/rules returned it', () => {
  const deepFreeze = <T>(value: T): T => {
    if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(deepFreeze);
      Object.freeze(value);
    }
    return value;
  };

  test('a hand-made rule set, even a frozen copy of a validated one, gets every problem reported', () => {
    const copy = structuredClone(annualAssessment);
    copy.total = '999';
    copy.areas[0]!.items[0]!.subItems[0]!.points = '77';
    deepFreeze(copy);
    expect(isValidatedRuleSet(copy)).toBe(false);
    let expected: string[] = [];
    try {
      parseRuleSet(copy);
    } catch (error) {
      if (!(error instanceof RuleSetError)) throw error;
      expected = error.issues.map((issue) => `ruleSet.${issue.where}: ${issue.message}`);
    }
    expect(expected.length).toBeGreaterThan(1);
    const error = inputError(() => assess(fullInputs, { ruleSet: copy }));
    expect(error.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual(expected);
    expect(error.issues.every((issue) => issue.code === 'invalidRuleSet')).toBe(true);
  });

  test('a valid rule set scores the same whether it was validated by @kaohe/rules or made by hand', () => {
    expect(isValidatedRuleSet(annualAssessment)).toBe(true);
    const byHand = structuredClone(annualAssessment);
    expect(isValidatedRuleSet(byHand)).toBe(false);
    const inputs = { bonus: [{ criterion: 'allMigrated', count: 1 }] };
    expect(JSON.stringify(assess(fullInputs, { ruleSet: byHand, ...inputs }))).toBe(
      JSON.stringify(assess(fullInputs, inputs)),
    );
  });
});
