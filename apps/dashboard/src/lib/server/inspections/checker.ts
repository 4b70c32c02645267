import {
  checkPublishedFigures,
  type DisplayRounding,
  type FiguresReport,
  type PublishedFigure,
  type Rate,
} from '@kaohe/scoring';
import type { BulletinFigures } from './bulletin';

// The figure checker: a bulletin's printed figures against what follows from the stored data under the declared
// rounding. The comparison itself is @kaohe/scoring's checkPublishedFigures.

export interface CheckableFigure {
  id: string;
  label: string;
  numerator: number;
  denominator: number;
  /** count: a whole number printed as is (697); rate: a percentage */
  kind: 'count' | 'rate';
  /** what Kaohe computes, for the form's placeholder */
  computed: string;
}

function rateFigure(id: string, label: string, rate: Rate): CheckableFigure {
  return {
    id,
    label,
    numerator: rate.numerator,
    denominator: rate.denominator,
    kind: 'rate',
    computed: rate.text,
  };
}

function countFigure(id: string, label: string, count: number): CheckableFigure {
  return { id, label, numerator: count, denominator: 1, kind: 'count', computed: String(count) };
}

/** Every figure of a bulletin that can be checked, with a stable id. */
export function checkableFigures(figures: BulletinFigures): CheckableFigure[] {
  const list: CheckableFigure[] = [];
  const { overall, byGroup, reasons } = figures.websites.summary;
  if (overall.running !== null) list.push(countFigure('running', '运行网站数', overall.running));
  list.push(countFigure('checked', '检查网站数', overall.checked));
  list.push(countFigure('failed', '不合格网站数', overall.failed));
  if (figures.samplingRatio) list.push(rateFigure('samplingRatio', '抽查比例', figures.samplingRatio));
  list.push(rateFigure('passRate', '总体合格率', overall.passRate));
  list.push(rateFigure('failureRate', '不合格比例', overall.failureRate));
  for (const group of byGroup) {
    list.push(rateFigure(`group:${group.group}`, `${group.group}合格率`, group.passRate));
    list.push(rateFigure(`groupFailure:${group.group}`, `${group.group}不合格比例`, group.failureRate));
  }
  for (const reason of reasons) {
    const label = figures.websites.reasonLabels[reason.reason] ?? reason.reason;
    list.push(rateFigure(`reason:${reason.reason}`, `${label}占不合格数比例`, reason.shareOfFailures));
  }
  for (const trigger of figures.websites.triggers) {
    list.push(
      rateFigure(`trigger:${trigger.reason}`, `${trigger.label}占不合格数比例`, trigger.shareOfFailures),
    );
  }
  if (figures.remediation) list.push(rateFigure('remediation', '上期问题整改率', figures.remediation.rate));
  if (figures.newMedia) {
    const media = figures.newMedia.summary.overall;
    list.push(countFigure('newMedia:checked', '检查政务新媒体数', media.checked));
    list.push(countFigure('newMedia:failed', '不合格政务新媒体数', media.failed));
    list.push(rateFigure('newMedia:failureRate', '政务新媒体不合格比例', media.failureRate));
    list.push(rateFigure('newMedia:passRate', '政务新媒体合格率', media.passRate));
  }
  return list;
}

/**
 * Checks the printed figures given by id (blank ones skipped) against the data. Each is compared at the places
 * it is printed with, under the mode the programme declares (half up unless said otherwise).
 */
export function bulletinCheckFigures(
  figures: BulletinFigures,
  published: Readonly<Record<string, string>>,
  mode: DisplayRounding['mode'] = figures.style.websites.mode,
): FiguresReport {
  const byId = new Map(checkableFigures(figures).map((figure) => [figure.id, figure]));
  const entries: PublishedFigure[] = [];
  for (const [id, text] of Object.entries(published)) {
    const figure = byId.get(id);
    const printed = text.trim();
    if (!figure || printed === '') continue;
    entries.push({
      id,
      label: figure.label,
      published: printed,
      numerator: figure.numerator,
      denominator: figure.denominator,
      kind: figure.kind === 'rate' ? 'percent' : 'number',
    });
  }
  return checkPublishedFigures({ figures: entries, rounding: { mode } });
}
