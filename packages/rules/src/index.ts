export * from './schema.js';
export { isValidatedRuleSet, parseRuleSet, RuleSetSchema, ruleSetJsonSchema } from './parse.js';
export { RuleSetError, type RuleSetIssue } from './errors.js';
export { formatPath, type PathSegment, type RuleSetIssueCode } from './validate.js';
export {
  builtinRuleSets,
  builtinRuleSetIds,
  getRuleSet,
  isBuiltinRuleSetId,
  type BuiltinRuleSetId,
} from './builtin/index.js';
export { extendRuleSet, type RuleSetChanges } from './extend.js';
export { parseRuleSetDocument, type RuleSetDocument, type RuleSetExtensionDocument } from './document.js';
