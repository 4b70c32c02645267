import { builtinRuleSetIds, getRuleSet } from '../builtin/index.js';
import { ruleSetExtensionJsonSchema } from '../document.js';
import { ruleSetJsonSchema } from '../parse.js';
import { renderIndexMarkdown, renderRuleSetJson, renderRuleSetMarkdown } from './render.js';

/** A generated file: its path from the repository root and its exact content. */
export interface DocFile {
  path: string;
  content: string;
}

/** Files in docs/rules that are written by hand, never generated nor removed by `pnpm docs`. */
export const handWrittenDocs = ['docs/rules/authoring.md'];

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every file `pnpm docs` writes, from the built-in rule sets and the schemas. */
export function generatedDocFiles(): DocFile[] {
  const ruleSets = builtinRuleSetIds.map((id) => getRuleSet(id));
  return [
    { path: 'docs/rule-set.schema.json', content: json(ruleSetJsonSchema()) },
    { path: 'docs/rules/extension.schema.json', content: json(ruleSetExtensionJsonSchema()) },
    { path: 'docs/rules/README.md', content: renderIndexMarkdown(ruleSets) },
    ...ruleSets.flatMap((ruleSet) => [
      { path: `docs/rules/${ruleSet.id}.md`, content: renderRuleSetMarkdown(ruleSet) },
      { path: `docs/rules/${ruleSet.id}.json`, content: renderRuleSetJson(ruleSet) },
    ]),
  ];
}
