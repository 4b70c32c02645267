import { fail } from '@sveltejs/kit';
import {
  checkPublishedFigures,
  ScoringInputError,
  type FiguresReport,
  type PublishedFigure,
} from '@kaohe/scoring';
import { z } from 'zod';
import { inspectionReaders, loadInspectionCycle } from '$lib/server/inspections/access';
import { bulletinFigures } from '$lib/server/inspections/bulletin';
import { bulletinCheckFigures, checkableFigures } from '$lib/server/inspections/checker';
import type { Actions, PageServerLoad } from './$types';

// The figure checker: the printed figures of a bulletin, entered per figure or pasted as lines
// "label printed numerator/denominator" (e.g. "不合格比例 1.8% 1/54"), checked under the declared rounding.

export const load = (async (event) => {
  const { db, cycle } = await loadInspectionCycle(event, inspectionReaders);
  const figures = await bulletinFigures({ db, cycleId: cycle.id });
  return {
    cycle: { id: cycle.id, title: cycle.title, titleEn: cycle.titleEn },
    figures: figures ? checkableFigures(figures) : [],
  };
}) satisfies PageServerLoad;

const formSchema = z.strictObject({
  mode: z.enum(['halfUp', 'halfEven', 'down', 'up']),
  pasted: z.string().max(20_000).default(''),
  figures: z.record(z.string().max(200), z.string().max(40)),
});

const pastedLine = /^(.*?)[\s,，:：]+([0-9]+(?:\.[0-9]+)?%?)[\s,，]+([0-9]+)\s*\/\s*([0-9]+)$/;

export const actions = {
  check: async (event) => {
    const { db, cycle } = await loadInspectionCycle(event, inspectionReaders);
    const form = await event.request.formData();
    const entered: Record<string, string> = {};
    for (const [key, value] of form)
      if (key.startsWith('figure:') && typeof value === 'string') entered[key.slice(7)] = value;
    const parsed = formSchema.safeParse({
      mode: form.get('mode'),
      pasted: form.get('pasted') ?? '',
      figures: entered,
    });
    if (!parsed.success)
      return fail(400, {
        message: '表单无效：请检查舍入方式和填写的数字。',
        report: null,
        pastedProblems: [],
      });
    const { mode, pasted, figures: published } = parsed.data;
    const pastedFigures: PublishedFigure[] = [];
    const pastedProblems: string[] = [];
    pasted
      .split(/\r?\n/)
      .map((line) => line.trim())
      .forEach((line, index) => {
        if (line === '') return;
        const match = pastedLine.exec(line);
        if (!match) {
          pastedProblems.push(
            `第 ${index + 1} 行无法识别：“${line}”（格式：名称 数字 分子/分母，如“不合格比例 1.8% 1/54”）`,
          );
          return;
        }
        pastedFigures.push({
          id: `pasted-${index + 1}`,
          label: match[1] || `第 ${index + 1} 行`,
          published: match[2]!,
          numerator: match[3]!,
          denominator: match[4]!,
        });
      });
    if (pastedProblems.length) return fail(400, { message: null, report: null, pastedProblems });
    const figures = await bulletinFigures({ db, cycleId: cycle.id });
    let report: FiguresReport;
    try {
      const fromData = figures
        ? bulletinCheckFigures(figures, published, mode)
        : { allFollow: true, figures: [] };
      const fromPaste = pastedFigures.length
        ? checkPublishedFigures({ figures: pastedFigures, rounding: { mode } })
        : { allFollow: true, figures: [] };
      report = {
        allFollow: fromData.allFollow && fromPaste.allFollow,
        figures: [...fromData.figures, ...fromPaste.figures],
      };
    } catch (error) {
      if (error instanceof ScoringInputError)
        return fail(400, {
          message: error.issues.map((issue) => issue.messageZh).join('；'),
          report: null,
          pastedProblems: [],
        });
      throw error;
    }
    return { message: null, report, pastedProblems: [], published, pasted, mode };
  },
} satisfies Actions;
