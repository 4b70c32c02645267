import { Decimal } from '../src/index.js';
import { jsonRulesEngine } from './contenders/json-rules-engine.js';
import { kaohe, kaoheEveryField } from './contenders/kaohe.js';
import { plainNumber } from './contenders/plain-number.js';
import type { Contender, TargetOutcome, UnitOutcome } from './contenders/types.js';
import { defaultSeed, generateQuarter, type NationalQuarter } from './generate.js';
import { runQuarter, type QuarterTally } from './run-quarter.js';

// One measurement in its own process (so that its peak RSS is its own), started by national-quarter.ts:
//   child.ts time <kaohe | kaohe-full | plain | jre | data> <runs> [seed]   time the contender on the quarter
//   child.ts verify [seed]                                       compare the contenders item by item
// (with node's --cpu-prof, the time mode leaves a CPU profile for --profile)

const contenders: Record<string, Contender> = {
  kaohe,
  'kaohe-full': kaoheEveryField,
  plain: plainNumber,
  jre: jsonRulesEngine,
};

export interface TimingReport {
  contender: string;
  generationMs: number;
  runsMs: number[];
  /** CPU time (user + system, all threads) of each run: less disturbed than wall time by other work on the core */
  cpuMs: number[];
  rssAfterDataMb: number;
  peakRssMb: number;
  /** Wall time of the parts of each run: websites, new media, units, ranking. */
  sectionsMs: QuarterTally['sectionsMs'][];
  tally: QuarterTally | null;
}

const settleMs = 300;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function time(name: string, runs: number, seed: number): Promise<TimingReport> {
  const started = performance.now();
  const quarter = generateQuarter(seed);
  const generationMs = performance.now() - started;
  const rssAfterDataMb = mb(process.memoryUsage().rss);
  // V8 compiles the generator's hot code on a background thread, which shares the pinned core: let it finish
  // before timing, so that no contender's first run pays for compiling the data generator
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  const sectionsMs: QuarterTally['sectionsMs'][] = [];
  let tally: QuarterTally | null = null;
  const contender = contenders[name];
  if (contender !== undefined) {
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      tally = await runQuarter(contender, quarter);
      runsMs.push(performance.now() - start);
      const cpu = process.cpuUsage(cpuStart);
      cpuMs.push((cpu.user + cpu.system) / 1000);
      sectionsMs.push(tally.sectionsMs);
    }
  }
  // maxRSS is the process's high-water mark in KiB: data, runtime and the contender's peak together
  const peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  return { contender: name, generationMs, runsMs, cpuMs, rssAfterDataMb, peakRssMb, sectionsMs, tally };
}

export interface VerifyReport {
  compared: { websites: number; newMedia: number; units: number };
  mismatches: Record<string, number>;
  examples: string[];
}

async function verify(seed: number): Promise<VerifyReport> {
  const quarter: NationalQuarter = generateQuarter(seed);
  const mismatches: Record<string, number> = {};
  const examples: string[] = [];
  const miss = (what: string, example: string) => {
    mismatches[what] = (mismatches[what] ?? 0) + 1;
    if (examples.length < 10) examples.push(`${what}: ${example}`);
  };
  const sameVetoes = (a: TargetOutcome, b: TargetOutcome) =>
    [...a.vetoes].sort().join() === [...b.vetoes].sort().join();
  const sameTotal = (a: string | null, b: string | null) =>
    a === null || b === null ? a === b : new Decimal(a).eq(new Decimal(b));

  for (const [kind, inputs] of [
    ['websites', quarter.websites],
    ['newMedia', quarter.newMedia],
  ] as const) {
    for (const [index, input] of inputs.entries()) {
      const reference = kaohe[kind === 'websites' ? 'website' : 'newMedia'](input) as TargetOutcome;
      const plain = plainNumber[kind === 'websites' ? 'website' : 'newMedia'](input) as TargetOutcome;
      const jre = await jsonRulesEngine[kind === 'websites' ? 'website' : 'newMedia'](input);
      if (plain.verdict !== reference.verdict) miss(`plain ${kind} verdict`, `#${index}`);
      if (!sameTotal(plain.total, reference.total))
        miss(`plain ${kind} total`, `#${index} ${plain.total} vs ${reference.total}`);
      if (!sameVetoes(plain, reference)) miss(`plain ${kind} vetoes`, `#${index}`);
      if (!sameVetoes(jre, reference))
        miss(`json-rules-engine ${kind} vetoes`, `#${index} ${jre.vetoes} vs ${reference.vetoes}`);
    }
  }
  const referenceUnits = quarter.units.map((unit) => kaohe.unit(unit) as UnitOutcome);
  const plainUnits = quarter.units.map((unit) => plainNumber.unit(unit) as UnitOutcome);
  for (const [index, unit] of quarter.units.entries()) {
    const reference = referenceUnits[index]!;
    const plain = plainUnits[index]!;
    const jre = await jsonRulesEngine.unit(unit);
    if (plain.vetoed !== reference.vetoed || jre.vetoed !== reference.vetoed) miss('unit veto', unit.id);
    if (!sameTotal(plain.total, reference.total))
      miss('plain unit total', `${unit.id} ${plain.total} vs ${reference.total}`);
    if (plain.grade !== reference.grade) miss('plain unit grade', unit.id);
  }
  const referenceRanks = kaohe.rank(quarter.units, referenceUnits);
  const plainRanks = plainNumber.rank(quarter.units, plainUnits);
  for (const [id, r] of referenceRanks)
    if (plainRanks.get(id) !== r) miss('plain rank', `${id} ${plainRanks.get(id)} vs ${r}`);
  if (plainRanks.size !== referenceRanks.size)
    miss('plain ranked count', `${plainRanks.size} vs ${referenceRanks.size}`);
  return {
    compared: {
      websites: quarter.websites.length,
      newMedia: quarter.newMedia.length,
      units: quarter.units.length,
    },
    mismatches,
    examples,
  };
}

const [mode, ...args] = process.argv.slice(2);
const report =
  mode === 'verify'
    ? await verify(Number(args[0] ?? defaultSeed))
    : await time(args[0] ?? 'kaohe', Number(args[1] ?? 1), Number(args[2] ?? defaultSeed));
console.log(JSON.stringify(report));
