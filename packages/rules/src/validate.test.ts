import { describe, expect, it } from 'vitest';
import { parseRuleSet } from './parse.js';
import type { AssessmentRuleSet, InspectionRuleSet, RuleSet } from './schema.js';
import { assessmentFixture, inspectionFixture } from './test-support/fixtures.js';
import { issuesOf, summarize } from './test-support/issues.js';
import type { RuleSetIssueCode } from './validate.js';

// Every validation rule, each with at least one failing case (the exact issues reported, as `where code`)
// and one passing case (usually the boundary the rule must still accept).

interface Case {
  name: string;
  code: RuleSetIssueCode;
  build: () => unknown;
  /** `where code` lines, in any order; empty for a passing case */
  expected: string[];
}

function inspection(edit: (ruleSet: InspectionRuleSet) => void): () => RuleSet {
  return () => {
    const ruleSet = inspectionFixture();
    edit(ruleSet);
    return ruleSet;
  };
}

function assessment(edit: (ruleSet: AssessmentRuleSet) => void): () => RuleSet {
  return () => {
    const ruleSet = assessmentFixture();
    edit(ruleSet);
    return ruleSet;
  };
}

/** Loosely typed access for shape defects that the types rightly forbid. */
const loose = (value: unknown) => value as Record<string, unknown>;

const subItem = (ruleSet: AssessmentRuleSet, area: number, item: number, sub: number) =>
  ruleSet.areas[area]!.items[item]!.subItems[sub]!;
const bandsOf = (ruleSet: AssessmentRuleSet, area: number, item: number, sub: number) => {
  const method = subItem(ruleSet, area, item, sub).method;
  if (method.kind !== 'bands') throw new Error('fixture changed: expected a bands method');
  return method.bands;
};
const c21 = 'areas[2].items[1].subItems[0]';
const a11Bands = 'areas[0].items[0].subItems[0].method.bands';

const failing: Case[] = [
  // --- shape ---
  {
    name: 'a misspelt key deep in the tree is named by its full path',
    code: 'shape',
    build: assessment((r) => (loose(subItem(r, 2, 1, 0)).pionts = '12')),
    expected: [`${c21}.pionts shape`],
  },
  {
    name: 'a number where a decimal string is required',
    code: 'shape',
    build: assessment((r) => (loose(r.areas[1]).points = 30)),
    expected: ['areas[1].points shape'],
  },
  {
    name: 'a decimal string that is not a decimal',
    code: 'shape',
    build: inspection((r) => (r.deductions!.indicators[0]!.criteria[0]!.deduct = '2,5')),
    expected: ['deductions.indicators[0].criteria[0].deduct shape'],
  },
  {
    name: 'negative points',
    code: 'shape',
    build: inspection((r) => (r.bonus!.points = '-30')),
    expected: ['bonus.points shape'],
  },
  {
    name: 'a missing required field',
    code: 'shape',
    build: assessment((r) => delete loose(r.areas[0]!.items[1]).title),
    expected: ['areas[0].items[1].title shape'],
  },
  {
    name: 'an id that does not start with a letter',
    code: 'shape',
    build: assessment((r) => (r.areas[0]!.id = '1A')),
    expected: ['areas[0].id shape'],
  },
  {
    name: 'an unknown scoring method',
    code: 'shape',
    build: assessment((r) => (loose(subItem(r, 1, 0, 0).method).kind = 'vote')),
    expected: ['areas[1].items[0].subItems[0].method.kind shape'],
  },
  {
    name: 'an unknown confidence',
    code: 'shape',
    build: assessment((r) => (loose(r.grades[0]!.provenance).confidence = 'certain')),
    expected: ['grades[0].provenance.confidence shape'],
  },
  {
    name: 'an item without sub-items',
    code: 'shape',
    build: assessment((r) => (r.areas[1]!.items[1]!.subItems = [])),
    expected: ['areas[1].items[1].subItems shape'],
  },
  {
    name: 'an unknown kind of rule set',
    code: 'shape',
    build: inspection((r) => (loose(r).kind = 'survey')),
    expected: ['kind shape'],
  },
  // --- duplicateId ---
  {
    name: 'two sub-items share an id',
    code: 'duplicateId',
    build: assessment((r) => (subItem(r, 2, 1, 0).id = 'A1.1')),
    expected: [`${c21}.id duplicateId`],
  },
  {
    name: 'a criterion reuses an indicator id',
    code: 'duplicateId',
    build: inspection((r) => (r.deductions!.indicators[3]!.criteria[0]!.id = 'service')),
    expected: ['deductions.indicators[3].criteria[0].id duplicateId'],
  },
  // --- pointsSum ---
  {
    name: 'sub-items do not add up to their item',
    code: 'pointsSum',
    build: assessment((r) => (subItem(r, 2, 1, 0).points = '13')),
    expected: ['areas[2].items[1].points pointsSum'],
  },
  {
    name: 'items do not add up to their area',
    code: 'pointsSum',
    build: assessment((r) => (r.areas[1]!.points = '35')),
    expected: ['areas[1].points pointsSum', 'total pointsSum'],
  },
  {
    name: 'areas do not add up to the total',
    code: 'pointsSum',
    build: assessment((r) => (r.total = '120')),
    expected: ['total pointsSum'],
  },
  {
    name: 'deduction indicators do not add up to the deduction points',
    code: 'pointsSum',
    build: inspection((r) => (r.deductions!.indicators[1]!.points = '20')),
    expected: ['deductions.points pointsSum'],
  },
  {
    name: 'bonus indicators do not add up to the bonus points',
    code: 'pointsSum',
    build: inspection((r) => (r.bonus!.points = '25')),
    expected: ['bonus.points pointsSum'],
  },
  // --- unknownSource ---
  {
    name: 'a provenance names an undeclared source',
    code: 'unknownSource',
    build: assessment((r) => (r.areas[0]!.items[0]!.provenance.source = 'hearsay')),
    expected: ['areas[0].items[0].provenance.source unknownSource'],
  },
  {
    name: 'a condition’s provenance names an undeclared source',
    code: 'unknownSource',
    build: inspection((r) => {
      r.vetoes[0]!.when = {
        kind: 'compare',
        measurement: 'unreachableShare',
        op: '>=',
        value: '0.05',
        provenance: { source: 'hearsay', confidence: 'official' },
      };
    }),
    expected: ['vetoes[0].when.provenance.source unknownSource'],
  },
  // --- unknownMeasurement ---
  {
    name: 'a veto reads an undeclared measurement',
    code: 'unknownMeasurement',
    build: inspection((r) => {
      r.vetoes[1]!.when = {
        kind: 'any',
        of: [
          { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '5' },
          { kind: 'compare', measurement: 'blankColumns', op: '>=', value: '10' },
          { kind: 'compare', measurement: 'staleColumns', op: '>=', value: '10' },
        ],
      };
    }),
    expected: ['vetoes[1].when.of[1].measurement unknownMeasurement'],
  },
  // --- measurementKind ---
  {
    name: 'a flag condition reads a count',
    code: 'measurementKind',
    build: inspection((r) => (r.vetoes[2]!.when = { kind: 'flag', measurement: 'emptyColumns', is: true })),
    expected: ['vetoes[2].when.kind measurementKind', 'measurements[3].id unusedMeasurement'],
  },
  {
    name: 'a compare condition reads a boolean',
    code: 'measurementKind',
    build: inspection(
      (r) => (r.vetoes[2]!.when = { kind: 'compare', measurement: 'seriousError', op: '>=', value: '1' }),
    ),
    expected: ['vetoes[2].when.kind measurementKind'],
  },
  // --- thresholdRange ---
  {
    name: 'a ratio threshold above 1 (a percentage written as 5 instead of 0.05)',
    code: 'thresholdRange',
    build: inspection((r) => (r.vetoes[0]!.when = { ...r.vetoes[0]!.when, value: '5' } as never)),
    expected: ['vetoes[0].when.value thresholdRange'],
  },
  {
    name: 'a negative ratio threshold',
    code: 'thresholdRange',
    build: inspection((r) => (r.vetoes[0]!.when = { ...r.vetoes[0]!.when, value: '-0.05' } as never)),
    expected: ['vetoes[0].when.value thresholdRange'],
  },
  {
    name: 'a count threshold that is not a whole number',
    code: 'thresholdRange',
    build: inspection((r) => {
      r.vetoes[1]!.when = {
        kind: 'any',
        of: [
          { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '4.5' },
          { kind: 'compare', measurement: 'staleColumns', op: '>=', value: '-1' },
        ],
      };
    }),
    expected: ['vetoes[1].when.of[0].value thresholdRange', 'vetoes[1].when.of[1].value thresholdRange'],
  },
  // --- unusedMeasurement ---
  {
    name: 'a measurement no veto reads',
    code: 'unusedMeasurement',
    build: inspection((r) => {
      r.measurements.push({
        id: 'fakeDates',
        title: '伪造发稿日期',
        kind: 'boolean',
        provenance: r.provenance,
      });
    }),
    expected: ['measurements[4].id unusedMeasurement'],
  },
  // --- unreachableVeto ---
  {
    name: 'a veto whose condition is an empty group',
    code: 'unreachableVeto',
    build: inspection((r) => (r.vetoes[1]!.when = { kind: 'any', of: [] })),
    expected: [
      'vetoes[1].when.of unreachableVeto',
      'vetoes[1].when unreachableVeto',
      'measurements[1].id unusedMeasurement',
      'measurements[2].id unusedMeasurement',
    ],
  },
  {
    name: 'an empty group nested beside a real condition',
    code: 'unreachableVeto',
    build: inspection((r) => {
      r.vetoes[1]!.when = {
        kind: 'any',
        of: [
          { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '5' },
          { kind: 'compare', measurement: 'staleColumns', op: '>=', value: '10' },
          { kind: 'all', of: [] },
        ],
      };
    }),
    expected: ['vetoes[1].when.of[2].of unreachableVeto'],
  },
  // --- unreachableCriterion ---
  {
    name: 'a criterion that deducts nothing',
    code: 'unreachableCriterion',
    build: inspection((r) => (r.deductions!.indicators[0]!.criteria[0]!.deduct = '0')),
    expected: ['deductions.indicators[0].criteria[0].deduct unreachableCriterion'],
  },
  {
    name: 'a criterion that deducts more than its indicator is worth',
    code: 'unreachableCriterion',
    build: inspection((r) => (r.deductions!.indicators[2]!.criteria[0]!.deduct = '16')),
    expected: ['deductions.indicators[2].criteria[0].deduct unreachableCriterion'],
  },
  {
    name: 'a criterion capped above its indicator',
    code: 'unreachableCriterion',
    build: inspection((r) => (r.deductions!.indicators[0]!.criteria[1]!.maxDeduction = '41')),
    expected: ['deductions.indicators[0].criteria[1].maxDeduction unreachableCriterion'],
  },
  {
    name: 'a deduction indicator worth 0 points',
    code: 'unreachableCriterion',
    build: inspection((r) => {
      r.deductions!.indicators[0]!.points = '60';
      r.deductions!.indicators[3]!.points = '0';
    }),
    expected: [
      'deductions.indicators[3].points unreachableCriterion',
      'deductions.indicators[3].criteria[0].deduct unreachableCriterion',
    ],
  },
  {
    name: 'a sub-item criterion that deducts more than the sub-item',
    code: 'unreachableCriterion',
    build: assessment((r) => {
      const method = subItem(r, 2, 1, 0).method;
      if (method.kind === 'deduct') method.criteria[0]!.deduct = '12.5';
    }),
    expected: [`${c21}.method.criteria[0].deduct unreachableCriterion`],
  },
  {
    name: 'a bonus criterion that awards nothing, or more than its indicator',
    code: 'unreachableCriterion',
    build: inspection((r) => {
      const criteria = r.bonus!.indicators[0]!.criteria;
      criteria[0]!.award = '0';
      criteria.push({ id: 'too-much', title: '过多', award: '31', provenance: r.provenance });
    }),
    expected: [
      'bonus.indicators[0].criteria[0].award unreachableCriterion',
      'bonus.indicators[0].criteria[1].award unreachableCriterion',
    ],
  },
  // --- bandOrder ---
  {
    name: 'overlapping bands',
    code: 'bandOrder',
    build: assessment((r) => (bandsOf(r, 0, 0, 0)[1]!.atLeast = '50')),
    expected: [`${a11Bands}[1].atLeast bandOrder`],
  },
  {
    name: 'a band in the middle without a lower bound',
    code: 'bandOrder',
    build: assessment((r) => delete bandsOf(r, 0, 0, 0)[1]!.atLeast),
    expected: [`${a11Bands}[1] bandOrder`],
  },
  {
    name: 'an open-ended band before the last',
    code: 'bandOrder',
    build: assessment((r) => delete bandsOf(r, 0, 0, 0)[1]!.below),
    expected: [`${a11Bands}[2] bandOrder`],
  },
  // --- bandRange ---
  {
    name: 'a band whose lower bound is not below its upper bound',
    code: 'bandRange',
    build: assessment((r) => {
      const bands = bandsOf(r, 0, 0, 0);
      bands[1] = { atLeast: '80', below: '60', points: '10' };
    }),
    expected: [`${a11Bands}[1] bandRange`],
  },
  {
    name: 'a ratio band bound outside [0, 1]',
    code: 'bandRange',
    build: assessment((r) => {
      const bands = bandsOf(r, 2, 1, 1);
      bands[1]!.below = '100';
      bands[2]!.atLeast = '100';
    }),
    expected: [
      'areas[2].items[1].subItems[1].method.bands[1].below bandRange',
      'areas[2].items[1].subItems[1].method.bands[2].atLeast bandRange',
    ],
  },
  // --- bandPoints ---
  {
    name: 'a band that awards more than the sub-item (and so none awards exactly the full points)',
    code: 'bandPoints',
    build: assessment((r) => (bandsOf(r, 0, 0, 0)[2]!.points = '25')),
    expected: [`${a11Bands}[2].points bandPoints`, `${a11Bands} bandPoints`],
  },
  {
    name: 'no band reaches the full points',
    code: 'bandPoints',
    build: assessment((r) => (bandsOf(r, 0, 0, 0)[2]!.points = '15')),
    expected: [`${a11Bands} bandPoints`],
  },
  // --- gradeOrder ---
  {
    name: 'a grade with both atLeast and above',
    code: 'gradeOrder',
    build: assessment((r) => (r.grades[0]!.above = '95')),
    expected: ['grades[0] gradeOrder'],
  },
  {
    name: 'a grade with no bound',
    code: 'gradeOrder',
    build: assessment((r) => delete r.grades[1]!.atLeast),
    expected: ['grades[1] gradeOrder'],
  },
  {
    name: 'grades listed from lowest to highest',
    code: 'gradeOrder',
    build: assessment((r) => {
      [r.grades[1], r.grades[2]] = [r.grades[2]!, r.grades[1]!];
    }),
    expected: ['grades[2] gradeOrder'],
  },
  {
    name: 'a grade that starts above the total',
    code: 'gradeOrder',
    build: assessment((r) => (r.grades[0]!.atLeast = '101')),
    expected: ['grades[0] gradeOrder'],
  },
  {
    name: 'a lowest grade that does not start at 0',
    code: 'gradeOrder',
    build: assessment((r) => (r.grades[3]!.atLeast = '10')),
    expected: ['grades[3] gradeOrder'],
  },
  // --- unknownGrade ---
  {
    name: 'the grade for a vetoed unit is not declared',
    code: 'unknownGrade',
    build: assessment((r) => (r.policy.vetoedGrade = 'vetoed')),
    expected: ['policy.vetoedGrade unknownGrade'],
  },
  // --- policy (inspection) ---
  {
    name: 'a pass mark, bonus and service rule without a deduction table',
    code: 'policy',
    build: inspection((r) => (r.deductions = null)),
    expected: ['policy.passMark policy', 'policy.bonusGate policy', 'policy.withoutServiceFunctions policy'],
  },
  {
    name: 'a deduction table without a pass mark',
    code: 'policy',
    build: inspection((r) => (r.policy.passMark = null)),
    expected: ['policy.passMark policy'],
  },
  {
    name: 'a pass mark above the deduction points',
    code: 'policy',
    build: inspection((r) => (r.policy.passMark = '100.5')),
    expected: ['policy.passMark policy'],
  },
  {
    name: 'a bonus tree without a bonus gate',
    code: 'policy',
    build: inspection((r) => (r.policy.bonusGate = null)),
    expected: ['policy.bonusGate policy'],
  },
  {
    name: 'a bonus gate at the full score',
    code: 'policy',
    build: inspection((r) => (r.policy.bonusGate = { above: '100' })),
    expected: ['policy.bonusGate policy'],
  },
  {
    name: 'a service indicator that is not a deduction indicator',
    code: 'policy',
    build: inspection(
      (r) => (r.policy.withoutServiceFunctions = { indicator: 'innovation', treatment: 'scale' }),
    ),
    expected: ['policy.withoutServiceFunctions.indicator policy'],
  },
  {
    name: 'a service indicator worth the whole score',
    code: 'policy',
    build: inspection((r) => {
      const service = r.deductions!.indicators[1]!;
      service.points = '100';
      r.deductions!.indicators = [service];
    }),
    expected: ['policy.withoutServiceFunctions.indicator policy'],
  },
  {
    name: 'a vetoed score at the pass mark (a vetoed target would pass)',
    code: 'policy',
    build: inspection((r) => (r.policy.vetoedScore = '60')),
    expected: ['policy.vetoedScore policy'],
  },
  // --- policy (assessment) ---
  {
    name: 'an assessment pass mark above the total',
    code: 'policy',
    build: assessment((r) => (r.policy.passMark = '101')),
    expected: ['policy.passMark policy'],
  },
  {
    name: 'an assessment bonus gate without a bonus tree',
    code: 'policy',
    build: assessment((r) => (r.bonus = null)),
    expected: ['policy.bonusGate policy'],
  },
];

const passing: Case[] = [
  { name: 'the inspection fixture', code: 'shape', build: inspectionFixture, expected: [] },
  { name: 'the assessment fixture', code: 'shape', build: assessmentFixture, expected: [] },
  {
    name: 'optional fields left out',
    code: 'shape',
    build: assessment((r) => {
      delete r.titleEn;
      delete subItem(r, 1, 1, 0).evidence;
    }),
    expected: [],
  },
  {
    name: 'a "$schema" key for editors',
    code: 'shape',
    build: assessment((r) => (loose(r).$schema = '../rule-set.schema.json')),
    expected: [],
  },
  {
    name: 'a provenance may cite the same source as many nodes do',
    code: 'duplicateId',
    build: assessment((r) => (r.areas[0]!.provenance = { source: 'test-source', confidence: 'paraphrased' })),
    expected: [],
  },
  {
    name: 'exact decimal sums that floats get wrong (14.7 + 0.1 + 0.2 = 15)',
    code: 'pointsSum',
    build: assessment((r) => {
      const item = r.areas[1]!.items[1]!;
      const template = item.subItems[0]!;
      item.subItems = [
        { ...template, id: 'B2.1', points: '14.7' },
        { ...template, id: 'B2.2', points: '0.1' },
        { ...template, id: 'B2.3', points: '0.2' },
      ];
    }),
    expected: [],
  },
  {
    name: 'equal numbers written differently ("100.0" and "100")',
    code: 'pointsSum',
    build: assessment((r) => (r.total = '100.0')),
    expected: [],
  },
  {
    name: 'a second declared source',
    code: 'unknownSource',
    build: assessment((r) => {
      r.sources.push({ id: 'jieyang-2019', title: '揭阳市2019年第一季度政府网站检查情况通报' });
      r.areas[0]!.items[0]!.provenance.source = 'jieyang-2019';
    }),
    expected: [],
  },
  {
    name: 'a new veto reading a newly declared measurement',
    code: 'unknownMeasurement',
    build: inspection((r) => {
      r.measurements.push({
        id: 'fakeDates',
        title: '伪造发稿日期',
        kind: 'boolean',
        provenance: r.provenance,
      });
      r.vetoes.push({
        id: 'falsification',
        title: '弄虚作假',
        when: { kind: 'flag', measurement: 'fakeDates', is: true },
        provenance: r.provenance,
      });
    }),
    expected: [],
  },
  {
    name: 'a flag reads a boolean and a compare reads a count',
    code: 'measurementKind',
    build: inspectionFixture,
    expected: [],
  },
  {
    name: 'a number measurement accepts any threshold, a ratio accepts 0 and 1, a count accepts 0',
    code: 'thresholdRange',
    build: inspection((r) => {
      r.measurements.push({ id: 'delta', title: '变化量', kind: 'number', provenance: r.provenance });
      r.vetoes[0]!.when = {
        kind: 'all',
        of: [
          { kind: 'compare', measurement: 'unreachableShare', op: '>', value: '0' },
          { kind: 'compare', measurement: 'unreachableShare', op: '<=', value: '1' },
          { kind: 'compare', measurement: 'delta', op: '<', value: '-3.5' },
        ],
      };
      r.vetoes[1]!.when = { kind: 'compare', measurement: 'emptyColumns', op: '>', value: '0' };
      r.measurements = r.measurements.filter((m) => m.id !== 'staleColumns');
    }),
    expected: [],
  },
  {
    name: 'a measurement read only deep inside a nested group counts as used',
    code: 'unusedMeasurement',
    build: inspection((r) => {
      r.vetoes[1]!.when = {
        kind: 'all',
        of: [
          { kind: 'compare', measurement: 'emptyColumns', op: '>=', value: '5' },
          { kind: 'any', of: [{ kind: 'compare', measurement: 'staleColumns', op: '>=', value: '10' }] },
        ],
      };
    }),
    expected: [],
  },
  {
    name: 'a group with a single condition',
    code: 'unreachableVeto',
    build: inspection((r) => {
      r.vetoes[2]!.when = { kind: 'all', of: [{ kind: 'flag', measurement: 'seriousError', is: true }] };
    }),
    expected: [],
  },
  {
    name: 'a criterion that deducts exactly its indicator’s points, capped at them',
    code: 'unreachableCriterion',
    build: inspection((r) => {
      r.deductions!.indicators[2]!.criteria[0]!.deduct = '15';
      r.deductions!.indicators[2]!.criteria[0]!.maxDeduction = '15';
      r.bonus!.indicators[0]!.criteria[0]!.award = '30';
    }),
    expected: [],
  },
  {
    name: 'bands with a gap between them',
    code: 'bandOrder',
    build: assessment((r) => (bandsOf(r, 0, 0, 0)[2]!.atLeast = '85')),
    expected: [],
  },
  {
    name: 'score bands beyond 1 (only ratio bands are limited to [0, 1])',
    code: 'bandRange',
    build: assessment((r) => (bandsOf(r, 0, 0, 0)[2]!.atLeast = '80.5')),
    expected: [],
  },
  {
    name: 'a single band awarding the full points',
    code: 'bandPoints',
    build: assessment((r) => {
      const method = subItem(r, 0, 0, 0).method;
      if (method.kind === 'bands') method.bands = [{ points: '20' }];
    }),
    expected: [],
  },
  {
    name: 'Gansu 2018 style grades: 优秀 above a bound, the rest at least one, the top bound at the total',
    code: 'gradeOrder',
    build: assessment((r) => {
      delete r.grades[0]!.atLeast;
      r.grades[0]!.above = '90';
      r.grades[1]!.atLeast = '80';
    }),
    expected: [],
  },
  {
    name: 'a grade starting exactly at the total',
    code: 'gradeOrder',
    build: assessment((r) => (r.grades[0]!.atLeast = '100')),
    expected: [],
  },
  {
    name: 'any declared grade may be the vetoed grade',
    code: 'unknownGrade',
    build: assessment((r) => (r.policy.vetoedGrade = 'pass')),
    expected: [],
  },
  {
    name: 'new-media style: vetoes only, no deductions, no pass mark, no bonus',
    code: 'policy',
    build: inspection((r) => {
      r.targetKind = 'newMedia';
      r.deductions = null;
      r.bonus = null;
      r.policy = { ...r.policy, passMark: null, bonusGate: null, withoutServiceFunctions: null };
    }),
    expected: [],
  },
  {
    name: 'a pass mark equal to the full score and a bonus gate just below it',
    code: 'policy',
    build: inspection((r) => {
      r.policy.passMark = '100';
      r.policy.bonusGate = { above: '99.5' };
    }),
    expected: [],
  },
  {
    name: 'Zhaoqing style: a vetoed target recorded as 59, just below the pass mark; service points spread evenly',
    code: 'policy',
    build: inspection((r) => {
      r.policy.vetoedScore = '59';
      r.policy.withoutServiceFunctions = { indicator: 'service', treatment: 'spreadEvenly' };
    }),
    expected: [],
  },
  {
    name: 'an assessment with neither bonus nor gate, and a pass mark equal to the total',
    code: 'policy',
    build: assessment((r) => {
      r.bonus = null;
      r.policy.bonusGate = null;
      r.policy.passMark = '100';
    }),
    expected: [],
  },
];

const everyCode = {
  shape: true,
  duplicateId: true,
  pointsSum: true,
  unknownSource: true,
  unknownMeasurement: true,
  measurementKind: true,
  thresholdRange: true,
  unusedMeasurement: true,
  unreachableVeto: true,
  unreachableCriterion: true,
  bandOrder: true,
  bandRange: true,
  bandPoints: true,
  gradeOrder: true,
  unknownGrade: true,
  policy: true,
} satisfies Record<RuleSetIssueCode, true>;

const sorted = (lines: string[]) => [...lines].sort();

describe('validation rules: failing cases', () => {
  it.each(failing)('$code: $name', ({ build, expected, code }) => {
    const issues = issuesOf(() => parseRuleSet(build()));
    expect(sorted(summarize(issues))).toEqual(sorted(expected));
    expect(issues.some((issue) => issue.code === code)).toBe(true);
    for (const issue of issues) {
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('validation rules: passing cases', () => {
  it.each(passing)('$code: $name', ({ build }) => {
    expect(summarize(issuesOf(() => parseRuleSet(build())))).toEqual([]);
  });
});

describe('coverage of the rules', () => {
  it.each(Object.keys(everyCode))('%s has a failing and a passing case', (code) => {
    expect(failing.some((c) => c.code === code)).toBe(true);
    expect(passing.some((c) => c.code === code)).toBe(true);
  });

  it('the fixtures are the rule sets the cases assume', () => {
    const a = assessmentFixture();
    expect(a.areas.map((area) => area.points)).toEqual(['40', '30', '30']);
    expect(subItem(a, 2, 1, 0).id).toBe('C2.1');
    expect(inspectionFixture().deductions?.indicators.map((i) => i.points)).toEqual(['40', '25', '15', '20']);
  });
});
