import { z } from 'zod';
import { errors } from './errors';

/**
 * A record's ETag: its `version` column, quoted (`"3"`). Every editable table has one, bumped by
 * every change, so two changes within one clock tick never share an ETag.
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Checks an `If-Match` header against the record's version before a change: missing is 428
 * when the change requires it, a list without the current ETag (or `*`) is 412.
 */
export function checkIfMatch(
  header: string | undefined,
  version: number,
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
