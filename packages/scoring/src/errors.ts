// Errors in what a caller passes to the scorers. Every problem is collected and reported at once, each naming
// its field (`findings[2].criterion`, `inputs["A2.1"].value`, `measurements.emptyColumns`).

export type ScoringIssueCode =
  /** the argument (or one of its fields) is not the kind of value expected, e.g. findings is not an array */
  | 'invalidArgument'
  /** the rule set does not validate; the path points into it (`ruleSet.deductions.points`) */
  | 'invalidRuleSet'
  /** an assessment rule set given to scoreInspection, or the other way round */
  | 'wrongRuleSetKind'
  | 'unknownCriterion'
  | 'unknownSubItem'
  | 'unknownMeasurement'
  /** a key the input shape does not have (a typo such as `meet` for `met`) */
  | 'unknownKey'
  | 'missingMeasurement'
  /** e.g. a boolean given for a count, a string for `met` */
  | 'wrongType'
  /** not a decimal number: "abc", NaN, Infinity */
  | 'invalidNumber'
  /** a count that is negative or fractional */
  | 'invalidCount'
  /** a ratio outside [0, 1], manual points above the maximum, a negative value */
  | 'outOfRange'
  /** a bands value that no band contains */
  | 'outsideBands'
  /** an input whose shape does not match the sub-item's scoring method */
  | 'wrongShape'
  /** a finding on an indicator the target is not checked on (办事服务 without service functions) */
  | 'notApplicable'
  /** every sub-item is rescaled away: nothing is left to score */
  | 'nothingToScore';

export interface ScoringIssue {
  /** The field, written as in JavaScript: `findings[2].criterion`, `inputs["A2.1"].value`; `(root)` for the argument itself. */
  path: string;
  code: ScoringIssueCode;
  message: string;
  messageZh: string;
}

/** Thrown by scoreInspection / scoreAssessment when the input does not fit the rule set; lists every problem. */
export class ScoringInputError extends Error {
  override readonly name = 'ScoringInputError';
  readonly issues: ScoringIssue[];

  constructor(issues: ScoringIssue[]) {
    super(
      `Invalid scoring input: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n` +
        issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n'),
    );
    this.issues = issues;
  }
}
