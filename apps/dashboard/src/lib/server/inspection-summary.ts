import {
  checkPublishedFigures,
  rate,
  summarizeCounts,
  type DisplayRounding,
  type FigureCheck,
  type Rate,
} from '@kaohe/scoring';
import { asc, eq } from 'drizzle-orm';
import type { Database } from './db/open';
import { inspectionSummaries } from './db/schema';

// The figures of a programme's inspection summary (e.g. the national spot checks of 2020), computed by
// @kaohe/scoring from stored counts: nothing here divides or rounds by itself.

export interface InspectionCountsInput {
  targetKind: string;
  label: string;
  labelEn: string | null;
  checked: number;
  failed: number;
  /** Of the websites checked, how many were portals (门户网站). */
  portalsChecked: number | null;
  /** The pass rate as the bulletin prints it ("91.8%"), if any. */
  publishedPassRate: string | null;
}

export interface InspectionFiguresRow extends InspectionCountsInput {
  qualified: number;
  passRate: Rate;
  failureRate: Rate;
  /** portals ÷ websites checked */
  portalShare: Rate | null;
  /** The printed pass rate recomputed from the counts; null when none was printed. */
  publishedCheck: FigureCheck | null;
}

export function inspectionFigures(
  rows: readonly InspectionCountsInput[],
  rounding: DisplayRounding,
): InspectionFiguresRow[] {
  if (rows.length === 0) return [];
  const summary = summarizeCounts({
    groups: rows.map((row) => ({ group: row.label, checked: row.checked, failed: row.failed })),
    rounding,
  });
  const printed = rows.flatMap((row) =>
    row.publishedPassRate === null
      ? []
      : [
          {
            id: row.label,
            label: row.label,
            published: row.publishedPassRate,
            numerator: row.checked - row.failed,
            denominator: row.checked,
          },
        ],
  );
  const checks =
    printed.length === 0
      ? new Map<string, FigureCheck>()
      : new Map(
          checkPublishedFigures({ figures: printed, rounding: { mode: rounding.mode } }).figures.map(
            (check) => [check.id, check],
          ),
        );
  return rows.map((row, index) => {
    const figures = summary.byGroup[index];
    if (figures === undefined || figures.group !== row.label) throw new Error(`no figures for ${row.label}`);
    return {
      ...row,
      qualified: figures.qualified,
      passRate: figures.passRate,
      failureRate: figures.failureRate,
      portalShare:
        row.portalsChecked === null
          ? null
          : rate({ numerator: row.portalsChecked, denominator: row.checked, rounding }),
      publishedCheck: checks.get(row.label) ?? null,
    };
  });
}

/** What the rankings page shows of a cycle's inspection summary (plain data for the page). */
export interface InspectionSummaryView {
  source: string | null;
  rows: {
    targetType: string;
    label: string;
    labelEn: string | null;
    checked: number;
    failed: number;
    qualified: number;
    portalsChecked: number | null;
    passRate: string;
    failureRate: string;
    portalShare: string | null;
    publishedPassRate: string | null;
    /** the printed rate follows from the counts; null when none was printed */
    publishedFollows: boolean | null;
    publishedMessage: string | null;
    publishedMessageEn: string | null;
  }[];
}

/** Places of a printed percentage ("91.8%" → 1); the bulletin's own precision, 1 when nothing was printed. */
function printedPlaces(rows: readonly { publishedPassRate: string | null }[]): number {
  for (const row of rows) {
    const match = row.publishedPassRate?.match(/^\d+(?:\.(\d+))?%$/);
    if (match) return match[1]?.length ?? 0;
  }
  return 1;
}

/** A cycle's stored inspection summary with its figures from @kaohe/scoring; null when it has none. */
export async function loadInspectionSummary(
  db: Database,
  cycleId: number,
): Promise<InspectionSummaryView | null> {
  const stored = await db
    .select()
    .from(inspectionSummaries)
    .where(eq(inspectionSummaries.cycleId, cycleId))
    .orderBy(asc(inspectionSummaries.position), asc(inspectionSummaries.id));
  if (stored.length === 0) return null;
  // rates are shown to the precision the bulletin printed them, rounded half up as bulletins do
  const rounding: DisplayRounding = { places: printedPlaces(stored), mode: 'halfUp' };
  const figures = inspectionFigures(
    stored.map((row) => ({
      targetKind: row.targetType,
      label: row.label,
      labelEn: row.labelEn,
      checked: row.checked,
      failed: row.failed,
      portalsChecked: row.portalsChecked,
      publishedPassRate: row.publishedPassRate,
    })),
    rounding,
  );
  return {
    source: stored.find((row) => row.source)?.source ?? null,
    rows: figures.map((row) => ({
      targetType: row.targetKind,
      label: row.label,
      labelEn: row.labelEn,
      checked: row.checked,
      failed: row.failed,
      qualified: row.qualified,
      portalsChecked: row.portalsChecked,
      passRate: row.passRate.text,
      failureRate: row.failureRate.text,
      portalShare: row.portalShare?.text ?? null,
      publishedPassRate: row.publishedPassRate,
      publishedFollows: row.publishedCheck?.follows ?? null,
      publishedMessage: row.publishedCheck?.messageZh ?? null,
      publishedMessageEn: row.publishedCheck?.message ?? null,
    })),
  };
}
