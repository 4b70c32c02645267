// The bench seed's leaders, one per load-test connection (bench-leader-01 …), so that no two clients share a
// session. Without imports: the benchmark script (bench/run.ts) reads it outside the app's module graph.

export const benchLeaderCount = 50;
export const benchLeaderPassword = 'kaohe-bench-leader';

export function benchLeaderUsername(index: number): string {
  return `bench-leader-${String(index + 1).padStart(2, '0')}`;
}

export function benchLeaderDisplayName(index: number): string {
  return `基准领导${String(index + 1).padStart(2, '0')}`;
}
