import { db } from '$lib/server/db';
import { inspectionProgrammes, inspectionReaders } from '$lib/server/inspections/access';
import { requireRole } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
  const user = requireRole(event, inspectionReaders);
  return {
    programmes: await inspectionProgrammes(await db()),
    canWrite: ['admin', 'inspector'].includes(user.role),
  };
}) satisfies PageServerLoad;
