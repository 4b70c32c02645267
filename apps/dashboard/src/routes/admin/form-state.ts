// What the admin pages show after an action: the message of the form that succeeded, or the messages per field
// and the values entered in the form that failed (each page has several forms; `form` in the result names which).

export interface FormState {
  id: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  message: string | null;
}

export function formState(result: unknown, id: string): FormState {
  const empty: FormState = { id, errors: {}, values: {}, message: null };
  if (!result || typeof result !== 'object' || (result as { form?: unknown }).form !== id) return empty;
  const { errors, values, message } = result as {
    errors?: Record<string, string>;
    values?: Record<string, string>;
    message?: string;
  };
  return { id, errors: errors ?? {}, values: values ?? {}, message: message ?? null };
}
