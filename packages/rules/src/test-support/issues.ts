import { RuleSetError, type RuleSetIssue } from '../errors.js';

/** Runs `action` and returns the issues of the RuleSetError it throws; fails when it throws anything else. */
export function issuesOf(action: () => unknown): RuleSetIssue[] {
  try {
    action();
  } catch (error) {
    if (error instanceof RuleSetError) return error.issues;
    throw error;
  }
  return [];
}

/** The issues as `where code` lines: compact to compare and readable when a test fails. */
export function summarize(issues: RuleSetIssue[]): string[] {
  return issues.map((issue) => `${issue.where} ${issue.code}`);
}
