import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { isoUtc, plainRows } from '../../db/plain';
import { timelineEntries } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type NewTimelineRow = typeof timelineEntries.$inferInsert;

/** What the caller may see: their workspace; a partner user only what is shared with their partner. */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(timelineEntries.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner')
    return and(
      inWorkspace,
      eq(timelineEntries.partnerId, scope.partnerId),
      eq(timelineEntries.visibility, 'partner'),
    ) as SQL;
  return inWorkspace;
}

function ofSubject(scope: Scope, subject: { type: string; id: string }): SQL {
  return and(
    visible(scope),
    eq(timelineEntries.subjectType, subject.type),
    eq(timelineEntries.subjectId, subject.id),
  ) as SQL;
}

export async function insertTimelineRows(tx: Tx, rows: NewTimelineRow[]) {
  if (rows.length > 0) await tx.insert(timelineEntries).values(rows);
}

export async function updateTimelineRows(
  tx: Tx,
  scope: Scope,
  subject: { type: string; id: string },
  set: Partial<NewTimelineRow>,
) {
  await tx.update(timelineEntries).set(set).where(ofSubject(scope, subject));
}

export async function deleteTimelineRows(
  tx: Tx,
  scope: Scope,
  subject: { type: string; id: string },
) {
  await tx.delete(timelineEntries).where(ofSubject(scope, subject));
}

/** A row of a timeline page: the entry's columns as the page shows them, and its cursor. */
export type TimelinePageRow = {
  id: string;
  partnerId: string | null;
  /** ISO 8601 in UTC, as the API writes it. */
  occurredAt: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  people: string[];
  summary: unknown;
  visibility: string;
  cursor: string[];
};

const pageColumns = sql`id, partner_id AS "partnerId", ${isoUtc('occurred_at')} AS "occurredAt", kind,
  subject_type AS "subjectType", subject_id AS "subjectId", actor_type AS "actorType",
  actor_id AS "actorId", actor_name AS "actorName", people, summary, visibility`;

/**
 * One page of entries a list plan asks for, of one partner or (null) the whole workspace. Every
 * partner page opens with it, so its rows come as the driver reads them (decision 065).
 */
export function listTimelineRows(
  db: Db | Tx,
  scope: Scope,
  partnerId: string | null,
  plan: ListPlan,
) {
  const where = and(
    visible(scope),
    partnerId === null ? undefined : eq(timelineEntries.partnerId, partnerId),
    plan.where,
  );
  return plainRows<TimelinePageRow>(
    db,
    sql`SELECT ${pageColumns}, ${plan.cursor} AS cursor FROM ${timelineEntries} WHERE ${where}
      ORDER BY ${sql.join(plan.orderBy, sql`, `)} LIMIT ${plan.limit}`,
  );
}
