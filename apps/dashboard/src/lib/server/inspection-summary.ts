import {
  checkPublishedFigures,
  rate,
  summarizeCounts,
  type DisplayRounding,
  type FigureCheck,
  type Rate,
} from '@kaohe/scoring';

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
