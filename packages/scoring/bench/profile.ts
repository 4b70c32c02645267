import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Reads a V8 CPU profile (node --cpu-prof) and lists the functions with the most self time.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpots {
  functions: string[];
  files: string[];
}

export function hotSpots(directory: string, root: string, top = 15): HotSpots {
  const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) return { functions: ['(no profile written)'], files: [] };
  const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    // line numbers are those of the transpiled code, so only the file is named
    const { functionName, url } = nodes.get(id)!.callFrame;
    // leave out the module loader, idle time and the benchmark's own data generation
    if (url.startsWith('node:') || functionName === '(idle)' || url.includes('/bench/')) return;
    const where = url.startsWith('file://') ? relative(root, new URL(url).pathname) : url;
    const key = `${functionName || '(anonymous)'}  ${where}`;
    const delta = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + delta);
    const fileKey = where.includes('decimal.js') ? 'decimal.js' : where || functionName;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + delta);
    total += delta;
  });
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([key, micros]) =>
          `${(micros / 1000).toFixed(0).padStart(6)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`,
      );
  return { functions: list(self), files: list(byFile).slice(0, 8) };
}
