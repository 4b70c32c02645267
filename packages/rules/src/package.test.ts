import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { beforeAll, describe, expect, it } from 'vitest';

// The package as a user gets it: the built dist/, entered through package.json, from plain Node. The root
// `pnpm test` builds before it runs vitest; on its own, run `pnpm --filter @kaohe/rules build` first.

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dist = new URL('../dist/', import.meta.url);

function node(...args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs an ES module snippet in a fresh Node process whose working directory is the package. */
const runModule = (source: string) => node('--input-type=module', '-e', source);

beforeAll(() => {
  if (!existsSync(new URL('index.js', dist))) {
    throw new Error(
      'packages/rules/dist is missing: run `pnpm build` (the root `pnpm test` does) before this test',
    );
  }
});

describe('@kaohe/rules as published', () => {
  it('passes publint without errors or warnings', async () => {
    const { messages } = await publint({ pkgDir: packageDir, strict: true });
    expect(messages.filter((message) => message.type !== 'suggestion')).toEqual([]);
  }, 60_000);

  it('gives the built-in rule sets to plain Node through its own name', () => {
    const { status, stdout, stderr } = runModule(`
      import('@kaohe/rules').then((rules) => {
        const gansu = rules.getRuleSet('gansu-2019-annual-assessment');
        console.log(JSON.stringify({ ids: rules.builtinRuleSetIds, id: gansu.id, total: gansu.total, areas: gansu.areas.length }));
      });
    `);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      ids: [
        'cn-2019-website-inspection',
        'cn-2019-newmedia-inspection',
        'cn-2019-supervision-assessment',
        'gansu-2019-annual-assessment',
      ],
      id: 'gansu-2019-annual-assessment',
      total: '100',
      areas: 4,
    });
  });

  it('extends a rule set and reports errors as RuleSetError from the built code', () => {
    const { status, stdout, stderr } = runModule(`
      import { extendRuleSet, getRuleSet, RuleSetError } from '@kaohe/rules';
      const derived = extendRuleSet(getRuleSet('cn-2019-website-inspection'), { id: 'x', set: [{ node: 'service', points: '20' }, { node: 'publish', points: '45' }] });
      let where = null;
      try { extendRuleSet(derived, { id: 'y', set: [{ node: 'nothing', title: 't' }] }); } catch (error) { where = error instanceof RuleSetError ? error.issues[0].where : String(error); }
      console.log(JSON.stringify({ points: derived.deductions.indicators.map((i) => i.points), where }));
    `);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ points: ['45', '20', '15', '20'], where: 'set[0].node' });
  });

  it('loads a JSON rule-set file through @kaohe/rules/node (the examples ship with the package)', () => {
    const { status, stdout, stderr } = runModule(`
      import { loadRuleSetFile } from '@kaohe/rules/node';
      const gansu2018 = loadRuleSetFile('examples/gansu-2018-annual-assessment.json');
      console.log(JSON.stringify({ id: gansu2018.id, total: gansu2018.total }));
    `);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ id: 'gansu-2018-annual-assessment', total: '25' });
  });

  it('keeps node: modules out of everything the main entry imports (the dashboard bundles it for browsers)', () => {
    const seen = new Set<string>();
    const nodeImports: string[] = [];
    const visit = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      const code = readFileSync(file, 'utf8');
      for (const [, specifier] of code.matchAll(
        /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g,
      )) {
        if (specifier!.startsWith('.')) visit(new URL(specifier!, file));
        else if (specifier!.startsWith('node:')) nodeImports.push(`${file.pathname}: ${specifier}`);
      }
    };
    visit(new URL('index.js', dist));
    expect(seen.size).toBeGreaterThan(5);
    expect(nodeImports).toEqual([]);
  });

  it('installs a working kaohe-rules command', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(manifest.bin).toEqual({ 'kaohe-rules': './bin/kaohe-rules.js' });
    const summary = node('bin/kaohe-rules.js', 'summary', 'gansu-2019-annual-assessment');
    expect(summary.stderr).toBe('');
    expect(summary.status).toBe(0);
    expect(summary.stdout).toContain('结构 structure: 4 方面 areas · 16 分项 items · 18 子项 sub-items');
    const check = node('dist/cli.js', 'check', 'examples/zhaoqing-2019-website-inspection.json');
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('zhaoqing-2019-website-inspection 有效 valid');
    expect(node('bin/kaohe-rules.js', 'summary', 'nothing').status).toBe(2);
  });
});
