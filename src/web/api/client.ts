import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** The same public API any integration uses; the browser authenticates with its session cookie. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'include' });

/** A field error of an RFC 9457 problem answer. */
export type FieldError = { field: string; code: string; message: string };

/** An RFC 9457 problem+json answer, as the server sends every error. */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [member: string]: unknown;
};

/** A failed API call: the status and the problem the server explained it with. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];
  /** The problem's own members beyond RFC 9457's (`partnerId` of a domain_taken conflict). */
  readonly extra: Record<string, unknown>;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `The server answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? 'unknown';
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
    const {
      type: _t,
      title: _ti,
      status: _s,
      detail: _d,
      code: _c,
      errors: _e,
      ...extra
    } = problem;
    this.extra = extra;
  }
}

function asProblem(error: unknown): Problem {
  return typeof error === 'object' && error !== null ? (error as Problem) : {};
}

/**
 * The data of an openapi-fetch result, or an ApiError. Queries and mutations throw, so
 * TanStack Query sees failures as errors.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok || result.error !== undefined) {
    throw new ApiError(result.response.status, asProblem(result.error));
  }
  return result.data as T;
}

/** The quoted version of a record, as `If-Match` wants it back. */
export function etagOf(response: Response): string {
  return response.headers.get('etag') ?? '';
}

/** Human words for a failure that is not about one field. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Tandem cannot be reached. Check your connection.';
  return 'Something went wrong. Please try again.';
}
