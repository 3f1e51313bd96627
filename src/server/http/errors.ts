import { messages } from '../../domain/messages';

/** A field at fault in a request, named by its path (`domains.1`, `ownerId`). */
export type FieldError = { field: string; code: string; message: string };

/**
 * Errors are values with a stable code. Services throw these; the error handler turns them
 * into RFC 9457 problem+json once, in one place.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail?: string,
    readonly fields: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

/** The value, or null when what was asked for is gone (404); any other failure still fails. */
export async function unlessNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

export const errors = {
  badRequest: (code: string, detail: string, fields: FieldError[] = []) =>
    new AppError(400, code, 'Bad request', detail, fields),
  validation: (fields: FieldError[]) =>
    new AppError(
      400,
      'validation_failed',
      'The request is not valid',
      'See errors for the fields at fault',
      fields,
    ),
  unauthenticated: (detail = 'Sign in or send an API key') =>
    new AppError(401, 'unauthenticated', 'Authentication required', detail),
  forbidden: (detail = 'Your role does not allow this', fields: FieldError[] = []) =>
    new AppError(403, 'forbidden', 'Not allowed', detail, fields),
  forbiddenOrigin: () =>
    new AppError(
      403,
      'origin_mismatch',
      'Cross-site request refused',
      'A browser request that changes data must come from Tandem itself (Origin header)',
    ),
  notFound: (what = 'record') => new AppError(404, 'not_found', 'Not found', `No such ${what}`),
  conflict: (
    code: string,
    detail: string,
    extra: Record<string, unknown> = {},
    fields: FieldError[] = [],
  ) => new AppError(409, code, 'Conflict', detail, fields, extra),
  preconditionFailed: () =>
    new AppError(
      412,
      'stale_version',
      'The record has changed',
      'The record was changed since you read it; reload it and apply your edit again',
    ),
  preconditionRequired: () =>
    new AppError(428, 'if_match_required', 'If-Match required', 'Send the record ETag in If-Match'),
  /** A foreign key in the body that is outside the caller's scope or does not exist. */
  invalidReference: (field: string, what: string) =>
    new AppError(
      422,
      'invalid_reference',
      'Invalid reference',
      `${field} does not name a ${what} you can use`,
      [{ field, code: 'invalid_reference', message: messages.noSuch(what) }],
    ),
  /** Nothing new is attached to an archived partner until it is restored. */
  partnerArchived: (field: string) =>
    new AppError(
      409,
      'partner_archived',
      'Partner archived',
      'The partner is archived; restore it before adding to it',
      [{ field, code: 'partner_archived', message: messages.partnerArchived }],
    ),
  /** A status move the record's state machine does not allow; `allowed` lists those it does. */
  invalidTransition: (from: string, to: string, allowed: string[], detail?: string) =>
    new AppError(
      409,
      'invalid_transition',
      'Not an allowed change of status',
      detail ??
        `Cannot move from ${from} to ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`,
      [],
      { from, to, allowed },
    ),
  /** A status move that needs a field the request and the record both lack. */
  transitionFieldRequired: (field: string, to: string) =>
    new AppError(
      422,
      'field_required',
      'A field is required for this change',
      `Moving to ${to} needs ${field}`,
      [{ field, code: 'required', message: messages.requiredForMove }],
    ),
  unprocessable: (code: string, detail: string, fields: FieldError[] = []) =>
    new AppError(422, code, 'Cannot do that', detail, fields),
  tooManyRequests: (retryAfterSeconds: number, detail: string) =>
    new AppError(
      429,
      'too_many_requests',
      'Too many requests',
      detail,
      [],
      {},
      {
        'retry-after': String(retryAfterSeconds),
      },
    ),
};
