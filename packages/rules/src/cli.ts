import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRuleSetIds, getRuleSet, isBuiltinRuleSetId } from './builtin/index.js';
import { ruleSetExtensionJsonSchema } from './document.js';
import { confidenceMarks, confidences, percent, ruleSetStats } from './docs/stats.js';
import { RuleSetError, type RuleSetIssue } from './errors.js';
import { loadRuleSetFile } from './node.js';
import { ruleSetJsonSchema } from './parse.js';
import type { AssessmentRuleSet, InspectionRuleSet, RuleSet } from './schema.js';

// kaohe-rules: list, summarise and check rule sets from the command line. `runCli` does the work and returns
// the exit code, so tests call it directly; the bin (bin/kaohe-rules.js) only imports this module.

export interface CliStream {
  write(text: string): unknown;
}

export interface CliOptions {
  /** The arguments after the command name, e.g. `['check', 'zhaoqing.json']`. */
  argv: string[];
  stdout: CliStream;
  stderr: CliStream;
}

const usage = `kaohe-rules — 政府网站与政务新媒体检查、考核规则集 / Kaohe rule sets

用法 Usage:
  kaohe-rules list                         列出内置规则集 / list the built-in rule sets
  kaohe-rules summary <id | file.json>     概要 / a readable summary
  kaohe-rules check <file.json>...         校验规则集或扩展文件 / validate rule-set or extension files
  kaohe-rules json <id | file.json>        输出完整规则集 JSON（可复制修改）/ print the whole rule set as JSON
  kaohe-rules schema [--extension]         输出 JSON Schema / print the JSON Schema (of extension documents)

退出码 Exit codes: 0 正常 ok · 1 规则集有误 invalid rule set · 2 用法错误 usage error
`;

/** Runs one command; returns the process exit code. */
export function runCli({ argv, stdout, stderr }: CliOptions): number {
  const [command, ...args] = argv;
  const out = (text = '') => stdout.write(`${text}\n`);
  const err = (text = '') => stderr.write(`${text}\n`);
  const usageError = (message: string) => {
    err(message);
    err();
    err(usage.trimEnd());
    return 2;
  };

  switch (command) {
    case 'list':
      for (const id of builtinRuleSetIds) {
        const ruleSet = getRuleSet(id);
        out(`${id}  ${kindLabel(ruleSet)}  ${ruleSet.title}`);
      }
      return 0;
    case 'summary':
    case 'json': {
      if (args.length !== 1)
        return usageError(`${command}: 需要一个规则集编号或文件 / expects one rule-set id or file`);
      const target = args[0]!;
      const loaded = resolveRuleSet(target);
      if ('usage' in loaded) return usageError(loaded.usage);
      if ('issues' in loaded) {
        printIssues(err, target, loaded.issues);
        return 1;
      }
      if (command === 'json') out(JSON.stringify(loaded.ruleSet, null, 2));
      else summaryLines(loaded.ruleSet).forEach((line) => out(line));
      return 0;
    }
    case 'check': {
      if (args.length === 0) return usageError('check: 需要至少一个文件 / expects at least one file');
      let failed = false;
      for (const file of args) {
        const loaded = loadFile(file);
        if ('issues' in loaded) {
          failed = true;
          printIssues(out, file, loaded.issues);
        } else {
          const stats = ruleSetStats(loaded.ruleSet);
          out(
            `✓ ${file}: ${loaded.ruleSet.id} 有效 valid (${kindLabel(loaded.ruleSet)}; ${stats.provenance.reconstructed}/${stats.provenance.total} 重构 reconstructed)`,
          );
        }
      }
      return failed ? 1 : 0;
    }
    case 'schema': {
      const extension = args.includes('--extension');
      if (args.some((arg) => arg !== '--extension')) return usageError(`schema: 未知参数 / unknown argument`);
      out(JSON.stringify(extension ? ruleSetExtensionJsonSchema() : ruleSetJsonSchema(), null, 2));
      return 0;
    }
    case undefined:
      err(usage.trimEnd());
      return 2;
    case 'help':
    case '--help':
    case '-h':
      out(usage.trimEnd());
      return 0;
    default:
      return usageError(`未知命令 unknown command: ${command}`);
  }
}

type Loaded = { ruleSet: RuleSet } | { issues: RuleSetIssue[] };

function loadFile(file: string): Loaded {
  try {
    return { ruleSet: loadRuleSetFile(file) };
  } catch (error) {
    if (error instanceof RuleSetError) return { issues: error.issues };
    const reason = error instanceof Error ? error.message : String(error);
    return {
      issues: [
        {
          path: [],
          where: '(file)',
          code: 'shape',
          message: `cannot read: ${reason}`,
          messageZh: `无法读取文件`,
        },
      ],
    };
  }
}

function resolveRuleSet(target: string): Loaded | { usage: string } {
  if (isBuiltinRuleSetId(target)) return { ruleSet: getRuleSet(target) };
  if (!existsSync(target)) {
    return {
      usage: `“${target}”既不是内置规则集也不是文件 / is neither a built-in rule set nor a file (built-in: ${builtinRuleSetIds.join(', ')})`,
    };
  }
  return loadFile(target);
}

function printIssues(write: (text?: string) => unknown, file: string, issues: RuleSetIssue[]): void {
  write(`✗ ${file}: ${issues.length} 个问题 problem${issues.length === 1 ? '' : 's'}`);
  for (const issue of issues) {
    write(`  ${issue.where}  [${issue.code}]`);
    write(`    ${issue.messageZh}`);
    write(`    ${issue.message}`);
  }
}

function kindLabel(ruleSet: RuleSet): string {
  if (ruleSet.kind === 'assessment') return '年度考核 assessment';
  return ruleSet.targetKind === 'website' ? '网站检查 website inspection' : '新媒体检查 new-media inspection';
}

/** The summary as lines: what the rule set is, its size, and how much of it is reconstructed. */
export function summaryLines(ruleSet: RuleSet): string[] {
  const stats = ruleSetStats(ruleSet);
  const lines = [ruleSet.title];
  if (ruleSet.titleEn !== undefined) lines.push(ruleSet.titleEn);
  lines.push('');
  const field = (label: string, value: string) => lines.push(`  ${label}: ${value}`);
  field('编号 id', `${ruleSet.id} (version ${ruleSet.version})`);
  if (ruleSet.jurisdiction !== undefined) field('制定 jurisdiction', ruleSet.jurisdiction);
  field('类型 kind', kindLabel(ruleSet));
  if (ruleSet.kind === 'assessment') summarizeAssessment(ruleSet, field);
  else summarizeInspection(ruleSet, field);
  field(
    '单项否决 vetoes',
    `${stats.vetoes} (${stats.measurements} 测量项 measurements)${ruleSet.kind === 'assessment' ? ` → ${gradeTitle(ruleSet, ruleSet.policy.vetoedGrade)}` : ''}`,
  );
  const rounding = ruleSet.policy.rounding;
  field(
    '舍入 rounding',
    `${rounding.places} 位小数 places, ${rounding.mode}, ${rounding.stage === 'leaf' ? '逐项 each leaf' : '只对总分 totals only'}`,
  );
  field('来源 sources', String(stats.sources));
  field(
    '可信度 provenance',
    confidences
      .map(
        (c) =>
          `${confidenceMarks[c].mark} ${confidenceMarks[c].zh} ${confidenceMarks[c].en} ${stats.provenance[c]}`,
      )
      .join(' · ') + ` (${stats.provenance.total} 个节点 nodes)`,
  );
  const points = stats.points;
  field(
    '重构占比 reconstructed',
    `${stats.reconstructedNodesPercent}% 的节点 of nodes` +
      (points === null
        ? ''
        : `; ${points.reconstructed}/${points.of} 分在重构的${points.leaves.zh}中 points in reconstructed ${points.leaves.en} (${percent(points.reconstructed, points.of)})`),
  );
  return lines;
}

type Field = (label: string, value: string) => void;

function summarizeAssessment(ruleSet: AssessmentRuleSet, field: Field): void {
  const stats = ruleSetStats(ruleSet);
  const tree = stats.tree!;
  field('总分 total', `${ruleSet.total} · 合格 pass mark ${ruleSet.policy.passMark}`);
  field(
    '结构 structure',
    `${tree.areas} 方面 areas · ${tree.items} 分项 items · ${tree.subItems} 子项 sub-items`,
  );
  field(
    '评分方法 methods',
    Object.entries(tree.methods)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(' · ') + (stats.criteria > 0 ? ` (${stats.criteria} 扣分细则 criteria)` : ''),
  );
  field(
    '加分 bonus',
    ruleSet.bonus === null || ruleSet.policy.bonusGate === null
      ? '无 none'
      : `${ruleSet.bonus.points} (${stats.bonus!.indicators} 指标 indicators), 总分高于 above ${ruleSet.policy.bonusGate.above}`,
  );
  field(
    '等次 grades',
    ruleSet.grades
      .map(
        (grade) => `${grade.title} ${grade.above !== undefined ? `> ${grade.above}` : `≥ ${grade.atLeast}`}`,
      )
      .join(' · '),
  );
}

function summarizeInspection(ruleSet: InspectionRuleSet, field: Field): void {
  const stats = ruleSetStats(ruleSet);
  const { policy, deductions, bonus } = ruleSet;
  field(
    '扣分指标 deductions',
    deductions === null
      ? '无 none (只查单项否决 vetoes only)'
      : `${deductions.points} (${stats.deductions!.indicators} 指标 indicators · ${stats.deductions!.criteria} 细则 criteria) · 合格 pass ≥ ${policy.passMark}`,
  );
  field(
    '加分指标 bonus',
    bonus === null || policy.bonusGate === null
      ? '无 none'
      : `${bonus.points} (${stats.bonus!.indicators} 指标 indicators · ${stats.bonus!.criteria} 细则 criteria) · 扣分得分高于 above ${policy.bonusGate.above} · ${policy.bonusFor === 'portals' ? '仅门户网站 portals only' : '全部 all targets'}`,
  );
  if (policy.withoutServiceFunctions !== null) {
    const { indicator, treatment } = policy.withoutServiceFunctions;
    field(
      '无对外服务职能 without service functions',
      treatment === 'scale'
        ? `不查 ${indicator}，其余按比例放大 scaled up`
        : `不查 ${indicator}，分值平均分配到其他指标 spread evenly`,
    );
  }
  field('否决记分 vetoed score', policy.vetoedScore ?? '不计分 no score');
}

function gradeTitle(ruleSet: AssessmentRuleSet, id: string): string {
  return ruleSet.grades.find((grade) => grade.id === id)?.title ?? id;
}

// run only when this module is the program (node dist/cli.js, or the bin that imports it), never on import
function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  const self = fileURLToPath(import.meta.url);
  try {
    const real = realpathSync(entry);
    return real === self || real === join(dirname(self), '..', 'bin', 'kaohe-rules.js');
  } catch {
    return false;
  }
}

if (isMain()) {
  // `kaohe-rules json … | head` closes the pipe early: that is not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = runCli({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr });
}
