import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRuleSetIds, getRuleSet } from './builtin/index.js';
import { generatedDocFiles, handWrittenDocs } from './docs/files.js';
import { renderRuleSetJson, renderRuleSetMarkdown } from './docs/render.js';
import { collectProvenance, confidenceMarks } from './docs/stats.js';
import { parseRuleSet } from './parse.js';
import { assessmentFixture, inspectionFixture } from './test-support/fixtures.js';

// The generated docs are committed; this test fails as soon as they no longer match the data.

const root = new URL('../../../', import.meta.url);
const files = generatedDocFiles();
const stale = 'stale: run `pnpm docs` and commit the result';

describe('docs/rules and docs/rule-set.schema.json are up to date', () => {
  it.each(files.map((file) => [file.path, file.content]))('%s', (path, content) => {
    const onDisk = new URL(path, root);
    expect(existsSync(onDisk), `${path} is missing: ${stale}`).toBe(true);
    expect(readFileSync(onDisk, 'utf8'), `${path} is ${stale}`).toBe(content);
  });

  it('has no generated file left over from a rule set that is gone', () => {
    const expected = new Set([...files.map((file) => file.path), ...handWrittenDocs]);
    const present = readdirSync(new URL('docs/rules/', root)).map((name) => `docs/rules/${name}`);
    expect(
      present.filter((path) => !expected.has(path)),
      stale,
    ).toEqual([]);
  });

  it('documents every built-in rule set as markdown and JSON', () => {
    for (const id of builtinRuleSetIds) {
      expect(files.map((file) => file.path)).toContain(`docs/rules/${id}.md`);
      expect(files.map((file) => file.path)).toContain(`docs/rules/${id}.json`);
    }
  });
});

describe('renderRuleSetJson', () => {
  it.each(builtinRuleSetIds)('%s: a copy a province can use as it is, pointing at the schema', (id) => {
    const json = JSON.parse(renderRuleSetJson(getRuleSet(id))) as Record<string, unknown>;
    expect(Object.keys(json)[0]).toBe('$schema');
    expect(json.$schema).toBe('../rule-set.schema.json');
    const { $schema: _schema, ...data } = parseRuleSet(json);
    expect(data).toEqual(getRuleSet(id));
  });
});

describe('renderRuleSetMarkdown', () => {
  const countMarks = (markdown: string) => {
    const counts = { official: 0, paraphrased: 0, reconstructed: 0 };
    for (const line of markdown.split('\n')) {
      if (!line.includes('<sub>')) continue;
      for (const confidence of Object.keys(counts) as (keyof typeof counts)[]) {
        if (line.includes(`<sub>${confidenceMarks[confidence].mark} `)) counts[confidence] += 1;
      }
    }
    return counts;
  };

  it.each(builtinRuleSetIds)('%s: shows the provenance of every node that has one', (id) => {
    const ruleSet = getRuleSet(id);
    const expected = { official: 0, paraphrased: 0, reconstructed: 0 };
    for (const entry of collectProvenance(ruleSet)) expected[entry.provenance.confidence] += 1;
    // every provenance is rendered once as a detail line, except the rule set's own, which is in the header table
    expected[ruleSet.provenance.confidence] -= 1;
    expect(countMarks(renderRuleSetMarkdown(ruleSet))).toEqual(expected);
  });

  it('renders an assessment tree: points, every method with its bands and criteria, grades', () => {
    const markdown = renderRuleSetMarkdown(parseRuleSet(assessmentFixture()));
    expect(markdown).toContain('## 指标 Indicators — 100 分: 3 方面 areas, 6 分项 items, 8 子项 sub-items');
    expect(markdown).toContain('### ✅ 政府网站建设运行 `A` — 40 分');
    expect(markdown).toContain('#### ⚠ 安全防护 `C2` — 20 分');
    expect(markdown).toContain('- ⚠ **安全检测** `C2.1` — 12 分');
    expect(markdown).toContain(
      '    - ✅ 安全事件: **−2** per occurrence 每次, at most −12 最多扣 12 分 `C2.1.incident`',
    );
    expect(markdown).toContain('    - ≥ 60 and < 80 → **10** 分');
    expect(markdown).toContain('    - ≥ 50% and < 100% → **4** 分');
    expect(markdown).toContain('  - 方法 Method: ratio 10 × 迁移比例 (ratio)');
    expect(markdown).toContain(
      '  - 方法 Method: check 达标得 15 分，否则 0; requirement 要求: 每季度抽查比例不低于30%',
    );
    expect(markdown).toContain(
      '  - 方法 Method: manual 评审人依据材料给 0–15 分; guidance 说明: 依据整改报告评分',
    );
    expect(markdown).toContain('  - 佐证 Evidence: 整改报告');
    expect(markdown).toContain('- ⚠ **合格**: at least 60 (≥ 60) `pass`');
    expect(markdown).toContain('## ✅ 加分指标 Bonus — up to 5 分');
  });

  it('renders an inspection: vetoes with their thresholds, indicators with per-occurrence criteria, the policy', () => {
    const markdown = renderRuleSetMarkdown(parseRuleSet(inspectionFixture()));
    expect(markdown).toContain('- ✅ `unreachableShare` 无法访问比例 ≥ 0.05 (5%)');
    expect(markdown).toContain('  - ✅ `emptyColumns` 空白栏目数量 ≥ 5 个');
    expect(markdown).toContain('- **任一 any** of');
    expect(markdown).toContain('- ✅ `seriousError` 严重表述错误 is 是 true');
    expect(markdown).toContain('### ⚠ 发布解读 `publish` — 40 分');
    expect(markdown).toContain(
      '- ✅ 负责人姓名或简历缺失: **−1** per occurrence 每次, at most −5 最多扣 5 分 `leader-cv`',
    );
    expect(markdown).toContain('the rest is scored out of 75 and multiplied by 100 ÷ 75');
    expect(markdown).toContain('- 合格 Pass: a deduction score of at least 60 of 100');
    expect(markdown).toContain(
      '**75 of 100 points (75%)** sit in deduction indicators whose points are reconstructed',
    );
  });

  it('summarises how much is reconstructed', () => {
    const markdown = renderRuleSetMarkdown(parseRuleSet(inspectionFixture()));
    expect(markdown).toContain('| ⚠ 重构 reconstructed | 5 | 23% |');
  });
});
