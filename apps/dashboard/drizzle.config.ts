import { defineConfig } from 'drizzle-kit';

// one schema, SQL migrations that run unchanged on PGlite and on PostgreSQL
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/lib/server/db/schema.ts',
  out: './drizzle',
});
