import { defineProject } from 'vitest/config';

// Browser tests: Debian's Chromium (playwright-core) against the BUILT server, started by the global setup on a free
// port with a fresh data dir. A separate project so the root summary counts them; needs `pnpm build` first.
export default defineProject({
  test: {
    name: 'dashboard-browser',
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // one browser at a time: the server under test is shared
    fileParallelism: false,
  },
});
