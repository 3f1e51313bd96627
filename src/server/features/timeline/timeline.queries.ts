import { and, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { timelineEntries } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type TimelineRow = typeof timelineEntries.$inferSelect;
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

/** One page of entries a list plan asks for, of one partner or (null) the whole workspace. */
export function listTimelineRows(
  db: Db | Tx,
  scope: Scope,
  partnerId: string | null,
  plan: ListPlan,
) {
  return db
    .select({ ...getTableColumns(timelineEntries), cursor: plan.cursor })
    .from(timelineEntries)
    .where(
      and(
        visible(scope),
        partnerId === null ? undefined : eq(timelineEntries.partnerId, partnerId),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}
