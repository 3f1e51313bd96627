import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { interactionParticipants, interactions, timelineEntries } from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
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

/**
 * Interactions made set-based (the large demo set): `rows` is a SELECT yielding `partner_id`,
 * `kind`, `occurred_at`, `time_zone`, `duration_minutes`, `summary` (its first line plain text,
 * the title), `outcome`, `sentiment`, `member_id`, `user_id` and `member_name` (who logged it,
 * also a participant) and `contact_id` (a contact of that partner taking part, or null). One
 * statement writes the interactions, their participants and the timeline entries
 * `createInteraction` writes.
 */
export async function importInteractionsOf(tx: Tx, scope: Scope, rows: SQL): Promise<void> {
  await tx.execute(sql`
    WITH src AS MATERIALIZED (
      SELECT ${uuidv7Sql} AS id, r.* FROM (${rows}) AS r
    ), made AS (
      INSERT INTO ${interactions} (id, workspace_id, partner_id, kind, occurred_at, time_zone,
        duration_minutes, summary, outcome, sentiment, visibility, next_steps, version,
        created_at, updated_at)
      SELECT id, ${scope.workspaceId}::uuid, partner_id, kind, occurred_at, time_zone,
        duration_minutes, summary, outcome, sentiment, 'internal', '{}'::text[], 1,
        occurred_at, occurred_at
      FROM src
    ), took_part AS (
      INSERT INTO ${interactionParticipants} (id, workspace_id, interaction_id, member_id,
        contact_id)
      SELECT ${uuidv7Sql}, ${scope.workspaceId}::uuid, src.id, person.member_id,
        person.contact_id
      FROM src, LATERAL (VALUES (src.member_id, NULL::uuid), (NULL::uuid, src.contact_id))
        AS person(member_id, contact_id)
      WHERE person.member_id IS NOT NULL OR person.contact_id IS NOT NULL
    )
    INSERT INTO ${timelineEntries} (id, workspace_id, partner_id, occurred_at, kind,
      subject_type, subject_id, actor_type, actor_id, actor_name, people, summary, visibility)
    SELECT ${uuidv7Sql}, ${scope.workspaceId}::uuid, partner_id, occurred_at, 'interaction',
      'interaction', id, 'member', user_id, member_name,
      array_remove(ARRAY[member_id, contact_id], NULL),
      jsonb_build_object('kind', kind, 'title', split_part(summary, E'\\n', 1),
        'sentiment', sentiment, 'durationMinutes', duration_minutes),
      'internal'
    FROM src`);
}
