import { Decimal } from '../decimal.js';
import type { Confidence, Provenance, RuleSet, ScoringMethod } from '../schema.js';
import type { PathSegment } from '../validate.js';

// Counts that the CLI summary and the generated docs share: structure, methods and how sure we are.

export const confidenceMarks: Record<Confidence, { mark: string; en: string; zh: string; meaning: string }> =
  {
    official: { mark: '✅', en: 'official', zh: '官方', meaning: 'quoted from the source' },
    paraphrased: {
      mark: '≈',
      en: 'paraphrased',
      zh: '转述',
      meaning: 'faithful to the source, not its words',
    },
    reconstructed: {
      mark: '⚠',
      en: 'reconstructed',
      zh: '重构',
      meaning: 'our proposal where the source is silent: verify before relying on it',
    },
  };

export const confidences: Confidence[] = ['official', 'paraphrased', 'reconstructed'];

export interface ProvenanceEntry {
  path: PathSegment[];
  provenance: Provenance;
}

/** Every provenance in the rule set with the path of the node that carries it, in document order. */
export function collectProvenance(ruleSet: RuleSet): ProvenanceEntry[] {
  const entries: ProvenanceEntry[] = [];
  const visit = (value: unknown, path: PathSegment[]): void => {
    if (Array.isArray(value)) return value.forEach((child, index) => visit(child, [...path, index]));
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'provenance') entries.push({ path, provenance: child as Provenance });
      else visit(child, [...path, key]);
    }
  };
  visit(ruleSet, []);
  return entries;
}

export interface PointsShare {
  /** Points in leaves (assessment sub-items, inspection deduction indicators) labelled reconstructed. */
  reconstructed: string;
  /** All points of those leaves: the total, or the deduction points. */
  of: string;
  /** What the leaves are, for the sentence that reports the share. */
  leaves: { en: string; zh: string };
}

export interface RuleSetStats {
  /** Nodes carrying a provenance, by confidence. */
  provenance: Record<Confidence, number> & { total: number };
  /** Share of provenance-carrying nodes that are reconstructed, in whole percent. */
  reconstructedNodesPercent: number;
  points: PointsShare | null;
  vetoes: number;
  measurements: number;
  sources: number;
  /** Assessment: areas, items, sub-items, methods used. */
  tree: {
    areas: number;
    items: number;
    subItems: number;
    methods: Partial<Record<ScoringMethod['kind'], number>>;
  } | null;
  /** Inspection: deduction indicators and criteria. */
  deductions: { indicators: number; criteria: number } | null;
  bonus: { indicators: number; criteria: number } | null;
  /** Deduction criteria anywhere (inspection indicators or deducting sub-items). */
  criteria: number;
}

export function ruleSetStats(ruleSet: RuleSet): RuleSetStats {
  const provenance = { official: 0, paraphrased: 0, reconstructed: 0, total: 0 };
  for (const { provenance: entry } of collectProvenance(ruleSet)) {
    provenance[entry.confidence] += 1;
    provenance.total += 1;
  }
  const bonus =
    ruleSet.bonus === null
      ? null
      : {
          indicators: ruleSet.bonus.indicators.length,
          criteria: ruleSet.bonus.indicators.reduce((n, indicator) => n + indicator.criteria.length, 0),
        };
  const common = {
    provenance,
    reconstructedNodesPercent:
      provenance.total === 0 ? 0 : Math.round((provenance.reconstructed / provenance.total) * 100),
    vetoes: ruleSet.vetoes.length,
    measurements: ruleSet.measurements.length,
    sources: ruleSet.sources.length,
    bonus,
  };

  if (ruleSet.kind === 'inspection') {
    const deductions = ruleSet.deductions;
    const criteria = deductions?.indicators.reduce((n, indicator) => n + indicator.criteria.length, 0) ?? 0;
    return {
      ...common,
      tree: null,
      deductions: deductions === null ? null : { indicators: deductions.indicators.length, criteria },
      criteria,
      points:
        deductions === null
          ? null
          : {
              reconstructed: sumPoints(
                deductions.indicators.filter(
                  (indicator) => indicator.provenance.confidence === 'reconstructed',
                ),
              ),
              of: deductions.points,
              leaves: { en: 'deduction indicators', zh: '扣分指标' },
            },
    };
  }

  const subItems = ruleSet.areas.flatMap((area) => area.items.flatMap((item) => item.subItems));
  const methods: Partial<Record<ScoringMethod['kind'], number>> = {};
  for (const subItem of subItems) methods[subItem.method.kind] = (methods[subItem.method.kind] ?? 0) + 1;
  return {
    ...common,
    tree: {
      areas: ruleSet.areas.length,
      items: ruleSet.areas.reduce((n, area) => n + area.items.length, 0),
      subItems: subItems.length,
      methods,
    },
    deductions: null,
    criteria: subItems.reduce((n, s) => n + (s.method.kind === 'deduct' ? s.method.criteria.length : 0), 0),
    points: {
      reconstructed: sumPoints(
        subItems.filter((subItem) => subItem.provenance.confidence === 'reconstructed'),
      ),
      of: ruleSet.total,
      leaves: { en: 'sub-items', zh: '子项' },
    },
  };
}

const sumPoints = (nodes: { points: string }[]): string =>
  nodes.reduce((sum, node) => sum.plus(node.points), new Decimal(0)).toFixed();

/** A share as a whole percent, e.g. "85%"; exact inputs, rounded only for display. */
export function percent(part: string, whole: string): string {
  if (new Decimal(whole).isZero()) return '0%';
  return `${new Decimal(part).div(whole).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed()}%`;
}
