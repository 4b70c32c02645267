import { db } from '$lib/server/db';
import { inspectionProgrammes, requireRegistryReader } from '$lib/server/registry/pages';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  requireRegistryReader(event);
  return { programmes: await inspectionProgrammes(await db()) };
}) satisfies PageServerLoad;
