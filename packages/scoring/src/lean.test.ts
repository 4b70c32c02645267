import { getRuleSet } from '@kaohe/rules';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateQuarter } from '../bench/generate.js';
import { scoreAssessment, type ScoreAssessmentInput, type SubItemInput } from './assessment.js';
import { Decimal } from './decimal.js';
import { scoreInspection, type ScoreInspectionInput } from './inspection.js';
import { paths } from './paths.js';
import {
  annualAssessment,
  assessmentRuleSet,
  fullInputs,
  inspectionRuleSet,
  newMediaInspection,
  spreadInspection,
  websiteInspection,
} from './test-support/fixtures.js';

// The lean path (integer arithmetic, breakdowns and explanations built on first read) against the full path
// (everything built at once): the same result, field for field, for every input.

function onFullPath<T>(run: () => T): T {
  paths.lean = false;
  try {
    return run();
  } finally {
    paths.lean = true;
  }
}

/** Scores with both paths and compares the whole results (every lazy field read through JSON). */
function expectSamePaths(run: () => unknown): void {
  const lean = run();
  const full = onFullPath(run);
  expect(JSON.stringify(lean)).toBe(JSON.stringify(full));
}

describe('the lean path gives the full result', () => {
  test('on a generated national quarter (a sample of every kind, Chinese and English, named and not)', () => {
    const quarter = generateQuarter(7, { websites: 1000, newMedia: 1000, units: 200 });
    for (const [i, input] of [...quarter.websites, ...quarter.newMedia].entries()) {
      const variant: ScoreInspectionInput =
        i % 3 === 0
          ? { ...input, locale: 'en', target: { ...input.target, name: `site ${i}` } }
          : i % 3 === 1
            ? { ...input, locale: 'en' }
            : input;
      expectSamePaths(() => scoreInspection(variant));
    }
    for (const [i, unit] of quarter.units.entries()) {
      expectSamePaths(() =>
        scoreAssessment(i % 2 === 0 ? unit.assessment : { ...unit.assessment, locale: 'en' }),
      );
    }
  });

  // rule sets that take every branch: scale and spread treatments, uncapped, other rounding modes and places
  const inspectionRuleSets = [
    websiteInspection,
    spreadInspection,
    newMediaInspection,
    getRuleSet('cn-2019-website-inspection'),
    inspectionRuleSet((data) => ({
      ...data,
      id: 'uncapped',
      policy: { ...data.policy, capPerIndicator: false },
    })),
    ...(['halfUp', 'halfEven', 'down', 'up'] as const).flatMap((mode) =>
      [0, 1, 2, 3].map((places) =>
        inspectionRuleSet((data) => ({
          ...data,
          id: `rounding-${mode}-${places}`,
          policy: { ...data.policy, rounding: { places, mode, stage: places % 2 === 0 ? 'total' : 'leaf' } },
        })),
      ),
    ),
  ];

  test('on generated inspections under every rule set (vetoes, repeated and huge counts, bonuses)', () => {
    const inspectionArb = fc
      .tuple(fc.constantFrom(...inspectionRuleSets), fc.boolean(), fc.boolean())
      .chain(([ruleSet, isPortal, hasServiceFunctions]) => {
        const service = ruleSet.policy.withoutServiceFunctions?.indicator;
        const criteria = (ruleSet.deductions?.indicators ?? [])
          .filter((indicator) => hasServiceFunctions || indicator.id !== service)
          .flatMap((indicator) => indicator.criteria.map((c) => c.id));
        const bonusCriteria = (ruleSet.bonus?.indicators ?? []).flatMap((i) => i.criteria.map((c) => c.id));
        const measurement = (m: (typeof ruleSet.measurements)[number]) =>
          m.kind === 'boolean'
            ? fc.boolean()
            : m.kind === 'ratio'
              ? fc.oneof(
                  fc.integer({ min: 0, max: 1000 }).map((n) => new Decimal(n).div(1000).toFixed()),
                  fc.constantFrom('0', '1', '0.05', 0.05),
                )
              : fc.oneof(fc.nat(12), fc.constantFrom(2000, '3', 5));
        const count = fc.oneof(
          { weight: 9, arbitrary: fc.nat(30) },
          { weight: 1, arbitrary: fc.constant(2 ** 52) },
        );
        return fc.record({
          ruleSet: fc.constant(ruleSet),
          target: fc.record({
            isPortal: fc.constant(isPortal),
            hasServiceFunctions: fc.constant(hasServiceFunctions),
            name: fc.option(fc.constantFrom('某网站', 'A site'), { nil: undefined }),
          }),
          measurements: fc.record(
            Object.fromEntries(ruleSet.measurements.map((m) => [m.id, measurement(m)])) as Record<
              string,
              fc.Arbitrary<string | number | boolean>
            >,
          ),
          findings:
            criteria.length === 0
              ? fc.constant([])
              : fc.array(fc.record({ criterion: fc.constantFrom(...criteria), count }), { maxLength: 12 }),
          bonus:
            bonusCriteria.length === 0
              ? fc.constant([])
              : fc.array(fc.record({ criterion: fc.constantFrom(...bonusCriteria), count }), {
                  maxLength: 8,
                }),
          locale: fc.constantFrom('zh' as const, 'en' as const),
        });
      });
    fc.assert(
      fc.property(inspectionArb, (input) => {
        let failed: unknown = null;
        try {
          scoreInspection(input);
        } catch (error) {
          failed = error;
        }
        // an input the rule set rejects is rejected by both paths alike
        if (failed !== null) expect(() => onFullPath(() => scoreInspection(input))).toThrow();
        else expectSamePaths(() => scoreInspection(input));
      }),
      { numRuns: 800 },
    );
  });

  test('on generated assessments: missing inputs, not applicable, vetoes undecided or triggered, every rounding', () => {
    const ruleSets = [
      annualAssessment,
      getRuleSet('gansu-2019-annual-assessment'),
      getRuleSet('cn-2019-supervision-assessment'),
      ...(['halfUp', 'halfEven', 'down', 'up'] as const).flatMap((mode) =>
        [0, 1, 3].map((places) =>
          assessmentRuleSet((data) => ({
            ...data,
            id: `leaf-${mode}-${places}`,
            policy: { ...data.policy, rounding: { places, mode, stage: 'leaf' } },
          })),
        ),
      ),
    ];
    const assessmentArb = fc.constantFrom(...ruleSets).chain((ruleSet) => {
      const subItems = ruleSet.areas.flatMap((a) => a.items.flatMap((i) => i.subItems));
      const input = (sub: (typeof subItems)[number]): fc.Arbitrary<SubItemInput> => {
        const { method } = sub;
        const given: fc.Arbitrary<SubItemInput> =
          method.kind === 'check'
            ? fc.boolean().map((met) => ({ met }))
            : method.kind === 'deduct'
              ? fc
                  .subarray(method.criteria.map((c) => c.id))
                  .chain((ids) =>
                    fc
                      .tuple(...ids.map(() => fc.nat(8)))
                      .map((n) => ({ counts: Object.fromEntries(ids.map((id, i) => [id, n[i]!])) })),
                  )
              : method.kind === 'manual'
                ? fc
                    .integer({ min: 0, max: Number(sub.points) * 1000 })
                    .map((n) => ({ points: new Decimal(n).div(1000).toFixed() }))
                : method.kind === 'ratio' || method.measure.unit === 'ratio'
                  ? fc
                      .integer({ min: 0, max: 1000 })
                      .map((n) => ({ value: new Decimal(n).div(1000).toFixed() }))
                  : fc
                      .integer({ min: 0, max: 12_000 })
                      .map((n) => ({ value: new Decimal(n).div(100).toFixed() }));
        return fc.oneof(
          { weight: 8, arbitrary: given },
          { weight: 1, arbitrary: fc.constant({ notApplicable: true as const, reason: '不适用' }) },
        );
      };
      const measurement = (m: (typeof ruleSet.measurements)[number]) =>
        m.kind === 'boolean'
          ? fc.boolean()
          : m.kind === 'ratio'
            ? fc.constantFrom('0', '0.5', '1')
            : fc.nat(3);
      return fc.record({
        ruleSet: fc.constant(ruleSet),
        inputs: fc.record(
          Object.fromEntries(subItems.map((sub) => [sub.id, input(sub)])) as Record<
            string,
            fc.Arbitrary<SubItemInput>
          >,
          { requiredKeys: [] },
        ),
        measurements: fc.record(
          Object.fromEntries(ruleSet.measurements.map((m) => [m.id, measurement(m)])) as Record<
            string,
            fc.Arbitrary<string | number | boolean>
          >,
          { requiredKeys: [] },
        ),
        locale: fc.constantFrom('zh' as const, 'en' as const),
      }) as fc.Arbitrary<ScoreAssessmentInput>;
    });
    fc.assert(
      fc.property(assessmentArb, (input) => {
        let failed: unknown = null;
        try {
          scoreAssessment(input);
        } catch (error) {
          failed = error;
        }
        if (failed !== null) expect(() => onFullPath(() => scoreAssessment(input))).toThrow();
        else expectSamePaths(() => scoreAssessment(input));
      }),
      { numRuns: 500 },
    );
  });
});

/** A fresh copy of one generated unit's assessment input, each time. */
const quarterUnit = () => {
  const unit = generateQuarter(3, { websites: 0, newMedia: 0, units: 1 }).units[0]!;
  return () => ({ ...unit.assessment, inputs: structuredClone(unit.assessment.inputs) });
};

describe('lazy fields look like plain fields', () => {
  const website = () =>
    scoreInspection({
      ruleSet: getRuleSet('cn-2019-website-inspection'),
      target: { isPortal: true, hasServiceFunctions: false },
      measurements: {
        unreachableShare: '0.01',
        homepageUpdates: 3,
        staleColumns: 0,
        longStaleColumns: 0,
        emptyColumns: 0,
        overdueMessages: 0,
        guidesMissingKeyElements: 0,
        hasConsultationChannel: true,
        hasOnlineService: true,
      },
      findings: [{ criterion: 'publish.typo', count: 3 }],
    });
  const assessment = () => scoreAssessment({ ruleSet: annualAssessment, inputs: fullInputs });

  const cases: [string, () => object, string[]][] = [
    ['an inspection', website, ['breakdown', 'bonusBreakdown', 'explanation']],
    ['an assessment', assessment, ['areas', 'explanation']],
  ];
  test.each(cases)(
    '%s: enumerable own fields that JSON, spread and structuredClone read',
    (_, score, lazy) => {
      const result = score() as unknown as Record<string, unknown>;
      const expected = JSON.parse(JSON.stringify(onFullPath(score))) as Record<string, unknown>;
      for (const name of lazy) {
        const descriptor = Object.getOwnPropertyDescriptor(result, name)!;
        expect(descriptor.enumerable).toBe(true);
        expect(descriptor.get).toBeTypeOf('function');
      }
      expect(Object.keys(score())).toEqual(Object.keys(expected));
      expect(Reflect.ownKeys(score())).toEqual(Object.keys(expected));
      expect(JSON.parse(JSON.stringify({ ...score() }))).toEqual(expected);
      expect(JSON.parse(JSON.stringify(structuredClone(score())))).toEqual(expected);
      // built once: the same object on every read
      const first = lazy[0]!;
      expect(result[first]).toBe(result[first]);
      expect(result[first]).toEqual(expected[first]);
      // and a caller may replace it like any field (the explanation, read first, keeps its lines)
      expect(result.explanation).toEqual(expected.explanation);
      result[first] = null;
      expect(result[first]).toBeNull();
      expect((JSON.parse(JSON.stringify(result)) as Record<string, unknown>)[first]).toBeNull();
    },
  );

  test('built from the inputs as they were when scored: changing them afterwards changes nothing', () => {
    const input = () => ({
      ruleSet: getRuleSet('cn-2019-website-inspection'),
      target: { isPortal: true, hasServiceFunctions: true },
      measurements: {
        unreachableShare: '0.01',
        homepageUpdates: 3,
        staleColumns: 0,
        longStaleColumns: 0,
        emptyColumns: 0,
        overdueMessages: 0,
        guidesMissingKeyElements: 0,
        hasConsultationChannel: true,
        hasOnlineService: true,
      },
      findings: [{ criterion: 'service.guide-inaccurate', count: 2 }],
      bonus: [{ criterion: 'bonus.publish.open-data', count: 1 }],
    });
    const expected = JSON.stringify(onFullPath(() => scoreInspection(input())));
    const given = input();
    const result = scoreInspection(given);
    given.target.hasServiceFunctions = false;
    given.target.isPortal = false;
    given.findings[0]!.count = 9;
    given.bonus[0]!.count = 0;
    given.measurements.emptyColumns = 9;
    expect(JSON.stringify(result)).toBe(expected);
    const units = quarterUnit();
    const unitExpected = JSON.stringify(onFullPath(() => scoreAssessment(units())));
    const unitGiven = units();
    const unitResult = scoreAssessment(unitGiven);
    for (const key of Object.keys(unitGiven.inputs))
      delete (unitGiven.inputs as Record<string, unknown>)[key];
    expect(JSON.stringify(unitResult)).toBe(unitExpected);
  });

  test('veto results shared between targets are frozen: one result cannot change another', () => {
    const first = website();
    const second = website();
    expect(first.vetoes[0]).toBe(second.vetoes[0]);
    expect(Object.isFrozen(first.vetoes[0])).toBe(true);
    expect(Object.isFrozen(first.vetoes[0]!.clauses[0])).toBe(true);
    // every object inside a shared result (clauses, the logic tree and its lists) is frozen
    const unfrozen = (value: unknown): boolean =>
      value !== null &&
      typeof value === 'object' &&
      (!Object.isFrozen(value) || Object.values(value).some(unfrozen));
    for (const veto of first.vetoes)
      if (veto === second.vetoes[first.vetoes.indexOf(veto)]) expect(unfrozen(veto)).toBe(false);
    expect(first.vetoes.some((veto) => 'of' in veto.logic)).toBe(true);
    expect(() => {
      (first.vetoes[0] as { triggered: boolean | null }).triggered = true;
    }).toThrow(TypeError);
    expect(second.vetoes[0]!.triggered).toBe(false);
    // the list itself belongs to the result
    expect(first.vetoes).not.toBe(second.vetoes);
  });
});
