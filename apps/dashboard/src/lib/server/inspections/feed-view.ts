import type { AssessmentRuleSet } from '@kaohe/rules';
import { Decimal, scoreAssessment, type SubItemResult } from '@kaohe/scoring';
import type { CycleContext } from '../assessment/context';
import type { Database } from '../db/open';
import type { Role } from '../db/schema';
import { inspectionReaders } from './access';
import { fedSubItems, inspectionFeeds, type FeedCounts } from './feeds';

// The inspection feeds as the self-evaluation and review pages show them: one line per fed sub-item in the page's
// language, and the quarterly cycles it came from (links only for the roles that may read inspections).

export interface FeedSourceView {
  cycleId: number;
  cycleTitle: string;
  /** the English title, or the Chinese one when the cycle has none */
  cycleTitleEn: string;
  inspections: number;
}

export type FeedView =
  | {
      subItemId: string;
      status: 'fed';
      /** the scoring input (a ratio as 0.875, a score as 92.5) */
      value: string;
      summary: string;
      counts: FeedCounts;
      sources: FeedSourceView[];
    }
  | { subItemId: string; status: 'noData'; message: string };

export interface FeedsView {
  feeds: FeedView[];
  /** may the viewer open /inspections/{cycleId}? (assessors may not) */
  linkSources: boolean;
}

/** The feeds of a unit over the cycle's period; none when the rule set has no fed sub-item or the cycle no period. */
export async function feedsView(
  database: Database,
  context: CycleContext,
  unitId: number,
  role: Role,
  lang: 'zh' | 'en',
): Promise<FeedsView> {
  const linkSources = inspectionReaders.includes(role);
  const { periodStart, periodEnd } = context.cycle;
  if (!periodStart || !periodEnd || fedSubItems(context.ruleSet).length === 0)
    return { feeds: [], linkSources };
  const results = await inspectionFeeds({
    db: database,
    ruleSet: context.ruleSet,
    unitId,
    periodStart,
    periodEnd,
  });
  const feeds = results.map((feed): FeedView => {
    if (feed.status === 'noData')
      return {
        subItemId: feed.subItemId,
        status: 'noData',
        message: lang === 'en' ? feed.messageEn : feed.message,
      };
    return {
      subItemId: feed.subItemId,
      status: 'fed',
      value: feed.input.value,
      summary: lang === 'en' ? feed.summaryEn : feed.summary,
      counts: feed.counts,
      sources: feed.sources.map((source) => ({
        cycleId: source.cycleId,
        cycleTitle: source.cycleTitle,
        cycleTitleEn: source.cycleTitleEn ?? source.cycleTitle,
        inspections: source.inspectionIds.length,
      })),
    };
  });
  return { feeds, linkSources };
}

/** Decimal places the entry form accepts (entry-form.ts decimalText). */
const formPlaces = 8;

/**
 * A fed value as the form field shows it (a ratio in per cent), cut toward zero to the places the form accepts so
 * that it parses and never crosses a band boundary upward.
 */
export function fedFieldValue(value: string, percent: boolean): string {
  const shown = percent ? new Decimal(value).times(100) : new Decimal(value);
  return shown.toDecimalPlaces(formPlaces, Decimal.ROUND_DOWN).toFixed();
}

/**
 * The unit's own input against the fed value, as a reviewer needs it: the same value; a different value that
 * scores the same points (a pass rate entered as 96% against 96.74% computed, both in the top band); or a
 * difference that changes the points. Points are those the sub-item gets for each input scored on its own;
 * null when the input scores none (not applicable, or not a valid input for the sub-item).
 */
export type FeedComparison =
  | { state: 'matches' }
  | { state: 'samePoints'; points: string }
  | { state: 'differentPoints'; selfPoints: string | null; fedPoints: string | null };

export function compareWithFeed(options: {
  ruleSet: AssessmentRuleSet;
  subItemId: string;
  input: unknown;
  fedValue: string;
}): FeedComparison {
  const { ruleSet, subItemId, input, fedValue } = options;
  if (!differsFromFeed(input, fedValue)) return { state: 'matches' };
  const selfPoints = subItemPoints(ruleSet, subItemId, input);
  const fedPoints = subItemPoints(ruleSet, subItemId, { value: fedValue });
  return selfPoints !== null && fedPoints !== null && new Decimal(selfPoints).eq(fedPoints)
    ? { state: 'samePoints', points: selfPoints }
    : { state: 'differentPoints', selfPoints, fedPoints };
}

/** The points `input` earns on sub-item `subItemId` alone (the others left awaiting input); null when none. */
function subItemPoints(ruleSet: AssessmentRuleSet, subItemId: string, input: unknown): string | null {
  let result;
  try {
    result = scoreAssessment({ ruleSet, inputs: { [subItemId]: input as never } });
  } catch {
    // an input the scorer refuses (the review page shows the unit's input as it is): no points to compare
    return null;
  }
  for (const area of result.areas)
    for (const item of area.items) {
      const found = item.subItems.find((sub: SubItemResult) => sub.id === subItemId);
      if (found) return found.awarded;
    }
  return null;
}

/** Does the unit's own input differ from the fed value? (compared as decimals: "0.8750" equals "0.875") */
export function differsFromFeed(input: unknown, fedValue: string): boolean {
  if (!input || typeof input !== 'object') return false;
  const raw = input as Record<string, unknown>;
  if (raw.notApplicable === true) return true;
  if (typeof raw.value !== 'string') return false;
  try {
    return !new Decimal(raw.value).eq(fedValue);
  } catch {
    return true;
  }
}
