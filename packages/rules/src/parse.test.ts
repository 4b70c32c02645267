import { describe, expect, it } from 'vitest';
import { RuleSetError } from './errors.js';
import { getRuleSet } from './builtin/index.js';
import { parseRuleSetDocument } from './document.js';
import { extendRuleSet } from './extend.js';
import { isValidatedRuleSet, parseRuleSet, RuleSetSchema, ruleSetJsonSchema } from './parse.js';
import { assessmentFixture, inspectionFixture } from './test-support/fixtures.js';
import { issuesOf, summarize } from './test-support/issues.js';
import { isDeeplyFrozen, sharesNoObject } from './test-support/objects.js';
import { formatPath } from './validate.js';

const loose = (value: unknown) => value as Record<string, unknown>;

function thrownBy(action: () => unknown): RuleSetError {
  try {
    action();
  } catch (error) {
    if (error instanceof RuleSetError) return error;
    throw error;
  }
  throw new Error('expected a RuleSetError, but nothing was thrown');
}

describe('parseRuleSet', () => {
  it('returns the typed rule set, equal to valid input, and survives a JSON round trip', () => {
    const fixture = assessmentFixture();
    expect(parseRuleSet(fixture)).toEqual(fixture);
    expect(parseRuleSet(JSON.parse(JSON.stringify(inspectionFixture())))).toEqual(inspectionFixture());
  });

  it('does not change its input', () => {
    const input = assessmentFixture();
    parseRuleSet(input);
    expect(input).toEqual(assessmentFixture());
  });

  it('returns a deeply frozen new object, sharing nothing with the input, which stays unfrozen', () => {
    for (const input of [assessmentFixture(), inspectionFixture()]) {
      const ruleSet = parseRuleSet(input);
      expect(isDeeplyFrozen(ruleSet)).toBe(true);
      expect(sharesNoObject(ruleSet, input)).toBe(true);
      expect(Object.isFrozen(input)).toBe(false);
      expect(() => {
        (ruleSet as { id: string }).id = 'changed';
      }).toThrow(TypeError);
    }
  });

  it('names a misspelt key by its full path, in the message and in `where`', () => {
    const ruleSet = assessmentFixture();
    loose(ruleSet.areas[2]!.items[1]!.subItems[0]).pionts = '12';
    const error = thrownBy(() => parseRuleSet(ruleSet));
    expect(error.name).toBe('RuleSetError');
    expect(error.issues).toEqual([
      {
        path: ['areas', 2, 'items', 1, 'subItems', 0, 'pionts'],
        where: 'areas[2].items[1].subItems[0].pionts',
        code: 'shape',
        message: 'unknown key "pionts" (misspelt, or not allowed here)',
        messageZh: '未知字段“pionts”（拼写错误，或此处不允许该字段）',
      },
    ]);
    expect(error.message).toContain('areas[2].items[1].subItems[0].pionts: unknown key "pionts"');
  });

  it('names a wrong points sum with both figures, in English and Chinese', () => {
    const ruleSet = assessmentFixture();
    ruleSet.areas[2]!.items[1]!.subItems[0]!.points = '13';
    const [issue, ...rest] = thrownBy(() => parseRuleSet(ruleSet)).issues;
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      where: 'areas[2].items[1].points',
      code: 'pointsSum',
      message: 'the sub-items add up to 21, but 20 is declared',
      messageZh: '各子项分值合计 21，与声明的 20 不符',
    });
  });

  it('names an undeclared measurement where the veto reads it', () => {
    const ruleSet = inspectionFixture();
    ruleSet.vetoes[0]!.when = { kind: 'compare', measurement: 'unreachableRate', op: '>=', value: '0.05' };
    const issues = thrownBy(() => parseRuleSet(ruleSet)).issues;
    expect(issues.map((issue) => [issue.where, issue.code, issue.messageZh])).toEqual([
      ['vetoes[0].when.measurement', 'unknownMeasurement', '测量项“unreachableRate”未在 measurements 中声明'],
      ['measurements[0].id', 'unusedMeasurement', '测量项“unreachableShare”已声明但没有任何单项否决使用'],
    ]);
  });

  it('lists every shape problem of a file at once', () => {
    const ruleSet = assessmentFixture();
    loose(ruleSet.areas[2]!.items[1]!.subItems[0]).pionts = '12';
    loose(ruleSet.areas[0]!).points = 40;
    delete loose(ruleSet.grades[1]).title;
    loose(ruleSet.policy.rounding).mode = 'bankers';
    loose(ruleSet).extends = 'cn-2019-supervision-assessment';
    const error = thrownBy(() => parseRuleSet(ruleSet));
    expect(summarize(error.issues).sort()).toEqual(
      [
        'areas[2].items[1].subItems[0].pionts shape',
        'areas[0].points shape',
        'grades[1].title shape',
        'policy.rounding.mode shape',
        'extends shape',
      ].sort(),
    );
    expect(error.message).toMatch(/^Invalid rule set: 5 problems\n/);
  });

  it('lists every semantic problem of a file at once', () => {
    const ruleSet = assessmentFixture();
    ruleSet.areas[2]!.items[1]!.subItems[0]!.points = '13';
    ruleSet.vetoes[0]!.when = { kind: 'flag', measurement: 'politicalIncident', is: true };
    ruleSet.grades[3]!.atLeast = '30';
    ruleSet.policy.vetoedGrade = 'vetoed';
    expect(summarize(thrownBy(() => parseRuleSet(ruleSet)).issues).sort()).toEqual(
      [
        'areas[2].items[1].points pointsSum',
        'vetoes[0].when.measurement unknownMeasurement',
        'measurements[0].id unusedMeasurement',
        'grades[3] gradeOrder',
        'policy.vetoedGrade unknownGrade',
      ].sort(),
    );
  });

  it('checks the meaning only once the shape is right (sums over malformed points would be noise)', () => {
    const ruleSet = assessmentFixture();
    ruleSet.total = '120';
    ruleSet.areas[0]!.id = '1A';
    expect(summarize(issuesOf(() => parseRuleSet(ruleSet)))).toEqual(['areas[0].id shape']);
  });

  it('writes Chinese messages for every kind of shape problem', () => {
    const ruleSet = assessmentFixture();
    ruleSet.areas[0]!.points = '四十';
    ruleSet.areas[1]!.id = '_B';
    delete loose(ruleSet.areas[2]).title;
    loose(ruleSet.areas[1]!.items[0]!.subItems[0]!.method).kind = 'vote';
    loose(ruleSet.areas[0]!.items[0]!.subItems[0]!.method).kind = undefined;
    ruleSet.areas[1]!.items[1]!.subItems = [];
    loose(ruleSet.sources[0]).url = 'not a url';
    const issues = issuesOf(() => parseRuleSet(ruleSet));
    expect(issues).toHaveLength(7);
    for (const issue of issues) expect(issue.messageZh, issue.where).toMatch(/[\u4e00-\u9fff]/);
    const byWhere = new Map(issues.map((issue) => [issue.where, issue.messageZh]));
    expect(byWhere.get('areas[0].points')).toBe('必须是写成字符串的非负小数，例如 "2.5"，实际为 "四十"');
    expect(byWhere.get('areas[2].title')).toBe('缺少必填字段（应为 string）');
    expect(byWhere.get('areas[1].items[0].subItems[0].method.kind')).toBe(
      'kind 的值 "vote" 无效，应为以下之一："check"、"deduct"、"bands"、"ratio"、"manual"',
    );
    expect(byWhere.get('areas[0].items[0].subItems[0].method.kind')).toMatch(/^缺少必填字段/);
  });

  it('rejects what is not a rule set at all', () => {
    expect(summarize(issuesOf(() => parseRuleSet(null)))).toEqual(['(root) shape']);
    expect(summarize(issuesOf(() => parseRuleSet([])))).toEqual(['(root) shape']);
    expect(issuesOf(() => parseRuleSet({}))).toMatchObject([
      { where: 'kind', message: 'required, but missing (expected one of "inspection", "assessment")' },
    ]);
  });
});

describe('formatPath and `where`', () => {
  it('writes indices in brackets and keys with dots', () => {
    expect(formatPath(['areas', 2, 'items', 1, 'subItems', 0, 'points'])).toBe(
      'areas[2].items[1].subItems[0].points',
    );
    expect(formatPath(['vetoes', 0, 'when', 'of', 1, 'measurement'])).toBe(
      'vetoes[0].when.of[1].measurement',
    );
    expect(formatPath([])).toBe('');
  });

  it('calls the root "(root)" and names the kind of thing in the headline', () => {
    const error = new RuleSetError(
      [{ path: [], code: 'shape', message: 'm', messageZh: '问题' }],
      'zhaoqing.json',
    );
    expect(error.issues[0]!.where).toBe('(root)');
    expect(error.message).toBe('Invalid zhaoqing.json: 1 problem\n  - (root): m');
  });
});

describe('RuleSetSchema', () => {
  it('accepts what parseRuleSet accepts', () => {
    expect(RuleSetSchema.safeParse(inspectionFixture()).success).toBe(true);
  });

  it('reports the semantic findings as zod issues with the same paths', () => {
    const ruleSet = assessmentFixture();
    ruleSet.total = '90';
    const result = RuleSetSchema.safeParse(ruleSet);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['total']]);
  });
});

describe('ruleSetJsonSchema', () => {
  const schema = ruleSetJsonSchema();

  it('is a titled JSON Schema that serialises', () => {
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.title).toBe('Kaohe rule set');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('forbids unknown keys, as the parser does, so an editor flags a misspelling while typing', () => {
    const text = JSON.stringify(schema);
    expect(text).toContain('"additionalProperties":false');
    expect(text).not.toContain('"additionalProperties":true');
  });

  it('offers both kinds of rule set', () => {
    expect(JSON.stringify(schema)).toContain('"inspection"');
    expect(JSON.stringify(schema)).toContain('"assessment"');
  });
});

describe('isValidatedRuleSet', () => {
  it('recognises exactly what this package validated: parsed, extended, read from a document, built in', () => {
    const parsed = parseRuleSet(assessmentFixture());
    const extended = extendRuleSet(parsed, { id: 'derived', set: [{ node: 'A1.1', title: '新标题' }] });
    const fromDocument = parseRuleSetDocument({
      extends: 'cn-2019-website-inspection',
      changes: { id: 'derived-website', set: [{ node: 'service', title: '服务' }] },
    });
    for (const ruleSet of [parsed, extended, fromDocument, getRuleSet('gansu-2019-annual-assessment')]) {
      expect(isValidatedRuleSet(ruleSet)).toBe(true);
      expect(isDeeplyFrozen(ruleSet)).toBe(true);
    }
  });

  it('does not recognise valid data that was not parsed, nor any copy of a parsed rule set', () => {
    const parsed = parseRuleSet(inspectionFixture());
    for (const value of [
      inspectionFixture(),
      structuredClone(parsed),
      { ...parsed },
      JSON.parse(JSON.stringify(parsed)) as unknown,
      Object.freeze(inspectionFixture()),
      null,
      undefined,
      'cn-2019-website-inspection',
    ]) {
      expect(isValidatedRuleSet(value)).toBe(false);
    }
  });

  it('recognises nothing that failed validation', () => {
    const broken = assessmentFixture();
    broken.total = '999';
    expect(() => parseRuleSet(broken)).toThrow(RuleSetError);
    expect(isValidatedRuleSet(broken)).toBe(false);
  });
});
