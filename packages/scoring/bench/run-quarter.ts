import type { Contender, TargetOutcome, UnitOutcome } from './contenders/types.js';
import type { NationalQuarter } from './generate.js';

// Scores a whole quarter with one contender and keeps only a tally (as a national run would stream results
// into its bulletin figures rather than hold 155,000 breakdowns).

export interface KindTally {
  qualified: number;
  unqualified: number;
  vetoes: Record<string, number>;
}

export interface QuarterTally {
  websites: KindTally;
  newMedia: KindTally;
  units: { vetoed: number; grades: Record<string, number> };
  ranked: number;
  firstPlaces: number;
  /** Wall time of each part of the run. */
  sectionsMs: { websites: number; newMedia: number; units: number; rank: number };
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => value instanceof Promise;

function tallyTarget(tally: KindTally, outcome: TargetOutcome): void {
  if (outcome.verdict === 'qualified') tally.qualified += 1;
  else tally.unqualified += 1;
  for (const veto of outcome.vetoes) tally.vetoes[veto] = (tally.vetoes[veto] ?? 0) + 1;
}

/** Synchronous contenders never await: the loop runs straight through for them. */
export async function runQuarter(contender: Contender, quarter: NationalQuarter): Promise<QuarterTally> {
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = now - mark;
    mark = now;
    return elapsed;
  };
  const websites: KindTally = { qualified: 0, unqualified: 0, vetoes: {} };
  for (const input of quarter.websites) {
    const outcome = contender.website(input);
    tallyTarget(websites, isPromise(outcome) ? await outcome : outcome);
  }
  const websitesMs = lap();
  const newMedia: KindTally = { qualified: 0, unqualified: 0, vetoes: {} };
  for (const input of quarter.newMedia) {
    const outcome = contender.newMedia(input);
    tallyTarget(newMedia, isPromise(outcome) ? await outcome : outcome);
  }
  const newMediaMs = lap();
  const outcomes: UnitOutcome[] = [];
  const units = { vetoed: 0, grades: {} as Record<string, number> };
  for (const unit of quarter.units) {
    const result = contender.unit(unit);
    const outcome = isPromise(result) ? await result : result;
    outcomes.push(outcome);
    if (outcome.vetoed) units.vetoed += 1;
    if (outcome.grade !== null) units.grades[outcome.grade] = (units.grades[outcome.grade] ?? 0) + 1;
  }
  const unitsMs = lap();
  const ranks = contender.rank(quarter.units, outcomes);
  const rankMs = lap();
  let firstPlaces = 0;
  for (const r of ranks.values()) if (r === 1) firstPlaces += 1;
  return {
    websites,
    newMedia,
    units,
    ranked: ranks.size,
    firstPlaces,
    sectionsMs: { websites: websitesMs, newMedia: newMediaMs, units: unitsMs, rank: rankMs },
  };
}
