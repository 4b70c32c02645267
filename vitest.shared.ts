import { defaultClientConditions, defaultServerConditions } from 'vite';

// workspace packages resolve to their TypeScript source in tests, never to a stale dist/
export const sourceConditions = {
  resolve: { conditions: ['@kaohe/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@kaohe/source', ...defaultServerConditions] } },
};
