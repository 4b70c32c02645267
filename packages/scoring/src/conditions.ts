import type { ComparisonOperator, Condition, Confidence, Measurement, Veto } from '@kaohe/rules';
import { Decimal } from './decimal.js';
import { Issues, describeValue, isRecord, keyPath, ownKeys, readDecimal } from './checks.js';

// Measurements and veto conditions (单项否决): reading the measured values and evaluating every clause.

/** One leaf condition of a veto, with what was measured. */
export interface VetoClause {
  measurement: string;
  /** The measurement's title (Chinese), e.g. 空白栏目. */
  title: string;
  titleEn: string | null;
  kind: 'compare' | 'flag';
  /** For a flag, `=`: the clause triggers when the measured flag equals `threshold`. */
  op: ComparisonOperator;
  /** A decimal string for a comparison, a boolean for a flag. */
  threshold: string | boolean;
  /** The measured value (decimal string or boolean); null when not provided (assessments only). */
  measured: string | boolean | null;
  /** false when the value was not given: a flag then counts as false (not observed). */
  provided: boolean;
  measurementKind: Measurement['kind'];
  unit: string | null;
  /** null: cannot be decided yet (a numeric measurement is missing; assessments only). */
  triggered: boolean | null;
}

/** How the clauses combine: a clause index, or an any / all group. */
export type VetoLogic =
  | { clause: number }
  | { kind: 'any' | 'all'; title: string | null; triggered: boolean | null; of: VetoLogic[] };

export interface VetoResult {
  id: string;
  title: string;
  titleEn: string | null;
  confidence: Confidence;
  /** true: triggered (单项否决); null: undecided because a measurement is missing (assessments only). */
  triggered: boolean | null;
  /** Every leaf clause in the order the rule set declares them. */
  clauses: VetoClause[];
  logic: VetoLogic;
}

export type MeasuredValue =
  { kind: 'flag'; value: boolean } | { kind: 'number'; value: Decimal; text: string };

export interface CompiledMeasurements {
  byId: Map<string, Measurement>;
  /** Measurements read by a veto, in declaration order. */
  read: Measurement[];
}

type CompiledCondition =
  | {
      kind: 'compare';
      measurement: Measurement;
      op: ComparisonOperator;
      threshold: Decimal;
      thresholdText: string;
    }
  | { kind: 'flag'; measurement: Measurement; is: boolean }
  | { kind: 'any' | 'all'; title: string | null; of: CompiledCondition[] };

// a group's kind is 'any' | 'all', which `===` alone does not narrow away
function isGroup<C extends { kind: string }>(condition: C): condition is Extract<C, { kind: 'any' | 'all' }> {
  return condition.kind === 'any' || condition.kind === 'all';
}

export interface CompiledVeto {
  veto: Veto;
  when: CompiledCondition;
}

export function compileMeasurements(measurements: Measurement[], vetoes: Veto[]): CompiledMeasurements {
  const byId = new Map(measurements.map((m) => [m.id, m]));
  const readIds = new Set<string>();
  const visit = (condition: Condition): void => {
    if (isGroup(condition)) condition.of.forEach(visit);
    else readIds.add(condition.measurement);
  };
  vetoes.forEach((veto) => visit(veto.when));
  return { byId, read: measurements.filter((m) => readIds.has(m.id)) };
}

export function compileVetoes(vetoes: Veto[], measurements: CompiledMeasurements): CompiledVeto[] {
  const compile = (condition: Condition): CompiledCondition => {
    if (isGroup(condition)) {
      return { kind: condition.kind, title: condition.title ?? null, of: condition.of.map(compile) };
    }
    // the rule set is validated: every measurement a condition reads is declared
    const measurement = measurements.byId.get(condition.measurement)!;
    if (condition.kind === 'flag') return { kind: 'flag', measurement, is: condition.is };
    const threshold = new Decimal(condition.value);
    return { kind: 'compare', measurement, op: condition.op, threshold, thresholdText: threshold.toFixed() };
  };
  return vetoes.map((veto) => ({ veto, when: compile(veto.when) }));
}

/**
 * Reads `measurements` against the rule set. A flag that is not given counts as false (not observed);
 * a missing numeric measurement is an error when `requireNumeric` (inspections) and undecided otherwise.
 */
export function readMeasurements(
  raw: unknown,
  compiled: CompiledMeasurements,
  requireNumeric: boolean,
  issues: Issues,
): Map<string, MeasuredValue> {
  const values = new Map<string, MeasuredValue>();
  if (raw === undefined && !requireNumeric) return values;
  if (!isRecord(raw)) {
    issues.add(
      'measurements',
      'invalidArgument',
      `measurements must be an object of measurement id → value; got ${describeValue(raw)}`,
      `measurements 必须是“测量项编号 → 数值”的对象；实际为 ${describeValue(raw)}`,
    );
    return values;
  }
  for (const id of ownKeys(raw)) {
    const value = raw[id];
    if (value === undefined) continue;
    const path = keyPath('measurements', id);
    const measurement = compiled.byId.get(id);
    if (measurement === undefined) {
      issues.add(
        path,
        'unknownMeasurement',
        `unknown measurement "${id}"; the rule set declares ${listIds([...compiled.byId.keys()])}`,
        `未知测量项“${id}”；规则集中的测量项：${listIds([...compiled.byId.keys()])}`,
      );
      continue;
    }
    const read = readMeasurement(measurement, value, path, issues);
    if (read !== undefined) values.set(id, read);
  }
  if (requireNumeric) {
    for (const measurement of compiled.read) {
      if (
        measurement.kind !== 'boolean' &&
        !values.has(measurement.id) &&
        raw[measurement.id] === undefined
      ) {
        issues.add(
          keyPath('measurements', measurement.id),
          'missingMeasurement',
          `measurement "${measurement.id}" (${measurement.titleEn ?? measurement.title}) is required: a veto reads it`,
          `缺少测量项“${measurement.id}”（${measurement.title}）：单项否决需要该数值`,
        );
      }
    }
  }
  return values;
}

export const listIds = (ids: string[]): string =>
  ids.length === 0 ? '(none)' : ids.length > 12 ? `${ids.slice(0, 12).join(', ')}, …` : ids.join(', ');

function readMeasurement(
  measurement: Measurement,
  value: unknown,
  path: string,
  issues: Issues,
): MeasuredValue | undefined {
  if (measurement.kind === 'boolean') {
    if (typeof value === 'boolean') return { kind: 'flag', value };
    issues.add(
      path,
      'wrongType',
      `"${measurement.id}" is a yes/no measurement: give true or false; got ${describeValue(value)}`,
      `“${measurement.id}”是“是/否”测量项，应填 true 或 false；实际为 ${describeValue(value)}`,
    );
    return undefined;
  }
  if (typeof value === 'boolean') {
    issues.add(
      path,
      'wrongType',
      `"${measurement.id}" is a ${measurement.kind}, not a yes/no value; got ${value}`,
      `“${measurement.id}”是${kindZh[measurement.kind]}，不能填是/否；实际为 ${value}`,
    );
    return undefined;
  }
  const decimal = readDecimal(value, path, issues);
  if (decimal === undefined) return undefined;
  if (measurement.kind === 'count' && (decimal.isNegative() || !decimal.isInteger())) {
    issues.add(
      path,
      'invalidCount',
      `a count must be a whole number ≥ 0; got ${decimal.toFixed()}`,
      `计数必须是不小于 0 的整数；实际为 ${decimal.toFixed()}`,
    );
    return undefined;
  }
  if (measurement.kind === 'ratio' && (decimal.isNegative() || decimal.gt(1))) {
    issues.add(
      path,
      'outOfRange',
      `a ratio must lie in [0, 1]; got ${decimal.toFixed()}`,
      `比例必须在 [0, 1] 之间；实际为 ${decimal.toFixed()}`,
    );
    return undefined;
  }
  return { kind: 'number', value: decimal, text: decimal.isZero() ? '0' : decimal.toFixed() };
}

const kindZh: Record<Measurement['kind'], string> = {
  boolean: '是/否',
  count: '计数',
  ratio: '比例',
  number: '数值',
};

const compare = (value: Decimal, op: ComparisonOperator, threshold: Decimal): boolean => {
  const c = value.cmp(threshold);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '=':
      return c === 0;
  }
};

/** Evaluates every veto with three-valued logic: a missing numeric measurement leaves a clause undecided (null). */
export function evaluateVetoes(vetoes: CompiledVeto[], values: Map<string, MeasuredValue>): VetoResult[] {
  return vetoes.map(({ veto, when }) => {
    const clauses: VetoClause[] = [];
    const evaluate = (condition: CompiledCondition): { logic: VetoLogic; triggered: boolean | null } => {
      if (isGroup(condition)) {
        const parts = condition.of.map(evaluate);
        const results = parts.map((part) => part.triggered);
        const triggered =
          condition.kind === 'any'
            ? results.includes(true)
              ? true
              : results.includes(null)
                ? null
                : false
            : results.includes(false)
              ? false
              : results.includes(null)
                ? null
                : true;
        return {
          logic: { kind: condition.kind, title: condition.title, triggered, of: parts.map((p) => p.logic) },
          triggered,
        };
      }
      const { measurement } = condition;
      const value = values.get(measurement.id);
      let clause: VetoClause;
      if (condition.kind === 'flag') {
        const measured = value?.kind === 'flag' ? value.value : false;
        clause = {
          measurement: measurement.id,
          title: measurement.title,
          titleEn: measurement.titleEn ?? null,
          kind: 'flag',
          op: '=',
          threshold: condition.is,
          measured,
          provided: value !== undefined,
          measurementKind: measurement.kind,
          unit: measurement.unit ?? null,
          triggered: measured === condition.is,
        };
      } else {
        const number = value?.kind === 'number' ? value : undefined;
        clause = {
          measurement: measurement.id,
          title: measurement.title,
          titleEn: measurement.titleEn ?? null,
          kind: 'compare',
          op: condition.op,
          threshold: condition.thresholdText,
          measured: number === undefined ? null : number.text,
          provided: number !== undefined,
          measurementKind: measurement.kind,
          unit: measurement.unit ?? null,
          triggered: number === undefined ? null : compare(number.value, condition.op, condition.threshold),
        };
      }
      clauses.push(clause);
      return { logic: { clause: clauses.length - 1 }, triggered: clause.triggered };
    };
    const { logic, triggered } = evaluate(when);
    return {
      id: veto.id,
      title: veto.title,
      titleEn: veto.titleEn ?? null,
      confidence: veto.provenance.confidence,
      triggered,
      clauses,
      logic,
    };
  });
}
