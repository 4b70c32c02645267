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
    // a poll waits for what a page does after a click (publishing freezes every result): the default 1 s is too
    // short on a busy CI machine
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // one browser at a time: the server under test is shared
    fileParallelism: false,
  },
});
