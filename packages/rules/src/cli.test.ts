import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRuleSetIds, getRuleSet } from './builtin/index.js';
import { runCli } from './cli.js';
import { ruleSetStats } from './docs/stats.js';
import { parseRuleSet } from './parse.js';
import { assessmentFixture } from './test-support/fixtures.js';

function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli({
    argv,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

const example = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kaohe-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};

describe('kaohe-rules list', () => {
  it('lists every built-in rule set with its kind and title', () => {
    const { code, stdout } = run('list');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split('  ')[0])).toEqual(builtinRuleSetIds);
    expect(stdout).toContain('gansu-2019-annual-assessment  年度考核 assessment  甘肃省2019年度');
  });
});

describe('kaohe-rules summary', () => {
  it('summarises a built-in assessment: totals, structure, grades, provenance and reconstructed share', () => {
    const { code, stdout } = run('summary', 'gansu-2019-annual-assessment');
    expect(code).toBe(0);
    const stats = ruleSetStats(getRuleSet('gansu-2019-annual-assessment'));
    expect(stdout).toContain('甘肃省2019年度政府网站建设管理工作考核指标\n');
    expect(stdout).toContain('类型 kind: 年度考核 assessment');
    expect(stdout).toContain('总分 total: 100 · 合格 pass mark 60');
    expect(stdout).toContain('结构 structure: 4 方面 areas · 16 分项 items · 18 子项 sub-items');
    expect(stdout).toContain('等次 grades: 优秀 ≥ 90 · 良好 ≥ 80 · 合格 ≥ 60 · 不合格 ≥ 0');
    expect(stdout).toContain(
      `可信度 provenance: ✅ 官方 official ${stats.provenance.official} · ≈ 转述 paraphrased ${stats.provenance.paraphrased} · ⚠ 重构 reconstructed ${stats.provenance.reconstructed}`,
    );
    expect(stdout).toMatch(/重构占比 reconstructed: \d+% 的节点 of nodes; [\d.]+\/100 分在重构的子项中/);
  });

  it('summarises an inspection: deductions, bonus gate, service rule and vetoes', () => {
    const { stdout } = run('summary', 'cn-2019-website-inspection');
    const ruleSet = getRuleSet('cn-2019-website-inspection');
    expect(stdout).toContain('类型 kind: 网站检查 website inspection');
    expect(stdout).toContain(
      `扣分指标 deductions: 100 (${ruleSet.deductions!.indicators.length} 指标 indicators`,
    );
    expect(stdout).toContain('加分指标 bonus: 30');
    expect(stdout).toContain('扣分得分高于 above 80 · 仅门户网站 portals only');
    expect(stdout).toContain(
      `单项否决 vetoes: ${ruleSet.vetoes.length} (${ruleSet.measurements.length} 测量项`,
    );
    expect(stdout).toContain('其余按比例放大 scaled up');
  });

  it('summarises a JSON file, e.g. the Zhaoqing extension', () => {
    const { code, stdout } = run('summary', example('zhaoqing-2019-website-inspection.json'));
    expect(code).toBe(0);
    expect(stdout).toContain('肇庆市政府网站检查指标（2019年）');
    expect(stdout).toContain('加分指标 bonus: 25');
    expect(stdout).toContain('否决记分 vetoed score: 59');
    expect(stdout).toContain('分值平均分配到其他指标 spread evenly');
  });

  it('summarises a Gansu 2018 file with its 25-point grades', () => {
    const { stdout } = run('summary', example('gansu-2018-annual-assessment.json'));
    expect(stdout).toContain('总分 total: 25 · 合格 pass mark 15');
    expect(stdout).toContain('等次 grades: 优秀 > 22.5 · 良好 ≥ 20 · 合格 ≥ 15 · 不合格 ≥ 0');
  });

  it('names the built-in ids when given neither an id nor a file', () => {
    const { code, stdout, stderr } = run('summary', 'gansu-2019');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('“gansu-2019”既不是内置规则集也不是文件');
    for (const id of builtinRuleSetIds) expect(stderr).toContain(id);
  });

  it('reports the problems of an invalid file with exit code 1', () => {
    const fixture = assessmentFixture();
    fixture.total = '90';
    const { code, stderr } = run('summary', write('summary-invalid.json', fixture));
    expect(code).toBe(1);
    expect(stderr).toContain('total  [pointsSum]');
  });
});

describe('kaohe-rules check', () => {
  it('accepts valid files, whole or extension documents, with exit code 0', () => {
    const whole = write('whole.json', { $schema: '../rule-set.schema.json', ...assessmentFixture() });
    const { code, stdout } = run('check', whole, example('gansu-2018-annual-assessment.json'));
    expect(code).toBe(0);
    expect(stdout).toContain(`✓ ${whole}: test-annual-assessment 有效 valid`);
    expect(stdout).toContain('gansu-2018-annual-assessment 有效 valid');
  });

  it('prints every problem with its path and Chinese message, and exits 1', () => {
    const fixture = assessmentFixture() as unknown as {
      areas: { items: { subItems: Record<string, unknown>[] }[] }[];
    };
    fixture.areas[2]!.items[1]!.subItems[0]!.pionts = '12';
    fixture.areas[0]!.items[0]!.subItems[0]!.points = 20;
    const file = write('two-problems.json', fixture);
    const { code, stdout } = run('check', file);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        `✗ ${file}: 2 个问题 problems`,
        '  areas[0].items[0].subItems[0].points  [shape]',
        '    无效输入：期望 string，实际接收 数字',
        '    Invalid input: expected string, received number',
        '  areas[2].items[1].subItems[0].pionts  [shape]',
        '    未知字段“pionts”（拼写错误，或此处不允许该字段）',
        '    unknown key "pionts" (misspelt, or not allowed here)',
        '',
      ].join('\n'),
    );
  });

  it('names the change of an extension document that broke it', () => {
    const file = write('extension.json', {
      extends: 'cn-2019-website-inspection',
      changes: {
        id: 'local',
        set: [
          { node: 'service', points: '20' },
          { node: 'servise', points: '25' },
        ],
      },
    });
    const { code, stdout } = run('check', file);
    expect(code).toBe(1);
    expect(stdout).toContain('  changes.set[1].node  [shape]\n    没有编号为“servise”的节点\n');
  });

  it('reports invalid JSON and a missing file, checks the rest, and exits 1', () => {
    const broken = write('broken.json', '{ "kind": "inspection", }');
    const missing = join(dir, 'missing.json');
    const { code, stdout } = run('check', broken, missing, example('zhaoqing-2019-website-inspection.json'));
    expect(code).toBe(1);
    expect(stdout).toContain(`✗ ${broken}: 1 个问题 problem\n  (root)  [shape]\n    不是有效的 JSON：`);
    expect(stdout).toContain(`✗ ${missing}: 1 个问题 problem\n  (file)  [shape]\n    无法读取文件`);
    expect(stdout).toContain('zhaoqing-2019-website-inspection 有效 valid');
  });
});

describe('kaohe-rules json and schema', () => {
  it('prints a whole rule set as JSON that parses back to the same rule set', () => {
    const { code, stdout } = run('json', example('zhaoqing-2019-website-inspection.json'));
    expect(code).toBe(0);
    const ruleSet = parseRuleSet(JSON.parse(stdout));
    expect(ruleSet.id).toBe('zhaoqing-2019-website-inspection');
    expect(parseRuleSet(JSON.parse(run('json', 'cn-2019-newmedia-inspection').stdout))).toEqual(
      getRuleSet('cn-2019-newmedia-inspection'),
    );
  });

  it('prints the JSON Schema of rule sets and of extension documents', () => {
    expect(JSON.parse(run('schema').stdout).title).toBe('Kaohe rule set');
    expect(JSON.parse(run('schema', '--extension').stdout).title).toBe('Kaohe rule-set extension');
    expect(run('schema', '--extensions').code).toBe(2);
  });
});

describe('usage', () => {
  it('prints the usage for help (exit 0), and for no or an unknown command (exit 2)', () => {
    expect(run('help')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('kaohe-rules check <file.json>'),
    });
    expect(run()).toMatchObject({ code: 2, stderr: expect.stringContaining('用法 Usage:') });
    expect(run('verify', 'x.json')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('未知命令 unknown command: verify'),
    });
    expect(run('summary')).toMatchObject({ code: 2 });
    expect(run('check')).toMatchObject({ code: 2 });
  });
});
