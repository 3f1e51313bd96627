import { and, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { commentMentions, comments } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type CommentRow = typeof comments.$inferSelect;
export type NewCommentRow = typeof comments.$inferInsert;

const inWorkspace = (scope: Scope) => eq(comments.workspaceId, scope.workspaceId);

export async function findComment(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CommentRow | undefined> {
  const query = db
    .select()
    .from(comments)
    .where(and(inWorkspace(scope), eq(comments.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function insertCommentRow(tx: Tx, row: NewCommentRow): Promise<CommentRow> {
  const [inserted] = await tx.insert(comments).values(row).returning();
  if (!inserted) throw new Error('comment insert returned no row');
  return inserted;
}

export async function updateCommentRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewCommentRow>,
): Promise<CommentRow> {
  const [updated] = await tx
    .update(comments)
    .set(set)
    .where(and(inWorkspace(scope), eq(comments.id, id)))
    .returning();
  if (!updated) throw new Error('comment update matched no row');
  return updated;
}

export async function deleteCommentRow(tx: Tx, scope: Scope, id: string): Promise<void> {
  await tx.delete(comments).where(and(inWorkspace(scope), eq(comments.id, id)));
}

/** One page of a record's comments, as the list plan orders them. */
export function listCommentRows(
  db: Db | Tx,
  scope: Scope,
  subject: { subjectType: string; subjectId: string },
  plan: ListPlan,
) {
  return db
    .select({ ...getTableColumns(comments), cursor: plan.cursor })
    .from(comments)
    .where(
      and(
        inWorkspace(scope),
        eq(comments.subjectType, subject.subjectType),
        eq(comments.subjectId, subject.subjectId),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** Replaces a comment's mentions; answers nothing. */
export async function setMentionRows(tx: Tx, scope: Scope, commentId: string, memberIds: string[]) {
  await tx
    .delete(commentMentions)
    .where(
      and(
        eq(commentMentions.workspaceId, scope.workspaceId),
        eq(commentMentions.commentId, commentId),
      ),
    );
  if (memberIds.length > 0)
    await tx
      .insert(commentMentions)
      .values(
        memberIds.map((memberId) => ({ workspaceId: scope.workspaceId, commentId, memberId })),
      );
}

export function findMentionRows(db: Db | Tx, scope: Scope, commentIds: string[]) {
  if (commentIds.length === 0) return Promise.resolve([]);
  return db
    .select({ commentId: commentMentions.commentId, memberId: commentMentions.memberId })
    .from(commentMentions)
    .where(
      and(
        eq(commentMentions.workspaceId, scope.workspaceId),
        inArray(commentMentions.commentId, commentIds),
      ),
    );
}

/** A leaving member's comments stay, without an author; answers how many. */
export async function releaseAuthorRows(tx: Tx, scope: Scope, memberId: string) {
  const rows = await tx
    .update(comments)
    .set({ authorId: null })
    .where(and(inWorkspace(scope), eq(comments.authorId, memberId)))
    .returning({ id: comments.id });
  return rows.length;
}

/** The comments on the given records of one kind, oldest first. */
export function findCommentsOn(db: Db | Tx, scope: Scope, subjectType: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(comments)
    .where(
      and(
        inWorkspace(scope),
        eq(comments.subjectType, subjectType),
        inArray(comments.subjectId, ids),
      ),
    )
    .orderBy(comments.createdAt, comments.id);
}
