import type { InspectionRuleSet } from '@kaohe/rules';

// The entry form's fields, read from the rule set, and the scoring inputs a submitted form gives. Shared by the
// server action (no JS) and the live preview in the browser, so both score exactly the same inputs.

export interface MeasurementField {
  id: string;
  title: string;
  titleEn: string | null;
  kind: 'flag' | 'number';
  unit: string | null;
}

export interface CriterionField {
  id: string;
  title: string;
  titleEn: string | null;
  indicator: string;
  deduct: string;
}

export interface FormSpec {
  measurements: MeasurementField[];
  criteria: CriterionField[];
}

export function formSpec(ruleSet: InspectionRuleSet): FormSpec {
  return {
    measurements: ruleSet.measurements.map((m) => ({
      id: m.id,
      title: m.title,
      titleEn: m.titleEn ?? null,
      kind: m.kind === 'boolean' ? 'flag' : 'number',
      unit: m.unit ?? null,
    })),
    criteria: (ruleSet.deductions?.indicators ?? []).flatMap((indicator) =>
      indicator.criteria.map((criterion) => ({
        id: criterion.id,
        title: criterion.title,
        titleEn: criterion.titleEn ?? null,
        indicator: indicator.title,
        deduct: criterion.deduct,
      })),
    ),
  };
}

/** The raw inputs (parsed by zod on the server) from the form's fields: m:<measurement>, f:<criterion>. */
export function inputsFromForm(spec: FormSpec, get: (name: string) => string | null) {
  const measurements: Record<string, string | boolean> = {};
  for (const field of spec.measurements) {
    const value = get(`m:${field.id}`);
    if (field.kind === 'flag') measurements[field.id] = value === 'on' || value === 'true';
    else if (value !== null && value.trim() !== '') measurements[field.id] = value.trim();
  }
  const findings: { criterion: string; count: number }[] = [];
  for (const field of spec.criteria) {
    const value = get(`f:${field.id}`)?.trim();
    if (!value || value === '0') continue;
    const count = /^[0-9]{1,4}$/.test(value) ? Number(value) : Number.NaN;
    findings.push({ criterion: field.id, count });
  }
  return {
    kind: 'measured' as const,
    target: {
      isPortal: get('isPortal') === 'on',
      hasServiceFunctions: get('hasServiceFunctions') === 'on',
    },
    measurements,
    findings,
    bonus: [],
  };
}
