import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { sourceConditions } from '../../vitest.shared.js';

// workspace packages (@kaohe/rules, @kaohe/scoring) are bundled from their TypeScript source, never a stale dist/
export default defineConfig({
  plugins: [sveltekit()],
  ...sourceConditions,
});
