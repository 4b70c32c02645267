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
// A first run on a shared machine varies by ±15 % from one process to the next, so each contender is measured in
// several fresh processes, taken in turn (plain, kaohe, kaohe-full, json-rules-engine; again …) so that a slow
// spell of the machine falls on all of them: the first run shown is the median of the processes' first runs, the
// warm figure the median of every later run.
//
// Options: --processes=5 (fresh processes per contender), --runs=5 (runs in each process, Kaohe and baseline),
//          --jre-processes=3 and --jre-runs=3 (json-rules-engine takes ≈ 5 s a run: its first process makes
//          --jre-runs runs, the others one; --jre-runs=0 skips it), --seed=20190401, --cpu=0, --no-verify,
//          --profile (one more Kaohe run under --cpu-prof, listing the functions with the most self time)

const options = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'];
  }),
);
const processes = Math.max(1, Number(options.processes ?? 5));
const runs = Number(options.runs ?? 5);
const jreProcesses = Math.max(1, Number(options['jre-processes'] ?? 3));
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

/** A contender measured in several fresh processes. */
interface Measured {
  /** each process's runs: its first run is the first in a fresh process */
  reports: TimingReport[];
}

const data = child<TimingReport>(['time', 'data', '0', String(seed)]);
const plain: Measured = { reports: [] };
const kaohe: Measured = { reports: [] };
const kaoheFull: Measured = { reports: [] };
const jre: Measured = { reports: [] };
for (let round = 0; round < Math.max(processes, jreRuns === 0 ? 0 : jreProcesses); round += 1) {
  const time = (name: string, count: number) =>
    child<TimingReport>(['time', name, String(count), String(seed)]);
  if (round < processes) {
    plain.reports.push(time('plain', runs));
    kaohe.reports.push(time('kaohe', runs));
    kaoheFull.reports.push(time('kaohe-full', runs));
  }
  if (jreRuns > 0 && round < jreProcesses) jre.reports.push(time('jre', round === 0 ? jreRuns : 1));
}

// first: the median of the first runs of the fresh processes (the headline: one quarter on one core, JIT warm-up
// included); warm: the median of the later runs in the same processes (null without any)
const firstRuns = (m: Measured) => m.reports.filter((r) => r.runsMs.length > 0).map((r) => r.runsMs[0]!);
const warmRuns = (m: Measured) => m.reports.flatMap((r) => r.runsMs.slice(1));
const first = (m: Measured) => (firstRuns(m).length === 0 ? null : median(firstRuns(m)));
const runCount = (m: Measured) => m.reports.reduce((sum, r) => sum + r.runsMs.length, 0);
const peakRss = (m: Measured) => Math.max(0, ...m.reports.map((r) => r.peakRssMb));
const warm = (m: Measured) => (warmRuns(m).length === 0 ? null : median(warmRuns(m)));
// CPU time is much less disturbed than wall time by other work on a shared machine
const cpuFirsts = (m: Measured) => m.reports.filter((r) => r.cpuMs.length > 0).map((r) => r.cpuMs[0]!);
const cpuFirst = (m: Measured) => (cpuFirsts(m).length === 0 ? null : median(cpuFirsts(m)));
const cpuLater = (m: Measured) => m.reports.flatMap((r) => r.cpuMs.slice(1));
const cpuWarm = (m: Measured) => (cpuLater(m).length === 0 ? null : median(cpuLater(m)));
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
const timesOrDash = (value: number | null) => (value === null ? '—' : times(value));

console.log(`\nGenerating the quarter takes ${data.generationMs.toFixed(0)} ms (not timed below).`);
console.log(
  `\n${'contender'.padEnd(28)}${pad('runs', 6)}${pad('first run', 11)}${pad('first spread', 15)}${pad('warm median', 13)}` +
    `${pad('warm spread', 15)}${pad('throughput (first)', 20)}${pad('peak RSS', 10)}`,
);
const rows: [string, Measured][] = [
  ['plain number (the floor)', plain],
  ['kaohe', kaohe],
  ['kaohe, every field built', kaoheFull],
  ['json-rules-engine (vetoes)', jre],
];
const spread = (values: number[]) =>
  values.length < 2 ? '—' : `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
for (const [label, m] of rows) {
  console.log(
    `${label.padEnd(28)}${pad(m.reports.length === 0 ? '0' : `${m.reports.length}·${runCount(m)}`, 6)}` +
      `${pad(ms(first(m)), 11)}${pad(spread(firstRuns(m)), 15)}${pad(ms(warm(m)), 13)}${pad(spread(warmRuns(m)), 15)}` +
      `${pad(perSecond(first(m)), 20)}${pad(`${peakRss(m)} MB`, 10)}`,
  );
}
console.log(
  `${'data only, no scoring'.padEnd(28)}${pad('', 6)}${pad('', 11)}${pad('', 15)}${pad('', 13)}${pad('', 15)}${pad('', 20)}${pad(`${data.peakRssMb} MB`, 10)}`,
);
console.log("  (runs: fresh processes · runs in all; first run: the median of the processes' first runs)");
for (const [label, m] of rows) {
  if (m.reports.length === 0) continue;
  console.log(
    `  ${label}: first runs ${firstRuns(m)
      .map((v) => v.toFixed(0))
      .join(' ')} ms; CPU first ${ms(cpuFirst(m))}, warm median ${ms(cpuWarm(m))}`,
  );
}

// the sections of the later runs, and of the first runs
const sections = (m: Measured) => {
  const pool = m.reports.flatMap((r) => r.sectionsMs.slice(1));
  const pick = (key: keyof TimingReport['sectionsMs'][number]) => median(pool.map((run) => run[key]));
  return [pick('websites'), pick('newMedia'), pick('units'), pick('rank')];
};
const firstSections = (m: Measured) => {
  const pool = m.reports.flatMap((r) => r.sectionsMs.slice(0, 1));
  const pick = (key: keyof TimingReport['sectionsMs'][number]) => median(pool.map((run) => run[key]));
  return [pick('websites'), pick('newMedia'), pick('units'), pick('rank')];
};
console.log(
  `\n${'Where the time goes (warm median, ms)'.padEnd(38)}${pad('websites', 10)}${pad('new media', 11)}${pad('units', 8)}${pad('rank', 7)}`,
);
for (const [label, m] of rows) {
  if (warmRuns(m).length === 0) continue;
  const [w, n, u, r] = sections(m).map((value) => value.toFixed(0));
  console.log(`  ${label.padEnd(36)}${pad(w!, 10)}${pad(n!, 11)}${pad(u!, 8)}${pad(r!, 7)}`);
}
console.log(
  `${'…on the first runs (median)'.padEnd(38)}${pad('websites', 10)}${pad('new media', 11)}${pad('units', 8)}${pad('rank', 7)}`,
);
for (const [label, m] of rows) {
  if (runCount(m) === 0) continue;
  const [w, n, u, r] = firstSections(m).map((value) => value.toFixed(0));
  console.log(`  ${label.padEnd(36)}${pad(w!, 10)}${pad(n!, 11)}${pad(u!, 8)}${pad(r!, 7)}`);
}
if (runCount(kaohe) > 0) {
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
console.log('Ratios on CPU time (first runs | warm medians):');
console.log(
  `  kaohe ÷ plain number       ${pad(timesOrDash(ratio(cpuFirst(kaohe), cpuFirst(plain))), 6)} | ` +
    `${timesOrDash(ratio(cpuWarm(kaohe), cpuWarm(plain)))}`,
);
console.log(
  `  json-rules-engine ÷ kaohe  ${pad(timesOrDash(ratio(cpuFirst(jre), cpuFirst(kaohe))), 6)} | ` +
    `${timesOrDash(ratio(cpuWarm(jre), cpuWarm(kaohe)))}`,
);
// noise on a shared machine only ever adds time: the fastest first runs are a cross-check of the medians
const fastest = (m: Measured) => (firstRuns(m).length === 0 ? null : Math.min(...firstRuns(m)));
console.log('Ratios on the fastest first runs (a cross-check: noise only adds time):');
console.log(`  kaohe ÷ plain number       ${timesOrDash(ratio(fastest(kaohe), fastest(plain)))}`);
console.log(`  json-rules-engine ÷ kaohe  ${timesOrDash(ratio(fastest(jre), fastest(kaohe)))}`);

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
  ['peak memory under 300 MB', peakRss(kaohe) < 300, `${peakRss(kaohe)} MB`],
];
console.log(`\nGoals (judged on the median first run of ${processes} fresh processes; warm medians beside):`);
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
