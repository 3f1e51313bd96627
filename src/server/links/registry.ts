import type { Link, LinkableType } from '../../domain/links';
import type { NotificationSubjectType } from '../../domain/notifications';
import type { Scope } from '../access/scope';
import type { Db, Tx } from '../db/client';
import { errors } from '../http/errors';
import { linkables } from './linkables';

/**
 * What a link shows, and the partner its record belongs to (for a task's partner, say). `page`
 * is the record whose page shows it, when that is another (a version shows on its agreement's).
 */
export type LinkTarget = {
  label: string;
  partnerId: string | null;
  page?: { type: NotificationSubjectType; id: string };
};

/**
 * Resolves records of one kind inside the caller's scope, many at once (a list's links): the
 * answer holds only those the caller may see.
 */
export type LinkResolver = (
  db: Db | Tx,
  scope: Scope,
  ids: string[],
) => Promise<Map<string, LinkTarget>>;

/**
 * The record a body links to, resolved in the caller's scope: a record elsewhere or nowhere is
 * the same 422 as any foreign key, naming `field`.
 */
export async function resolveLink(
  db: Db | Tx,
  scope: Scope,
  subject: { subjectType: LinkableType; subjectId: string },
  field = 'subjectId',
): Promise<LinkTarget> {
  const found = (await linkables[subject.subjectType](db, scope, [subject.subjectId])).get(
    subject.subjectId,
  );
  if (!found) throw errors.invalidReference(field, subject.subjectType);
  return found;
}

/**
 * The links of a page of records, one query per kind. A link whose record was deleted (or is
 * out of sight) shows no label: ids are never reused, so it never resolves to another row.
 */
export async function presentLinks(
  db: Db | Tx,
  scope: Scope,
  subjects: Array<{ subjectType: string | null; subjectId: string | null }>,
): Promise<(subject: { subjectType: string | null; subjectId: string | null }) => Link | null> {
  const byType = new Map<LinkableType, string[]>();
  for (const s of subjects) {
    if (!s.subjectType || !s.subjectId || !(s.subjectType in linkables)) continue;
    const type = s.subjectType as LinkableType;
    const ids = byType.get(type);
    if (ids) ids.push(s.subjectId);
    else byType.set(type, [s.subjectId]);
  }
  const found = new Map<string, LinkTarget>();
  for (const [type, ids] of byType) {
    for (const [id, target] of await linkables[type](db, scope, [...new Set(ids)]))
      found.set(`${type}:${id}`, target);
  }
  return (s) =>
    s.subjectType && s.subjectId
      ? {
          subjectType: s.subjectType as LinkableType,
          subjectId: s.subjectId,
          label: found.get(`${s.subjectType}:${s.subjectId}`)?.label ?? null,
        }
      : null;
}
