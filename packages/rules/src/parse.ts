import { z } from 'zod';
import { RuleSetError } from './errors.js';
import { RuleSetShape, type RuleSet } from './schema.js';
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
 */
export function parseRuleSet(data: unknown): RuleSet {
  const shape = RuleSetShape.safeParse(data);
  if (!shape.success) {
    // the same parse with Chinese messages: issues come out in the same order
    const zh = RuleSetShape.safeParse(data, { error: chinese });
    const zhIssues = zh.success ? [] : zh.error.issues;
    const findings: RuleSetFinding[] = shape.error.issues.map((issue, index) => ({
      path: issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol'),
      code: 'shape',
      message: describeShapeIssue(issue),
      messageZh: zhIssues[index]?.message ?? issue.message,
    }));
    throw new RuleSetError(findings);
  }
  const findings = checkRuleSet(shape.data);
  if (findings.length > 0) throw new RuleSetError(findings);
  return shape.data;
}

function describeShapeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
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
