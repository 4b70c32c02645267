import { describe, expect, it } from 'vitest';
import { getRuleSet } from './builtin/index.js';
import { extendRuleSet, type RuleSetChanges } from './extend.js';
import { isValidatedRuleSet } from './parse.js';
import type { AssessmentRuleSet, InspectionRuleSet, SubItem } from './schema.js';
import { assessmentFixture, inspectionFixture } from './test-support/fixtures.js';
import { issuesOf, summarize } from './test-support/issues.js';
import { isDeeplyFrozen, sharesNoObject } from './test-support/objects.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const findSubItem = (ruleSet: AssessmentRuleSet, id: string): SubItem => {
  for (const area of ruleSet.areas) {
    for (const item of area.items) {
      const found = item.subItems.find((subItem) => subItem.id === id);
      if (found !== undefined) return found;
    }
  }
  throw new Error(`no sub-item ${id}`);
};
const indicator = (ruleSet: InspectionRuleSet, id: string) =>
  ruleSet.deductions!.indicators.find((candidate) => candidate.id === id)!;

/** Issues as `where code` lines plus the change each one blames, if any. */
const blamed = (changes: () => unknown) =>
  issuesOf(changes).map((issue) => {
    const cause = /\(introduced by change ([^)]+)\)$/.exec(issue.message)?.[1];
    return `${issue.where} ${issue.code}${cause === undefined ? '' : ` ← ${cause}`}`;
  });

describe('extendRuleSet: a new rule set, the base untouched', () => {
  it('returns a re-validated rule set with the new header', () => {
    const derived = extendRuleSet(inspectionFixture(), {
      id: 'zhaoqing-test',
      title: '肇庆测试',
      version: '2019-zq',
      jurisdiction: '肇庆市',
      sources: [{ id: 'zhaoqing-2019', title: '肇庆市2019年检查方案' }],
      provenance: { source: 'zhaoqing-2019', confidence: 'paraphrased' },
    });
    expect(derived).toMatchObject({
      id: 'zhaoqing-test',
      title: '肇庆测试',
      titleEn: 'Test website inspection',
      version: '2019-zq',
      jurisdiction: '肇庆市',
      provenance: { source: 'zhaoqing-2019', confidence: 'paraphrased' },
    });
    expect(derived.sources.map((source) => source.id)).toEqual(['test-source', 'zhaoqing-2019']);
  });

  it('never changes the base, and shares no objects with it', () => {
    const base = assessmentFixture();
    const derived = extendRuleSet(base, {
      id: 'derived',
      rescale: '25',
      remove: ['C2.2'],
      set: [
        { node: 'A1.1', title: '新标题' },
        { node: 'C2', points: '3' },
        { node: 'C', points: '5.5' },
      ],
      total: '23',
    });
    expect(derived.total).toBe('23');
    expect(base).toEqual(assessmentFixture());
    expect(sharesNoObject(derived, base)).toBe(true);
    // the result is frozen (it stays as validated); the base, the caller's object, is not
    expect(isDeeplyFrozen(derived)).toBe(true);
    expect(isValidatedRuleSet(derived)).toBe(true);
    expect(Object.isFrozen(base) || Object.isFrozen(base.areas[0])).toBe(false);
  });

  it('extends a built-in rule set, even deeply frozen, without touching it', () => {
    const base = deepFreeze(structuredClone(getRuleSet('cn-2019-website-inspection')));
    const before = JSON.stringify(base);
    const derived = extendRuleSet(base, {
      id: 'derived-website-inspection',
      set: [
        { node: 'service', points: '20' },
        { node: 'publish', points: '45' },
      ],
    });
    expect(indicator(derived, 'service').points).toBe('20');
    expect(JSON.stringify(base)).toBe(before);
    expect(JSON.stringify(getRuleSet('cn-2019-website-inspection'))).toBe(before);
  });

  it('requires a new id', () => {
    expect(
      summarize(issuesOf(() => extendRuleSet(inspectionFixture(), { id: 'test-website-inspection' }))),
    ).toEqual(['id shape']);
  });

  it('rejects misspelt changes at their path, all at once', () => {
    const changes = {
      id: 'derived',
      set: [{ node: 'service', pionts: '20' }],
      remvoe: ['service'],
      thresholds: [{ veto: 'unreachable', measurement: 'unreachableShare', value: 0.1 }],
    };
    expect(summarize(issuesOf(() => extendRuleSet(inspectionFixture(), changes as never))).sort()).toEqual([
      'remvoe shape',
      'set[0].pionts shape',
      'thresholds[0].value shape',
    ]);
  });
});

describe('set', () => {
  it('overwrites fields of nodes found anywhere by id (Zhaoqing: 办事服务 20, the 5 points elsewhere)', () => {
    const derived = extendRuleSet(inspectionFixture(), {
      id: 'derived',
      set: [
        { node: 'service', points: '20', provenance: { source: 'test-source', confidence: 'paraphrased' } },
        { node: 'publish', points: '45', titleEn: 'Publishing and interpretation' },
        { node: 'leader-cv', deduct: '0.5', maxDeduction: null },
        { node: 'good-practice', award: '2.5' },
      ],
    });
    expect(derived.deductions!.indicators.map((i) => [i.id, i.points])).toEqual([
      ['publish', '45'],
      ['service', '20'],
      ['interaction', '15'],
      ['design', '20'],
    ]);
    expect(indicator(derived, 'service').provenance.confidence).toBe('paraphrased');
    expect(indicator(derived, 'publish').titleEn).toBe('Publishing and interpretation');
    expect(indicator(derived, 'publish').criteria[1]).not.toHaveProperty('maxDeduction');
    expect(indicator(derived, 'publish').criteria[1]!.deduct).toBe('0.5');
    expect(derived.bonus!.indicators[0]!.criteria[0]!.award).toBe('2.5');
  });

  it('sets the points of the deductions or bonus table by name (Zhaoqing: bonus 25)', () => {
    const derived = extendRuleSet(inspectionFixture(), {
      id: 'derived',
      set: [
        { node: 'bonus', points: '25' },
        { node: 'innovation', points: '25' },
        { node: 'good-practice', maxAward: '25' },
      ],
    });
    expect(derived.bonus!.points).toBe('25');
  });

  it('changes a sub-item’s method, not-applicable rule and evidence', () => {
    const derived = extendRuleSet(assessmentFixture(), {
      id: 'derived',
      set: [
        {
          node: 'B1.1',
          method: { kind: 'ratio', measure: { title: '抽查比例达标季度占比', unit: 'ratio' } },
          whenNotApplicable: 'rescale',
          evidence: '抽查记录',
        },
      ],
    });
    expect(findSubItem(derived, 'B1.1')).toMatchObject({
      method: { kind: 'ratio' },
      whenNotApplicable: 'rescale',
      evidence: '抽查记录',
    });
  });

  it('names an unknown node by the change path', () => {
    expect(
      summarize(
        issuesOf(() =>
          extendRuleSet(inspectionFixture(), {
            id: 'derived',
            set: [
              { node: 'service', points: '20' },
              { node: 'publish', points: '45' },
              { node: 'servise', title: 'x' },
            ],
          }),
        ),
      ),
    ).toEqual(['set[2].node shape']);
  });

  it('rejects a field the node does not have, and removing a required field', () => {
    const issues = issuesOf(() =>
      extendRuleSet(inspectionFixture(), {
        id: 'derived',
        set: [
          { node: 'service', deduct: '2' },
          { node: 'unreachable', points: '5' },
          { node: 'leader-cv', titleEn: null, description: null },
          { node: 'bonus', title: '加分' },
        ],
      }),
    );
    expect(issues.map((issue) => [issue.where, issue.messageZh])).toEqual([
      ['set[0].deduct', '扣分指标没有字段“deduct”'],
      ['set[1].points', '单项否决没有字段“points”'],
      ['set[3].title', '加分指标表没有字段“title”'],
    ]);
  });

  it('blames the change that broke a points sum, and accepts one that a later change repairs', () => {
    const changes: RuleSetChanges = { id: 'derived', set: [{ node: 'service', points: '20' }] };
    const issues = issuesOf(() => extendRuleSet(inspectionFixture(), changes));
    expect(issues).toMatchObject([
      {
        where: 'deductions.points',
        code: 'pointsSum',
        message: 'the deduction indicators add up to 95, but 100 is declared (introduced by change set[0])',
        messageZh: '扣分指标分值合计 95，与声明的 100 不符（由变更 set[0] 引起）',
      },
    ]);
    expect(() =>
      extendRuleSet(inspectionFixture(), {
        ...changes,
        set: [...changes.set!, { node: 'design', points: '25' }],
      }),
    ).not.toThrow();
  });
});

describe('thresholds', () => {
  it('sets every comparison on the measurement inside that veto, and only there', () => {
    const base = inspectionFixture();
    base.vetoes[0]!.when = {
      kind: 'any',
      of: [
        { kind: 'compare', measurement: 'unreachableShare', op: '>=', value: '0.05' },
        { kind: 'all', of: [{ kind: 'compare', measurement: 'unreachableShare', op: '>', value: '0.05' }] },
      ],
    };
    base.vetoes[1]!.when = {
      kind: 'any',
      of: [
        { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '5' },
        { kind: 'compare', measurement: 'staleColumns', op: '>=', value: '10' },
        { kind: 'compare', measurement: 'unreachableShare', op: '>=', value: '0.5' },
      ],
    };
    const derived = extendRuleSet(base, {
      id: 'derived',
      thresholds: [
        { veto: 'unreachable', measurement: 'unreachableShare', value: '0.1' },
        { veto: 'columns-stale', measurement: 'emptyColumns', value: '3', op: '>' },
      ],
    });
    expect(JSON.stringify(derived.vetoes[0]!.when)).toBe(
      JSON.stringify({
        kind: 'any',
        of: [
          { kind: 'compare', measurement: 'unreachableShare', op: '>=', value: '0.1' },
          { kind: 'all', of: [{ kind: 'compare', measurement: 'unreachableShare', op: '>', value: '0.1' }] },
        ],
      }),
    );
    expect(derived.vetoes[1]!.when).toMatchObject({
      of: [{ op: '>', value: '3' }, { value: '10' }, { value: '0.5' }],
    });
  });

  it('names an unknown veto, a measurement the veto does not compare, and a threshold out of range', () => {
    const issues = issuesOf(() =>
      extendRuleSet(inspectionFixture(), {
        id: 'derived',
        thresholds: [
          { veto: 'unreachabel', measurement: 'unreachableShare', value: '0.1' },
          { veto: 'serious-incident', measurement: 'seriousError', value: '1' },
        ],
      }),
    );
    expect(summarize(issues)).toEqual(['thresholds[0].veto shape', 'thresholds[1].measurement shape']);
    expect(
      blamed(() =>
        extendRuleSet(inspectionFixture(), {
          id: 'derived',
          thresholds: [{ veto: 'unreachable', measurement: 'unreachableShare', value: '5' }],
        }),
      ),
    ).toEqual(['vetoes[0].when.value thresholdRange ← thresholds[0]']);
  });
});

describe('remove', () => {
  it('removes a veto and the measurements only it read (no unusedMeasurement)', () => {
    const derived = extendRuleSet(inspectionFixture(), { id: 'derived', remove: ['columns-stale'] });
    expect(derived.vetoes.map((veto) => veto.id)).toEqual(['unreachable', 'serious-incident']);
    expect(derived.measurements.map((m) => m.id)).toEqual(['unreachableShare', 'seriousError']);
  });

  it('removes nodes at any depth with everything under them', () => {
    const derived = extendRuleSet(assessmentFixture(), {
      id: 'derived',
      remove: ['C2.2', 'excellent', 'pass'],
      set: [
        { node: 'C2', points: '12' },
        { node: 'C', points: '22' },
      ],
      total: '92',
      policy: { passMark: '55' },
      grades: [
        {
          id: 'good',
          title: '良好',
          atLeast: '80',
          provenance: { source: 'test-source', confidence: 'official' },
        },
        {
          id: 'fail',
          title: '不合格',
          atLeast: '0',
          provenance: { source: 'test-source', confidence: 'official' },
        },
      ],
    });
    expect(derived.areas[2]!.items[1]!.subItems.map((s) => s.id)).toEqual(['C2.1']);
    expect(derived.total).toBe('92');
  });

  it('names an unknown id, and blames removals that leave references dangling', () => {
    expect(
      summarize(
        issuesOf(() => extendRuleSet(inspectionFixture(), { id: 'derived', remove: ['design', 'desing'] })),
      ),
    ).toEqual(['remove[1] shape']);
    expect(
      blamed(() => extendRuleSet(assessmentFixture(), { id: 'derived', remove: ['A2.1', 'fail'] })),
    ).toEqual([
      'areas[0].items[1].points pointsSum ← remove[0]',
      'grades[2] gradeOrder ← remove[1]',
      'policy.vetoedGrade unknownGrade ← remove[1]',
    ]);
    // an item left without sub-items is a shape problem, reported before any sum
    expect(blamed(() => extendRuleSet(assessmentFixture(), { id: 'derived', remove: ['B1.1'] }))).toEqual([
      'areas[1].items[0].subItems shape ← remove[0]',
    ]);
  });

  it('blames the removal of a grade still used for vetoed units, and of a measurement still read', () => {
    expect(blamed(() => extendRuleSet(assessmentFixture(), { id: 'derived', remove: ['fail'] }))).toEqual([
      'grades[2] gradeOrder ← remove[0]',
      'policy.vetoedGrade unknownGrade ← remove[0]',
    ]);
    expect(
      blamed(() => extendRuleSet(inspectionFixture(), { id: 'derived', remove: ['emptyColumns'] })),
    ).toEqual(['vetoes[1].when.of[0].measurement unknownMeasurement ← remove[0]']);
  });

  it('finds the right change although earlier removals moved every index', () => {
    expect(
      blamed(() =>
        extendRuleSet(assessmentFixture(), {
          id: 'derived',
          remove: ['C1'],
          set: [{ node: 'C2.1', points: '12.5' }],
        }),
      ),
    ).toEqual(['areas[2].points pointsSum ← remove[0]', 'areas[2].items[0].points pointsSum ← set[0]']);
  });
});

describe('add', () => {
  const provenance = { source: 'test-source', confidence: 'reconstructed' as const };

  it('adds to a top-level list, and keeps a measurement the changes add for a new veto', () => {
    const derived = extendRuleSet(inspectionFixture(), {
      id: 'derived',
      add: [
        { to: 'measurements', node: { id: 'fakeDates', title: '伪造发稿日期', kind: 'boolean', provenance } },
        {
          to: 'vetoes',
          before: 'serious-incident',
          node: {
            id: 'falsification',
            title: '弄虚作假',
            when: { kind: 'flag', measurement: 'fakeDates', is: true },
            provenance,
          },
        },
      ],
    });
    expect(derived.vetoes.map((veto) => veto.id)).toEqual([
      'unreachable',
      'columns-stale',
      'falsification',
      'serious-incident',
    ]);
    expect(derived.measurements.at(-1)!.id).toBe('fakeDates');
  });

  it('adds children under a node: an item to an area, a criterion to an indicator or a deducting sub-item', () => {
    const derived = extendRuleSet(assessmentFixture(), {
      id: 'derived',
      add: [
        {
          to: 'B',
          before: 'B2',
          node: {
            id: 'B3',
            title: '年度报表',
            points: '5',
            provenance,
            subItems: [
              {
                id: 'B3.1',
                title: '按时发布',
                points: '5',
                method: { kind: 'check' },
                whenNotApplicable: 'zero',
                provenance,
              },
            ],
          },
        },
        { to: 'C2.1', node: { id: 'C2.1.logs', title: '日志留存不足6个月', deduct: '1', provenance } },
      ],
      set: [
        { node: 'B2.1', points: '10' },
        { node: 'B2', points: '10' },
      ],
    });
    expect(derived.areas[1]!.items.map((item) => item.id)).toEqual(['B1', 'B3', 'B2']);
    const method = findSubItem(derived, 'C2.1').method;
    expect(method.kind === 'deduct' && method.criteria.map((c) => c.id)).toEqual([
      'C2.1.incident',
      'C2.1.logs',
    ]);
  });

  it('checks the added node against its list and names the change path', () => {
    const issues = issuesOf(() =>
      extendRuleSet(assessmentFixture(), {
        id: 'derived',
        add: [
          {
            to: 'B2',
            node: {
              id: 'B2.2',
              title: '新子项',
              pionts: '5',
              method: { kind: 'check' },
              whenNotApplicable: 'zero',
              provenance,
            },
          },
          { to: 'B1.1', node: { id: 'B1.1.x', title: 'x', deduct: '1', provenance } },
          { to: 'deductions', node: {} },
          { to: 'nowhere', node: {} },
          { to: 'A', before: 'A9', node: { id: 'A3', title: 'x', points: '0', provenance, subItems: [] } },
        ],
      }),
    );
    expect(summarize(issues)).toEqual([
      'add[0].node.points shape',
      'add[0].node.pionts shape',
      'add[1].to shape',
      'add[2].to shape',
      'add[3].to shape',
      'add[4].node.subItems shape',
    ]);
    expect(issues[2]!.message).toBe(
      'sub-item "B1.1" is scored by "check", not by deductions, so it has no criteria',
    );
  });

  it('reports an added measurement that no veto reads instead of dropping it silently', () => {
    expect(
      blamed(() =>
        extendRuleSet(inspectionFixture(), {
          id: 'derived',
          add: [
            {
              to: 'measurements',
              node: { id: 'fakeDates', title: '伪造发稿日期', kind: 'boolean', provenance },
            },
          ],
        }),
      ),
    ).toEqual(['measurements[4].id unusedMeasurement ← add[0]']);
  });
});

describe('replace', () => {
  it('replaces a node in place, dropping measurements its old version alone read', () => {
    const derived = extendRuleSet(inspectionFixture(), {
      id: 'derived',
      replace: [
        {
          node: 'columns-stale',
          with: {
            id: 'columns-stale',
            title: '栏目不更新（本地版）',
            when: { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '3' },
            provenance: { source: 'test-source', confidence: 'paraphrased' },
          },
        },
      ],
    });
    expect(derived.vetoes[1]!.title).toBe('栏目不更新（本地版）');
    expect(derived.measurements.map((m) => m.id)).not.toContain('staleColumns');
  });

  it('drops the bonus table with null (together with its gate)', () => {
    const derived = extendRuleSet(inspectionFixture(), {
      id: 'derived',
      replace: [{ node: 'bonus', with: null }],
      policy: { bonusGate: null },
    });
    expect(derived.bonus).toBeNull();
    expect(derived.policy.bonusGate).toBeNull();
  });

  it('names an unknown node and a malformed replacement', () => {
    expect(
      summarize(
        issuesOf(() =>
          extendRuleSet(inspectionFixture(), {
            id: 'derived',
            replace: [
              { node: 'nothing', with: {} },
              {
                node: 'unreachable',
                with: {
                  id: 'unreachable',
                  title: 'x',
                  provenance: { source: 'test-source', confidence: 'official' },
                },
              },
              { node: 'design', with: null },
            ],
          }),
        ),
      ),
    ).toEqual(['replace[0].node shape', 'replace[1].with.when shape', 'replace[2].with shape']);
  });
});

describe('policy, grades, total', () => {
  it('merges the policy deeply (Zhaoqing: spread service points evenly, record a vetoed site as 59)', () => {
    const derived = extendRuleSet(inspectionFixture(), {
      id: 'derived',
      policy: {
        withoutServiceFunctions: { treatment: 'spreadEvenly' },
        vetoedScore: '59',
        rounding: { places: 1 },
      },
    });
    expect(derived.policy).toMatchObject({
      withoutServiceFunctions: { indicator: 'service', treatment: 'spreadEvenly' },
      vetoedScore: '59',
      rounding: { places: 1, mode: 'halfUp', stage: 'total' },
      passMark: '60',
    });
  });

  it('checks the merged policy: shape at the change path, meaning blamed on the change', () => {
    expect(
      summarize(
        issuesOf(() =>
          extendRuleSet(inspectionFixture(), {
            id: 'derived',
            policy: { vetoedScore: 59, capPerIndicatr: true },
          }),
        ),
      ),
    ).toEqual(['policy.vetoedScore shape', 'policy.capPerIndicatr shape']);
    expect(
      blamed(() => extendRuleSet(inspectionFixture(), { id: 'derived', policy: { vetoedScore: '60' } })),
    ).toEqual(['policy.vetoedScore policy ← policy']);
  });

  it('replaces the grades and sets the total of an assessment, and refuses them for an inspection', () => {
    expect(
      summarize(
        issuesOf(() =>
          extendRuleSet(inspectionFixture(), {
            id: 'derived',
            grades: assessmentFixture().grades,
            total: '100',
          }),
        ),
      ),
    ).toEqual(['grades shape', 'total shape']);
  });
});

describe('rescale', () => {
  it('multiplies every points-like value exactly (100 → 25), leaving measured thresholds alone', () => {
    const derived = extendRuleSet(assessmentFixture(), { id: 'derived', rescale: '25' });
    expect(derived.total).toBe('25');
    expect(derived.areas.map((area) => area.points)).toEqual(['10', '7.5', '7.5']);
    expect(findSubItem(derived, 'A1.1').method).toMatchObject({
      bands: [
        { below: '60', points: '0' },
        { atLeast: '60', below: '80', points: '2.5' },
        { atLeast: '80', points: '5' },
      ],
    });
    expect(findSubItem(derived, 'C2.1').method).toMatchObject({
      criteria: [{ deduct: '0.5', maxDeduction: '3' }],
    });
    expect(findSubItem(derived, 'A2.2').method).toMatchObject({ criteria: [{ deduct: '0.75' }] });
    expect(derived.grades.map((grade) => grade.atLeast)).toEqual(['22.5', '20', '15', '0']);
    expect(derived.policy).toMatchObject({ passMark: '15', bonusGate: { above: '20' } });
    expect(derived.bonus).toMatchObject({
      points: '1.25',
      indicators: [{ points: '1.25', criteria: [{ award: '1.25' }] }],
    });
    expect(derived.vetoes).toEqual(assessmentFixture().vetoes);
  });

  it('rescales an inspection by its deduction points, with pass mark, gate and vetoed score', () => {
    const base = inspectionFixture();
    base.policy.vetoedScore = '59';
    const derived = extendRuleSet(base, { id: 'derived', rescale: '10' });
    expect(derived.deductions!.indicators.map((i) => i.points)).toEqual(['4', '2.5', '1.5', '2']);
    expect(derived.policy).toMatchObject({ passMark: '6', bonusGate: { above: '8' }, vetoedScore: '5.9' });
    expect(derived.bonus!.points).toBe('3');
    expect(derived.vetoes[0]!.when).toMatchObject({ value: '0.05' });
  });

  it('writes the other changes in the new scale (Gansu 2018: grades out of 25)', () => {
    const derived = extendRuleSet(assessmentFixture(), {
      id: 'derived',
      rescale: '25',
      grades: [
        {
          id: 'excellent',
          title: '优秀',
          above: '22.5',
          provenance: { source: 'test-source', confidence: 'official' },
        },
        {
          id: 'good',
          title: '良好',
          atLeast: '20',
          provenance: { source: 'test-source', confidence: 'official' },
        },
        {
          id: 'fail',
          title: '不合格',
          atLeast: '0',
          provenance: { source: 'test-source', confidence: 'official' },
        },
      ],
    });
    expect(derived.grades.map((grade) => grade.above ?? grade.atLeast)).toEqual(['22.5', '20', '0']);
  });

  it('refuses a scale that would make a value a repeating decimal', () => {
    const base = extendRuleSet(assessmentFixture(), {
      id: 'scale-75',
      rescale: '75',
      set: [{ node: 'A2.2.unresolved', deduct: '1' }],
    });
    const issues = issuesOf(() => extendRuleSet(base, { id: 'derived', rescale: '100' }));
    expect(summarize(issues)).toEqual(['rescale shape']);
    expect(issues[0]!.message).toBe(
      'rescaling from 75 to 100 would make 1 value(s) inexact: areas[0].items[1].subItems[1].method.criteria[0].deduct (1)',
    );
  });

  it('refuses to rescale to 0, or a rule set with no points', () => {
    expect(
      summarize(issuesOf(() => extendRuleSet(assessmentFixture(), { id: 'derived', rescale: '0' }))),
    ).toEqual(['rescale shape']);
    const noTable = inspectionFixture();
    noTable.deductions = null;
    noTable.bonus = null;
    noTable.policy = { ...noTable.policy, passMark: null, bonusGate: null, withoutServiceFunctions: null };
    expect(summarize(issuesOf(() => extendRuleSet(noTable, { id: 'derived', rescale: '25' })))).toEqual([
      'rescale shape',
    ]);
  });
});
