import {
  rank,
  scoreAssessment,
  scoreInspection,
  type AssessmentResult,
  type InspectionResult,
} from '../../src/index.js';
import type { Contender, TargetOutcome } from './types.js';

// Kaohe itself: exact decimals, full results with breakdowns and explanations, ranking with ties. A result's
// breakdown (area tree for a unit) and explanation are built when first read; the tally reads neither, so the
// `kaohe` contender does not pay for them. `kaoheEveryField` reads them too: every result fully built.

function outcome(result: InspectionResult): TargetOutcome {
  const vetoes: string[] = [];
  for (const veto of result.vetoes) if (veto.triggered === true) vetoes.push(veto.id);
  return { verdict: result.verdict, total: result.total, vetoes };
}

export const kaohe: Contender = {
  name: 'kaohe',
  vetoesOnly: false,
  website: (input) => outcome(scoreInspection(input)),
  newMedia: (input) => outcome(scoreInspection(input)),
  unit: (unit) => {
    const result = scoreAssessment(unit.assessment);
    return { vetoed: result.reason === 'veto', total: result.total, grade: result.grade?.id ?? null };
  },
  rank: (units, outcomes) => {
    const ranking = rank({
      entries: units.map((unit, i) => ({
        id: unit.id,
        name: unit.name,
        group: unit.group,
        score: outcomes[i]!.total,
        vetoed: outcomes[i]!.vetoed,
      })),
    });
    const ranks = new Map<string, number>();
    for (const group of ranking.groups) for (const r of group.ranked) ranks.set(r.entry.id, r.rank);
    return ranks;
  },
};

/** Reads the fields built on first read, so that every result is complete (as JSON.stringify would). */
function materialiseInspection(result: InspectionResult): InspectionResult {
  if (
    result.breakdown === undefined ||
    result.bonusBreakdown === undefined ||
    result.explanation.length === 0
  )
    throw new Error('incomplete result');
  return result;
}

function materialiseAssessment(result: AssessmentResult): AssessmentResult {
  if (result.areas.length === 0 || result.explanation.length === 0) throw new Error('incomplete result');
  return result;
}

export const kaoheEveryField: Contender = {
  ...kaohe,
  name: 'kaohe, every field built',
  website: (input) => outcome(materialiseInspection(scoreInspection(input))),
  newMedia: (input) => outcome(materialiseInspection(scoreInspection(input))),
  unit: (unit) => {
    const result = materialiseAssessment(scoreAssessment(unit.assessment));
    return { vetoed: result.reason === 'veto', total: result.total, grade: result.grade?.id ?? null };
  },
};
