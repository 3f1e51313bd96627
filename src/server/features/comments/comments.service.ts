import type {
  Comment,
  CommentCreate,
  CommentSubjectType,
  CommentUpdate,
} from '../../../domain/comments';
import type { NotificationSubjectType } from '../../../domain/notifications';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { type LinkTarget, resolveLink } from '../../links/registry';
import { recordAudit } from '../audit/audit.service';
import { memberNames } from '../members/members.service';
import { notify } from '../notifications/notifications.service';
import { recordTimelineEntry, removeTimelineEntries } from '../timeline/timeline.service';
import {
  type CommentRow,
  deleteCommentRow,
  findComment,
  findCommentsOn,
  insertCommentRow,
  releaseAuthorRows,
  setMentionRows,
  updateCommentRow,
} from './comments.queries';
import { presentComments } from './comments.view';

/**
 * Each mentioned member must be of the caller's workspace, checked in one read: 422 naming the
 * first entry that is not, as for any foreign key.
 */
async function checkMentions(tx: Tx, scope: Scope, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await memberNames(tx, scope, unique);
  const missing = unique.findIndex((id) => !found.has(id));
  if (missing >= 0) throw errors.invalidReference(`mentionIds[${missing}]`, 'member');
  return unique;
}

/** Tells each newly mentioned member, in the comment's transaction (the notification module). */
async function notifyMentioned(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  row: CommentRow,
  target: LinkTarget,
  memberIds: string[],
) {
  const author = callerMemberId(scope);
  const authorName = author ? (await memberNames(tx, scope, [author])).get(author) : null;
  // A record shown on another's page (a version on its agreement's) is notified as that page.
  const page = target.page ?? {
    type: row.subjectType as NotificationSubjectType,
    id: row.subjectId,
  };
  for (const recipientId of memberIds)
    await notify(tx, ctx, scope, {
      recipientId,
      kind: 'mention',
      subjectType: page.type,
      subjectId: page.id,
      title: `${authorName ?? 'Someone'} mentioned you on ${target.label}`,
    });
}

/** A comment the caller may see: its record must resolve in their scope too. */
async function visibleComment(tx: Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findComment(tx, scope, id, { forUpdate });
  if (!row) throw errors.notFound('comment');
  const target = await resolveLink(
    tx,
    scope,
    { subjectType: row.subjectType as CommentSubjectType, subjectId: row.subjectId },
    'id',
  ).catch(() => null);
  if (!target) throw errors.notFound('comment');
  return { row, target };
}

/** Only the author changes their words; an admin may also remove a comment. */
function assertMayChange(scope: Scope, row: CommentRow, action: 'edit' | 'delete') {
  const author = callerMemberId(scope);
  if (author && author === row.authorId) return;
  if (action === 'delete' && scope.kind === 'member' && scope.role === 'admin') return;
  throw errors.forbidden(
    action === 'edit'
      ? 'Only its author can edit a comment'
      : 'Only its author or an admin can delete a comment',
  );
}

export async function createComment(
  ctx: ServiceContext,
  scope: Scope,
  input: CommentCreate,
): Promise<Comment> {
  return withTransaction(ctx, async (tx, ctx) => {
    const target = await resolveLink(tx, scope, input);
    const mentioned = await checkMentions(tx, scope, input.mentionIds);
    const now = new Date();
    const row = await insertCommentRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      body: input.body,
      authorId: callerMemberId(scope),
      createdAt: now,
      updatedAt: now,
    });
    await setMentionRows(tx, scope, row.id, mentioned);
    const [comment] = await presentComments(tx, scope, [row]);
    if (!comment) throw new Error('comment not presented');
    await recordAudit(tx, ctx, scope, {
      action: 'comment.created',
      entityType: 'comment',
      entityId: row.id,
      partnerId: target.partnerId,
      after: comment,
    });
    if (target.partnerId)
      await recordTimelineEntry(tx, scope, {
        kind: 'comment',
        subject: { type: 'comment', id: row.id },
        partnerId: target.partnerId,
        people: mentioned,
        summary: { on: target.label, subjectType: row.subjectType, excerpt: excerptOf(row.body) },
      });
    await notifyMentioned(tx, ctx, scope, row, target, mentioned);
    return comment;
  });
}

export async function updateComment(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: CommentUpdate,
): Promise<Comment> {
  return withTransaction(ctx, async (tx, ctx) => {
    const { row: current, target } = await visibleComment(tx, scope, id, true);
    checkIfMatch(ifMatch, current.version, { required: true });
    assertMayChange(scope, current, 'edit');
    const [before] = await presentComments(tx, scope, [current]);
    const row = await updateCommentRow(tx, scope, id, {
      body: input.body,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    let added: string[] = [];
    if (input.mentionIds) {
      const mentioned = await checkMentions(tx, scope, input.mentionIds);
      const earlier = new Set(before?.mentions.map((m) => m.id));
      added = mentioned.filter((memberId) => !earlier.has(memberId));
      await setMentionRows(tx, scope, id, mentioned);
    }
    const [comment] = await presentComments(tx, scope, [row]);
    if (!comment) throw new Error('comment not presented');
    await recordAudit(tx, ctx, scope, {
      action: 'comment.updated',
      entityType: 'comment',
      entityId: id,
      partnerId: target.partnerId,
      before,
      after: comment,
    });
    // Only people mentioned for the first time hear about it: an edit does not notify twice.
    await notifyMentioned(tx, ctx, scope, row, target, added);
    return comment;
  });
}

export async function deleteComment(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const { row, target } = await visibleComment(tx, scope, id, true);
    checkIfMatch(ifMatch, row.version, { required: false });
    assertMayChange(scope, row, 'delete');
    const [before] = await presentComments(tx, scope, [row]);
    await deleteCommentRow(tx, scope, id);
    await removeTimelineEntries(tx, scope, { type: 'comment', id });
    await recordAudit(tx, ctx, scope, {
      action: 'comment.deleted',
      entityType: 'comment',
      entityId: id,
      partnerId: target.partnerId,
      before,
    });
  });
}

/**
 * Removes the comments on records being deleted (a draft agreement and its versions), with
 * their timeline entries, in the deletion's transaction: no comment is left pointing nowhere.
 * Each keeps an audit event, as a comment deleted by hand does.
 */
export async function removeCommentsOn(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  subjects: Array<{ subjectType: CommentSubjectType; ids: string[] }>,
  partnerId: string,
): Promise<number> {
  let removed = 0;
  for (const { subjectType, ids } of subjects) {
    const rows = await findCommentsOn(tx, scope, subjectType, ids);
    for (const before of await presentComments(tx, scope, rows)) {
      await deleteCommentRow(tx, scope, before.id);
      await removeTimelineEntries(tx, scope, { type: 'comment', id: before.id });
      await recordAudit(tx, ctx, scope, {
        action: 'comment.deleted',
        entityType: 'comment',
        entityId: before.id,
        partnerId,
        before,
      });
    }
    removed += rows.length;
  }
  return removed;
}

/** A leaving member's comments stay, with no author. */
export async function releaseMemberComments(ctx: TxContext, scope: Scope, member: { id: string }) {
  const count = await releaseAuthorRows(ctx.tx, scope, member.id);
  return count > 0 ? { commentsWithoutAuthor: count } : {};
}

/** The first line of a comment, short, for the timeline. */
export function excerptOf(body: string): string {
  const line = body.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
