import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

// Server tests: loads, actions and endpoints called with real Requests against a real database, once on PGlite and
// once on PostgreSQL. Not the SvelteKit plugin: it reads svelte.config.js from the cwd (toolchain note §5.4).
export default defineProject({
  ...sourceConditions,
  resolve: {
    ...sourceConditions.resolve,
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
  },
  test: {
    name: 'dashboard',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
