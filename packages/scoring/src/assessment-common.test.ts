import { getRuleSet, type AssessmentRuleSet, type SubItem } from '@kaohe/rules';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateQuarter } from '../bench/generate.js';
import { scoreAssessment, type ScoreAssessmentInput } from './assessment.js';
import { commonReading, readCommonInputs } from './assessment-common.js';
import { Issues } from './checks.js';
import { compileRuleSet } from './compile.js';
import { ScoringInputError } from './errors.js';
import { annualAssessment, assessmentRuleSet, fullInputs } from './test-support/fixtures.js';

// The common reading of an assessment's inputs (assessment-common.ts) against the generic reader it stands in
// for: it may decline an input (the generic reader then reads it), but a unit scored with it must come out
// exactly as without it, field for field (every lazy field read through JSON), and an input with a problem
// must get the same issues.

const ruleSets: AssessmentRuleSet[] = [
  annualAssessment,
  getRuleSet('gansu-2019-annual-assessment'),
  ...(['halfEven', 'down', 'up'] as const).flatMap((mode) =>
    [0, 1, 3].map((places) =>
      assessmentRuleSet((data) => ({
        ...data,
        id: `common-${mode}-${places}`,
        policy: { ...data.policy, rounding: { places, mode, stage: 'leaf' } },
      })),
    ),
  ),
];

const subItemsOf = (ruleSet: AssessmentRuleSet): SubItem[] =>
  ruleSet.areas.flatMap((area) => area.items.flatMap((item) => item.subItems));

/** The outcome of scoring: the whole result as JSON, or the issues reported. */
function outcome(input: ScoreAssessmentInput): string {
  try {
    return JSON.stringify(scoreAssessment(input));
  } catch (error) {
    if (!(error instanceof ScoringInputError)) throw error;
    return JSON.stringify(error.issues);
  }
}

function withoutCommonReading<T>(run: () => T): T {
  commonReading.enabled = false;
  try {
    return run();
  } finally {
    commonReading.enabled = true;
  }
}

/** Both ways; answers whether the common reading took the input. */
function expectSameBothWays(input: ScoreAssessmentInput): boolean {
  const compiled = compileRuleSet(input.ruleSet, 'assessment', new Issues())!;
  const taken =
    readCommonInputs(input.inputs, compiled, {
      entry: () => null,
      units: () => null,
    }) !== undefined;
  const common = outcome(input);
  const generic = withoutCommonReading(() => outcome(input));
  expect(common).toBe(generic);
  return taken;
}

const decimalText = fc.oneof(
  fc.integer({ min: 0, max: 13_000 }).map((n) => (n / 100).toString()),
  fc.integer({ min: 0, max: 1000 }).map((n) => (n / 1000).toString()),
  fc.constantFrom('0', '1', '1.0', '0.50', '007', '00.5', '60', '59.99', '0.95', '0.8', '0.9', '100', '130'),
  fc.constantFrom('-1', '-0.5', '1.5', '1e3', '', ' 1', '0x10', '12345678901234567', '0.1234567890123456'),
);
const anyNumber = fc.oneof(
  fc.integer({ min: -3, max: 130 }),
  fc.constantFrom(0.5, 0.95, 1.5, -0, Number.NaN, Infinity, 2 ** 53, 1e21, 1e-7, 89.99),
);
const junk = fc.constantFrom<unknown>(null, 'x', 5, true, [], {}, [1], () => 1);

/** A sub-item's input: the common form (clean: with a valid value), or, unless clean, often something odd. */
function subItemValue(sub: SubItem, clean: boolean): fc.Arbitrary<unknown> {
  const { method } = sub;
  let common: fc.Arbitrary<Record<string, unknown>>;
  let key: string;
  switch (method.kind) {
    case 'check':
      key = 'met';
      common = fc.record({ met: clean ? fc.boolean() : fc.oneof(fc.boolean(), fc.boolean(), junk) });
      break;
    case 'deduct': {
      key = 'counts';
      const ids = method.criteria.map((c) => c.id);
      const count = fc.oneof(
        fc.nat(4),
        fc.nat(4),
        fc.constantFrom<unknown>(-1, 1.5, 2 ** 52, 2 ** 53, Number.MAX_SAFE_INTEGER, '1', undefined, null),
      );
      const good = fc.oneof(fc.nat(4), fc.constantFrom(2 ** 40, 2 ** 52, Number.MAX_SAFE_INTEGER));
      common = fc.record({
        counts: clean
          ? fc.dictionary(fc.constantFrom(...ids), good, { maxKeys: ids.length })
          : fc.oneof(
              fc.dictionary(fc.constantFrom(...ids), count, { maxKeys: ids.length }),
              fc.dictionary(fc.constantFrom(...ids, 'unknown', '__proto__', 'toString'), count, {
                maxKeys: 3,
              }),
              // a criterion not enumerable or inherited, beside an unknown one (as many keys as it has)
              fc.constant(Object.defineProperty({ unknown: 1 }, ids[0]!, { value: 1, enumerable: false })),
              fc.constant(Object.assign(Object.create({ [ids[0]!]: 1 }) as object, { unknown: 1 })),
              junk,
            ),
      });
      break;
    }
    case 'bands':
    case 'ratio': {
      key = 'value';
      const share = fc.integer({ min: 0, max: 1000 }).map((n) => (n / 1000).toString());
      // at and just above 1, where a ratio turns into a problem
      const nearOne = fc.constantFrom('0.999', '1', '1.0', '1.001', '1.01', '1.5', '2', '10', '01', '0.0');
      const ratio = method.kind === 'ratio' || method.measure.unit === 'ratio';
      common = fc.record({
        value: clean
          ? ratio
            ? fc.oneof(share, fc.constantFrom('1', '0.50', '0.8', '0.9', '0.95'))
            : fc.integer({ min: 0, max: 13_000 }).map((n) => (n / 100).toString())
          : fc.oneof(decimalText, decimalText, anyNumber, ...(ratio ? [nearOne] : []), junk),
      });
      break;
    }
    case 'manual': {
      key = 'points';
      const max = Number(sub.points) * 100;
      // at and just above the sub-item's points, where accepting turns into a problem
      const near = fc
        .constantFrom(max - 1, max, max + 1, max + 50, max + 100)
        .map((n) => (n / 100).toString());
      common = fc.record({
        points: clean
          ? fc.integer({ min: 0, max }).map((n) => (n / 100).toString())
          : fc.oneof(decimalText, decimalText, anyNumber, near, junk),
      });
      break;
    }
  }
  if (clean) return common;
  const odd = fc.oneof(
    // a note, valid or not
    common.chain((value) =>
      fc.constantFrom<unknown>(
        { ...value, note: '说明' },
        { ...value, note: 5 },
        { ...value, note: undefined },
      ),
    ),
    // not applicable, valid or not, or mixed with the method's key
    fc.constantFrom<unknown>(
      { notApplicable: true, reason: '本年度无此项' },
      { notApplicable: true, reason: '本年度无此项', note: '见附件' },
      { notApplicable: true, reason: '' },
      { notApplicable: true },
      { notApplicable: false, reason: 'x' },
      { notApplicable: true, reason: 'x', [key]: 1 },
    ),
    // another method's key, an unknown key, the key twice over (inherited), junk
    common.map((value) => ({ ...value, extra: 1 })),
    common.map((value) => ({ [key === 'value' ? 'points' : 'value']: Object.values(value)[0] })),
    common.map((value) => Object.create(value) as unknown),
    common.map((value) => Object.assign(Object.create(null) as object, value)),
    common.map((value) => Object.assign(Object.create({ note: 'inherited' }) as object, value)),
    common.map((value) => Object.assign(Object.create({ notApplicable: true }) as object, value)),
    common.map((value) =>
      Object.defineProperty({ ...value }, 'notApplicable', { value: true, enumerable: false }),
    ),
    common.map((value) =>
      Object.defineProperty({ ...value }, 'note', { value: 'hidden', enumerable: false }),
    ),
    common.map((value) => Object.defineProperty({}, key, { value: value[key], enumerable: false })),
    common.map((value) => Object.assign([], value)),
    junk,
  );
  return fc.oneof({ weight: 6, arbitrary: common }, { weight: 2, arbitrary: odd });
}

/**
 * A unit's inputs: in rule-set order or shuffled, with sub-items left out, unknown keys, odd containers; clean:
 * only in the common form with valid values, as the common reading takes them.
 */
function inputsArb(ruleSet: AssessmentRuleSet, clean: boolean): fc.Arbitrary<unknown> {
  const subs = subItemsOf(ruleSet);
  const entries = fc.tuple(
    ...subs.map((sub) =>
      fc.oneof(
        { weight: 8, arbitrary: subItemValue(sub, clean).map((value) => [sub.id, value] as const) },
        { weight: 1, arbitrary: fc.constant([sub.id, undefined] as const) },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
    ),
  );
  return fc
    .tuple(
      entries,
      fc.boolean(),
      clean
        ? fc.constant('plain')
        : fc.constantFrom(
            'plain',
            'plain',
            'plain',
            'unknown',
            'undefined',
            'hidden',
            'hiddenBesideUnknown',
            'inherited',
            'inheritedBesideUnknown',
            'nullProto',
          ),
    )
    .map(([pairs, shuffle, container]) => {
      const given = pairs.filter((pair) => pair !== null);
      if (shuffle) given.reverse();
      const inputs: Record<string, unknown> = {};
      for (const [id, value] of given) inputs[id] = value;
      switch (container) {
        case 'unknown':
          inputs.Z9 = { met: true };
          return inputs;
        case 'undefined':
          inputs.Z9 = undefined;
          return inputs;
        case 'hidden':
        case 'hiddenBesideUnknown': {
          // one sub-item's key not enumerable: the generic reader does not see it (but an unknown key)
          const id = given[0]?.[0];
          if (id !== undefined) Object.defineProperty(inputs, id, { value: inputs[id], enumerable: false });
          if (container === 'hiddenBesideUnknown') inputs.Z9 = { met: true };
          return inputs;
        }
        case 'inheritedBesideUnknown': {
          // one sub-item inherited, an unknown key in its place
          const [first, ...rest] = given;
          if (first === undefined) return inputs;
          const base = Object.create({ [first[0]]: first[1] }) as Record<string, unknown>;
          return Object.assign(base, Object.fromEntries(rest), { Z9: { met: true } });
        }
        case 'inherited':
          return Object.create(inputs) as unknown;
        case 'nullProto':
          return Object.assign(Object.create(null) as object, inputs);
        default:
          return inputs;
      }
    });
}

describe('the common reading of assessment inputs', () => {
  test('scores exactly as the generic reader does, and reports the same issues, on odd inputs', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...ruleSets).chain((ruleSet) =>
          fc.tuple(
            fc.constant(ruleSet),
            fc.boolean().chain((clean) => inputsArb(ruleSet, clean)),
            fc.constantFrom<'zh' | 'en'>('zh', 'en'),
            fc.boolean(),
          ),
        ),
        ([ruleSet, inputs, locale, vetoed]) => {
          runs += 1;
          const measurements: Record<string, boolean | number> =
            ruleSet.id === 'gansu-2019-annual-assessment'
              ? { seriousIncident: vetoed, seriousMisstatementFailures: 0 }
              : { politicalIncident: vetoed, seriousSpotCheckFailures: 0 };
          if (
            expectSameBothWays({
              ruleSet,
              inputs: inputs as ScoreAssessmentInput['inputs'],
              measurements,
              locale,
            })
          )
            taken += 1;
        },
      ),
      { numRuns: 3000 },
    );
    // enough inputs in the common form that the comparison means something
    expect(taken).toBeGreaterThan(runs / 10);
  });

  test('one odd value in an otherwise clean unit: scored or reported exactly as by the generic reader', () => {
    // one sub-item at a time, so that no other sub-item's problem hides how this one is read
    fc.assert(
      fc.property(
        fc.constantFrom(...ruleSets).chain((ruleSet) => {
          const subs = subItemsOf(ruleSet);
          return fc.tuple(
            fc.constant(ruleSet),
            inputsArb(ruleSet, true),
            fc
              .integer({ min: 0, max: subs.length - 1 })
              .chain((at) => fc.tuple(fc.constant(subs[at]!.id), subItemValue(subs[at]!, false))),
          );
        }),
        ([ruleSet, inputs, [id, value]]) => {
          const measurements: Record<string, boolean | number> =
            ruleSet.id === 'gansu-2019-annual-assessment'
              ? { seriousIncident: false, seriousMisstatementFailures: 0 }
              : { politicalIncident: false, seriousSpotCheckFailures: 0 };
          expectSameBothWays({
            ruleSet,
            inputs: { ...(inputs as Record<string, unknown>), [id]: value } as ScoreAssessmentInput['inputs'],
            measurements,
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('declines what the generic reader reads otherwise (hidden and inherited keys, odd containers)', () => {
    const compiled = compileRuleSet(annualAssessment, 'assessment', new Issues())!;
    const reading = { entry: () => null, units: () => null };
    const read = (inputs: unknown) => readCommonInputs(inputs, compiled, reading);
    expect(read({ ...fullInputs })).toBeDefined();
    for (const odd of [
      null,
      [],
      'x',
      Object.create({ ...fullInputs }) as object,
      { ...fullInputs, Z9: { met: true } },
      { ...fullInputs, Z9: undefined },
      Object.defineProperty({ ...fullInputs }, 'A1.1', { value: { value: '92' }, enumerable: false }),
      { ...fullInputs, 'B1.1': Object.defineProperty({ met: true }, 'notApplicable', { value: true }) },
      {
        ...fullInputs,
        'B1.1': Object.assign(Object.create({ note: '继承的说明' }) as object, { met: true }),
      },
      { ...fullInputs, 'B1.1': { met: true, note: '说明' } },
      { ...fullInputs, 'A2.2': { counts: { unresolved: 2, other: 1 } } },
      { ...fullInputs, 'A2.2': { counts: [2] } },
    ]) {
      // the generic reader stands in for the odd sub-item, answering null (a problem): declined
      expect(read(odd)).toBeUndefined();
    }
  });

  test('reads every unit of a generated quarter, and scores it as the generic reader does', () => {
    const quarter = generateQuarter(5, { websites: 0, newMedia: 0, units: 600 });
    let taken = 0;
    for (const unit of quarter.units) {
      const compiled = compileRuleSet(unit.assessment.ruleSet, 'assessment', new Issues())!;
      const read = readCommonInputs(unit.assessment.inputs, compiled, {
        entry: (sub, raw) => ({ input: { kind: 'notApplicable', reason: String(raw) }, note: sub.id }),
        units: () => 0,
      });
      if (read !== undefined) taken += 1;
      expect(expectSameBothWays(unit.assessment)).toBe(
        Object.values(unit.assessment.inputs).every((input) => !('notApplicable' in input)),
      );
    }
    expect(taken).toBe(quarter.units.length);
  });
});
