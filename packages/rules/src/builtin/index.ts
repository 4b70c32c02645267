import { parseRuleSet } from '../parse.js';
import type { AssessmentRuleSet, InspectionRuleSet, RuleSet, RuleSetInput } from '../schema.js';
import supervisionAssessment from './cn-2019-supervision-assessment.js';
import newMediaInspection from './cn-2019-newmedia-inspection.js';
import websiteInspection from './cn-2019-website-inspection.js';
import gansu2019 from './gansu-2019-annual-assessment.js';

function parseKind<K extends RuleSet['kind']>(data: RuleSetInput, kind: K): Extract<RuleSet, { kind: K }> {
  const ruleSet = parseRuleSet(data);
  if (ruleSet.kind !== kind) throw new Error(`built-in rule set ${ruleSet.id} is not of kind ${kind}`);
  return ruleSet as Extract<RuleSet, { kind: K }>;
}

/** The rule sets that ship with Kaohe, validated when this module loads. */
export const builtinRuleSets: Readonly<{
  'cn-2019-website-inspection': InspectionRuleSet;
  'cn-2019-newmedia-inspection': InspectionRuleSet;
  'cn-2019-supervision-assessment': AssessmentRuleSet;
  'gansu-2019-annual-assessment': AssessmentRuleSet;
}> = Object.freeze({
  'cn-2019-website-inspection': parseKind(websiteInspection, 'inspection'),
  'cn-2019-newmedia-inspection': parseKind(newMediaInspection, 'inspection'),
  'cn-2019-supervision-assessment': parseKind(supervisionAssessment, 'assessment'),
  'gansu-2019-annual-assessment': parseKind(gansu2019, 'assessment'),
});

export type BuiltinRuleSetId = keyof typeof builtinRuleSets;

export const builtinRuleSetIds = Object.keys(builtinRuleSets) as BuiltinRuleSetId[];

export function isBuiltinRuleSetId(id: string): id is BuiltinRuleSetId {
  return Object.hasOwn(builtinRuleSets, id);
}

/** A built-in rule set by id; throws for an unknown id, naming the known ones. */
export function getRuleSet<Id extends BuiltinRuleSetId>(id: Id): (typeof builtinRuleSets)[Id];
export function getRuleSet(id: string): RuleSet;
export function getRuleSet(id: string): RuleSet {
  if (!isBuiltinRuleSetId(id)) {
    throw new Error(`unknown rule set "${id}"; built-in rule sets: ${builtinRuleSetIds.join(', ')}`);
  }
  return builtinRuleSets[id];
}
