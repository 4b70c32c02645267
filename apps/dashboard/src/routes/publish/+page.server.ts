import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translator } from '$lib/i18n';
import { loadCycleContext, listCycles } from '$lib/server/assessment/context';
import { changeCycleStatus } from '$lib/server/cycles';
import { db } from '$lib/server/db';
import { cycleStatuses } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { textFields } from '$lib/server/workflow/common';
import { revisionHistory, submissionCounts } from '$lib/server/workflow/publish';
import type { Actions, PageServerLoad } from './$types';

/** Publishing: each cycle's progress, the step to take next, and the history of its published revisions. */
export const load = (async (event) => {
  requireRole(event, ['admin']);
  const database = await db();
  const listing = await listCycles(database);
  const cycles = [];
  for (const row of listing) {
    const context = await loadCycleContext(database, row.id);
    if (!context) continue;
    cycles.push({
      ...row,
      version: context.cycle.version,
      publishedAt: context.cycle.publishedAt?.toISOString() ?? null,
      units: context.units.length,
      counts: await submissionCounts(database, row.id),
      history: await revisionHistory(database, context),
    });
  }
  return { cycles };
}) satisfies PageServerLoad;

// strict: the form posts exactly these three fields; anything else is refused, not silently ignored
const AdvanceForm = z.strictObject({
  cycleId: z.coerce.number().int().positive(),
  to: z.enum(cycleStatuses),
  version: z.coerce.number().int().positive(),
});

export const actions = {
  advance: async (event) => {
    requireRole(event, ['admin']);
    const t = translator(event.locals.lang);
    const form = AdvanceForm.safeParse(textFields(await event.request.formData()));
    if (!form.success) {
      const unknown = form.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys' ? issue.keys : [],
      );
      return fail(400, {
        errors: {
          _: unknown.length
            ? t('publish.unknownFields', { fields: unknown.join(event.locals.lang === 'zh' ? '、' : ', ') })
            : t('publish.badRequest'),
        },
      });
    }
    const result = await changeCycleStatus(await db(), event, {
      cycleId: form.data.cycleId,
      to: form.data.to,
      expectedVersion: form.data.version,
    });
    if (result.ok)
      return {
        message: result.status === 'published' ? t('publish.published') : t('publish.closed'),
      };
    if (result.reason === 'notFound') return fail(404, { errors: { _: t('publish.noCycle') } });
    if (result.reason === 'conflict')
      return fail(409, {
        errors: {
          _: t('publish.conflict'),
        },
      });
    return fail(422, {
      errors: { _: t('publish.invalidTransition') },
    });
  },
} satisfies Actions;
