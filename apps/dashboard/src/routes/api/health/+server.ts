import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { appDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

// public on purpose (load balancers call it); it reveals only the database kind and the schema version
export const GET: RequestHandler = async () => {
  try {
    const database = await appDatabase();
    await database.db.execute(sql`select 1`);
    return json(
      { ok: true, db: database.kind, migration: database.migration },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    console.error('health check failed:', error);
    return json({ ok: false }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
};
