import { Decimal } from './decimal.js';
import { ScoringInputError, type ScoringIssue, type ScoringIssueCode } from './errors.js';

// Hand-written input checks for the hot path: cheap, and every problem is collected before anything throws.

export class Issues {
  readonly list: ScoringIssue[] = [];

  add(path: string, code: ScoringIssueCode, message: string, messageZh: string): void {
    this.list.push({ path, code, message, messageZh });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ScoringInputError(this.list);
  }
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** `base.key` for identifier-like keys, `base["key"]` otherwise (JavaScript notation). */
export function keyPath(base: string, key: string): string {
  if (base === '') return identifier.test(key) ? key : `[${JSON.stringify(key)}]`;
  return identifier.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Own enumerable keys, safe for any object (including ones without a prototype). */
export function ownKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

const decimalPattern = /^-?\d+(\.\d+)?$/;

/**
 * A decimal string ("2.5") or a finite number (converted through its string form, so 0.05 stays 0.05).
 * Reports and returns undefined for anything else.
 */
export function readDecimal(value: unknown, path: string, issues: Issues): Decimal | undefined {
  if (typeof value === 'string') {
    if (value.length <= 60 && decimalPattern.test(value)) return new Decimal(value);
    issues.add(
      path,
      'invalidNumber',
      `must be a decimal number such as "2.5"; got ${describeValue(value)}`,
      `必须是十进制数，例如 "2.5"；实际为 ${describeValue(value)}`,
    );
    return undefined;
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return new Decimal(String(value));
    issues.add(
      path,
      'invalidNumber',
      `must be a finite number; got ${value}`,
      `必须是有限数值；实际为 ${value}`,
    );
    return undefined;
  }
  issues.add(
    path,
    'wrongType',
    `must be a decimal string or a number; got ${describeValue(value)}`,
    `必须是十进制数字符串或数值；实际为 ${describeValue(value)}`,
  );
  return undefined;
}

/** A whole number ≥ 0 given as a number (a count of occurrences). */
export function readCount(value: unknown, path: string, issues: Issues): number | undefined {
  if (typeof value !== 'number') {
    issues.add(
      path,
      'wrongType',
      `a count must be a whole number; got ${describeValue(value)}`,
      `次数必须是整数；实际为 ${describeValue(value)}`,
    );
    return undefined;
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    issues.add(
      path,
      'invalidCount',
      `a count must be a whole number ≥ 0; got ${value}`,
      `次数必须是不小于 0 的整数；实际为 ${value}`,
    );
    return undefined;
  }
  return value;
}

/**
 * Object.prototype.hasOwnProperty, for `hasOwn.call(object, key)` inside a for-in loop over `object`: V8 answers
 * it from the loop's enum cache (Object.hasOwn is not optimised that way; measured about 2× slower).
 */
export const hasOwn = Object.prototype.hasOwnProperty;

export function checkKnownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  issues: Issues,
): void {
  // for-in reads V8's enum cache without allocating a key array; inherited keys are skipped like Object.keys does
  for (const key in value) {
    if (!allowed.includes(key) && hasOwn.call(value, key)) {
      issues.add(
        keyPath(path, key),
        'unknownKey',
        `unknown key "${key}"; expected ${allowed.map((k) => `"${k}"`).join(', ')}`,
        `未知字段“${key}”；可用字段：${allowed.join('、')}`,
      );
    }
  }
}

export type Locale = 'zh' | 'en';

export function readLocale(value: unknown, issues: Issues): Locale {
  if (value === undefined || value === 'zh') return 'zh';
  if (value === 'en') return 'en';
  issues.add(
    'locale',
    'invalidArgument',
    `locale must be "zh" or "en"; got ${describeValue(value)}`,
    `locale 必须是 "zh" 或 "en"；实际为 ${describeValue(value)}`,
  );
  return 'zh';
}
