import { db } from '$lib/server/db';
import { requireRole } from '$lib/server/guard';
import { reviewQueue } from '$lib/server/workflow/review';
import type { PageServerLoad } from './$types';

/** The reviewers' queue: submitted units awaiting review, then those verified, of every unpublished cycle. */
export const load = (async (event) => {
  requireRole(event, ['reviewer', 'admin']);
  return { queue: await reviewQueue(await db()) };
}) satisfies PageServerLoad;
