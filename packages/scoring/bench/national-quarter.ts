import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TimingReport, VerifyReport } from './child.js';
import { hotSpots } from './profile.js';
import { defaultSeed, quarterSize } from './quarter-size.js';

// pnpm bench: one national quarter (15,000 website inspections, 140,000 new-media inspections, 3,000 unit
// assessments and their ranking), scored by Kaohe, by a plain-`number` baseline of the same logic (the floor)
// and by json-rules-engine evaluating the same vetoes. Each contender runs in its own process, pinned to one
// core when `taskset` is available, so that its wall time and peak RSS are its own. Prints figures; not a test.
//
// Options: --runs=5 (Kaohe and baseline), --jre-runs=3 (0 skips it), --seed=20190401, --cpu=0, --no-verify,
//          --profile (one more Kaohe run under --cpu-prof, listing the functions with the most self time)

const options = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'];
  }),
);
const runs = Number(options.runs ?? 5);
const jreRuns = Number(options['jre-runs'] ?? 3);
const seed = Number(options.seed ?? defaultSeed);
const cpu = String(options.cpu ?? 0);
const childPath = fileURLToPath(new URL('./child.ts', import.meta.url));
const pinned = spawnSync('taskset', ['-V']).status === 0;

function child<T>(args: string[], nodeOptions: string[] = []): T {
  const nodeArgs = [...process.execArgv, ...nodeOptions, '--conditions=@kaohe/source', childPath, ...args];
  const [command, commandArgs] = pinned
    ? ['taskset', ['-c', cpu, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`benchmark child ${args.join(' ')} failed:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as T;
}

const items = quarterSize.websites + quarterSize.newMedia + quarterSize.units;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const warm = (report: TimingReport) => (report.runsMs.length > 1 ? median(report.runsMs.slice(1)) : null);
const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(0)} ms`);
const perSecond = (value: number | null) =>
  value === null ? '—' : `${Math.round(items / (value / 1000)).toLocaleString('en-US')} /s`;
const times = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)}×`;
const pad = (text: string, width: number) => text.padStart(width);

console.log('Kaohe benchmark: one national quarter');
console.log(
  `  ${quarterSize.websites.toLocaleString('en-US')} website inspections (cn-2019-website-inspection), ` +
    `${quarterSize.newMedia.toLocaleString('en-US')} new-media inspections (cn-2019-newmedia-inspection),`,
);
console.log(
  `  ${quarterSize.units.toLocaleString('en-US')} unit assessments (gansu-2019-annual-assessment) ranked in 62 groups; seed ${seed}`,
);
console.log(
  `  node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ` +
    `${pinned ? `each contender pinned to CPU ${cpu} (taskset)` : 'not pinned (no taskset)'}, ` +
    `load average ${os.loadavg()[0]!.toFixed(2)}`,
);

if (options['no-verify'] === undefined) {
  const verified = child<VerifyReport>(['verify', String(seed)]);
  const problems = Object.entries(verified.mismatches);
  console.log(
    problems.length === 0
      ? '\nCross-check: the three contenders agree on every veto; Kaohe and the baseline on every verdict, score, grade and rank.'
      : `\nCross-check FAILED: ${problems.map(([what, n]) => `${what} ×${n}`).join(', ')}\n  ${verified.examples.join('\n  ')}`,
  );
}

const data = child<TimingReport>(['time', 'data', '0', String(seed)]);
const plain = child<TimingReport>(['time', 'plain', String(runs), String(seed)]);
const kaohe = child<TimingReport>(['time', 'kaohe', String(runs), String(seed)]);
const kaoheFull = child<TimingReport>(['time', 'kaohe-full', String(runs), String(seed)]);
const jre = child<TimingReport>(['time', 'jre', String(jreRuns), String(seed)]);

// first: the first full run in a fresh process (the headline: one quarter on one core, JIT warm-up included);
// warm: the median of the later runs in the same process (null with fewer than 2 runs)
const first = (report: TimingReport) => report.runsMs[0] ?? null;
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
const timesOrDash = (value: number | null) => (value === null ? '—' : times(value));

console.log(`\nGenerating the quarter takes ${data.generationMs.toFixed(0)} ms (not timed below).`);
console.log(
  `\n${'contender'.padEnd(28)}${pad('runs', 5)}${pad('first run', 11)}${pad('warm median', 13)}${pad('warm spread', 15)}` +
    `${pad('throughput (first)', 20)}${pad('peak RSS', 10)}`,
);
const rows: [string, TimingReport][] = [
  ['plain number (the floor)', plain],
  ['kaohe', kaohe],
  ['kaohe, every field built', kaoheFull],
  ['json-rules-engine (vetoes)', jre],
];
const spread = (report: TimingReport) => {
  const later = report.runsMs.slice(1);
  return later.length < 2 ? '—' : `${Math.min(...later).toFixed(0)}–${Math.max(...later).toFixed(0)} ms`;
};
for (const [label, report] of rows) {
  console.log(
    `${label.padEnd(28)}${pad(String(report.runsMs.length), 5)}${pad(ms(first(report)), 11)}${pad(ms(warm(report)), 13)}` +
      `${pad(spread(report), 15)}${pad(perSecond(first(report)), 20)}${pad(`${report.peakRssMb} MB`, 10)}`,
  );
}
console.log(
  `${'data only, no scoring'.padEnd(28)}${pad('', 5)}${pad('', 11)}${pad('', 13)}${pad('', 15)}${pad('', 20)}${pad(`${data.peakRssMb} MB`, 10)}`,
);
for (const [label, report] of rows) {
  if (report.runsMs.length === 0) continue;
  const cpuFirst = report.cpuMs[0]!;
  const cpuWarm = report.cpuMs.length > 1 ? median(report.cpuMs.slice(1)) : null;
  console.log(
    `  ${label}: wall ${report.runsMs.map((v) => v.toFixed(0)).join(' ')} ms; ` +
      `CPU first ${cpuFirst.toFixed(0)} ms, warm median ${ms(cpuWarm)}`,
  );
}

const sections = (report: TimingReport) => {
  const warmRuns = report.sectionsMs.length > 1 ? report.sectionsMs.slice(1) : report.sectionsMs;
  const pick = (key: keyof TimingReport['sectionsMs'][number]) => median(warmRuns.map((run) => run[key]));
  return [pick('websites'), pick('newMedia'), pick('units'), pick('rank')];
};
console.log(
  `\nWhere the time goes (warm median, ms)${''.padEnd(2)}${pad('websites', 10)}${pad('new media', 11)}${pad('units', 8)}${pad('rank', 7)}`,
);
for (const [label, report] of rows) {
  if (report.sectionsMs.length === 0) continue;
  const [w, n, u, r] = sections(report).map((value) => value.toFixed(0));
  console.log(`  ${label.padEnd(36)}${pad(w!, 10)}${pad(n!, 11)}${pad(u!, 8)}${pad(r!, 7)}`);
}
if (kaohe.sectionsMs.length > 0) {
  const [kw, kn, ku] = sections(kaohe);
  console.log(
    `  kaohe per item: ${((kw! * 1000) / quarterSize.websites).toFixed(1)} µs a website, ` +
      `${((kn! * 1000) / quarterSize.newMedia).toFixed(1)} µs a new-media account, ${((ku! * 1000) / quarterSize.units).toFixed(0)} µs a unit`,
  );
}

const overFloorFirst = ratio(first(kaohe), first(plain));
const overFloorWarm = ratio(warm(kaohe), warm(plain));
const jreFirst = ratio(first(jre), first(kaohe));
const jreWarm = ratio(warm(jre), warm(kaohe));
console.log('\nRatios (first runs | warm medians):');
console.log(
  `  kaohe ÷ plain number       ${pad(timesOrDash(overFloorFirst), 6)} | ${timesOrDash(overFloorWarm)}`,
);
console.log(`  json-rules-engine ÷ kaohe  ${pad(timesOrDash(jreFirst), 6)} | ${timesOrDash(jreWarm)}`);
console.log(
  `  every field built: kaohe ÷ plain number ${timesOrDash(ratio(first(kaoheFull), first(plain)))} | ` +
    `${timesOrDash(ratio(warm(kaoheFull), warm(plain)))}; json-rules-engine ÷ kaohe ` +
    `${timesOrDash(ratio(first(jre), first(kaoheFull)))} | ${timesOrDash(ratio(warm(jre), warm(kaoheFull)))}`,
);
console.log(
  '  (kaohe builds breakdowns, area trees and explanations when first read; the tally reads none of them. ' +
    '"every field built" reads them all.)',
);
// CPU time is much less disturbed than wall time by other work on a shared machine
const cpuFirst = (report: TimingReport) => report.cpuMs[0] ?? null;
const cpuWarm = (report: TimingReport) => (report.cpuMs.length > 1 ? median(report.cpuMs.slice(1)) : null);
console.log('Ratios on CPU time (first runs | warm medians):');
console.log(
  `  kaohe ÷ plain number       ${pad(timesOrDash(ratio(cpuFirst(kaohe), cpuFirst(plain))), 6)} | ` +
    `${timesOrDash(ratio(cpuWarm(kaohe), cpuWarm(plain)))}`,
);
console.log(
  `  json-rules-engine ÷ kaohe  ${pad(timesOrDash(ratio(cpuFirst(jre), cpuFirst(kaohe))), 6)} | ` +
    `${timesOrDash(ratio(cpuWarm(jre), cpuWarm(kaohe)))}`,
);

// the goals are about scoring one national quarter on one core: judged on the first runs, warm shown beside
const verdict = (met: boolean | null) => (met === null ? 'n/a    ' : met ? 'met    ' : 'NOT met');
const goals: [string, boolean | null, string][] = [
  [
    'national quarter under 1 s on one core',
    first(kaohe) === null ? null : first(kaohe)! < 1000,
    `${ms(first(kaohe))} first run (warm ${ms(warm(kaohe))})`,
  ],
  [
    'no more than 3× the plain-number baseline',
    overFloorFirst === null ? null : overFloorFirst <= 3,
    `${timesOrDash(overFloorFirst)} first runs (warm ${timesOrDash(overFloorWarm)})`,
  ],
  [
    'at least 20× faster than json-rules-engine',
    jreFirst === null ? null : jreFirst >= 20,
    `${timesOrDash(jreFirst)} first runs (warm ${timesOrDash(jreWarm)})`,
  ],
  ['peak memory under 300 MB', kaohe.peakRssMb < 300, `${kaohe.peakRssMb} MB`],
];
console.log('\nGoals (judged on the first run in a fresh process; warm medians beside):');
for (const [goal, met, value] of goals) console.log(`  ${verdict(met)}  ${goal}: ${value}`);

if (options.profile !== undefined) {
  const directory = mkdtempSync(join(os.tmpdir(), 'kaohe-profile-'));
  child<TimingReport>(['time', 'kaohe', '2', String(seed)], ['--cpu-prof', `--cpu-prof-dir=${directory}`]);
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const spots = hotSpots(directory, root);
  console.log(
    '\nKaohe hot spots: self time over two runs (module loading and data generation left out, GC not)',
  );
  for (const line of spots.functions) console.log(`  ${line}`);
  console.log('By file:');
  for (const line of spots.files) console.log(`  ${line}`);
  rmSync(directory, { recursive: true, force: true });
}
