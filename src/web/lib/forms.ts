import type { UseFormReturnType } from '@mantine/form';
import { modals } from '@mantine/modals';
import { ApiError, describeError } from '../api/client';

/**
 * Puts a failed request's field errors on the form's fields. Returns the message to show
 * above the form for everything that is not about a known field (null when none).
 */
export function applyProblem<V extends Record<string, unknown>>(
  form: UseFormReturnType<V>,
  error: unknown,
): string | null {
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    const values = form.getValues();
    const known: Record<string, string> = {};
    const unknown: string[] = [];
    for (const fieldError of error.fieldErrors) {
      const top = fieldError.field.split('.')[0] ?? '';
      if (top in values) known[fieldError.field] = fieldError.message;
      else unknown.push(`${fieldError.field}: ${fieldError.message}`);
    }
    form.setErrors(known);
    if (unknown.length === 0) return Object.keys(known).length > 0 ? null : error.message;
    return unknown.join('; ');
  }
  return describeError(error);
}

/** Turns empty text inputs into null, as the API wants for unset optional fields. */
export function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Validates a request body with the server's own zod schema and returns Mantine form errors
 * keyed by field path, so the form says exactly what the API would.
 */
export function schemaErrors(
  schema: {
    safeParse: (value: unknown) => { success: boolean; error?: { issues: ZodIssueLike[] } };
  },
  body: unknown,
): Record<string, string> {
  const result = schema.safeParse(body);
  if (result.success || !result.error) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    const top = String(issue.path[0] ?? '');
    // Mantine shows an array field's error on the field itself (tags, domains).
    const message = issue.message;
    if (!(key in errors)) errors[key] = message;
    if (top !== key && !(top in errors)) errors[top] = message;
  }
  return errors;
}

type ZodIssueLike = { path: PropertyKey[]; message: string };

/** Leaves a form, asking first when that would throw away edits. */
export function confirmDiscard(form: { isDirty: () => boolean }, leave: () => void): void {
  if (!form.isDirty()) {
    leave();
    return;
  }
  modals.openConfirmModal({
    title: 'Discard your changes?',
    children: 'The changes you made on this page are not saved.',
    labels: { confirm: 'Discard changes', cancel: 'Keep editing' },
    confirmProps: { color: 'red' },
    onConfirm: leave,
  });
}
