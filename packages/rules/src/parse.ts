import { z } from 'zod';
import { RuleSetError } from './errors.js';
import { formatMessages, RuleSetShape, type RuleSet } from './schema.js';
import { checkRuleSet, type PathSegment, type RuleSetFinding } from './validate.js';

const chinese = z.locales.zhCN().localeError;

/** The zod schema of a rule set, shape and semantic checks together. */
export const RuleSetSchema = RuleSetShape.superRefine((ruleSet, ctx) => {
  for (const finding of checkRuleSet(ruleSet)) {
    ctx.addIssue({ code: 'custom', path: finding.path, message: finding.message, params: finding });
  }
});

/**
 * Parses and validates unknown data (e.g. from a JSON file) into a typed rule set.
 * Throws a `RuleSetError` listing every problem, each with its path.
 * The result is a new, deeply frozen object (the data is not changed): see `isValidatedRuleSet`.
 */
export function parseRuleSet(data: unknown): RuleSet {
  const shape = checkShape(RuleSetShape, data);
  if (!shape.success) throw new RuleSetError(shape.findings);
  const findings = checkRuleSet(shape.data);
  if (findings.length > 0) throw new RuleSetError(findings);
  return sealValidated(shape.data);
}

// Rule sets this module has validated. Each is deeply frozen when recorded, so it cannot have changed since.
const validated = new WeakSet<object>();

/**
 * Freezes `ruleSet` deeply and records it as validated. Only for a rule set that has just passed the shape
 * and semantic checks and that shares no object with the caller's data (zod's output is all new objects).
 */
export function sealValidated<R extends RuleSet>(ruleSet: R): R {
  deepFreeze(ruleSet);
  validated.add(ruleSet);
  return ruleSet;
}

function deepFreeze(value: object): void {
  for (const key of Object.keys(value)) {
    const child: unknown = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object') deepFreeze(child);
  }
  Object.freeze(value);
}

/**
 * True for a rule set returned by this package's validating functions (`parseRuleSet`, `parseRuleSetDocument`,
 * `extendRuleSet`, the built-ins): it passed every check and, being deeply frozen, is still as it was then.
 * Lets a consumer that must validate whatever it is given (the scorer) skip checking such a rule set again.
 * A copy (spread, `structuredClone`, JSON) is a new object and is not recognised.
 */
export function isValidatedRuleSet(value: unknown): value is RuleSet {
  return value !== null && typeof value === 'object' && validated.has(value);
}

export type ShapeCheck<T> = { success: true; data: T } | { success: false; findings: RuleSetFinding[] };

/**
 * Checks `data` against a zod schema and reports every shape problem as a finding in English and Chinese,
 * with `prefix` before each path (e.g. `['changes']` when the data sits inside a larger document).
 */
export function checkShape<T>(
  schema: z.ZodType<T>,
  data: unknown,
  prefix: PathSegment[] = [],
): ShapeCheck<T> {
  const en = schema.safeParse(data, { reportInput: true });
  if (en.success) return { success: true, data: en.data };
  // the same parse with Chinese messages: issues come out in the same order
  const zh = schema.safeParse(data, { error: chinese, reportInput: true });
  const zhIssues = zh.success ? [] : zh.error.issues;
  const findings = en.error.issues.flatMap((issue, index) =>
    describeShapeIssue(issue, zhIssues[index]?.message ?? issue.message).map((finding) => ({
      ...finding,
      path: [...prefix, ...finding.path],
    })),
  );
  return { success: false, findings };
}

const ownFormatMessages = new Map<string, string>(
  Object.values(formatMessages).map(({ en, zh }) => [en, zh]),
);

function describeShapeIssue(issue: z.core.$ZodIssue, zhMessage: string): RuleSetFinding[] {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  const finding = (message: string, messageZh: string, at = path): RuleSetFinding => ({
    path: at,
    code: 'shape',
    message,
    messageZh,
  });
  switch (issue.code) {
    case 'unrecognized_keys':
      // one finding per key, at the key itself: `areas[2].items[1].subItems[0].pionts`
      return issue.keys.map((key) =>
        finding(
          `unknown key "${key}" (misspelt, or not allowed here)`,
          `未知字段“${key}”（拼写错误，或此处不允许该字段）`,
          [...path, key],
        ),
      );
    case 'invalid_type':
      if (issue.input === undefined) {
        return [
          finding(
            `required, but missing (expected ${issue.expected})`,
            `缺少必填字段（应为 ${issue.expected}）`,
          ),
        ];
      }
      break;
    case 'invalid_union': {
      // a discriminated union names its discriminator and options, although zod's issue type does not say so
      const union = issue as { discriminator?: unknown; options?: unknown[] };
      if (union.discriminator !== undefined && Array.isArray(union.options)) {
        const key = String(union.discriminator);
        const options = union.options.map((option) => `"${String(option)}"`);
        const input: unknown = issue.input;
        const given =
          input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
        if (given === undefined) {
          return [
            finding(
              `required, but missing (expected one of ${options.join(', ')})`,
              `缺少必填字段（应为以下之一：${options.join('、')}）`,
            ),
          ];
        }
        return [
          finding(
            `unknown ${key} ${JSON.stringify(given)}; expected one of ${options.join(', ')}`,
            `${key} 的值 ${JSON.stringify(given)} 无效，应为以下之一：${options.join('、')}`,
          ),
        ];
      }
      break;
    }
    case 'invalid_format': {
      const zh = ownFormatMessages.get(issue.message);
      if (zh !== undefined)
        return [
          finding(
            `${issue.message}; got ${JSON.stringify(issue.input)}`,
            `${zh}，实际为 ${JSON.stringify(issue.input)}`,
          ),
        ];
      break;
    }
  }
  return [finding(issue.message, zhMessage)];
}

/** The JSON Schema of the rule-set format, for editors (completion and checking while authoring). */
export function ruleSetJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(RuleSetShape, { unrepresentable: 'any' }),
    title: 'Kaohe rule set',
    description:
      'A government-website inspection or annual-assessment rule set (Kaohe). Semantic checks (sums, ids, bands) run when the file is loaded with parseRuleSet.',
  };
}
