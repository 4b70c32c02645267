import type { AssessmentRuleSet, BonusCriterion, BonusIndicator, Measurement, SubItem } from '@kaohe/rules';
import {
  Decimal,
  ScoringInputError,
  scoreAssessment,
  type AssessmentResult,
  type MeasurementValue,
  type Occurrence,
  type SubItemInput,
} from '@kaohe/scoring';
import { z } from 'zod';
import { translator } from './i18n';

// One form per entry of the rule set (a sub-item 子项 or a veto measurement 单项否决), its fields matching the
// entry's scoring method (or a bonus criterion 加分细则: how often it occurred): check → 达标 yes/no; deduct → a count per criterion; bands / ratio → a value; manual →
// points in [0, max]; any sub-item may be not applicable with a reason; every entry has a note. The same parser runs
// on the server (the control) and in the browser (the live preview), so both read a form the same way.

export type Lang = 'zh' | 'en';
export type FormEntryKind = 'subItem' | 'measurement' | 'bonus';

export type EntryInput = SubItemInput | { value: MeasurementValue } | { count: number };

export type EntryFields = Record<string, string>;
export type EntryErrors = Record<string, string>;

export type ParsedEntry =
  { ok: true; input: EntryInput; note: string | null } | { ok: false; errors: EntryErrors };

export const noteMaxLength = 2000;
export const reasonMaxLength = 1000;

export function findSubItem(ruleSet: AssessmentRuleSet, id: string): SubItem | undefined {
  for (const area of ruleSet.areas)
    for (const item of area.items) for (const subItem of item.subItems) if (subItem.id === id) return subItem;
  return undefined;
}

export function findMeasurement(ruleSet: AssessmentRuleSet, id: string): Measurement | undefined {
  return ruleSet.measurements.find((measurement) => measurement.id === id);
}

export interface BonusEntry {
  indicator: BonusIndicator;
  criterion: BonusCriterion;
}

/** Every bonus criterion of the rule set with its indicator (none when the rule set has no bonus). */
export function allBonusCriteria(ruleSet: AssessmentRuleSet): BonusEntry[] {
  return (ruleSet.bonus?.indicators ?? []).flatMap((indicator) =>
    indicator.criteria.map((criterion) => ({ indicator, criterion })),
  );
}

export function findBonusCriterion(ruleSet: AssessmentRuleSet, id: string): BonusEntry | undefined {
  return allBonusCriteria(ruleSet).find((entry) => entry.criterion.id === id);
}

/** Most occurrences a bonus count may state: far above any cap, so that a typo like 1000000 is refused. */
export const bonusCountMax = 999;

export function allSubItems(ruleSet: AssessmentRuleSet): SubItem[] {
  return ruleSet.areas.flatMap((area) => area.items.flatMap((item) => item.subItems));
}

/** Ratios are typed as percentages (95 for 95%) and stored as the share the scorer reads ("0.95"). */
export function isPercentField(subItem: SubItem): boolean {
  const method = subItem.method;
  return (method.kind === 'bands' || method.kind === 'ratio') && method.measure.unit === 'ratio';
}

const decimalText = /^-?\d{1,12}(\.\d{1,8})?$/;

/** The field messages in the user's language (i18n.ts, keys entryForm.*). */
function formMessages(lang: Lang) {
  const t = translator(lang);
  return {
    required: t('entryForm.required'),
    chooseMet: t('entryForm.chooseMet'),
    decimal: t('entryForm.decimal'),
    count: t('entryForm.count'),
    percent: t('entryForm.percent'),
    points: (max: string) => t('entryForm.points', { max }),
    reason: t('entryForm.reason'),
    tooLong: (max: number) => t('entryForm.tooLong', { max }),
    measurementNa: t('entryForm.measurementNa'),
    bonusNa: t('entryForm.bonusNa'),
    bonusCount: t('entryForm.bonusCount', { max: bonusCountMax }),
    chooseFlag: t('entryForm.chooseFlag'),
  };
}

/**
 * Range check for a decimal field. zod runs it even when the decimal check before it failed: text that is not a
 * number passes here (its own message is already reported) instead of throwing inside Decimal.
 */
function withinRange(value: string, min: string, max: string): boolean {
  if (!decimalText.test(value)) return true;
  const decimal = new Decimal(value);
  return decimal.gte(min) && decimal.lte(max);
}

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

function noteSchema(lang: Lang) {
  const m = formMessages(lang);
  return z.preprocess(
    trimmed,
    z
      .string()
      .max(noteMaxLength, m.tooLong(noteMaxLength))
      .optional()
      .transform((value) => value || null),
  );
}

function decimalSchema(lang: Lang, message: string = formMessages(lang).decimal) {
  return z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .trim()
            .replace(/[，,\s]/g, '')
            .replace(/%$/, '')
        : value,
    z
      .string({ error: formMessages(lang).required })
      .min(1, formMessages(lang).required)
      .regex(decimalText, message),
  );
}

function countSchema(lang: Lang) {
  return z.preprocess(
    (value) =>
      value === undefined || (typeof value === 'string' && value.trim() === '') ? '0' : trimmed(value),
    z
      .string()
      .regex(/^\d{1,6}$/, formMessages(lang).count)
      .transform(Number),
  );
}

/** The zod schema of one sub-item's form; its output is the scorer's input for that sub-item. */
export function subItemFormSchema(subItem: SubItem, lang: Lang) {
  const m = formMessages(lang);
  const method = subItem.method;
  const notApplicable = z.strictObject({
    notApplicable: z.literal('on'),
    naReason: z.preprocess(
      trimmed,
      z.string({ error: m.reason }).min(1, m.reason).max(reasonMaxLength, m.tooLong(reasonMaxLength)),
    ),
    note: noteSchema(lang),
  });
  let applicable: z.ZodType<{ input: SubItemInput; note: string | null }>;
  switch (method.kind) {
    case 'check':
      applicable = z
        .object({
          met: z.enum(['yes', 'no'], { error: m.chooseMet }),
          note: noteSchema(lang),
        })
        .transform(({ met, note }) => ({ input: { met: met === 'yes' }, note }));
      break;
    case 'deduct': {
      const shape: Record<string, z.ZodType<number>> = {};
      for (const criterion of method.criteria) shape[`count.${criterion.id}`] = countSchema(lang);
      applicable = z.object({ ...shape, note: noteSchema(lang) }).transform((fields) => {
        const counts: Record<string, number> = {};
        for (const criterion of method.criteria) {
          const count = (fields as Record<string, unknown>)[`count.${criterion.id}`] as number;
          if (count > 0) counts[criterion.id] = count;
        }
        return { input: { counts }, note: fields.note as string | null };
      });
      break;
    }
    case 'bands':
    case 'ratio': {
      const percent = isPercentField(subItem);
      applicable = z
        .object({
          value: decimalSchema(lang).refine((value) => !percent || withinRange(value, '0', '100'), m.percent),
          note: noteSchema(lang),
        })
        .transform(({ value, note }) => ({
          input: { value: percent ? new Decimal(value).div(100).toFixed() : new Decimal(value).toFixed() },
          note,
        }));
      break;
    }
    case 'manual':
      applicable = z
        .object({
          points: decimalSchema(lang).refine(
            (value) => withinRange(value, '0', subItem.points),
            m.points(subItem.points),
          ),
          note: noteSchema(lang),
        })
        .transform(({ points, note }) => ({ input: { points: new Decimal(points).toFixed() }, note }));
      break;
  }
  return z.union([
    notApplicable.transform(({ naReason, note }) => ({
      input: { notApplicable: true, reason: naReason } as SubItemInput,
      note,
    })),
    applicable,
  ]);
}

/** The zod schema of one veto measurement's form. */
export function measurementFormSchema(measurement: Measurement, lang: Lang) {
  const m = formMessages(lang);
  if (measurement.kind === 'boolean') {
    return z
      .object({ flag: z.enum(['yes', 'no'], { error: m.chooseFlag }), note: noteSchema(lang) })
      .transform(({ flag, note }) => ({ input: { value: flag === 'yes' } as EntryInput, note }));
  }
  const value =
    measurement.kind === 'count'
      ? z.preprocess(trimmed, z.string({ error: m.required }).regex(/^\d{1,9}$/, m.count))
      : decimalSchema(lang);
  return z
    .object({ value, note: noteSchema(lang) })
    .transform(({ value, note }) => ({ input: { value: new Decimal(value).toFixed() } as EntryInput, note }));
}

/**
 * The zod schema of one bonus criterion's form: how often it occurred (0 when not at all) and a note. Strict: only
 * these two fields are read (the caller passes just them), anything else is a programming error, not user input.
 */
export function bonusFormSchema(lang: Lang) {
  const m = formMessages(lang);
  return z
    .strictObject({
      count: z.preprocess(
        trimmed,
        z
          .string({ error: m.required })
          .min(1, m.required)
          .regex(/^\d{1,3}$/, m.bonusCount)
          .transform(Number),
      ),
      note: noteSchema(lang),
    })
    .transform(({ count, note }) => ({ input: { count } as EntryInput, note }));
}

/**
 * The names of the fields one entry's form may post (EntryFields.svelte), e.g. `count.<criterion>` for a deduct
 * sub-item; null for an unknown entry. A form that carries an entry's fields can be parsed strictly with these.
 */
export function entryFieldNames(
  ruleSet: AssessmentRuleSet,
  entryKind: FormEntryKind,
  entryId: string,
): string[] | null {
  if (entryKind === 'bonus')
    return findBonusCriterion(ruleSet, entryId) ? ['count', 'note', 'notApplicable'] : null;
  if (entryKind === 'measurement') {
    const measurement = findMeasurement(ruleSet, entryId);
    if (!measurement) return null;
    return [measurement.kind === 'boolean' ? 'flag' : 'value', 'note', 'notApplicable'];
  }
  const subItem = findSubItem(ruleSet, entryId);
  if (!subItem) return null;
  const method = subItem.method;
  const own =
    method.kind === 'check'
      ? ['met']
      : method.kind === 'deduct'
        ? method.criteria.map((criterion) => `count.${criterion.id}`)
        : method.kind === 'manual'
          ? ['points']
          : ['value'];
  return [...own, 'note', 'notApplicable', 'naReason'];
}

/**
 * Reads one entry's form: zod first (field messages in the user's language), then the scorer itself, so that
 * anything @kaohe/scoring would refuse (a value in no band, say) is refused at the field before it is saved.
 */
export function parseEntryForm(
  ruleSet: AssessmentRuleSet,
  entryKind: FormEntryKind,
  entryId: string,
  fields: EntryFields,
  lang: Lang,
): ParsedEntry {
  const m = formMessages(lang);
  let schema: z.ZodType<{ input: EntryInput; note: string | null }>;
  if (entryKind === 'subItem') {
    const subItem = findSubItem(ruleSet, entryId);
    if (!subItem)
      return {
        ok: false,
        errors: { _: translator(lang)('entryForm.unknownSubItem', { id: entryId }) },
      };
    schema = subItemFormSchema(subItem, lang);
  } else if (entryKind === 'bonus') {
    if (!findBonusCriterion(ruleSet, entryId))
      return {
        ok: false,
        errors: { _: translator(lang)('entryForm.unknownBonus', { id: entryId }) },
      };
    if (fields.notApplicable === 'on') return { ok: false, errors: { notApplicable: m.bonusNa } };
    const result = bonusFormSchema(lang).safeParse({ count: fields.count, note: fields.note });
    if (!result.success) return { ok: false, errors: zodErrors(result.error, false) };
    const scorerError = checkWithScorer(ruleSet, entryKind, entryId, result.data.input, lang);
    if (scorerError) return { ok: false, errors: scorerError };
    return { ok: true, ...result.data };
  } else {
    const measurement = findMeasurement(ruleSet, entryId);
    if (!measurement)
      return {
        ok: false,
        errors: { _: translator(lang)('entryForm.unknownMeasurement', { id: entryId }) },
      };
    if (fields.notApplicable === 'on') return { ok: false, errors: { notApplicable: m.measurementNa } };
    schema = measurementFormSchema(measurement, lang);
  }
  const relevant: EntryFields = { ...fields };
  if (entryKind === 'subItem' && fields.notApplicable === 'on') {
    // not applicable: only the reason and the note count; the method's fields are ignored
    for (const key of Object.keys(relevant))
      if (!['notApplicable', 'naReason', 'note'].includes(key)) delete relevant[key];
  } else delete relevant.notApplicable;
  const result = schema.safeParse(relevant);
  if (!result.success) return { ok: false, errors: zodErrors(result.error, fields.notApplicable === 'on') };
  const { input, note } = result.data;
  const scorerError = checkWithScorer(ruleSet, entryKind, entryId, input, lang);
  if (scorerError) return { ok: false, errors: scorerError };
  return { ok: true, input, note };
}

function zodErrors(error: z.ZodError, notApplicable: boolean): EntryErrors {
  const errors: EntryErrors = {};
  const visit = (issues: readonly z.core.$ZodIssue[]) => {
    for (const issue of issues) {
      if (issue.code === 'invalid_union') {
        // a union of "not applicable" and "applicable": report the branch the user chose
        const branch = issue.errors[notApplicable ? 0 : 1] ?? issue.errors[0] ?? [];
        visit(branch);
        continue;
      }
      const key = issue.path.map(String).join('.') || '_';
      errors[key] ??= issue.message;
    }
  };
  visit(error.issues);
  return errors;
}

function checkWithScorer(
  ruleSet: AssessmentRuleSet,
  entryKind: FormEntryKind,
  entryId: string,
  input: EntryInput,
  lang: Lang,
): EntryErrors | null {
  try {
    if (entryKind === 'subItem') scoreAssessment({ ruleSet, inputs: { [entryId]: input as SubItemInput } });
    else if (entryKind === 'bonus')
      scoreAssessment({
        ruleSet,
        inputs: {},
        bonus: [{ criterion: entryId, count: (input as { count: number }).count }],
      });
    else
      scoreAssessment({
        ruleSet,
        inputs: {},
        measurements: { [entryId]: (input as { value: MeasurementValue }).value },
      });
    return null;
  } catch (thrown) {
    if (!(thrown instanceof ScoringInputError)) throw thrown;
    const errors: EntryErrors = {};
    for (const issue of thrown.issues) {
      const field = /\.(met|value|points|reason)$/.exec(issue.path)?.[1];
      const key =
        field === 'reason'
          ? 'naReason'
          : entryKind === 'measurement'
            ? 'value'
            : entryKind === 'bonus'
              ? 'count'
              : (field ?? '_');
      errors[key] ??= lang === 'zh' ? issue.messageZh : issue.message;
    }
    return errors;
  }
}

/** A stored input back into form fields (to fill the form in again). */
export function entryFields(
  ruleSet: AssessmentRuleSet,
  entryKind: FormEntryKind,
  entryId: string,
  input: unknown,
  note: string | null,
): EntryFields {
  const fields: EntryFields = { note: note ?? '' };
  if (!input || typeof input !== 'object') return fields;
  const raw = input as Record<string, unknown>;
  if (entryKind === 'bonus') {
    if (typeof raw.count === 'number') fields.count = String(raw.count);
    return fields;
  }
  if (entryKind === 'measurement') {
    const value = raw.value;
    if (typeof value === 'boolean') fields.flag = value ? 'yes' : 'no';
    else if (value !== undefined) fields.value = String(value);
    return fields;
  }
  const subItem = findSubItem(ruleSet, entryId);
  if (!subItem) return fields;
  if (raw.notApplicable === true) {
    fields.notApplicable = 'on';
    fields.naReason = typeof raw.reason === 'string' ? raw.reason : '';
    return fields;
  }
  const method = subItem.method;
  if (method.kind === 'check' && typeof raw.met === 'boolean') fields.met = raw.met ? 'yes' : 'no';
  if (method.kind === 'deduct') {
    const counts = (raw.counts ?? {}) as Record<string, number>;
    for (const criterion of method.criteria)
      fields[`count.${criterion.id}`] = String(counts[criterion.id] ?? 0);
  }
  if ((method.kind === 'bands' || method.kind === 'ratio') && typeof raw.value === 'string')
    fields.value = isPercentField(subItem) ? new Decimal(raw.value).times(100).toFixed() : raw.value;
  if (method.kind === 'manual' && typeof raw.points === 'string') fields.points = raw.points;
  return fields;
}

/** Empty fields for an entry nobody has filled in yet (counts default to 0). */
export function blankFields(
  ruleSet: AssessmentRuleSet,
  entryKind: FormEntryKind,
  entryId: string,
): EntryFields {
  const fields: EntryFields = { note: '' };
  if (entryKind === 'bonus') fields.count = '0';
  if (entryKind === 'subItem') {
    const method = findSubItem(ruleSet, entryId)?.method;
    if (method?.kind === 'deduct')
      for (const criterion of method.criteria) fields[`count.${criterion.id}`] = '0';
  }
  return fields;
}

/**
 * The scorer's arguments from stored entries (sub-items, measurements, bonus criteria), read the way the
 * breakdown reads them (assessment/results.ts scoringInputs): bonus only when the rule set has one and there is
 * something to pass, so that the preview and the breakdown give the same total.
 */
export function scorerArguments(
  ruleSet: AssessmentRuleSet,
  entries: readonly { entryKind: string; entryId: string; input: unknown }[],
): {
  inputs: Record<string, SubItemInput>;
  measurements: Record<string, MeasurementValue>;
  bonus?: Occurrence[];
} {
  const inputs: Record<string, SubItemInput> = {};
  const measurements: Record<string, MeasurementValue> = {};
  const bonus: Occurrence[] = [];
  for (const entry of entries) {
    if (entry.entryKind === 'subItem') inputs[entry.entryId] = entry.input as SubItemInput;
    else if (entry.entryKind === 'measurement')
      measurements[entry.entryId] = (entry.input as { value: MeasurementValue }).value;
    else if (entry.entryKind === 'bonus')
      bonus.push({ criterion: entry.entryId, count: (entry.input as { count: number }).count });
  }
  return ruleSet.bonus && bonus.length ? { inputs, measurements, bonus } : { inputs, measurements };
}

/**
 * The live preview of the self-evaluation page: every entry whose fields parse, scored by @kaohe/scoring exactly as
 * the breakdown scores the stored entries (bonus included). null when nothing parses yet.
 */
export function previewAssessment(
  ruleSet: AssessmentRuleSet,
  entries: readonly { entryKind: FormEntryKind; entryId: string; fields: EntryFields }[],
  lang: Lang,
): AssessmentResult | null {
  const parsedEntries: { entryKind: string; entryId: string; input: unknown }[] = [];
  for (const entry of entries) {
    const parsed = parseEntryForm(ruleSet, entry.entryKind, entry.entryId, entry.fields, lang);
    if (parsed.ok)
      parsedEntries.push({ entryKind: entry.entryKind, entryId: entry.entryId, input: parsed.input });
  }
  if (parsedEntries.length === 0) return null;
  try {
    return scoreAssessment({ ruleSet, ...scorerArguments(ruleSet, parsedEntries), locale: lang });
  } catch {
    return null;
  }
}

/** Same input? (to tell an accepted review from an adjustment) */
export function sameInput(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined && key !== 'note')
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** One entry's input as a short line for people ("达标", "留言未办结 2 条", "95%", "6 分", "不适用：…"). */
export function describeInput(
  ruleSet: AssessmentRuleSet,
  entryKind: FormEntryKind,
  entryId: string,
  input: unknown,
  lang: Lang,
): string {
  const zh = lang === 'zh';
  const t = translator(lang);
  if (!input || typeof input !== 'object') return t('entryForm.describe.notFilled');
  const raw = input as Record<string, unknown>;
  if (entryKind === 'bonus') {
    const count = typeof raw.count === 'number' ? raw.count : 0;
    return count > 0 ? t('entryForm.describe.occurred', { count }) : t('entryForm.describe.notOccurred');
  }
  if (entryKind === 'measurement') {
    const measurement = findMeasurement(ruleSet, entryId);
    if (typeof raw.value === 'boolean')
      return t(raw.value ? 'entryForm.describe.yes' : 'entryForm.describe.no');
    return `${String(raw.value)}${measurement?.unit ?? ''}`;
  }
  if (raw.notApplicable === true)
    return t('entryForm.describe.notApplicable', { reason: String(raw.reason ?? '') });
  const subItem = findSubItem(ruleSet, entryId);
  if (!subItem) return JSON.stringify(input);
  const method = subItem.method;
  switch (method.kind) {
    case 'check':
      return t(raw.met ? 'entryForm.describe.met' : 'entryForm.describe.notMet');
    case 'deduct': {
      const counts = (raw.counts ?? {}) as Record<string, number>;
      const parts = method.criteria
        .filter((criterion) => (counts[criterion.id] ?? 0) > 0)
        .map(
          (criterion) =>
            `${zh ? criterion.title : (criterion.titleEn ?? criterion.title)} ×${counts[criterion.id]}`,
        );
      return parts.length
        ? parts.join(t('entryForm.describe.separator'))
        : t('entryForm.describe.noDeductions');
    }
    case 'bands':
    case 'ratio':
      return isPercentField(subItem)
        ? `${new Decimal(String(raw.value)).times(100).toFixed()}%`
        : String(raw.value);
    case 'manual':
      return t('entryForm.describe.points', { points: String(raw.points) });
  }
}
