import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scoreAssessment, type SubItemInput } from './assessment.js';
import { Issues } from './checks.js';
import { compileRuleSet } from './compile.js';
import { Decimal } from './decimal.js';
import { ScoringInputError } from './errors.js';
import { scoreInspection, type InspectionTarget, type Occurrence } from './inspection.js';
import {
  annualAssessment,
  assessmentRuleSet,
  fullInputs,
  inspectionRuleSet,
  newMediaInspection,
  spreadInspection,
  websiteInspection,
} from './test-support/fixtures.js';

// Properties over generated inputs: bounds, monotonicity, vetoes, and that nothing but a ScoringInputError
// ever escapes the scorers.

const ruleSets = [
  websiteInspection,
  spreadInspection,
  inspectionRuleSet((data) => ({
    ...data,
    id: 'uncapped',
    policy: { ...data.policy, capPerIndicator: false },
  })),
  inspectionRuleSet((data) => ({
    ...data,
    id: 'total-down',
    policy: { ...data.policy, rounding: { places: 1, mode: 'down', stage: 'total' } },
  })),
  inspectionRuleSet((data) => ({
    ...data,
    id: 'leaf-up-spread',
    policy: {
      ...data.policy,
      withoutServiceFunctions: { indicator: 'service', treatment: 'spreadEvenly' },
      rounding: { places: 0, mode: 'up', stage: 'leaf' },
    },
  })),
];

const criteriaOf = (ruleSet: (typeof ruleSets)[number], withService: boolean) =>
  ruleSet
    .deductions!.indicators.filter((i) => withService || i.id !== 'service')
    .flatMap((i) => i.criteria.map((c) => c.id));
const bonusCriteria = websiteInspection.bonus!.indicators.flatMap((i) => i.criteria.map((c) => c.id));

const share = fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).div(10_000).toFixed());
const measurementsArb = fc.record({
  seriousIncident: fc.boolean(),
  unreachableShare: fc.oneof(share, fc.constantFrom('0.05', '0.0499', '0')),
  emptyColumns: fc.nat(7),
  longStaleColumns: fc.nat(12),
  hasConsultationChannel: fc.boolean(),
  overdueMessages: fc.oneof(fc.constant(0), fc.nat(2)),
});
const quietMeasurements = {
  seriousIncident: false,
  unreachableShare: '0',
  emptyColumns: 0,
  longStaleColumns: 0,
  hasConsultationChannel: true,
  overdueMessages: 0,
};
const targetArb: fc.Arbitrary<InspectionTarget> = fc.record({
  isPortal: fc.boolean(),
  hasServiceFunctions: fc.boolean(),
});

/** A valid inspection: a rule set, a target, findings that fit both. */
const inspectionArb = fc.tuple(fc.constantFrom(...ruleSets), targetArb).chain(([ruleSet, target]) =>
  fc.record({
    ruleSet: fc.constant(ruleSet),
    target: fc.constant(target),
    measurements: fc.oneof(fc.constant(quietMeasurements), measurementsArb),
    findings: fc.array(
      fc.record({
        criterion: fc.constantFrom(...criteriaOf(ruleSet, target.hasServiceFunctions)),
        count: fc.nat(25),
      }),
      { maxLength: 12 },
    ),
    bonus: fc.array(fc.record({ criterion: fc.constantFrom(...bonusCriteria), count: fc.nat(5) }), {
      maxLength: 6,
    }),
  }),
);

const placesOf = (value: string) => (value.includes('.') ? value.split('.')[1]!.length : 0);

describe('inspections', () => {
  test('whole-unit arithmetic (the hot path) gives exactly what Decimal gives', () => {
    // the same rule set, compiled a second time with its unit plan switched off
    const decimalOnly = structuredClone(websiteInspection);
    const compiled = compileRuleSet(decimalOnly, 'inspection', new Issues())!;
    expect(compiled.unitScale).toBe(2);
    compiled.unitScale = null;
    fc.assert(
      fc.property(inspectionArb, (input) => {
        const units = scoreInspection({ ...input, ruleSet: websiteInspection });
        const exact = scoreInspection({ ...input, ruleSet: decimalOnly });
        expect(JSON.stringify(exact)).toBe(JSON.stringify(units));
      }),
      { numRuns: 300 },
    );
  });

  test('scores stay in [0, max], bonuses in [0, bonus max], shown at the declared places', () => {
    fc.assert(
      fc.property(inspectionArb, (input) => {
        const result = scoreInspection(input);
        const { places } = input.ruleSet.policy.rounding;
        if (result.score !== null && !result.vetoedScoreApplied) {
          const score = new Decimal(result.score);
          expect(score.gte(0) && score.lte(input.ruleSet.deductions!.points)).toBe(true);
          expect(placesOf(result.score)).toBeLessThanOrEqual(places);
        }
        if (result.bonus !== null) {
          const bonus = new Decimal(result.bonus);
          expect(bonus.gte(0) && bonus.lte(input.ruleSet.bonus!.points)).toBe(true);
          expect(new Decimal(result.total!).eq(new Decimal(result.score!).plus(bonus))).toBe(true);
        }
        for (const indicator of result.breakdown?.indicators ?? []) {
          if (indicator.awarded === null || !input.ruleSet.policy.capPerIndicator) continue;
          const awarded = new Decimal(indicator.awarded);
          expect(awarded.gte(0) && awarded.lte(indicator.max)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('adding a finding never raises the score or the total', () => {
    fc.assert(
      fc.property(inspectionArb, fc.nat(), fc.integer({ min: 1, max: 6 }), (input, pick, count) => {
        const criteria = criteriaOf(input.ruleSet, input.target.hasServiceFunctions);
        const more: Occurrence[] = [
          ...input.findings,
          { criterion: criteria[pick % criteria.length]!, count },
        ];
        const before = scoreInspection(input);
        const after = scoreInspection({ ...input, findings: more });
        expect(after.verdict === 'qualified' && before.verdict === 'unqualified').toBe(false);
        if (before.score === null) {
          expect(after.score).toBe(before.score);
          return;
        }
        expect(new Decimal(after.score!).lte(before.score)).toBe(true);
        expect(new Decimal(after.total!).lte(before.total!)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test('a triggered veto always fails, and only a triggered veto fails for reason "veto"', () => {
    fc.assert(
      fc.property(inspectionArb, measurementsArb, (input, measurements) => {
        const result = scoreInspection({ ...input, measurements });
        const triggered = result.vetoes.some((veto) => veto.triggered === true);
        expect(result.reason === 'veto').toBe(triggered);
        if (!triggered) return;
        expect(result.verdict).toBe('unqualified');
        expect(result.bonus).toBeNull();
        expect(result.score).toBe(input.ruleSet.policy.vetoedScore);
        expect(result.breakdown!.indicators.every((i) => i.awarded === null)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('new media: the verdict is the vetoes alone, never a score', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (seriousIncident, hasConsultationChannel) => {
        const result = scoreInspection({
          ruleSet: newMediaInspection,
          target: { isPortal: false, hasServiceFunctions: true },
          measurements: { seriousIncident, hasConsultationChannel },
          findings: [],
        });
        expect(result.score).toBeNull();
        expect(result.verdict).toBe(seriousIncident || !hasConsultationChannel ? 'unqualified' : 'qualified');
      }),
    );
  });
});

// --- assessments --------------------------------------------------------------------------------------------

const subItems = annualAssessment.areas.flatMap((a) => a.items.flatMap((i) => i.subItems));

const subItemInputArb = (sub: (typeof subItems)[number]): fc.Arbitrary<SubItemInput> => {
  const method = sub.method;
  const notApplicable = fc.constant({ notApplicable: true as const, reason: '不适用' });
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
              .integer({ min: 0, max: Number(sub.points) * 100 })
              .map((n) => ({ points: new Decimal(n).div(100).toFixed() }))
          : method.kind === 'ratio' || method.measure.unit === 'ratio'
            ? share.map((value) => ({ value }))
            : fc.integer({ min: 0, max: 12_000 }).map((n) => ({ value: new Decimal(n).div(100).toFixed() }));
  return fc.oneof({ weight: 8, arbitrary: given }, { weight: 1, arbitrary: notApplicable });
};

// keys left out (never set to undefined): a sub-item without input
const assessmentArb = fc.record(
  Object.fromEntries(subItems.map((sub) => [sub.id, subItemInputArb(sub)])) as Record<
    string,
    fc.Arbitrary<SubItemInput>
  >,
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, SubItemInput>>;

describe('assessments', () => {
  test('whole-unit arithmetic (the hot path) gives exactly what Decimal gives, in every rounding mode', () => {
    const modes = ['halfUp', 'halfEven', 'down', 'up'] as const;
    const variants = modes.flatMap((mode) =>
      [0, 1, 2].map((places) => {
        const ruleSet = assessmentRuleSet((data) => ({
          ...data,
          id: `leaf-${mode}-${places}`,
          policy: { ...data.policy, rounding: { places, mode, stage: 'leaf' } },
        }));
        // the same rule set, compiled a second time with its unit plan switched off
        const decimalOnly = structuredClone(ruleSet);
        const compiled = compileRuleSet(decimalOnly, 'assessment', new Issues())!;
        expect(compiled.leafUnitScale).toBe(places);
        compiled.leafUnitScale = null;
        return { ruleSet, decimalOnly };
      }),
    );
    // values also as numbers and as non-canonical text ("0.50", "07"), which take the same paths
    const respell = (inputs: Record<string, SubItemInput>, how: number): Record<string, SubItemInput> =>
      Object.fromEntries(
        Object.entries(inputs).map(([id, input]) => {
          if (how === 0) return [id, input];
          const spell = (v: string) =>
            how === 1 ? (Number(v) as unknown as string) : v.includes('.') ? `0${v}0` : `0${v}`;
          if ('value' in input) return [id, { value: spell(input.value) }];
          if ('points' in input) return [id, { points: spell(input.points) }];
          return [id, input];
        }),
      );
    fc.assert(
      fc.property(
        fc.constantFrom(...variants),
        assessmentArb,
        fc.nat(2),
        ({ ruleSet, decimalOnly }, inputs, how) => {
          const given = respell(inputs, how);
          const measurements = { politicalIncident: false, seriousSpotCheckFailures: 0 };
          const units = scoreAssessment({ ruleSet, inputs: given, measurements });
          const exact = scoreAssessment({ ruleSet: decimalOnly, inputs: given, measurements });
          expect(JSON.stringify(units)).toBe(JSON.stringify(exact));
        },
      ),
      { numRuns: 400 },
    );
  });

  test('awarded values stay in [0, max]; missing inputs are awaited, never 0', () => {
    fc.assert(
      fc.property(assessmentArb, (inputs) => {
        const result = scoreAssessment({
          ruleSet: annualAssessment,
          inputs,
          measurements: { politicalIncident: false, seriousSpotCheckFailures: 0 },
        });
        const missing = subItems.filter((sub) => !(sub.id in inputs)).map((sub) => sub.id);
        expect(result.awaitingInput).toEqual(missing);
        expect(result.complete).toBe(missing.length === 0);
        if (!result.complete) expect(result.grade).toBeNull();
        for (const sub of result.areas.flatMap((a) => a.items.flatMap((i) => i.subItems))) {
          if (sub.awarded === null) continue;
          expect(new Decimal(sub.awarded).gte(0) && new Decimal(sub.awarded).lte(sub.max)).toBe(true);
        }
        const score = new Decimal(result.score!);
        expect(score.gte(0) && score.lte(annualAssessment.total)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('another deduction never raises the total', () => {
    const deductIds = subItems.filter((s) => s.method.kind === 'deduct');
    fc.assert(
      fc.property(fc.constantFrom(...deductIds), fc.nat(5), fc.nat(), (sub, extra, pick) => {
        const criteria = sub.method.kind === 'deduct' ? sub.method.criteria : [];
        const criterion = criteria[pick % criteria.length]!.id;
        const at = (count: number) =>
          scoreAssessment({
            ruleSet: annualAssessment,
            inputs: { ...fullInputs, [sub.id]: { counts: { [criterion]: count } } },
            measurements: { politicalIncident: false, seriousSpotCheckFailures: 0 },
          });
        expect(new Decimal(at((pick % 4) + extra).total!).lte(at(pick % 4).total!)).toBe(true);
      }),
    );
  });

  test('a triggered veto always fails with the vetoed grade and no total', () => {
    fc.assert(
      fc.property(assessmentArb, fc.boolean(), fc.nat(4), (inputs, politicalIncident, failures) => {
        const result = scoreAssessment({
          ruleSet: annualAssessment,
          inputs,
          measurements: { politicalIncident, seriousSpotCheckFailures: failures },
        });
        const vetoed = politicalIncident || failures >= 2;
        expect(result.reason === 'veto').toBe(vetoed);
        if (vetoed) {
          expect(result.verdict).toBe('unqualified');
          expect(result.grade?.id).toBe('fail');
          expect(result.total).toBeNull();
        }
      }),
    );
  });
});

// --- robustness -----------------------------------------------------------------------------------------------

const junk = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  maxDepth: 3,
});
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid, junk);
const occurrenceJunk = fc.array(
  fc.oneof(
    fc.record({
      criterion: fc.oneof(fc.constantFrom(...criteriaOf(websiteInspection, true)), fc.string()),
      count: junk,
    }),
    junk,
  ),
  { maxLength: 4 },
);

/** Either a result or a ScoringInputError whose issues are all well formed: nothing else may escape. */
function resultOrInputError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringInputError);
    const { issues } = error as ScoringInputError;
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.code).toBe('string');
      expect(typeof issue.message).toBe('string');
      expect(typeof issue.messageZh).toBe('string');
    }
  }
}

describe('no input makes the scorers throw anything but a ScoringInputError', () => {
  test('scoreInspection', () => {
    const argument = fc.oneof(
      { weight: 1, arbitrary: junk },
      {
        weight: 6,
        arbitrary: fc.record(
          {
            ruleSet: maybe(fc.constantFrom(websiteInspection, newMediaInspection, annualAssessment)),
            target: maybe(targetArb),
            measurements: maybe(fc.oneof(measurementsArb, fc.dictionary(fc.string(), junk))),
            findings: maybe(occurrenceJunk),
            bonus: maybe(occurrenceJunk),
            locale: maybe(fc.constantFrom('zh', 'en')),
            unexpected: junk,
          },
          { requiredKeys: [] },
        ),
      },
    );
    fc.assert(
      fc.property(argument, (input) => resultOrInputError(() => scoreInspection(input as never))),
      { numRuns: 1000 },
    );
  });

  test('scoreAssessment', () => {
    const inputsJunk = fc.dictionary(
      fc.oneof(fc.constantFrom(...subItems.map((s) => s.id)), fc.string()),
      fc.oneof(
        junk,
        fc.record(
          {
            met: junk,
            counts: maybe(fc.dictionary(fc.string(), junk)),
            value: junk,
            points: junk,
            notApplicable: junk,
            reason: junk,
            note: junk,
          },
          { requiredKeys: [] },
        ),
      ),
    );
    const argument = fc.oneof(
      { weight: 1, arbitrary: junk },
      {
        weight: 6,
        arbitrary: fc.record(
          {
            ruleSet: maybe(fc.constantFrom(annualAssessment, websiteInspection)),
            inputs: fc.oneof(assessmentArb, inputsJunk, junk),
            measurements: maybe(
              fc.dictionary(fc.constantFrom('politicalIncident', 'seriousSpotCheckFailures', 'x'), junk),
            ),
            bonus: maybe(occurrenceJunk),
            locale: maybe(fc.constantFrom('zh', 'en')),
          },
          { requiredKeys: [] },
        ),
      },
    );
    fc.assert(
      fc.property(argument, (input) => resultOrInputError(() => scoreAssessment(input as never))),
      { numRuns: 1000 },
    );
  });

  test('rule sets that are almost right are reported, not thrown', () => {
    const mutated = fc
      .tuple(fc.constantFrom('deductions', 'policy', 'vetoes', 'measurements', 'bonus', 'id', 'kind'), junk)
      .map(([key, value]) => ({ ...structuredClone(websiteInspection), [key]: value }));
    fc.assert(
      fc.property(mutated, (ruleSet) =>
        resultOrInputError(() =>
          scoreInspection({
            ruleSet: ruleSet as never,
            target: { isPortal: true, hasServiceFunctions: true },
            measurements: quietMeasurements,
            findings: [],
          }),
        ),
      ),
      { numRuns: 200 },
    );
  });
});
