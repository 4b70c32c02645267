import type { Measurement } from '@kaohe/rules';
import {
  compareCanonical,
  plainDecimal,
  readFlag,
  smallWholes,
  vetoWithKey,
  wholeNumber,
  wholeValue,
  type CompiledMeasurements,
  type CompiledVeto,
  type MeasuredValue,
  type MeasuredValues,
  type VetoResult,
} from './conditions.js';
import { hasOwn } from './checks.js';

// Code generated per rule set for the common input (every key known, every value in its usual form): reading the
// measurements and keying each veto's shared result. Each rule set gets its own small straight-line functions,
// so V8 keeps separate type feedback per rule set and compiles them quickly, instead of one generic loop that
// sees every rule set's shapes. The generated code only ever accepts what the generic reader accepts, with the
// same values; for anything else it answers undefined and the generic reader (which reports every problem) runs.
// Only positions, counts and JSON-quoted measurement ids go into the source; everything else is passed as data.

/** Reads measurements in the common form; undefined: not the common form (the generic reader decides). */
export type FastMeasurementReader = (raw: unknown) => MeasuredValues | undefined;
/** Every veto's result, as evaluateVetoes gives it. */
export type FastVetoEvaluator = (values: MeasuredValues) => VetoResult[];

/** A numeric value in its common form (a whole number, or a plain non-negative decimal); undefined otherwise. */
function readNumber(kind: Measurement['kind'], value: unknown): MeasuredValue | undefined {
  const int = wholeNumber(value);
  if (int !== null)
    return (int >= 0 || kind === 'number') && (int <= 1 || kind !== 'ratio') ? wholeValue(int) : undefined;
  if (typeof value === 'boolean') return undefined;
  const plain = plainDecimal(value);
  return plain !== null &&
    (kind !== 'count' || !plain.includes('.')) &&
    (kind !== 'ratio' || compareCanonical(plain, '1') <= 0)
    ? { kind: 'number', text: plain, int: null, decimal: null }
    : undefined;
}

// one function per kind, so that each call site in generated code sees one kind
const readCount = (value: unknown) => readNumber('count', value);
const readRatio = (value: unknown) => readNumber('ratio', value);
const readPlainNumber = (value: unknown) => readNumber('number', value);

/** A measurement id that is safe to read as `raw[<JSON>]` (not a key that reaches the prototype). */
const safeKey = (id: string) => id !== '__proto__' && id !== 'constructor' && !(id in Object.prototype);

function generate(parameters: string[], body: string, values: unknown[]): unknown {
  try {
    // the source holds positions, counts and JSON-quoted ids only; every other value is passed as a parameter
    return new Function(...parameters, body)(...values) as unknown;
  } catch {
    // e.g. a Content-Security-Policy without 'unsafe-eval': the generic code serves
    return undefined;
  }
}

export function measurementReader(compiled: CompiledMeasurements): FastMeasurementReader | null {
  const { list, read } = compiled;
  if (!list.every((m) => safeKey(m.id))) return null;
  const required = new Set(read.filter((m) => m.kind !== 'boolean').map((m) => m.id));
  const lines: string[] = [
    'return function readMeasurements(raw) {',
    '  if (raw === null || typeof raw !== "object" || getPrototypeOf(raw) !== objectPrototype) return undefined;',
    '  let keys = 0;',
    '  for (const key in raw) {',
    '    if (!hasOwn.call(raw, key)) return undefined;',
    '    keys += 1;',
    '  }',
    `  const values = new Array(${list.length});`,
    '  let seen = 0;',
    '  let value;',
    '  let read;',
  ];
  // the usual values (true, false, a small whole number) are read in line, as readFlag and wholeValue read them;
  // any other value by a call (so the optimising compiler inlines the readers only where other values occur)
  list.forEach((measurement, index) => {
    lines.push(`  value = raw[${JSON.stringify(measurement.id)}];`);
    lines.push('  if (value !== undefined) {');
    lines.push('    seen += 1;');
    // one store per measurement: a store that only a rare value reaches would have no type feedback when the
    // optimising compiler first sees it (and be deoptimised by the first such value)
    if (measurement.kind === 'boolean') {
      lines.push('    if (value === true) read = flagTrue;');
      lines.push('    else if (value === false) read = flagFalse;');
      lines.push('    else return undefined;');
    } else {
      const reader =
        measurement.kind === 'count'
          ? 'readCount'
          : measurement.kind === 'ratio'
            ? 'readRatio'
            : 'readNumber';
      const largest = measurement.kind === 'ratio' ? 1 : smallWholes.length - 1;
      lines.push(
        `    if (typeof value === "number" && value >= 0 && value <= ${largest} && floor(value) === value)`,
        '      read = smallWholes[value];',
        '    else {',
        `      read = ${reader}(value);`,
        '      if (read === undefined) return undefined;',
        '    }',
      );
    }
    lines.push(`    values[${index}] = read;`);
    lines.push(required.has(measurement.id) ? '  } else return undefined;' : '  }');
  });
  lines.push('  return seen === keys ? values : undefined;', '};');
  const reader = generate(
    [
      'hasOwn',
      'getPrototypeOf',
      'objectPrototype',
      'floor',
      'flagTrue',
      'flagFalse',
      'smallWholes',
      'readCount',
      'readRatio',
      'readNumber',
    ],
    lines.join('\n'),
    [
      hasOwn,
      Object.getPrototypeOf,
      Object.prototype,
      Math.floor,
      readFlag(true),
      readFlag(false),
      smallWholes,
      readCount,
      readRatio,
      readPlainNumber,
    ],
  );
  return typeof reader === 'function' ? (reader as FastMeasurementReader) : null;
}

/**
 * The vetoes of a rule set: each veto's state key computed as stateKey does (see conditions.ts), straight-line,
 * then the result shared by targets in that state, or a fresh evaluation (vetoWithKey) when there is none.
 */
export function vetoEvaluator(vetoes: CompiledVeto[]): FastVetoEvaluator | null {
  const lines: string[] = [
    'return function evaluateVetoes(values) {',
    '  let value;',
    '  let state;',
    '  let key;',
  ];
  const results: string[] = [];
  vetoes.forEach((veto, at) => {
    const result = `result${at}`;
    results.push(result);
    lines.push(`  let ${result};`);
    if (veto.leaves === null) {
      lines.push(`  ${result} = vetoWithKey(veto${at}, values, null);`);
      return;
    }
    const single = veto.leaves.length === 1;
    lines.push('  key = 0;', `  k${at}: {`);
    for (const leaf of veto.leaves) {
      lines.push(`    value = values[${leaf.index}];`);
      lines.push('    if (value === undefined) state = 0;');
      if (leaf.kind === 'flag') {
        lines.push('    else if (value === flagTrue) state = 2;');
        lines.push('    else if (value === flagFalse) state = 1;');
        lines.push(`    else { key = null; break k${at}; }`);
      } else {
        lines.push(`    else if (value.kind !== "number") { key = null; break k${at}; }`);
        lines.push(`    else if (value.int !== null && value.int >= 0 && value.int < ${leaf.states - 1})`);
        lines.push('      state = value.int + 1;');
        lines.push(`    else { key = ${single ? 'value.text' : 'null'}; break k${at}; }`);
      }
      lines.push(`    key = key * ${leaf.states} + state;`);
    }
    lines.push('  }');
    // a numeric key is below the dense array's length (the number of combinations); a text key (one
    // comparison with another value) is only in the map
    if (veto.dense === null) lines.push(`  if (key !== null) ${result} = shared${at}.get(key);`);
    else if (single && veto.leaves[0]!.kind === 'compare')
      lines.push(
        `  if (key !== null) ${result} = typeof key === "number" ? dense${at}[key] : shared${at}.get(key);`,
      );
    else lines.push(`  if (key !== null) ${result} = dense${at}[key];`);
    lines.push(`  if (${result} === undefined) ${result} = vetoWithKey(veto${at}, values, key);`);
  });
  lines.push(`  return [${results.join(', ')}];`, '};');
  const evaluator = generate(
    [
      'vetoWithKey',
      'flagTrue',
      'flagFalse',
      ...vetoes.map((_, at) => `veto${at}`),
      ...vetoes.map((_, at) => `shared${at}`),
      ...vetoes.map((_, at) => `dense${at}`),
    ],
    lines.join('\n'),
    [
      vetoWithKey,
      readFlag(true),
      readFlag(false),
      ...vetoes,
      ...vetoes.map((veto) => veto.shared),
      ...vetoes.map((veto) => veto.dense),
    ],
  );
  return typeof evaluator === 'function' ? (evaluator as FastVetoEvaluator) : null;
}
