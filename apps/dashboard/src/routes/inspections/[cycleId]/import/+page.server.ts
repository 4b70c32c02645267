import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { inspectionWriters, loadInspectionCycle } from '$lib/server/inspections/access';
import { importResults } from '$lib/server/inspections/results-import';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
  const { cycle } = await loadInspectionCycle(event, inspectionWriters);
  return { cycle: { id: cycle.id, title: cycle.title, titleEn: cycle.titleEn, periodEnd: cycle.periodEnd } };
}) satisfies PageServerLoad;

const formSchema = z.strictObject({
  source: z.enum(['sample', 'reported', 'provinceRecheck', 'recheck']),
  inspectedOn: z.iso.date(),
});

export const actions = {
  import: async (event) => {
    const { db, programme, cycle } = await loadInspectionCycle(event, inspectionWriters);
    const form = await event.request.formData();
    const file = form.get('file');
    const parsed = formSchema.safeParse({ source: form.get('source'), inspectedOn: form.get('inspectedOn') });
    if (!parsed.success)
      return fail(400, { message: '请选择来源并填写检查日期（YYYY-MM-DD）。', problems: [], result: null });
    if (!(file instanceof File) || file.size === 0)
      return fail(400, { message: '请选择要导入的文件（XLSX 或 CSV）。', problems: [], result: null });
    const outcome = await importResults({
      db,
      programmeId: programme.id,
      cycleId: cycle.id,
      file,
      source: parsed.data.source,
      inspectedOn: parsed.data.inspectedOn,
      actor: { userId: event.locals.user!.id, clientAddress: event.getClientAddress() },
    });
    if (!outcome.ok)
      return fail(400, {
        message: `导入未执行：发现 ${outcome.problems.length} 个问题，未写入任何数据。`,
        problems: outcome.problems.slice(0, 500),
        result: null,
      });
    return { message: null, problems: [], result: outcome };
  },
} satisfies Actions;
