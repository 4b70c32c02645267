import { z } from 'zod';

// The rule-set format. Every object is strict: a misspelt key is an error, never silently dropped.
// Points, thresholds and ratios are decimal strings so that no float ever touches a score.

const decimalPattern = /^-?\d+(\.\d+)?$/;
const nonNegativeDecimalPattern = /^\d+(\.\d+)?$/;

/** The format messages of this schema in English and Chinese (zod's locales cannot translate our own words). */
export const formatMessages = {
  decimal: { en: 'must be a decimal string such as "2.5"', zh: '必须是写成字符串的小数，例如 "2.5"' },
  points: {
    en: 'must be a non-negative decimal string such as "2.5"',
    zh: '必须是写成字符串的非负小数，例如 "2.5"',
  },
  nodeId: {
    en: 'must start with a letter and use only letters, digits, ".", "_" and "-"',
    zh: '必须以字母开头，且只能使用字母、数字、“.”、“_”和“-”',
  },
} as const;

export const DecimalString = z
  .string()
  .regex(decimalPattern, formatMessages.decimal.en)
  .meta({ description: 'An exact decimal written as a string, e.g. "2.5" or "0.05".' });

export const PointsString = z
  .string()
  .regex(nonNegativeDecimalPattern, formatMessages.points.en)
  .meta({ description: 'Points: a non-negative decimal string, e.g. "10" or "2.5".' });

export const NodeId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, formatMessages.nodeId.en)
  .meta({ description: 'A stable identifier, unique within the rule set.' });

export const Confidence = z.enum(['official', 'paraphrased', 'reconstructed']).meta({
  description:
    'official: quoted from the source; paraphrased: faithful to the source but not its words; reconstructed: our proposal where the source is silent.',
});

export const Provenance = z
  .strictObject({
    source: NodeId.meta({ description: 'Id of an entry in the rule set’s `sources`.' }),
    clause: z.string().min(1).optional(),
    confidence: Confidence,
    note: z.string().min(1).optional(),
  })
  .meta({ description: 'Where a rule comes from and how sure we are.' });

export const Source = z.strictObject({
  id: NodeId,
  title: z.string().min(1),
  titleEn: z.string().min(1).optional(),
  issuer: z.string().min(1).optional(),
  year: z.number().int().min(1990).max(2100).optional(),
  url: z.url().optional(),
});

const titled = {
  title: z.string().min(1).meta({ description: 'Chinese title (中文标题).' }),
  titleEn: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
};

// --- measurements and veto conditions (单项否决) ---------------------------------------------------------

export const MeasurementKind = z.enum(['boolean', 'count', 'ratio', 'number']);

export const Measurement = z.strictObject({
  id: NodeId,
  ...titled,
  kind: MeasurementKind,
  unit: z.string().min(1).optional().meta({ description: 'Unit used in explanations, e.g. "个" or "条".' }),
  provenance: Provenance,
});

export const ComparisonOperator = z.enum(['>=', '>', '<=', '<', '=']);

export type Condition =
  | {
      kind: 'compare';
      measurement: string;
      op: z.infer<typeof ComparisonOperator>;
      value: string;
      provenance?: z.infer<typeof Provenance>;
    }
  | { kind: 'flag'; measurement: string; is: boolean; provenance?: z.infer<typeof Provenance> }
  | { kind: 'any' | 'all'; of: Condition[]; title?: string; titleEn?: string };

export const CompareCondition = z.strictObject({
  kind: z.literal('compare'),
  measurement: NodeId,
  op: ComparisonOperator,
  value: DecimalString,
  provenance: Provenance.optional(),
});

export const FlagCondition = z.strictObject({
  kind: z.literal('flag'),
  measurement: NodeId,
  is: z.boolean(),
  provenance: Provenance.optional(),
});

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    CompareCondition,
    FlagCondition,
    z.strictObject({
      kind: z.enum(['any', 'all']),
      of: z.array(Condition),
      title: z.string().min(1).optional(),
      titleEn: z.string().min(1).optional(),
    }),
  ]),
);

export const Veto = z.strictObject({
  id: NodeId,
  ...titled,
  when: Condition,
  provenance: Provenance,
});

// --- rounding ------------------------------------------------------------------------------------------

export const Rounding = z
  .strictObject({
    places: z.number().int().min(0).max(6),
    mode: z.enum(['halfUp', 'halfEven', 'down', 'up']),
    stage: z.enum(['leaf', 'total']).meta({
      description:
        'leaf: every awarded leaf value is rounded and the parents add the rounded values; total: exact arithmetic throughout, one rounding of each reported total. Thresholds are always compared with the rounded, displayed value.',
    }),
  })
  .meta({ description: 'How scores are rounded, and where.' });

// --- inspection rule sets (检查指标) ----------------------------------------------------------------------

export const DeductionCriterion = z.strictObject({
  id: NodeId,
  ...titled,
  deduct: PointsString.meta({ description: 'Points deducted per occurrence.' }),
  maxDeduction: PointsString.optional().meta({ description: 'Cap on this criterion’s total deduction.' }),
  provenance: Provenance,
});

export const DeductionIndicator = z.strictObject({
  id: NodeId,
  ...titled,
  points: PointsString,
  criteria: z.array(DeductionCriterion),
  provenance: Provenance,
});

export const BonusCriterion = z.strictObject({
  id: NodeId,
  ...titled,
  award: PointsString.meta({ description: 'Points awarded per occurrence.' }),
  maxAward: PointsString.optional(),
  provenance: Provenance,
});

export const BonusIndicator = z.strictObject({
  id: NodeId,
  ...titled,
  points: PointsString.meta({ description: 'The most this indicator can add.' }),
  criteria: z.array(BonusCriterion),
  provenance: Provenance,
});

export const DeductionTree = z.strictObject({
  points: PointsString,
  indicators: z.array(DeductionIndicator),
  provenance: Provenance,
});

export const BonusTree = z.strictObject({
  points: PointsString,
  indicators: z.array(BonusIndicator),
  provenance: Provenance,
});

export const TargetKind = z.enum(['website', 'newMedia']);

export const InspectionPolicy = z.strictObject({
  passMark: PointsString.nullable().meta({
    description: 'A deduction score at or above this passes; null when there is no deduction table.',
  }),
  bonusGate: z
    .strictObject({ above: PointsString })
    .nullable()
    .meta({ description: 'The bonus is scored only when the deduction score is strictly above this.' }),
  bonusFor: z.enum(['portals', 'all']).meta({ description: 'Which targets may earn the bonus.' }),
  capPerIndicator: z
    .boolean()
    .meta({ description: 'Deductions within one indicator never exceed its points.' }),
  withoutServiceFunctions: z
    .strictObject({
      indicator: NodeId.meta({
        description: 'The service indicator (办事服务) that such targets are not checked on.',
      }),
      treatment: z.enum(['scale', 'spreadEvenly']).meta({
        description:
          'scale: score the rest and multiply by total ÷ (total − indicator points) (national: ×4/3); spreadEvenly: add the indicator’s points evenly to the other indicators (Zhaoqing).',
      }),
    })
    .nullable(),
  vetoedScore: PointsString.nullable().meta({
    description:
      'Score recorded for a vetoed target (Zhaoqing records 59); null: a vetoed target has no score.',
  }),
  rounding: Rounding,
  provenance: Provenance,
});

const ruleSetHeader = {
  $schema: z.string().optional(),
  id: NodeId,
  ...titled,
  version: z.string().min(1),
  jurisdiction: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Who issues the rules, e.g. 国务院办公厅 or 甘肃省.' }),
  sources: z.array(Source).min(1),
  provenance: Provenance,
};

export const InspectionRuleSet = z.strictObject({
  ...ruleSetHeader,
  kind: z.literal('inspection'),
  targetKind: TargetKind,
  measurements: z.array(Measurement),
  vetoes: z.array(Veto),
  deductions: DeductionTree.nullable(),
  bonus: BonusTree.nullable(),
  policy: InspectionPolicy,
});

// --- assessment rule sets (年度考核指标) -------------------------------------------------------------------

export const Band = z
  .strictObject({
    atLeast: DecimalString.optional().meta({
      description: 'Inclusive lower bound; omit for no lower bound.',
    }),
    below: DecimalString.optional().meta({ description: 'Exclusive upper bound; omit for no upper bound.' }),
    points: PointsString,
    title: z.string().min(1).optional(),
    titleEn: z.string().min(1).optional(),
  })
  .meta({ description: 'Points for a measured value in [atLeast, below).' });

export const MeasureDescription = z.strictObject({
  ...titled,
  unit: z.enum(['ratio', 'score', 'count', 'number']),
});

export const ScoringMethod = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('check'),
    requirement: z.string().min(1).optional().meta({ description: 'What must be met to earn the points.' }),
  }),
  z.strictObject({
    kind: z.literal('deduct'),
    criteria: z.array(DeductionCriterion).min(1),
  }),
  z.strictObject({
    kind: z.literal('bands'),
    measure: MeasureDescription,
    bands: z.array(Band).min(1),
  }),
  z.strictObject({
    kind: z.literal('ratio'),
    measure: MeasureDescription,
  }),
  z.strictObject({
    kind: z.literal('manual'),
    guidance: z.string().min(1).optional(),
  }),
]);

export const InspectionFeed = z
  .strictObject({
    targetKind: TargetKind,
    statistic: z.enum(['passRate', 'averageScore', 'portalAverageScore']),
    note: z.string().min(1).optional(),
  })
  .meta({ description: 'This sub-item is filled from the year’s quarterly inspection results.' });

export const SubItem = z.strictObject({
  id: NodeId,
  ...titled,
  points: PointsString,
  method: ScoringMethod,
  fedByInspections: InspectionFeed.optional(),
  whenNotApplicable: z.enum(['rescale', 'fullMarks', 'zero']).meta({
    description:
      'rescale: left out, and the rest scaled up to the full total; fullMarks: awarded its points; zero: awarded 0.',
  }),
  evidence: z.string().min(1).optional().meta({ description: 'Evidence the unit is expected to provide.' }),
  provenance: Provenance,
});

export const Item = z.strictObject({
  id: NodeId,
  ...titled,
  points: PointsString,
  subItems: z.array(SubItem).min(1),
  provenance: Provenance,
});

export const Area = z.strictObject({
  id: NodeId,
  ...titled,
  points: PointsString,
  items: z.array(Item).min(1),
  provenance: Provenance,
});

export const GradeBand = z.strictObject({
  id: NodeId,
  title: z.string().min(1),
  titleEn: z.string().min(1).optional(),
  atLeast: PointsString.optional().meta({ description: 'Inclusive lower bound.' }),
  above: PointsString.optional().meta({
    description: 'Exclusive lower bound (Gansu 2018: 优秀 above 22.5).',
  }),
  provenance: Provenance,
});

export const AssessmentPolicy = z.strictObject({
  passMark: PointsString,
  bonusGate: z.strictObject({ above: PointsString }).nullable(),
  vetoedGrade: NodeId.meta({ description: 'The grade given to a vetoed unit (一票否决 → 不合格).' }),
  rounding: Rounding,
  provenance: Provenance,
});

export const AssessmentRuleSet = z.strictObject({
  ...ruleSetHeader,
  kind: z.literal('assessment'),
  total: PointsString,
  measurements: z.array(Measurement),
  vetoes: z.array(Veto),
  areas: z.array(Area).min(1),
  bonus: BonusTree.nullable(),
  grades: z.array(GradeBand).min(1),
  policy: AssessmentPolicy,
});

export const RuleSetShape = z.discriminatedUnion('kind', [InspectionRuleSet, AssessmentRuleSet]);

export type Provenance = z.infer<typeof Provenance>;
export type Confidence = z.infer<typeof Confidence>;
export type Source = z.infer<typeof Source>;
export type Measurement = z.infer<typeof Measurement>;
export type MeasurementKind = z.infer<typeof MeasurementKind>;
export type ComparisonOperator = z.infer<typeof ComparisonOperator>;
export type CompareCondition = z.infer<typeof CompareCondition>;
export type FlagCondition = z.infer<typeof FlagCondition>;
export type Veto = z.infer<typeof Veto>;
export type Rounding = z.infer<typeof Rounding>;
export type DeductionCriterion = z.infer<typeof DeductionCriterion>;
export type DeductionIndicator = z.infer<typeof DeductionIndicator>;
export type BonusCriterion = z.infer<typeof BonusCriterion>;
export type BonusIndicator = z.infer<typeof BonusIndicator>;
export type DeductionTree = z.infer<typeof DeductionTree>;
export type BonusTree = z.infer<typeof BonusTree>;
export type TargetKind = z.infer<typeof TargetKind>;
export type InspectionPolicy = z.infer<typeof InspectionPolicy>;
export type InspectionRuleSet = z.infer<typeof InspectionRuleSet>;
export type Band = z.infer<typeof Band>;
export type ScoringMethod = z.infer<typeof ScoringMethod>;
export type InspectionFeed = z.infer<typeof InspectionFeed>;
export type SubItem = z.infer<typeof SubItem>;
export type Item = z.infer<typeof Item>;
export type Area = z.infer<typeof Area>;
export type GradeBand = z.infer<typeof GradeBand>;
export type AssessmentPolicy = z.infer<typeof AssessmentPolicy>;
export type AssessmentRuleSet = z.infer<typeof AssessmentRuleSet>;
export type RuleSet = InspectionRuleSet | AssessmentRuleSet;
/** What an author writes: the same shape (every field is required or optional exactly as parsed). */
export type RuleSetInput = z.input<typeof RuleSetShape>;
