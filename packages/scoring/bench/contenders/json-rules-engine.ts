import { getRuleSet, type Condition, type RuleSet } from '@kaohe/rules';
import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import type { Contender, TargetOutcome, UnitOutcome } from './types.js';

// json-rules-engine 7.3.1 evaluating the same vetoes (单项否决), translated from the rule sets: one engine per
// rule set, one rule per veto, one event per triggered veto. It decides vetoes only: no scores, no ranking.

const operators = {
  '>=': 'greaterThanInclusive',
  '>': 'greaterThan',
  '<=': 'lessThanInclusive',
  '<': 'lessThan',
  '=': 'equal',
} as const;

function translate(condition: Condition): NestedCondition {
  switch (condition.kind) {
    case 'any':
      return { any: condition.of.map(translate) };
    case 'all':
      return { all: condition.of.map(translate) };
    case 'compare':
      return {
        fact: condition.measurement,
        operator: operators[condition.op],
        value: Number(condition.value),
      };
    case 'flag':
      return { fact: condition.measurement, operator: 'equal', value: condition.is };
  }
}

function engineFor(ruleSet: RuleSet): Engine {
  // a flag left out counts as false in Kaohe; undefined facts simply fail their conditions here
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const veto of ruleSet.vetoes) {
    const when = translate(veto.when);
    const conditions: TopLevelCondition =
      'any' in when || 'all' in when ? (when as TopLevelCondition) : { all: [when] };
    engine.addRule({ name: veto.id, conditions, event: { type: veto.id } });
  }
  return engine;
}

const websiteEngine = engineFor(getRuleSet('cn-2019-website-inspection'));
const newMediaEngine = engineFor(getRuleSet('cn-2019-newmedia-inspection'));
const assessmentEngine = engineFor(getRuleSet('gansu-2019-annual-assessment'));

async function vetoes(engine: Engine, facts: Readonly<Record<string, unknown>>): Promise<TargetOutcome> {
  const { events } = await engine.run(facts as Record<string, unknown>);
  const ids = events.map((event) => event.type);
  return { verdict: ids.length > 0 ? 'unqualified' : 'qualified', total: null, vetoes: ids };
}

export const jsonRulesEngine: Contender = {
  name: 'json-rules-engine',
  vetoesOnly: true,
  website: (input) => vetoes(websiteEngine, input.measurements),
  newMedia: (input) => vetoes(newMediaEngine, input.measurements),
  unit: async (unit): Promise<UnitOutcome> => {
    const outcome = await vetoes(assessmentEngine, unit.assessment.measurements ?? {});
    return { vetoed: outcome.vetoes.length > 0, total: null, grade: null };
  },
  rank: () => new Map(),
};
