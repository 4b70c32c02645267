import { z } from 'zod';
import { builtinRuleSetIds, getRuleSet, isBuiltinRuleSetId } from './builtin/index.js';
import { RuleSetError } from './errors.js';
import { applyRuleSetChanges, RuleSetChanges } from './extend.js';
import { checkShape, parseRuleSet } from './parse.js';
import { NodeId, type RuleSet, type RuleSetInput } from './schema.js';

// A rule-set document is what a province keeps in a JSON file: either a whole rule set, or an extension
// document that names a built-in rule set and lists its changes. Neither needs any TypeScript.

/** The envelope of an extension document; `changes` is checked in detail when it is applied. */
const ExtensionEnvelope = z.strictObject({
  $schema: z.string().optional(),
  extends: NodeId,
  changes: z.record(z.string(), z.unknown()),
});

/** A JSON file that derives a rule set from a built-in one. */
export interface RuleSetExtensionDocument {
  $schema?: string;
  /** Id of the built-in rule set to start from, e.g. "cn-2019-website-inspection". */
  extends: string;
  changes: RuleSetChanges;
}

export type RuleSetDocument = RuleSetInput | RuleSetExtensionDocument;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads a rule-set document (e.g. parsed JSON): a whole rule set, or `{ "extends": "<built-in id>", "changes":
 * {…} }`. Returns the validated rule set; throws a `RuleSetError` listing every problem with its path
 * (`changes.set[2].node` for a change, `deductions.points` for the rule set it produces).
 */
export function parseRuleSetDocument(json: unknown): RuleSet {
  if (!isRecord(json) || !('extends' in json)) return parseRuleSet(json);

  const envelope = checkShape(ExtensionEnvelope, json);
  if (!envelope.success) throw new RuleSetError(envelope.findings, 'extension document');
  const baseId = envelope.data.extends;
  if (!isBuiltinRuleSetId(baseId)) {
    throw new RuleSetError(
      [
        {
          path: ['extends'],
          code: 'shape',
          message: `"${baseId}" is not a built-in rule set; built-in: ${builtinRuleSetIds.join(', ')}`,
          messageZh: `“${baseId}”不是内置规则集；内置规则集：${builtinRuleSetIds.join('、')}`,
        },
      ],
      'extension document',
    );
  }
  return applyRuleSetChanges({
    base: getRuleSet(baseId),
    changes: envelope.data.changes,
    changesPath: ['changes'],
  });
}

/** The JSON Schema of an extension document, for editors: `extends` offers the built-in ids. */
export function ruleSetExtensionJsonSchema(): Record<string, unknown> {
  const document = z.strictObject({
    $schema: z.string().optional(),
    extends: z.enum(builtinRuleSetIds).meta({ description: 'The built-in rule set to start from.' }),
    changes: RuleSetChanges,
  });
  return {
    ...z.toJSONSchema(document, { unrepresentable: 'any' }),
    title: 'Kaohe rule-set extension',
    description:
      'Derives a rule set from a built-in Kaohe rule set by listing changes. Node ids, sums and thresholds are checked when the file is loaded (kaohe-rules check <file>).',
  };
}
