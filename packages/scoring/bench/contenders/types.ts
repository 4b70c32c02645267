import type { ScoreInspectionInput } from '../../src/index.js';
import type { UnitInput } from '../generate.js';

// What every contender produces for one target or unit, so that their results can be compared item by item.

export interface TargetOutcome {
  verdict: 'qualified' | 'unqualified';
  /** The final score (deductions + bonus) as printed with 2 places; null when vetoed or not scored. */
  total: string | null;
  /** Ids of the vetoes (单项否决) triggered. */
  vetoes: string[];
}

export interface UnitOutcome {
  vetoed: boolean;
  /** null when vetoed (or, for a contender that only evaluates vetoes, always). */
  total: string | null;
  grade: string | null;
}

export interface Contender {
  name: string;
  /** Evaluates the vetoes only (json-rules-engine): no scores, grades or ranking. */
  vetoesOnly: boolean;
  website(input: ScoreInspectionInput): TargetOutcome | Promise<TargetOutcome>;
  newMedia(input: ScoreInspectionInput): TargetOutcome | Promise<TargetOutcome>;
  unit(unit: UnitInput): UnitOutcome | Promise<UnitOutcome>;
  /** Unit id → rank within its group; absent for vetoed or unscored units. */
  rank(units: readonly UnitInput[], outcomes: readonly UnitOutcome[]): Map<string, number>;
}
