import type { ComparisonOperator, Condition, Confidence, Measurement, Veto } from '@kaohe/rules';
import { Decimal } from './decimal.js';
import { Issues, describeValue, hasOwn, isRecord, keyPath, readDecimal } from './checks.js';

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

/**
 * A read measurement. Numbers keep their canonical text; whole numbers also as `int`, and only values that are
 * neither whole nor plain non-negative decimals are held as a Decimal: most comparisons need no arithmetic.
 */
export type MeasuredValue =
  | { kind: 'flag'; value: boolean }
  | { kind: 'number'; text: string; int: number | null; decimal: Decimal | null };

/** Read values by measurement position (see CompiledMeasurements.indexOf); undefined when not given. */
export type MeasuredValues = (MeasuredValue | undefined)[];

export interface CompiledMeasurements {
  byId: Map<string, Measurement>;
  /** measurement id → position in a MeasuredValues array */
  indexOf: Map<string, number>;
  list: Measurement[];
  /** Measurements read by a veto, in declaration order. */
  read: Measurement[];
  /** their positions */
  readIndex: number[];
  /**
   * The keys of the last measurements read, in order, with their positions: inputs built the same way list their
   * keys in the same order, so a key is found by comparing it with the one at the same place (see indexOfKey).
   */
  lastKeys: string[];
  lastIndex: (number | undefined)[];
}

type CompiledCondition =
  | {
      kind: 'compare';
      measurement: Measurement;
      index: number;
      op: ComparisonOperator;
      threshold: Decimal;
      /** the threshold as a number when it is a safe whole number */
      thresholdInt: number | null;
      /** canonical text */
      thresholdText: string;
      /** the threshold is ≥ 0, so its text compares with compareCanonical */
      thresholdPlain: boolean;
    }
  | { kind: 'flag'; measurement: Measurement; index: number; is: boolean }
  | { kind: 'any' | 'all'; title: string | null; of: CompiledCondition[] };

type CompiledCompare = Extract<CompiledCondition, { kind: 'compare' }>;

// a group's kind is 'any' | 'all', which `===` alone does not narrow away
function isGroup<C extends { kind: string }>(condition: C): condition is Extract<C, { kind: 'any' | 'all' }> {
  return condition.kind === 'any' || condition.kind === 'all';
}

export interface CompiledVeto {
  veto: Veto;
  when: CompiledCondition;
  /** `when` as a closure over its constants (see compileEvaluator) */
  evaluate: Evaluator;
  /** the result's constant fields */
  title: string;
  titleEn: string | null;
  confidence: Confidence;
  /** The leaves in clause order, with the size of each one's state (see stateKey); null: results not shared. */
  leaves: { kind: 'flag' | 'compare'; index: number; states: number }[] | null;
  /** Frozen results shared by every target in the same state, keyed by stateKey. */
  shared: Map<number | string, VetoResult>;
  /**
   * The same results by numeric key, in an array as long as there are numeric keys (an element read is much
   * cheaper than Map#get); null when there are too many (then only `shared` has them).
   */
  dense: (VetoResult | undefined)[] | null;
}

/** Evaluates a condition: appends its leaf clauses, sets lastTriggered, returns its logic node. */
type Evaluator = (values: MeasuredValues, clauses: VetoClause[]) => VetoLogic;

export function compileMeasurements(measurements: Measurement[], vetoes: Veto[]): CompiledMeasurements {
  const byId = new Map(measurements.map((m) => [m.id, m]));
  const readIds = new Set<string>();
  const visit = (condition: Condition): void => {
    if (isGroup(condition)) condition.of.forEach(visit);
    else readIds.add(condition.measurement);
  };
  vetoes.forEach((veto) => visit(veto.when));
  const indexOf = new Map(measurements.map((m, index) => [m.id, index]));
  const read = measurements.filter((m) => readIds.has(m.id));
  return {
    byId,
    indexOf,
    list: measurements,
    read,
    readIndex: read.map((m) => indexOf.get(m.id)!),
    lastKeys: [],
    lastIndex: [],
  };
}

export function compileVetoes(vetoes: Veto[], measurements: CompiledMeasurements): CompiledVeto[] {
  const compile = (condition: Condition): CompiledCondition => {
    if (isGroup(condition)) {
      return { kind: condition.kind, title: condition.title ?? null, of: condition.of.map(compile) };
    }
    // the rule set is validated: every measurement a condition reads is declared
    const measurement = measurements.byId.get(condition.measurement)!;
    const index = measurements.indexOf.get(condition.measurement)!;
    if (condition.kind === 'flag') return { kind: 'flag', measurement, index, is: condition.is };
    const threshold = new Decimal(condition.value);
    const thresholdInt =
      threshold.isInteger() && threshold.abs().lte(Number.MAX_SAFE_INTEGER) ? threshold.toNumber() : null;
    return {
      kind: 'compare',
      measurement,
      index,
      op: condition.op,
      threshold,
      thresholdInt,
      thresholdText: threshold.isZero() ? '0' : threshold.toFixed(),
      thresholdPlain: !threshold.isNegative(),
    };
  };
  return vetoes.map((veto) => {
    const when = compile(veto.when);
    const leaves = sharedLeaves(when);
    let combinations = leaves === null ? Infinity : 1;
    for (const leaf of leaves ?? []) combinations *= leaf.states;
    return {
      veto,
      when,
      evaluate: compileEvaluator(when),
      title: veto.title,
      titleEn: veto.titleEn ?? null,
      confidence: veto.provenance.confidence,
      leaves,
      shared: new Map(),
      dense: combinations <= maxShared ? new Array<VetoResult | undefined>(combinations) : null,
    };
  });
}

// --- shared results ----------------------------------------------------------------------------------------
// Most targets are in one of a few states per veto (every flag false, a small count): the result of a veto is a
// function of what its leaves read, so one frozen result serves every target in that state. A leaf's state is a
// small number: a flag is missing (0), false (1) or true (2); a comparison is missing (0) or a whole number
// 0–1023 (1–1024). A single comparison is also keyed by the measured text ("0.034"). Other values (large or
// negative numbers, several leaves with a decimal) are evaluated afresh every time.

const smallWholeStates = 1025;
const maxShared = 4096; // per veto: a bound on memory whatever the inputs

function sharedLeaves(when: CompiledCondition): CompiledVeto['leaves'] {
  const leaves: NonNullable<CompiledVeto['leaves']> = [];
  const visit = (condition: CompiledCondition): void => {
    if (isGroup(condition)) condition.of.forEach(visit);
    else
      leaves.push({
        kind: condition.kind,
        index: condition.index,
        states: condition.kind === 'flag' ? 3 : smallWholeStates,
      });
  };
  visit(when);
  let combinations = 1;
  for (const leaf of leaves) combinations *= leaf.states;
  return combinations <= Number.MAX_SAFE_INTEGER ? leaves : null;
}

/** The state of a veto's leaves as one key; null when a value has no shared state. */
function stateKey(
  leaves: NonNullable<CompiledVeto['leaves']>,
  values: MeasuredValues,
): number | string | null {
  let key = 0;
  for (let i = 0; i < leaves.length; i += 1) {
    const leaf = leaves[i]!;
    const value = values[leaf.index];
    let state: number;
    if (value === undefined) state = 0;
    else if (leaf.kind === 'flag') {
      if (value.kind !== 'flag') return null;
      state = value.value ? 2 : 1;
    } else {
      if (value.kind !== 'number') return null;
      const int = value.int;
      if (int !== null && int >= 0 && int < smallWholeStates - 1) state = int + 1;
      else if (leaves.length === 1) return value.text;
      else return null;
    }
    key = key * leaf.states + state;
  }
  return key;
}

/** Freezes a veto result, its clauses and its logic tree (what a shared result holds: strings, flags, null). */
function freezeResult(result: VetoResult): VetoResult {
  for (const clause of result.clauses) Object.freeze(clause);
  Object.freeze(result.clauses);
  freezeLogic(result.logic);
  return Object.freeze(result);
}

function freezeLogic(logic: VetoLogic): void {
  if ('of' in logic) {
    for (const child of logic.of) freezeLogic(child);
    Object.freeze(logic.of);
  }
  Object.freeze(logic);
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
): MeasuredValues {
  const values: MeasuredValues = new Array<MeasuredValue | undefined>(compiled.indexOf.size);
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
  // for-in reads V8's enum cache without allocating a key array; inherited keys are skipped like Object.keys does
  let place = 0;
  for (const id in raw) {
    if (!hasOwn.call(raw, id)) continue;
    const value = raw[id];
    if (value === undefined) continue;
    const index = indexOfKey(compiled, id, place);
    place += 1;
    if (index === undefined) {
      issues.add(
        keyPath('measurements', id),
        'unknownMeasurement',
        `unknown measurement "${id}"; the rule set declares ${listIds([...compiled.byId.keys()])}`,
        `未知测量项“${id}”；规则集中的测量项：${listIds([...compiled.byId.keys()])}`,
      );
      continue;
    }
    const measurement = compiled.list[index]!;
    if (measurement.kind === 'boolean' && typeof value === 'boolean') {
      values[index] = value ? flagTrue : flagFalse;
      continue;
    }
    const int = measurement.kind === 'boolean' ? null : wholeNumber(value);
    const read =
      int !== null &&
      (int >= 0 || measurement.kind === 'number') &&
      (int <= 1 || measurement.kind !== 'ratio')
        ? wholeValue(int)
        : readMeasurement(measurement, value, int, id, issues);
    if (read !== undefined) values[index] = read;
  }
  if (requireNumeric) {
    for (let i = 0; i < compiled.read.length; i += 1) {
      const measurement = compiled.read[i]!;
      if (
        measurement.kind !== 'boolean' &&
        values[compiled.readIndex[i]!] === undefined &&
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

/** The position of measurement `id`, the `place`-th key read: the last input's key there, or a Map lookup. */
function indexOfKey(compiled: CompiledMeasurements, id: string, place: number): number | undefined {
  if (compiled.lastKeys[place] === id) return compiled.lastIndex[place];
  const index = compiled.indexOf.get(id);
  compiled.lastKeys[place] = id;
  compiled.lastIndex[place] = index;
  return index;
}

export const listIds = (ids: string[]): string =>
  ids.length === 0 ? '(none)' : ids.length > 12 ? `${ids.slice(0, 12).join(', ')}, …` : ids.join(', ');

function readMeasurement(
  measurement: Measurement,
  value: unknown,
  /** wholeNumber(value), already read (null for a flag measurement) */
  int: number | null,
  id: string,
  issues: Issues,
): MeasuredValue | undefined {
  if (measurement.kind === 'boolean' && typeof value === 'boolean') return value ? flagTrue : flagFalse;
  if (measurement.kind !== 'boolean' && typeof value !== 'boolean') {
    // the common cases first, without building the path of an issue
    if (int === null) {
      const plain = plainDecimal(value);
      if (
        plain !== null &&
        (measurement.kind !== 'count' || !plain.includes('.')) &&
        (measurement.kind !== 'ratio' || compareCanonical(plain, '1') <= 0)
      ) {
        return { kind: 'number', text: plain, int: null, decimal: null };
      }
    }
  }
  const path = keyPath('measurements', id);
  if (measurement.kind === 'boolean') {
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
  if (int !== null) return readWholeNumber(measurement, int, path, issues);
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
  return { kind: 'number', text: decimal.isZero() ? '0' : decimal.toFixed(), int: null, decimal };
}

// read values are internal and never changed (not frozen: frozen objects get another hidden class): shared
const flagTrue: MeasuredValue = { kind: 'flag', value: true };
const flagFalse: MeasuredValue = { kind: 'flag', value: false };

/** A flag's read value; undefined for anything but true or false. */
export const readFlag = (value: unknown): MeasuredValue | undefined =>
  value === true ? flagTrue : value === false ? flagFalse : undefined;

const shortWhole = /^-?\d{1,15}$/;

// read values are internal and never change: small whole numbers (counts, mostly) are shared, not allocated
export const smallWholes: readonly MeasuredValue[] = [];
for (let int = 0; int < 1024; int += 1) {
  (smallWholes as MeasuredValue[]).push({ kind: 'number', text: String(int), int, decimal: null });
}

export const wholeValue = (int: number): MeasuredValue =>
  int >= 0 && int < 1024 ? smallWholes[int]! : { kind: 'number', text: String(int), int, decimal: null };

const plainPattern = /^\d{1,30}(\.\d{1,30})?$/;

/** The canonical text of a non-negative decimal without exponent ("0.050" → "0.05"); null otherwise. */
export function plainDecimal(value: unknown): string | null {
  const raw = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof raw !== 'string' || !plainPattern.test(raw)) return null;
  const dot = raw.indexOf('.');
  // already canonical (no leading zero before a digit, no trailing zero after the point): no copy
  if ((raw[0] !== '0' || raw.length === 1 || dot === 1) && (dot === -1 || raw[raw.length - 1] !== '0'))
    return raw;
  let int = dot === -1 ? raw : raw.slice(0, dot);
  let frac = dot === -1 ? '' : raw.slice(dot + 1);
  let start = 0;
  while (start < int.length - 1 && int[start] === '0') start += 1;
  int = int.slice(start);
  let end = frac.length;
  while (end > 0 && frac[end - 1] === '0') end -= 1;
  frac = frac.slice(0, end);
  return frac === '' ? int : `${int}.${frac}`;
}

/** Compares two canonical non-negative decimal strings exactly, without arithmetic. */
export function compareCanonical(a: string, b: string): number {
  const aDot = a.indexOf('.');
  const bDot = b.indexOf('.');
  const aInt = aDot === -1 ? a : a.slice(0, aDot);
  const bInt = bDot === -1 ? b : b.slice(0, bDot);
  if (aInt.length !== bInt.length) return aInt.length < bInt.length ? -1 : 1;
  if (aInt !== bInt) return aInt < bInt ? -1 : 1;
  // no trailing zeros: fractions compare digit by digit, a shorter prefix being smaller
  const aFrac = aDot === -1 ? '' : a.slice(aDot + 1);
  const bFrac = bDot === -1 ? '' : b.slice(bDot + 1);
  return aFrac === bFrac ? 0 : aFrac < bFrac ? -1 : 1;
}

/** A whole number given as a safe integer or a short digit string; null otherwise. */
export function wholeNumber(value: unknown): number | null {
  const int =
    typeof value === 'number'
      ? Number.isSafeInteger(value)
        ? value
        : null
      : typeof value === 'string' && shortWhole.test(value)
        ? Number(value)
        : null;
  return int === 0 ? 0 : int; // no -0
}

function readWholeNumber(
  measurement: Measurement,
  int: number,
  path: string,
  issues: Issues,
): MeasuredValue | undefined {
  if (measurement.kind === 'count' && int < 0) {
    issues.add(
      path,
      'invalidCount',
      `a count must be a whole number ≥ 0; got ${int}`,
      `计数必须是不小于 0 的整数；实际为 ${int}`,
    );
    return undefined;
  }
  if (measurement.kind === 'ratio' && (int < 0 || int > 1)) {
    issues.add(
      path,
      'outOfRange',
      `a ratio must lie in [0, 1]; got ${int}`,
      `比例必须在 [0, 1] 之间；实际为 ${int}`,
    );
    return undefined;
  }
  return wholeValue(int);
}

const kindZh: Record<Measurement['kind'], string> = {
  boolean: '是/否',
  count: '计数',
  ratio: '比例',
  number: '数值',
};

const compare = (value: Extract<MeasuredValue, { kind: 'number' }>, condition: CompiledCompare): number =>
  value.int !== null && condition.thresholdInt !== null
    ? value.int - condition.thresholdInt
    : value.decimal === null && condition.thresholdPlain && value.text[0] !== '-'
      ? compareCanonical(value.text, condition.thresholdText)
      : (value.decimal ?? new Decimal(value.text)).cmp(condition.threshold);

const holds: Record<ComparisonOperator, (c: number) => boolean> = {
  '>=': (c) => c >= 0,
  '>': (c) => c > 0,
  '<=': (c) => c <= 0,
  '<': (c) => c < 0,
  '=': (c) => c === 0,
};

/** Evaluates every veto with three-valued logic: a missing numeric measurement leaves a clause undecided (null). */
export function evaluateVetoes(vetoes: CompiledVeto[], values: MeasuredValues): VetoResult[] {
  const results: VetoResult[] = [];
  for (const compiled of vetoes) {
    results.push(
      vetoWithKey(compiled, values, compiled.leaves === null ? null : stateKey(compiled.leaves, values)),
    );
  }
  return results;
}

/** A veto's result: the one shared by targets in the same state (`key`, see stateKey), or evaluated afresh. */
export function vetoWithKey(
  compiled: CompiledVeto,
  values: MeasuredValues,
  key: number | string | null,
): VetoResult {
  if (key !== null) {
    const { dense } = compiled;
    const shared = typeof key === 'number' && dense !== null ? dense[key] : compiled.shared.get(key);
    if (shared !== undefined) return shared;
  }
  const clauses: VetoClause[] = [];
  const logic = compiled.evaluate(values, clauses);
  const result: VetoResult = {
    id: compiled.veto.id,
    title: compiled.title,
    titleEn: compiled.titleEn,
    confidence: compiled.confidence,
    triggered: lastTriggered,
    clauses,
    logic,
  };
  if (key !== null && compiled.shared.size < maxShared) {
    compiled.shared.set(key, freezeResult(result));
    // a numeric key is below the number of combinations, the dense array's length
    if (typeof key === 'number' && compiled.dense !== null) compiled.dense[key] = result;
  }
  return result;
}

export function anyTriggered(vetoes: readonly VetoResult[]): boolean {
  for (const veto of vetoes) if (veto.triggered === true) return true;
  return false;
}

/** What the last evaluator decided (a second return value, without allocating a pair). */
let lastTriggered: boolean | null = null;

/**
 * A condition as closures over its constants, once per rule set: each leaf reads one value and compares it
 * with its own threshold. Kleene logic for groups: any → true if one is true, else undecided if one is; all →
 * false if one is false, else undecided if one is, else true.
 */
function compileEvaluator(condition: CompiledCondition): Evaluator {
  if (isGroup(condition)) {
    const children = condition.of.map(compileEvaluator);
    const { kind, title } = condition;
    const any = kind === 'any';
    return (values, clauses) => {
      const of: VetoLogic[] = [];
      let sawTrue = false;
      let sawFalse = false;
      let sawNull = false;
      for (const child of children) {
        of.push(child(values, clauses));
        if (lastTriggered === true) sawTrue = true;
        else if (lastTriggered === false) sawFalse = true;
        else sawNull = true;
      }
      const triggered = any
        ? sawTrue
          ? true
          : sawNull
            ? null
            : false
        : sawFalse
          ? false
          : sawNull
            ? null
            : true;
      lastTriggered = triggered;
      return { kind, title, triggered, of };
    };
  }
  const { measurement, index } = condition;
  const id = measurement.id;
  const title = measurement.title;
  const titleEn = measurement.titleEn ?? null;
  const measurementKind = measurement.kind;
  const unit = measurement.unit ?? null;
  if (condition.kind === 'flag') {
    const is = condition.is;
    return (values, clauses) => {
      const value = values[index];
      const measured = value !== undefined && value.kind === 'flag' ? value.value : false;
      const triggered = measured === is;
      lastTriggered = triggered;
      clauses.push({
        measurement: id,
        title,
        titleEn,
        kind: 'flag',
        op: '=',
        threshold: is,
        measured,
        provided: value !== undefined,
        measurementKind,
        unit,
        triggered,
      });
      return { clause: clauses.length - 1 };
    };
  }
  const { op, thresholdText } = condition;
  const test = holds[op];
  return (values, clauses) => {
    const value = values[index];
    const number = value !== undefined && value.kind === 'number' ? value : undefined;
    const triggered = number === undefined ? null : test(compare(number, condition));
    lastTriggered = triggered;
    clauses.push({
      measurement: id,
      title,
      titleEn,
      kind: 'compare',
      op,
      threshold: thresholdText,
      measured: number === undefined ? null : number.text,
      provided: number !== undefined,
      measurementKind,
      unit,
      triggered,
    });
    return { clause: clauses.length - 1 };
  };
}
