import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { loadCycleContext, listCycles } from '$lib/server/assessment/context';
import { changeCycleStatus } from '$lib/server/cycles';
import { db } from '$lib/server/db';
import { cycleStatuses } from '$lib/server/db/schema';
import { requireRole } from '$lib/server/guard';
import { say, textFields } from '$lib/server/workflow/common';
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

const AdvanceForm = z.object({
  cycleId: z.coerce.number().int().positive(),
  to: z.enum(cycleStatuses),
  version: z.coerce.number().int().positive(),
});

export const actions = {
  advance: async (event) => {
    requireRole(event, ['admin']);
    const lang = event.locals.lang;
    const form = AdvanceForm.safeParse(textFields(await event.request.formData()));
    if (!form.success) return fail(400, { errors: { _: say(lang, '请求参数有误。', 'Bad request.') } });
    const result = await changeCycleStatus(await db(), event, {
      cycleId: form.data.cycleId,
      to: form.data.to,
      expectedVersion: form.data.version,
    });
    if (result.ok)
      return {
        message:
          result.status === 'published'
            ? say(lang, '已发布，结果已冻结。', 'Published; the results are frozen.')
            : say(lang, '自查自评已截止，进入复核阶段。', 'Self-evaluation closed; the cycle is in review.'),
      };
    if (result.reason === 'notFound')
      return fail(404, { errors: { _: say(lang, '考核周期不存在。', 'No such cycle.') } });
    if (result.reason === 'conflict')
      return fail(409, {
        errors: {
          _: say(lang, '该周期已被他人修改，请刷新后重试。', 'The cycle changed meanwhile; reload.'),
        },
      });
    return fail(422, {
      errors: { _: say(lang, '不能进行该状态变更。', 'That status change is not possible.') },
    });
  },
} satisfies Actions;
