import { countAtLeast, gradeCounts, rank, type RankableEntry, type UnrankedReason } from '@kaohe/scoring';
import type { AssessmentResult } from '@kaohe/scoring';
import type { CycleContext, GroupInfo } from './context';
import type { TriggeredVeto, UnitOutcome } from './results';

// The rankings page's data: @kaohe/scoring ranks (competition ranking, ties as 并列) and counts; this module only
// arranges what it returned per group.

export interface RankingRow {
  rank: number;
  tied: boolean;
  unitId: number;
  code: string;
  name: string;
  nameEn: string | null;
  total: string;
  grade: AssessmentResult['grade'];
}

export interface ApartRow {
  unitId: number;
  code: string;
  name: string;
  nameEn: string | null;
  why: UnrankedReason;
  /** the vetoes that were triggered (一票否决), each clause measured against its threshold: the reason */
  vetoes: TriggeredVeto[];
  grade: AssessmentResult['grade'];
}

export interface GroupRankingView {
  group: GroupInfo;
  rows: RankingRow[];
  /** vetoed, or not verified yet: listed apart, never ranked as 0 */
  apart: ApartRow[];
  /** how many scored at least the threshold (e.g. 90分以上), of how many units */
  atLeast: { threshold: string; count: number; of: number };
  grades: { id: string; title: string; titleEn: string | null; count: number }[];
  counts: { vetoed: number; notVerified: number };
}

export interface RankingFilters {
  group: string | null;
  grade: string | null;
  q: string | null;
}

/** The score that "90分以上" counts from: the top grade's lower bound. */
export function excellenceThreshold(context: CycleContext): string {
  const top = context.ruleSet.grades[0];
  return top?.atLeast ?? top?.above ?? context.ruleSet.total;
}

interface Ranked {
  byId: Map<string, UnitOutcome>;
  ranking: ReturnType<typeof rank<RankableEntry>>;
  atLeast: ReturnType<typeof countAtLeast<RankableEntry>>;
  grades: ReturnType<typeof gradeCounts<RankableEntry>>;
  threshold: string;
}

// the outcomes of a frozen revision come from a cache as the same array each time: rank them once
const rankedCache = new WeakMap<readonly UnitOutcome[], Ranked>();

function rankedOnce(context: CycleContext, outcomes: readonly UnitOutcome[]): Ranked {
  const cached = rankedCache.get(outcomes);
  if (cached) return cached;
  const byId = new Map(outcomes.map((outcome) => [String(outcome.unit.id), outcome]));
  const entries: RankableEntry[] = outcomes.map((outcome) => ({
    id: String(outcome.unit.id),
    name: outcome.unit.name,
    group: outcome.unit.groupKey,
    score: outcome.verified && !outcome.vetoed ? outcome.total : null,
    vetoed: outcome.vetoed,
  }));
  const ranking = rank({ entries, groupOrder: context.groups.map((group) => group.key), method: 'standard' });
  const threshold = excellenceThreshold(context);
  const atLeast = countAtLeast({ entries, atLeast: threshold });
  const bands = context.ruleSet.grades.map((grade) => ({
    id: grade.id,
    title: grade.title,
    ...(grade.atLeast !== undefined ? { atLeast: grade.atLeast } : {}),
    ...(grade.above !== undefined ? { above: grade.above } : {}),
  }));
  const grades = gradeCounts({ entries, bands, vetoedBand: context.ruleSet.policy.vetoedGrade });
  const ranked = { byId, ranking, atLeast, grades, threshold };
  rankedCache.set(outcomes, ranked);
  return ranked;
}

// ... and the filtered views of them too: every breakdown asks for its unit's group, and most ranking requests are
// the unfiltered page. Kept per outcomes and context (both replaced when anything they hold changes), for a bounded
// number of filter sets each (the name filter is free text). The views are shared: callers must not change them.
const viewCache = new WeakMap<
  readonly UnitOutcome[],
  WeakMap<CycleContext, Map<string, GroupRankingView[]>>
>();
const viewsPerRanking = 64;

export function buildRanking(
  context: CycleContext,
  outcomes: readonly UnitOutcome[],
  filters: RankingFilters,
): GroupRankingView[] {
  let byContext = viewCache.get(outcomes);
  if (!byContext) {
    byContext = new WeakMap();
    viewCache.set(outcomes, byContext);
  }
  let views = byContext.get(context);
  if (!views) {
    views = new Map();
    byContext.set(context, views);
  }
  const key = JSON.stringify([filters.group, filters.grade, filters.q?.trim().toLowerCase() ?? '']);
  const cached = views.get(key);
  if (cached) return cached;
  const built = filteredRanking(context, outcomes, filters);
  if (views.size >= viewsPerRanking) views.delete(views.keys().next().value!);
  views.set(key, built);
  return built;
}

function filteredRanking(
  context: CycleContext,
  outcomes: readonly UnitOutcome[],
  filters: RankingFilters,
): GroupRankingView[] {
  const { byId, ranking, atLeast, grades, threshold } = rankedOnce(context, outcomes);

  const query = filters.q?.trim().toLowerCase() ?? '';
  const matches = (outcome: UnitOutcome) =>
    (!query ||
      outcome.unit.name.toLowerCase().includes(query) ||
      (outcome.unit.nameEn ?? '').toLowerCase().includes(query)) &&
    (!filters.grade || outcome.grade?.id === filters.grade);

  return context.groups
    .filter((group) => !filters.group || filters.group === group.key)
    .map((group) => {
      const groupRanking = ranking.groups.find((candidate) => candidate.group === group.key);
      const groupAtLeast = atLeast.byGroup.find((candidate) => candidate.group === group.key);
      const groupGrades = grades.byGroup.find((candidate) => candidate.group === group.key);
      const rows: RankingRow[] = (groupRanking?.ranked ?? []).flatMap((ranked) => {
        const outcome = byId.get(ranked.entry.id);
        if (!outcome || !matches(outcome)) return [];
        return [
          {
            rank: ranked.rank,
            tied: ranked.tied,
            unitId: outcome.unit.id,
            code: outcome.unit.code,
            name: outcome.unit.name,
            nameEn: outcome.unit.nameEn,
            // the displayed total, exactly as the scorer rounded it
            total: outcome.total ?? ranked.score,
            grade: outcome.grade,
          },
        ];
      });
      const apart: ApartRow[] = (groupRanking?.unranked ?? []).flatMap((unranked) => {
        const outcome = byId.get(unranked.entry.id);
        if (!outcome || !matches(outcome)) return [];
        const vetoes = outcome.vetoes.map((veto) => ({ ...veto, clauses: veto.clauses ?? [] }));
        return [
          {
            unitId: outcome.unit.id,
            code: outcome.unit.code,
            name: outcome.unit.name,
            nameEn: outcome.unit.nameEn,
            why: unranked.why,
            vetoes,
            grade: outcome.grade,
          },
        ];
      });
      const titleOf = new Map(context.ruleSet.grades.map((grade) => [grade.id, grade]));
      return {
        group,
        rows,
        apart,
        atLeast: { threshold, count: groupAtLeast?.count ?? 0, of: groupAtLeast?.of ?? 0 },
        grades: (groupGrades?.bands ?? []).map((band) => ({
          id: band.id,
          title: band.title ?? band.id,
          titleEn: titleOf.get(band.id)?.titleEn ?? null,
          count: band.count,
        })),
        counts: {
          vetoed: (groupRanking?.unranked ?? []).filter((unranked) => unranked.why === 'vetoed').length,
          notVerified: groupGrades?.noScore ?? 0,
        },
      };
    });
}
