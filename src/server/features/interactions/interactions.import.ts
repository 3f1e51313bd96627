import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { interactionParticipants, interactions } from '../../db/schema';
import { newId } from '../../ids';
import { refreshLastTouch } from '../partners/cadence';
import { importTimelineEntries, type MemberActor } from '../timeline/timeline.service';
import type { InteractionRow } from './interactions.queries';
import { timelineSummaryOf } from './interactions.view';

/** An interaction made in bulk: complete and valid, with its participants and who logged it. */
export type ImportedInteraction = {
  row: InteractionRow;
  memberIds: string[];
  contactIds: string[];
  by: MemberActor;
};

/**
 * Interactions made in bulk (the demo loader), with their participants and the timeline entry
 * `createInteraction` writes for each, as the member who logged it. Rows land in the scope's
 * workspace whatever they say.
 */
export async function importInteractions(
  tx: Tx,
  scope: Scope,
  items: ImportedInteraction[],
  onBatch: (written: number) => void = () => {},
) {
  const workspaceId = scope.workspaceId;
  await insertInBatches(
    tx,
    interactions,
    items.map(({ row }) => ({ ...row, workspaceId })),
    onBatch,
  );
  const participants = items.flatMap(({ row, memberIds, contactIds }) => [
    ...memberIds.map((memberId) => ({ id: newId(), workspaceId, interactionId: row.id, memberId })),
    ...contactIds.map((contactId) => ({
      id: newId(),
      workspaceId,
      interactionId: row.id,
      contactId,
    })),
  ]);
  await insertInBatches(tx, interactionParticipants, participants, onBatch);
  await importTimelineEntries(
    tx,
    scope,
    items.map(({ row, memberIds, contactIds, by }) => ({
      kind: 'interaction',
      subject: { type: 'interaction', id: row.id },
      partnerId: row.partnerId,
      occurredAt: row.occurredAt,
      people: [...memberIds, ...contactIds],
      summary: timelineSummaryOf(row),
      visibility: row.visibility === 'partner' ? 'partner' : 'internal',
      by,
    })),
    onBatch,
  );
  // As createInteraction does: partners' last touch and due time follow their interactions.
  await refreshLastTouch(tx, workspaceId);
}
