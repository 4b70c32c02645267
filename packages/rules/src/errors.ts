import type { RuleSetFinding } from './validate.js';
import { formatPath } from './validate.js';

export interface RuleSetIssue extends RuleSetFinding {
  /** The path as one string, e.g. `areas[2].items[1].subItems[0].points`. */
  where: string;
}

/** Thrown when a rule set does not validate; `issues` lists every problem found, each with its path. */
export class RuleSetError extends Error {
  override readonly name = 'RuleSetError';
  readonly issues: RuleSetIssue[];

  constructor(findings: RuleSetFinding[], what = 'rule set') {
    const issues = findings.map((finding) => ({ ...finding, where: formatPath(finding.path) || '(root)' }));
    super(
      `Invalid ${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n` +
        issues.map((issue) => `  - ${issue.where}: ${issue.message}`).join('\n'),
    );
    this.issues = issues;
  }
}
