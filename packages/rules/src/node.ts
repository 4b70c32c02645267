import { readFileSync } from 'node:fs';
import { parseRuleSetDocument } from './document.js';
import { RuleSetError } from './errors.js';
import type { RuleSet } from './schema.js';

// File access lives in its own entry point (`@kaohe/rules/node`): the main entry is also bundled for browsers.

/**
 * Reads and validates a rule-set JSON file: a whole rule set or an extension document.
 * Throws a `RuleSetError` headed with the file's path for invalid JSON or an invalid rule set; a file that
 * cannot be read throws the file system's error.
 */
export function loadRuleSetFile(path: string): RuleSet {
  // editors on Windows often save UTF-8 with a byte-order mark, which JSON.parse rejects
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RuleSetError(
      [
        {
          path: [],
          code: 'shape',
          message: `not valid JSON: ${reason}`,
          messageZh: `不是有效的 JSON：${reason}`,
        },
      ],
      path,
    );
  }
  try {
    return parseRuleSetDocument(json);
  } catch (error) {
    if (error instanceof RuleSetError) throw new RuleSetError(error.issues, path);
    throw error;
  }
}
