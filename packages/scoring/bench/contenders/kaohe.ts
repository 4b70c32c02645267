import { rank, scoreAssessment, scoreInspection, type InspectionResult } from '../../src/index.js';
import type { Contender, TargetOutcome } from './types.js';

// Kaohe itself: exact decimals, full results with breakdowns and explanations, ranking with ties.

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
