import { errors } from '../../http/errors';

/**
 * Workspaces and members carry no version column; their last change time (milliseconds,
 * set by the application on every update) serves as the ETag.
 */
export function etagOf(updatedAt: Date): string {
  return `"${updatedAt.getTime()}"`;
}

/** 428 without If-Match, 412 when it names another version than the current one. */
export function assertIfMatch(ifMatch: string | undefined, current: Date) {
  if (!ifMatch) throw errors.preconditionRequired();
  const given = ifMatch.trim().replace(/^W\//, '');
  if (given !== etagOf(current)) throw errors.preconditionFailed();
}
