import { getRuleSet } from '@kaohe/rules';
import type { Contender, TargetOutcome, UnitOutcome } from './types.js';

// The floor: the same vetoes, deductions, bonus, assessment methods and ranking, hand-written with plain
// `number`s and no explanations. The point tables are read once from the rule sets; the logic is written out.
// Rounding uses Math.round(x × 100) / 100, which is half up only while x × 100 stays clear of float error at
// a half: true for the 0.5-point steps and 4/3 scaling here, not in general (that is why Kaohe uses decimals).

const round2 = (x: number): number => Math.round(x * 100) / 100;
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));

// --- website inspection tables ----------------------------------------------------------------------------

const website = getRuleSet('cn-2019-website-inspection');
const deductionTree = website.deductions!;
const fullMarks = num(deductionTree.points);
const indicatorPoints = deductionTree.indicators.map((indicator) => num(indicator.points));
const serviceIndex = deductionTree.indicators.findIndex(
  (indicator) => indicator.id === website.policy.withoutServiceFunctions?.indicator,
);
const deductions = new Map<string, { indicator: number; deduct: number; max: number }>();
deductionTree.indicators.forEach((indicator, index) => {
  for (const c of indicator.criteria) {
    deductions.set(c.id, {
      indicator: index,
      deduct: num(c.deduct),
      max: c.maxDeduction ? num(c.maxDeduction) : Infinity,
    });
  }
});
const bonusTree = website.bonus!;
const bonusMax = num(bonusTree.points);
const bonusPoints = bonusTree.indicators.map((indicator) => num(indicator.points));
const awards = new Map<string, { indicator: number; award: number; max: number }>();
bonusTree.indicators.forEach((indicator, index) => {
  for (const c of indicator.criteria) {
    awards.set(c.id, { indicator: index, award: num(c.award), max: c.maxAward ? num(c.maxAward) : Infinity });
  }
});
const passMark = num(website.policy.passMark);
const bonusGate = num(website.policy.bonusGate!.above);

function websiteVetoes(m: Readonly<Record<string, unknown>>): string[] {
  const vetoes: string[] = [];
  if (
    m.seriousMisstatement === true ||
    m.stateSecretLeak === true ||
    m.illegalContent === true ||
    m.unhandledAttack === true ||
    m.falsification === true ||
    m.negativeOpinion === true
  ) {
    vetoes.push('serious-incident');
  }
  if (num(m.unreachableShare) >= 0.05) vetoes.push('unreachable');
  if (num(m.homepageUpdates) <= 0) vetoes.push('homepage-stale');
  if (num(m.staleColumns) >= 5 || num(m.longStaleColumns) >= 10 || num(m.emptyColumns) >= 5) {
    vetoes.push('columns-stale');
  }
  if (m.hasConsultationChannel === false || num(m.overdueMessages) > 0) vetoes.push('interaction-poor');
  if (m.hasOnlineService === false || num(m.guidesMissingKeyElements) >= 5)
    vetoes.push('service-impractical');
  return vetoes;
}

function newMediaVetoes(m: Readonly<Record<string, unknown>>): string[] {
  const vetoes: string[] = [];
  if (
    m.seriousMisstatement === true ||
    m.stateSecretLeak === true ||
    m.illegalContent === true ||
    m.falsification === true ||
    m.negativeOpinion === true
  ) {
    vetoes.push('serious-incident');
  }
  if (num(m.updatesInTwoWeeks) <= 0) vetoes.push('content-stale');
  if (m.hasInteractionFunction === false) vetoes.push('interaction-poor');
  return vetoes;
}

// --- assessment tables (Gansu 2019) -------------------------------------------------------------------

const gansu = getRuleSet('gansu-2019-annual-assessment');
const assessmentTotal = num(gansu.total);
const subItems = gansu.areas.flatMap((area) =>
  area.items.flatMap((item) =>
    item.subItems.map((subItem) => {
      const method = subItem.method;
      return {
        id: subItem.id,
        points: num(subItem.points),
        kind: method.kind,
        whenNotApplicable: subItem.whenNotApplicable,
        bands:
          method.kind === 'bands'
            ? method.bands.map((b) => ({
                atLeast: b.atLeast === undefined ? -Infinity : num(b.atLeast),
                below: b.below === undefined ? Infinity : num(b.below),
                points: num(b.points),
              }))
            : [],
        criteria: new Map(
          method.kind === 'deduct'
            ? method.criteria.map((c) => [
                c.id,
                { deduct: num(c.deduct), max: c.maxDeduction ? num(c.maxDeduction) : Infinity },
              ])
            : [],
        ),
      };
    }),
  ),
);
const grades = gansu.grades
  .map((g) => ({ id: g.id, bound: num(g.atLeast ?? g.above ?? '0'), inclusive: g.atLeast !== undefined }))
  .sort((a, b) => b.bound - a.bound);
const assessmentPassMark = num(gansu.policy.passMark);

type RawInput = Record<string, unknown> & { counts?: Record<string, number> };

export const plainNumber: Contender = {
  name: 'plain number',
  vetoesOnly: false,

  website(input): TargetOutcome {
    const vetoes = websiteVetoes(input.measurements);
    if (vetoes.length > 0) return { verdict: 'unqualified', total: null, vetoes };
    const deducted = new Float64Array(indicatorPoints.length);
    for (const finding of input.findings) {
      const c = deductions.get(finding.criterion)!;
      deducted[c.indicator] = deducted[c.indicator]! + Math.min(c.deduct * finding.count, c.max);
    }
    let raw = 0;
    let applicable = 0;
    for (let i = 0; i < indicatorPoints.length; i += 1) {
      if (i === serviceIndex && !input.target.hasServiceFunctions) continue;
      const points = indicatorPoints[i]!;
      applicable += points;
      raw += points - Math.min(deducted[i]!, points);
    }
    const score = round2((raw * fullMarks) / applicable);
    if (score < passMark) return { verdict: 'unqualified', total: String(score), vetoes };
    let total = score;
    if (input.target.isPortal && score > bonusGate) {
      const awarded = new Float64Array(bonusPoints.length);
      for (const found of input.bonus ?? []) {
        const a = awards.get(found.criterion)!;
        awarded[a.indicator] = awarded[a.indicator]! + Math.min(a.award * found.count, a.max);
      }
      let bonus = 0;
      for (let i = 0; i < bonusPoints.length; i += 1) bonus += Math.min(awarded[i]!, bonusPoints[i]!);
      total = round2(score + Math.min(bonus, bonusMax));
    }
    return { verdict: 'qualified', total: String(total), vetoes };
  },

  newMedia(input): TargetOutcome {
    const vetoes = newMediaVetoes(input.measurements);
    return { verdict: vetoes.length > 0 ? 'unqualified' : 'qualified', total: null, vetoes };
  },

  unit(unit): UnitOutcome {
    const m = unit.assessment.measurements ?? {};
    if (m.seriousIncident === true || num(m.seriousMisstatementFailures) >= 2) {
      return { vetoed: true, total: null, grade: 'fail' };
    }
    let raw = 0;
    let excluded = 0;
    for (const s of subItems) {
      const input = unit.assessment.inputs[s.id] as RawInput;
      if (input.notApplicable === true) {
        if (s.whenNotApplicable === 'rescale') excluded += s.points;
        else if (s.whenNotApplicable === 'fullMarks') raw += s.points;
        continue;
      }
      switch (s.kind) {
        case 'check':
          if (input.met === true) raw += s.points;
          break;
        case 'manual':
          raw += num(input.points);
          break;
        case 'ratio':
          raw += round2(s.points * num(input.value));
          break;
        case 'bands': {
          const value = num(input.value);
          raw += s.bands.find((b) => value >= b.atLeast && value < b.below)!.points;
          break;
        }
        case 'deduct': {
          let lost = 0;
          for (const [criterion, count] of Object.entries(input.counts!)) {
            const c = s.criteria.get(criterion)!;
            lost += Math.min(c.deduct * count, c.max);
          }
          raw += Math.max(0, s.points - lost);
          break;
        }
      }
    }
    const score = round2(excluded > 0 ? (raw * assessmentTotal) / (assessmentTotal - excluded) : raw);
    const grade =
      score < assessmentPassMark
        ? 'fail'
        : grades.find((g) => (g.inclusive ? score >= g.bound : score > g.bound))!.id;
    return { vetoed: false, total: String(score), grade };
  },

  rank(units, outcomes) {
    const groups = new Map<string, { id: string; score: number }[]>();
    units.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.vetoed || outcome.total === null) return;
      let list = groups.get(unit.group);
      if (!list) groups.set(unit.group, (list = []));
      list.push({ id: unit.id, score: Number(outcome.total) });
    });
    const ranks = new Map<string, number>();
    for (const list of groups.values()) {
      list.sort((a, b) => b.score - a.score);
      list.forEach((entry, i) => {
        const previous = list[i - 1];
        ranks.set(
          entry.id,
          previous !== undefined && previous.score === entry.score ? ranks.get(previous.id)! : i + 1,
        );
      });
    }
    return ranks;
  },
};
