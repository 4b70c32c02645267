import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    typescript: {
      // type-check the tooling files too, not only src/
      config: (tsconfig) => {
        tsconfig.include.push('../*.config.ts', '../e2e/**/*.ts', '../scripts/**/*.ts', '../bench/**/*.ts');
        return tsconfig;
      },
    },
    // session cookies are SameSite=Lax; SvelteKit's Origin check covers form posts, JSON endpoints need application/json
  },
};

export default config;
