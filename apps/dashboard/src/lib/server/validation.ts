import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Lang } from '$lib/i18n';
import { translator } from '$lib/i18n';

// Every parameter and form is parsed here with zod; a failure becomes a message in the caller's language,
// never a stack trace.

const localeErrors = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError } as const;

export type FieldErrors = Record<string, string>;

/** A message for the whole form (shown above it) rather than one field. */
export function formError(message: string): FieldErrors {
  return { _: message };
}

export type Parsed<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: FieldErrors; issues: { path: string; message: string }[] };

export function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  lang: Lang,
): Parsed<z.output<Schema>> {
  const result = schema.safeParse(input, { error: localeErrors[lang] });
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const fieldErrors: FieldErrors = {};
  for (const issue of issues) fieldErrors[issue.path || '_'] ??= issue.message;
  return { ok: false, fieldErrors, issues };
}

/** For URL parameters and query strings: a bad value is a 400 with every problem listed. */
export function parseOrBadRequest<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  lang: Lang,
  what?: string,
): z.output<Schema> {
  const parsed = parseWith(schema, input, lang);
  if (parsed.ok) return parsed.data;
  const t = translator(lang);
  const detail = parsed.issues
    .map((issue) => (issue.path ? `${issue.path}：${issue.message}` : issue.message))
    .join('；');
  error(400, {
    message: `${what ?? t('error.badRequest')}${lang === 'zh' ? '' : ' '}${detail}`,
    issues: parsed.issues,
  });
}

/** Query-string parameters as a plain object (the last value wins for repeated keys). */
export function searchParamsObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

export function formObject(formData: FormData): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === 'string') result[key] = value;
  return result;
}

/** A positive database id in a URL segment. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
