import { getRuleSet, type InspectionRuleSet } from '@kaohe/rules';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateQuarter } from '../bench/generate.js';
import { Issues } from './checks.js';
import { cachedInspection } from './compile.js';
import { evaluateVetoes, readMeasurements } from './conditions.js';
import { ScoringInputError } from './errors.js';
import { scoreInspection } from './inspection.js';
import { paths } from './paths.js';
import {
  cleanMeasurements,
  newMediaInspection,
  spreadInspection,
  websiteInspection,
} from './test-support/fixtures.js';

// The code generated per rule set (generated.ts) against the generic reader it stands in for: it may decline an
// input (undefined: the generic reader runs), but whatever it accepts, the generic reader accepts too, with the
// same values and the same veto results.

const ruleSets: InspectionRuleSet[] = [
  websiteInspection,
  spreadInspection,
  newMediaInspection,
  getRuleSet('cn-2019-website-inspection'),
  getRuleSet('cn-2019-newmedia-inspection'),
];

const compiledOf = (ruleSet: InspectionRuleSet) => {
  const compiled = cachedInspection(ruleSet)!;
  expect(compiled.fast).not.toBeNull();
  return compiled;
};

/** Any value a caller might put in a measurement, the usual forms and the odd ones. */
const anyValue = fc.oneof(
  fc.boolean(),
  fc.nat(30),
  fc.integer({ min: -5, max: 2000 }),
  fc.constantFrom(0.05, 0.5, 1.5, -0, Number.NaN, Infinity, 2 ** 53, 1e21, 1e-7),
  fc.constantFrom('0', '1', '0.05', '0.050', '00.5', '1.0', '1.5', '-1', '-0.5', '5', '007', '1e3', '', ' 1'),
  fc.integer({ min: 0, max: 1000 }).map((n) => (n / 1000).toString()),
  fc.constantFrom(null, undefined, {}, [], '是'),
);

function generic(raw: unknown, ruleSet: InspectionRuleSet) {
  const issues = new Issues();
  const values = readMeasurements(raw, compiledOf(ruleSet).measurements, true, issues);
  return { values, issues: issues.list };
}

describe('the measurement reader generated per rule set', () => {
  test('accepts only what the generic reader accepts, with the same values', () => {
    const arb = fc.constantFrom(...ruleSets).chain((ruleSet) => {
      const ids = ruleSet.measurements.map((m) => m.id);
      return fc.tuple(
        fc.constant(ruleSet),
        fc.dictionary(fc.constantFrom(...ids, 'unknown', 'toString', '__proto__'), anyValue, {
          maxKeys: ids.length + 2,
        }),
        fc.subarray(ids),
      );
    });
    let accepted = 0;
    fc.assert(
      fc.property(arb, ([ruleSet, given, complete]) => {
        // half the time every measurement present (so that many inputs are accepted), with the odd values given
        const raw: Record<string, unknown> = {};
        for (const id of complete) raw[id] = cleanValue(ruleSet, id);
        Object.assign(raw, given);
        const fast = compiledOf(ruleSet).fast!.readMeasurements(raw);
        if (fast === undefined) return;
        accepted += 1;
        const expected = generic(raw, ruleSet);
        expect(expected.issues).toEqual([]);
        expect(fast).toEqual(expected.values);
        expect(compiledOf(ruleSet).fast!.evaluateVetoes(fast)).toEqual(
          evaluateVetoes(compiledOf(ruleSet).vetoes, expected.values),
        );
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  test('declines what is not a plain object, inherited keys and undefined values', () => {
    const { fast } = compiledOf(websiteInspection);
    const clean = { ...cleanMeasurements };
    expect(fast!.readMeasurements(clean)).toBeDefined();
    for (const odd of [
      null,
      [],
      'x',
      Object.assign(Object.create(null) as object, clean),
      Object.create(clean) as object,
      { ...clean, emptyColumns: undefined },
      { ...clean, unknown: 1 },
    ])
      expect(fast!.readMeasurements(odd)).toBeUndefined();
  });

  test('reads every input of a generated quarter, with the generic reader’s values and veto results', () => {
    const quarter = generateQuarter(11, { websites: 2000, newMedia: 3000, units: 0 });
    for (const input of [...quarter.websites, ...quarter.newMedia]) {
      const compiled = compiledOf(input.ruleSet);
      const fast = compiled.fast!.readMeasurements(input.measurements);
      expect(fast).toBeDefined();
      const expected = generic(input.measurements, input.ruleSet);
      expect(fast).toEqual(expected.values);
      const vetoes = compiled.fast!.evaluateVetoes(fast!);
      const reference = evaluateVetoes(compiled.vetoes, expected.values);
      expect(vetoes).toEqual(reference);
      // a shared (frozen) result is the very same object
      vetoes.forEach((veto, i) => {
        if (Object.isFrozen(reference[i])) expect(veto).toBe(reference[i]);
      });
    }
  });
});

/** A value in the usual form for measurement `id`. */
function cleanValue(ruleSet: InspectionRuleSet, id: string): unknown {
  const kind = ruleSet.measurements.find((m) => m.id === id)!.kind;
  return kind === 'boolean' ? false : kind === 'ratio' ? '0.01' : 0;
}

/** A result as JSON, or the issues of the ScoringInputError it threw. */
const outcome = (run: () => unknown): string => {
  try {
    return JSON.stringify(run());
  } catch (error) {
    if (error instanceof ScoringInputError) return JSON.stringify(error.issues);
    throw error;
  }
};

/** Runs `run` on the generic path only. */
const onGenericPath = <T>(run: () => T): T => {
  paths.lean = false;
  try {
    return run();
  } finally {
    paths.lean = true;
  }
};

describe('scoreInspection reads odd inputs as the generic reader does', () => {
  const base = () => ({
    ruleSet: websiteInspection,
    target: { isPortal: true, hasServiceFunctions: true, name: '某网站' },
    measurements: { ...cleanMeasurements } as Record<string, unknown>,
    findings: [{ criterion: 'typo', count: 2 }] as unknown[],
    bonus: [] as unknown[],
  });
  const odd: [string, () => unknown][] = [
    ['an extra key', () => ({ ...base(), extra: 1 })],
    ['an inherited key', () => Object.assign(Object.create({ locale: 'en' }) as object, base())],
    ['English', () => ({ ...base(), locale: 'en' })],
    ['an unknown locale', () => ({ ...base(), locale: 'fr' })],
    ['a target with an extra key', () => ({ ...base(), target: { ...base().target, level: 1 } })],
    ['a target name that is not a string', () => ({ ...base(), target: { ...base().target, name: 3 } })],
    [
      'a target flag that is not a boolean',
      () => ({ ...base(), target: { isPortal: 1, hasServiceFunctions: true } }),
    ],
    [
      'a finding with a note',
      () => ({ ...base(), findings: [{ criterion: 'typo', count: 1, note: '首页' }] }),
    ],
    ['an unknown finding', () => ({ ...base(), findings: [{ criterion: 'nope', count: 1 }] })],
    ['a fractional count', () => ({ ...base(), findings: [{ criterion: 'typo', count: 1.5 }] })],
    ['findings that are not a list', () => ({ ...base(), findings: {} })],
    ['no bonus key', () => ({ ...base(), bonus: undefined })],
    ['a bonus that is not a list', () => ({ ...base(), bonus: 'x' })],
    [
      'a measurement given twice as odd values',
      () => ({ ...base(), measurements: { ...cleanMeasurements, emptyColumns: '5' } }),
    ],
    ['a missing measurement', () => ({ ...base(), measurements: { unreachableShare: '0' } })],
    [
      'a service finding on a target without service functions',
      () => ({
        ...base(),
        target: { isPortal: false, hasServiceFunctions: false },
        findings: [{ criterion: 'guideInaccurate', count: 1 }],
      }),
    ],
    ['a rule set that is not one', () => ({ ...base(), ruleSet: {} })],
    ['an assessment rule set', () => ({ ...base(), ruleSet: getRuleSet('gansu-2019-annual-assessment') })],
  ];
  test.each(odd)('%s', (_, input) => {
    const given = input();
    expect(outcome(() => scoreInspection(given as never))).toBe(
      outcome(() => onGenericPath(() => scoreInspection(given as never))),
    );
  });
});

describe('scoreInspection reads odd new-media inputs as the generic reader does', () => {
  // a rule set without a deduction table takes its own common path (commonVetoesOnly in inspection.ts)
  const base = () => ({
    ruleSet: getRuleSet('cn-2019-newmedia-inspection'),
    target: { isPortal: false, hasServiceFunctions: true },
    measurements: {
      seriousMisstatement: false,
      stateSecretLeak: false,
      illegalContent: false,
      falsification: false,
      negativeOpinion: false,
      updatesInTwoWeeks: 3,
      hasInteractionFunction: true,
    } as Record<string, unknown>,
    findings: [] as unknown[],
  });
  const odd: [string, () => unknown][] = [
    ['the common input', base],
    [
      'a name and English',
      () => ({ ...base(), target: { ...base().target, name: '某公众号' }, locale: 'en' }),
    ],
    [
      'a vetoed account',
      () => ({ ...base(), measurements: { ...base().measurements, updatesInTwoWeeks: 0 } }),
    ],
    ['a finding (no deduction table)', () => ({ ...base(), findings: [{ criterion: 'typo', count: 1 }] })],
    ['an empty finding', () => ({ ...base(), findings: [{}] })],
    ['findings that are not a list', () => ({ ...base(), findings: {} })],
    ['no findings', () => ({ ...base(), findings: undefined })],
    ['an empty bonus list', () => ({ ...base(), bonus: [] })],
    ['a bonus (no bonus table)', () => ({ ...base(), bonus: [{ criterion: 'typo', count: 1 }] })],
    ['a bonus that is not a list', () => ({ ...base(), bonus: 'x' })],
    ['an extra key', () => ({ ...base(), extra: 1 })],
    ['a missing measurement', () => ({ ...base(), measurements: { updatesInTwoWeeks: 3 } })],
    [
      'a count as a string',
      () => ({ ...base(), measurements: { ...base().measurements, updatesInTwoWeeks: '3' } }),
    ],
  ];
  test.each(odd)('%s', (_, input) => {
    const given = input();
    expect(outcome(() => scoreInspection(given as never))).toBe(
      outcome(() => onGenericPath(() => scoreInspection(given as never))),
    );
  });
});
