import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { commentMentions, comments } from '../../db/schema';
import { importTimelineEntries, type MemberActor } from '../timeline/timeline.service';
import type { CommentRow } from './comments.queries';
import { excerptOf } from './comments.service';

/** A comment made in bulk, by its author, with what its record's link shows (`links/`). */
export type ImportedComment = {
  row: CommentRow;
  mentionIds: string[];
  target: { partnerId: string | null; label: string };
  by: MemberActor;
};

/**
 * Comments made in bulk (the demo loader), their mentions and the timeline entry
 * `createComment` writes for a comment on a partner's record. No one is notified.
 */
export async function importComments(
  tx: Tx,
  scope: Scope,
  items: ImportedComment[],
  onBatch: (written: number) => void = () => {},
) {
  const workspaceId = scope.workspaceId;
  await insertInBatches(
    tx,
    comments,
    items.map(({ row }) => ({ ...row, workspaceId })),
    onBatch,
  );
  await insertInBatches(
    tx,
    commentMentions,
    items.flatMap(({ row, mentionIds }) =>
      [...new Set(mentionIds)].map((memberId) => ({ workspaceId, commentId: row.id, memberId })),
    ),
    onBatch,
  );
  await importTimelineEntries(
    tx,
    scope,
    items
      .filter(({ target }) => target.partnerId)
      .map(({ row, mentionIds, target, by }) => ({
        kind: 'comment',
        subject: { type: 'comment', id: row.id },
        partnerId: target.partnerId,
        occurredAt: row.createdAt,
        people: [...new Set(mentionIds)],
        summary: { on: target.label, subjectType: row.subjectType, excerpt: excerptOf(row.body) },
        by,
      })),
    onBatch,
  );
}
