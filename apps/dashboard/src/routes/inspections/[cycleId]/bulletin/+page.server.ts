import { error } from '@sveltejs/kit';
import {
  gansuInspectionsProgrammeSlug,
  gansuInspectionsSourceNote,
  gansuInspectionsSourceNoteEn,
} from '$lib/server/demo/gansu-inspections';
import {
  hanzhongProgrammeSlug,
  hanzhongSourceNote,
  hanzhongSourceNoteEn,
} from '$lib/server/demo/hanzhong-2022-q3';
import {
  jiangxiProgrammeSlug,
  jiangxiSourceNote,
  jiangxiSourceNoteEn,
} from '$lib/server/demo/jiangxi-2018-q1';
import { inspectionReaders, loadInspectionCycle } from '$lib/server/inspections/access';
import { bulletinFigures } from '$lib/server/inspections/bulletin';
import { bulletinDraft } from '$lib/server/inspections/draft';
import type { PageServerLoad } from './$types';

const sourceNotes: Record<string, { zh: string; en: string }> = {
  [jiangxiProgrammeSlug]: { zh: jiangxiSourceNote, en: jiangxiSourceNoteEn },
  [hanzhongProgrammeSlug]: { zh: hanzhongSourceNote, en: hanzhongSourceNoteEn },
  [gansuInspectionsProgrammeSlug]: { zh: gansuInspectionsSourceNote, en: gansuInspectionsSourceNoteEn },
};

export const load = (async (event) => {
  const { db, programme, cycle } = await loadInspectionCycle(event, inspectionReaders);
  const figures = await bulletinFigures({ db, cycleId: cycle.id });
  if (!figures) error(404);
  return {
    programme: { id: programme.id, title: programme.title, titleEn: programme.titleEn },
    cycle: { id: cycle.id, title: cycle.title, titleEn: cycle.titleEn },
    figures,
    draft: bulletinDraft(figures),
    sourceNote: sourceNotes[programme.slug] ?? null,
  };
}) satisfies PageServerLoad;
