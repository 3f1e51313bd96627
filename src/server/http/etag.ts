import { z } from 'zod';
import { errors } from './errors';

/**
 * A record's ETag: its version, quoted (`"3"`). Workspaces, members and partner users carry no
 * version column; their last change time (milliseconds, set on every update) serves instead.
 */
export function etagOf(version: number | Date): string {
  return `"${typeof version === 'number' ? version : version.getTime()}"`;
}

/**
 * Checks an `If-Match` header against the record's version before a change: missing is 428
 * when the change requires it, a list without the current ETag (or `*`) is 412.
 */
export function checkIfMatch(
  header: string | undefined,
  version: number | Date,
  options: { required: boolean },
): void {
  if (header === undefined || header.trim() === '') {
    if (options.required) throw errors.preconditionRequired();
    return;
  }
  const current = etagOf(version);
  const tags = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!tags.some((tag) => tag === '*' || tag === current)) throw errors.preconditionFailed();
}

/** The request header of a change guarded by the record's ETag. */
export const ifMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .optional()
    .describe('The ETag of the version you read (`"3"`); required on PATCH'),
});
