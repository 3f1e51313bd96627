import type { Comment, CommentSubjectType } from '../../../domain/comments';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { memberNames } from '../members/members.service';
import { type CommentRow, findMentionRows } from './comments.queries';

/** Comments as the API shows them: with their author's and mentioned members' names. */
export async function presentComments(
  db: Db | Tx,
  scope: Scope,
  rows: CommentRow[],
): Promise<Comment[]> {
  const mentions = await findMentionRows(
    db,
    scope,
    rows.map((row) => row.id),
  );
  const names = await memberNames(db, scope, [
    ...rows.flatMap((row) => (row.authorId ? [row.authorId] : [])),
    ...mentions.map((m) => m.memberId),
  ]);
  return rows.map((row) => ({
    id: row.id,
    subjectType: row.subjectType as CommentSubjectType,
    subjectId: row.subjectId,
    body: row.body,
    authorId: row.authorId,
    authorName: row.authorId ? (names.get(row.authorId) ?? null) : null,
    mentions: mentions
      .filter((m) => m.commentId === row.id)
      .map((m) => ({ id: m.memberId, name: names.get(m.memberId) ?? '' })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
