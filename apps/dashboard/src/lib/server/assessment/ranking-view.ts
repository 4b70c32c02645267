import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Lang } from '$lib/i18n';
import { db } from '../db';
import type { Database } from '../db/open';
import type { SessionUser } from '../auth/session';
import { forbidden, readerRoles, requireRole } from '../guard';
import { idParam, parseOrBadRequest, searchParamsObject } from '../validation';
import { eq } from 'drizzle-orm';
import {
  cycles as cycleTable,
  programmes as programmeTable,
  programmeUnits,
  type ProgrammeLevel,
} from '../db/schema';
import {
  defaultCycle,
  defaultCycleOf,
  listCycles,
  loadCycleContext,
  type CycleContext,
  type CycleListing,
} from './context';
import { buildRanking, type GroupRankingView } from './ranking';
import { cycleOutcomes, type OutcomeSource } from './results';

// One loader for the rankings page, its exports and its print view, so that all three show exactly the same rows
// for the same URL.

const key = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/);

const RankingQuery = z.strictObject({
  cycle: idParam.optional(),
  group: z.union([z.literal(''), z.literal('all'), key]).optional(),
  grade: z.union([z.literal(''), z.literal('all'), key]).optional(),
  q: z.string().trim().max(50).optional(),
  /** the rankings page shows 100 rows per group at a time; exports and the print view show all */
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export interface RankingFiltersView {
  cycle: number;
  group: string | null;
  grade: string | null;
  q: string | null;
  page: number;
}

/** A programme the user may switch to, and the cycle it opens on. */
export interface ProgrammeChoice {
  id: number;
  title: string;
  titleEn: string | null;
  level: ProgrammeLevel;
  cycleId: number;
}

export interface RankingView {
  context: CycleContext;
  source: OutcomeSource;
  filters: RankingFiltersView;
  groups: GroupRankingView[];
  /** the cycles of the programme shown, newest first */
  cycles: CycleListing[];
  programmes: ProgrammeChoice[];
}

/** Each programme among the visible cycles once, by id, with its default cycle. */
export function programmeChoices(cycles: readonly CycleListing[]): ProgrammeChoice[] {
  const choices: ProgrammeChoice[] = [];
  for (const cycle of cycles) {
    if (choices.some((choice) => choice.id === cycle.programmeId)) continue;
    const own = cycles.filter((candidate) => candidate.programmeId === cycle.programmeId);
    choices.push({
      id: cycle.programmeId,
      title: cycle.programmeTitle,
      titleEn: cycle.programmeTitleEn,
      level: cycle.programmeLevel,
      cycleId: (defaultCycleOf(own) ?? cycle).id,
    });
  }
  return choices;
}

/** Which cycles a user may see ranked: assessors only published ones; the other roles every cycle. */
export function visibleCycles(user: SessionUser, all: CycleListing[]): CycleListing[] {
  return user.role === 'assessor' ? all.filter((cycle) => cycle.status === 'published') : all;
}

export async function loadRankingView(
  event: Pick<RequestEvent, 'locals' | 'url' | 'request'>,
): Promise<RankingView> {
  const user = requireRole(event, readerRoles);
  const lang = event.locals.lang;
  const query = parseOrBadRequest(RankingQuery, searchParamsObject(event.url), lang, filterMessage(lang));
  const database = await db();
  const cycles = visibleCycles(user, await listCycles(database));
  // no cycle asked for: the first assessment programme's (the Gansu demo's) newest published cycle; an assessor's
  // own programme first (广东省's assessor opens on the national programme)
  const cycleId =
    query.cycle ?? (await ownProgrammeCycle(database, user, cycles)) ?? defaultCycle(cycles)?.id;
  if (cycleId === undefined)
    error(404, { message: lang === 'zh' ? '暂无可查看的考核周期。' : 'No cycle to show yet.' });
  const context = await loadCycle(database, cycleId, lang);
  if (!cycles.some((cycle) => cycle.id === cycleId)) forbidden(event);

  const group = query.group && query.group !== 'all' ? query.group : null;
  if (group && !context.groups.some((candidate) => candidate.key === group)) {
    const known = context.groups.map(
      (candidate) =>
        `${candidate.key}（${lang === 'zh' ? candidate.label : (candidate.labelEn ?? candidate.label)}）`,
    );
    badFilter(
      lang,
      lang === 'zh'
        ? `分组“${group}”不存在，可选：${known.join('、')}。`
        : `There is no group “${group}”; choose one of ${known.join(', ')}.`,
    );
  }
  const grade = query.grade && query.grade !== 'all' ? query.grade : null;
  if (grade && !context.ruleSet.grades.some((candidate) => candidate.id === grade)) {
    const known = context.ruleSet.grades.map(
      (candidate) =>
        `${candidate.id}（${lang === 'zh' ? candidate.title : (candidate.titleEn ?? candidate.title)}）`,
    );
    badFilter(
      lang,
      lang === 'zh'
        ? `等次“${grade}”不存在，可选：${known.join('、')}。`
        : `There is no grade “${grade}”; choose one of ${known.join(', ')}.`,
    );
  }
  const filters: RankingFiltersView = {
    cycle: cycleId,
    group,
    grade,
    q: query.q || null,
    page: query.page ?? 1,
  };
  const { source, outcomes } = await cycleOutcomes(database, context);
  return {
    context,
    source,
    filters,
    groups: buildRanking(context, outcomes, filters),
    cycles: cycles.filter((cycle) => cycle.programmeId === context.programme.id),
    programmes: programmeChoices(cycles),
  };
}

/** An assessor's default: the default cycle of the first programme (by id) that assesses their unit. */
async function ownProgrammeCycle(
  database: Database,
  user: SessionUser,
  cycles: readonly CycleListing[],
): Promise<number | undefined> {
  if (user.role !== 'assessor' || user.unitId === null) return undefined;
  const memberships = await database
    .select({ programmeId: programmeUnits.programmeId })
    .from(programmeUnits)
    .where(eq(programmeUnits.unitId, user.unitId));
  const own = new Set(memberships.map((row) => row.programmeId));
  const first = cycles.find((cycle) => own.has(cycle.programmeId));
  if (!first) return undefined;
  return defaultCycleOf(cycles.filter((cycle) => cycle.programmeId === first.programmeId))?.id;
}

export async function loadCycle(database: Database, cycleId: number, lang: Lang): Promise<CycleContext> {
  const context = await loadCycleContext(database, cycleId);
  if (context) return context;
  // a quarterly inspection cycle exists but ranks no units: say so rather than "does not exist"
  const [inspection] = await database
    .select({ title: programmeTable.title, titleEn: programmeTable.titleEn })
    .from(cycleTable)
    .innerJoin(programmeTable, eq(cycleTable.programmeId, programmeTable.id))
    .where(eq(cycleTable.id, cycleId));
  if (inspection)
    error(404, {
      message:
        lang === 'zh'
          ? `周期 ${cycleId} 属于检查项目“${inspection.title}”，不参与考核排名。`
          : `Cycle ${cycleId} belongs to the inspection programme “${inspection.titleEn ?? inspection.title}”, which ranks no units.`,
    });
  error(404, {
    message: lang === 'zh' ? `考核周期 ${cycleId} 不存在。` : `Cycle ${cycleId} does not exist.`,
  });
}

function filterMessage(lang: Lang): string {
  return lang === 'zh' ? '筛选条件无效：' : 'Invalid filter:';
}

function badFilter(lang: Lang, detail: string): never {
  error(400, { message: `${filterMessage(lang)}${lang === 'zh' ? '' : ' '}${detail}` });
}

/** The query string of a ranking view (without the page), for links to its exports, print view and pages. */
export function filterQuery(filters: RankingFiltersView): string {
  const params = new URLSearchParams({ cycle: String(filters.cycle) });
  if (filters.group) params.set('group', filters.group);
  if (filters.grade) params.set('grade', filters.grade);
  if (filters.q) params.set('q', filters.q);
  return params.toString();
}
