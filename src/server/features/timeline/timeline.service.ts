import { type SQL, sql } from 'drizzle-orm';
import type { TimelineKind, TimelineSummary, Visibility } from '../../../domain/timeline';
import { actorOf, callerMemberId, type Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { timelineEntries } from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import { newId } from '../../ids';
import { actorNameSql } from '../audit/audit.service';
import {
  deleteTimelineRows,
  insertTimelineRows,
  type NewTimelineRow,
  updateTimelineRows,
} from './timeline.queries';

/** The record an entry is about, as `(subjectType, subjectId)`. */
export type TimelineSubject = { type: string; id: string };

export type TimelineInput = {
  kind: TimelineKind;
  subject: TimelineSubject;
  partnerId: string | null;
  /** When it happened; now by default. An interaction happened when it says, not when logged. */
  occurredAt?: Date;
  /** Members and contacts involved besides the actor (who is added when a member). */
  people?: string[];
  summary: TimelineSummary;
  visibility?: Visibility;
};

/**
 * Writes a timeline entry inside the caller's transaction (the change and its entry commit
 * together). Every feature records what happened with a partner through this function.
 */
export async function recordTimelineEntry(tx: Tx, scope: Scope, input: TimelineInput) {
  const actor = actorOf(scope);
  const member = callerMemberId(scope);
  const people = [...new Set([...(member ? [member] : []), ...(input.people ?? [])])];
  await insertTimelineRows(tx, [
    {
      id: newId(),
      workspaceId: scope.workspaceId,
      partnerId: input.partnerId,
      occurredAt: input.occurredAt ?? new Date(),
      kind: input.kind,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      actorType: actor.kind,
      actorId: actor.id,
      // biome-ignore lint/suspicious/noExplicitAny: an SQL subselect names the actor, as audit events do
      actorName: actorNameSql(scope) as any,
      people,
      summary: input.summary,
      visibility: input.visibility ?? 'internal',
    },
  ]);
}

/**
 * Keeps the entries of an edited subject current (time, people, summary, visibility), in the
 * edit's transaction. The actor stays who first recorded it.
 */
export async function updateTimelineEntries(
  tx: Tx,
  scope: Scope,
  subject: TimelineSubject,
  change: Partial<Pick<TimelineInput, 'occurredAt' | 'people' | 'summary' | 'visibility'>>,
) {
  await updateTimelineRows(tx, scope, subject, {
    ...(change.occurredAt ? { occurredAt: change.occurredAt } : {}),
    ...(change.people ? { people: [...new Set(change.people)] } : {}),
    ...(change.summary ? { summary: change.summary } : {}),
    ...(change.visibility ? { visibility: change.visibility } : {}),
  });
}

/** Removes the entries of a deleted subject, in the deletion's transaction. */
export function removeTimelineEntries(tx: Tx, scope: Scope, subject: TimelineSubject) {
  return deleteTimelineRows(tx, scope, subject);
}

/**
 * One entry per row of a set-based change, written by one statement whatever the number of rows:
 * `rows` is a SELECT yielding `partner_id`, `subject_type`, `subject_id`, `people` (uuid[]) and
 * `summary` (jsonb). Run it in the change's transaction, before the change when the change hides
 * the rows (a member's partners, selected before they are released).
 */
export async function recordTimelineEntriesOf(tx: Tx, scope: Scope, kind: TimelineKind, rows: SQL) {
  const actor = actorOf(scope);
  await tx.execute(sql`
    INSERT INTO ${timelineEntries} (id, workspace_id, partner_id, occurred_at, kind, subject_type,
      subject_id, actor_type, actor_id, actor_name, people, summary, visibility)
    SELECT ${uuidv7Sql}, ${scope.workspaceId}::uuid, r.partner_id, now(), ${kind}::text,
      r.subject_type, r.subject_id, ${actor.kind}::text, ${actor.id}::uuid,
      (${actorNameSql(scope)})::text, r.people, r.summary, 'internal'
    FROM (${rows}) AS r`);
}

/** The member a record made in bulk is written as (the demo loader): who would have made it. */
export type MemberActor = { memberId: string; userId: string; name: string };

/**
 * Entries for records made in bulk, each as `recordTimelineEntry` writes it for a request of
 * the member in `by`, in multi-row INSERTs. A load brings records as if people had made them.
 */
export async function importTimelineEntries(
  tx: Tx,
  scope: Scope,
  entries: Array<TimelineInput & { by: MemberActor }>,
  onBatch: (written: number) => void = () => {},
) {
  const rows: NewTimelineRow[] = entries.map((entry) => ({
    id: newId(),
    workspaceId: scope.workspaceId,
    partnerId: entry.partnerId,
    occurredAt: entry.occurredAt ?? new Date(),
    kind: entry.kind,
    subjectType: entry.subject.type,
    subjectId: entry.subject.id,
    actorType: 'member',
    actorId: entry.by.userId,
    actorName: entry.by.name,
    people: [...new Set([entry.by.memberId, ...(entry.people ?? [])])],
    summary: entry.summary,
    visibility: entry.visibility ?? 'internal',
  }));
  await insertInBatches(tx, timelineEntries, rows, onBatch);
}
