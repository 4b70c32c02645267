import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRuleSetIds, getRuleSet } from './builtin/index.js';

// Golden snapshots of the built-in rule sets as parsed: any change to the data, however small, fails here until
// someone looks at the diff and accepts it with `UPDATE_GOLDEN=1 npx vitest run --project rules golden`.

const goldenDir = new URL('./__golden__/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

/** Keys sorted at every level, so that the snapshot does not depend on how the data file orders them. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

describe('golden snapshots of the built-in rule sets', () => {
  it.each(builtinRuleSetIds)('%s matches src/__golden__', (id) => {
    const actual = `${JSON.stringify(sortKeys(getRuleSet(id)), null, 2)}\n`;
    const file = new URL(`${id}.json`, goldenDir);
    if (update) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, actual);
    }
    const hint = `src/__golden__/${id}.json differs from the data: review the change, then run UPDATE_GOLDEN=1 npx vitest run --project rules golden`;
    expect(existsSync(file), `src/__golden__/${id}.json is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(readFileSync(file, 'utf8'), hint).toBe(actual);
  });

  it('sorts keys at every depth and keeps array order', () => {
    expect(JSON.stringify(sortKeys({ b: 1, a: [{ d: 1, c: 2 }, 3] }))).toBe('{"a":[{"c":2,"d":1},3],"b":1}');
  });
});
