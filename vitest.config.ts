import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/dashboard/vitest.config.ts', 'apps/dashboard/vitest.browser.config.ts'],
    reporters: ['default', './.ci/summary-reporter.ts'],
  },
});
