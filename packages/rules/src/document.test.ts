import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRuleSetIds, getRuleSet } from './builtin/index.js';
import { Decimal } from './decimal.js';
import { parseRuleSetDocument, ruleSetExtensionJsonSchema } from './document.js';
import { RuleSetError } from './errors.js';
import { loadRuleSetFile } from './node.js';
import type { AssessmentRuleSet, InspectionRuleSet, RuleSet } from './schema.js';
import { inspectionFixture } from './test-support/fixtures.js';
import { issuesOf, summarize } from './test-support/issues.js';

// A province with no TypeScript: its rule set is a JSON file, read from disk and parsed.

const examples = new URL('../examples/', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examples), 'utf8'));

const walkPoints = (ruleSet: AssessmentRuleSet): string[] =>
  ruleSet.areas.flatMap((area) => [
    area.points,
    ...area.items.flatMap((item) => [item.points, ...item.subItems.map((subItem) => subItem.points)]),
  ]);

describe('examples/zhaoqing-2019-website-inspection.json', () => {
  const base = getRuleSet('cn-2019-website-inspection');
  const baseJson = JSON.stringify(base);
  const zhaoqing = parseRuleSetDocument(
    readJson('zhaoqing-2019-website-inspection.json'),
  ) as InspectionRuleSet;
  const indicatorPoints = (ruleSet: InspectionRuleSet) =>
    Object.fromEntries(ruleSet.deductions!.indicators.map((indicator) => [indicator.id, indicator.points]));

  it('is a valid inspection rule set of its own', () => {
    expect(zhaoqing).toMatchObject({
      id: 'zhaoqing-2019-website-inspection',
      kind: 'inspection',
      jurisdiction: '广东省肇庆市',
    });
    expect(zhaoqing.sources.map((source) => source.id)).toContain('zhaoqing-2019');
  });

  it('caps the bonus at 25 and gives 办事服务 20, the other 5 points to 发布解读, still 100 in all', () => {
    expect(zhaoqing.bonus!.points).toBe('25');
    expect(indicatorPoints(zhaoqing)).toEqual({
      publish: '45',
      service: '20',
      interaction: '15',
      design: '20',
    });
    expect(zhaoqing.deductions!.points).toBe('100');
    const bonusSum = zhaoqing.bonus!.indicators.reduce(
      (sum, indicator) => sum.plus(indicator.points),
      new Decimal(0),
    );
    expect(bonusSum.toString()).toBe('25');
  });

  it('spreads the service points evenly and records a vetoed target as 59', () => {
    expect(zhaoqing.policy).toMatchObject({
      withoutServiceFunctions: { indicator: 'service', treatment: 'spreadEvenly' },
      vetoedScore: '59',
      passMark: '60',
      bonusGate: { above: '80' },
    });
  });

  it('labels what it guessed as reconstructed', () => {
    const publish = zhaoqing.deductions!.indicators.find((indicator) => indicator.id === 'publish')!;
    expect(publish.provenance.confidence).toBe('reconstructed');
    expect(zhaoqing.policy.provenance.note).toContain('59');
  });

  it('keeps everything else from the national rule set, which stays untouched', () => {
    expect(zhaoqing.vetoes).toEqual(base.vetoes);
    expect(zhaoqing.measurements).toEqual(base.measurements);
    expect(JSON.stringify(base)).toBe(baseJson);
    expect(indicatorPoints(base)).toEqual({ publish: '40', service: '25', interaction: '15', design: '20' });
    expect(base.bonus!.points).toBe('30');
    expect(base.policy).toMatchObject({ vetoedScore: null, withoutServiceFunctions: { treatment: 'scale' } });
  });
});

describe('examples/gansu-2018-annual-assessment.json', () => {
  const base = getRuleSet('gansu-2019-annual-assessment');
  const baseJson = JSON.stringify(base);
  const gansu2018 = parseRuleSetDocument(readJson('gansu-2018-annual-assessment.json')) as AssessmentRuleSet;

  it('is the 2019 tree on a 25-point scale: every points value exactly a quarter', () => {
    expect(gansu2018.total).toBe('25');
    const quarters = walkPoints(base).map((points) => new Decimal(points).div(4).toFixed());
    expect(walkPoints(gansu2018)).toEqual(quarters);
    expect(gansu2018.areas.map((area) => area.points)).toEqual(['10', '6.25', '5', '3.75']);
    expect(gansu2018.policy.passMark).toBe('15');
  });

  it('grades 优秀 above 22.5, 良好 from 20, 合格 from 15 (reconstructed), 不合格 from 0', () => {
    expect(
      gansu2018.grades.map((grade) => [grade.title, grade.above ?? null, grade.atLeast ?? null]),
    ).toEqual([
      ['优秀', '22.5', null],
      ['良好', null, '20'],
      ['合格', null, '15'],
      ['不合格', null, '0'],
    ]);
    expect(gansu2018.grades.find((grade) => grade.id === 'pass')!.provenance.confidence).toBe(
      'reconstructed',
    );
    expect(gansu2018.policy.vetoedGrade).toBe('fail');
  });

  it('says that the 13 items / 17 sub-items of 2018 are unknown and the 2019 tree is kept', () => {
    expect(gansu2018.provenance.confidence).toBe('reconstructed');
    expect(gansu2018.provenance.note).toContain('13');
    expect(gansu2018.provenance.note).toContain('17');
    expect(gansu2018.provenance.note).toContain('2019');
  });

  it('leaves the built-in 2019 rule set on its 100-point scale', () => {
    expect(JSON.stringify(base)).toBe(baseJson);
    expect(base.total).toBe('100');
    expect(base.grades[0]).toMatchObject({ atLeast: '90' });
  });
});

describe('parseRuleSetDocument', () => {
  it('accepts a whole rule set, as parseRuleSet does', () => {
    expect(parseRuleSetDocument(JSON.parse(JSON.stringify(inspectionFixture())))).toEqual(
      inspectionFixture(),
    );
  });

  it('accepts a copied built-in rule set with its "$schema" key', () => {
    const copy: RuleSet = {
      ...structuredClone(getRuleSet('cn-2019-newmedia-inspection')),
      $schema: '../rule-set.schema.json',
    };
    expect(parseRuleSetDocument(copy).id).toBe('cn-2019-newmedia-inspection');
  });

  it('names an unknown base and lists the built-in ones', () => {
    const issues = issuesOf(() => parseRuleSetDocument({ extends: 'cn-2019-website', changes: { id: 'x' } }));
    expect(summarize(issues)).toEqual(['extends shape']);
    for (const id of builtinRuleSetIds) expect(issues[0]!.message).toContain(id);
  });

  it('checks the envelope: a misspelt "changes" is named, not ignored', () => {
    expect(
      summarize(
        issuesOf(() => parseRuleSetDocument({ extends: 'cn-2019-website-inspection', change: { id: 'x' } })),
      ),
    ).toEqual(['changes shape', 'change shape']);
  });

  it('prefixes change paths with "changes" and blames changes by that path', () => {
    expect(
      summarize(
        issuesOf(() =>
          parseRuleSetDocument({
            extends: 'cn-2019-website-inspection',
            changes: { id: 'x', set: [{ node: 'servise', points: '20' }], policy: { vetoedScore: 59 } },
          }),
        ),
      ),
    ).toEqual(['changes.set[0].node shape', 'changes.policy.vetoedScore shape']);
    const [issue] = issuesOf(() =>
      parseRuleSetDocument({
        extends: 'cn-2019-website-inspection',
        changes: { id: 'x', set: [{ node: 'service', points: '20' }] },
      }),
    );
    expect(issue).toMatchObject({ where: 'deductions.points', code: 'pointsSum' });
    expect(issue!.message).toContain('(introduced by change changes.set[0])');
    expect(issue!.messageZh).toContain('（由变更 changes.set[0] 引起）');
  });
});

describe('loadRuleSetFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads the examples exactly as parsing their JSON does', () => {
    for (const name of ['zhaoqing-2019-website-inspection.json', 'gansu-2018-annual-assessment.json']) {
      expect(loadRuleSetFile(new URL(name, examples).pathname)).toEqual(parseRuleSetDocument(readJson(name)));
    }
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const path = write('bom.json', '\uFEFF' + JSON.stringify(inspectionFixture()));
    expect(loadRuleSetFile(path).id).toBe('test-website-inspection');
  });

  it('reports invalid JSON and invalid rule sets under the file’s name', () => {
    const broken = write('broken.json', '{ "id": "x", }');
    expect(() => loadRuleSetFile(broken)).toThrow(RuleSetError);
    expect(() => loadRuleSetFile(broken)).toThrow(`Invalid ${broken}: 1 problem`);
    const fixture = inspectionFixture();
    fixture.deductions!.points = '90';
    const invalid = write('invalid.json', JSON.stringify(fixture));
    expect(() => loadRuleSetFile(invalid)).toThrow(`Invalid ${invalid}: 1 problem\n  - deductions.points:`);
  });

  it('lets a missing file fail as the file system says', () => {
    expect(() => loadRuleSetFile(join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });
});

describe('ruleSetExtensionJsonSchema', () => {
  const schema = ruleSetExtensionJsonSchema();

  it('offers the built-in ids for "extends" and forbids unknown keys', () => {
    const properties = schema.properties as Record<string, { enum?: string[] }>;
    expect(properties.extends!.enum).toEqual(builtinRuleSetIds);
    expect(schema.required).toEqual(['extends', 'changes']);
    expect(schema.additionalProperties).toBe(false);
  });
});
