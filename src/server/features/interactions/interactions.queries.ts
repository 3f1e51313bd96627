import { and, asc, count, eq, getTableColumns, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { interactionParticipants, interactions } from '../../db/schema';
import type { ListPlan } from '../../http/list';
import { newId } from '../../ids';

export type InteractionRow = typeof interactions.$inferSelect;
export type NewInteractionRow = typeof interactions.$inferInsert;
export type ParticipantRow = typeof interactionParticipants.$inferSelect;

/** What the caller may see: their workspace; a partner user only what is shared with their partner. */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(interactions.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner')
    return and(
      inWorkspace,
      eq(interactions.partnerId, scope.partnerId),
      eq(interactions.visibility, 'partner'),
    ) as SQL;
  return inWorkspace;
}

export async function findInteraction(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<InteractionRow | undefined> {
  const query = db
    .select()
    .from(interactions)
    .where(and(visible(scope), eq(interactions.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function insertInteractionRow(
  tx: Tx,
  row: NewInteractionRow,
): Promise<InteractionRow> {
  const [inserted] = await tx.insert(interactions).values(row).returning();
  if (!inserted) throw new Error('interaction insert returned no row');
  return inserted;
}

export async function updateInteractionRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewInteractionRow>,
): Promise<InteractionRow> {
  const [updated] = await tx
    .update(interactions)
    .set(set)
    .where(and(visible(scope), eq(interactions.id, id)))
    .returning();
  if (!updated) throw new Error('interaction update matched no row');
  return updated;
}

export async function deleteInteractionRow(tx: Tx, scope: Scope, id: string): Promise<void> {
  await tx.delete(interactions).where(and(visible(scope), eq(interactions.id, id)));
}

/** Replaces an interaction's participants with the given members and contacts. */
export async function setParticipantRows(
  tx: Tx,
  scope: Scope,
  interactionId: string,
  people: { memberIds: string[]; contactIds: string[] },
) {
  await tx
    .delete(interactionParticipants)
    .where(
      and(
        eq(interactionParticipants.workspaceId, scope.workspaceId),
        eq(interactionParticipants.interactionId, interactionId),
      ),
    );
  const base = { workspaceId: scope.workspaceId, interactionId };
  const rows = [
    ...people.memberIds.map((memberId) => ({ ...base, id: newId(), memberId })),
    ...people.contactIds.map((contactId) => ({ ...base, id: newId(), contactId })),
  ];
  if (rows.length > 0) await tx.insert(interactionParticipants).values(rows);
}

/** The participants of the given interactions, in the order they were added. */
export function findParticipantRows(db: Db | Tx, scope: Scope, interactionIds: string[]) {
  if (interactionIds.length === 0) return Promise.resolve([] as ParticipantRow[]);
  return db
    .select()
    .from(interactionParticipants)
    .where(
      and(
        eq(interactionParticipants.workspaceId, scope.workspaceId),
        inArray(interactionParticipants.interactionId, interactionIds),
      ),
    )
    .orderBy(interactionParticipants.id);
}

/** One page of the interactions a list plan asks for, within the scope. */
export function listInteractionRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(interactions), cursor: plan.cursor })
    .from(interactions)
    .where(and(visible(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** The interactions of the given kinds a member took part in, within a window, oldest first. */
export function findMemberInteractionRows(
  db: Db | Tx,
  scope: Scope,
  query: { memberId: string; kinds: readonly string[]; from: Date; until: Date; limit: number },
) {
  return db
    .select({
      id: interactions.id,
      partnerId: interactions.partnerId,
      kind: interactions.kind,
      occurredAt: interactions.occurredAt,
      durationMinutes: interactions.durationMinutes,
      summary: interactions.summary,
    })
    .from(interactions)
    .innerJoin(
      interactionParticipants,
      and(
        eq(interactionParticipants.workspaceId, interactions.workspaceId),
        eq(interactionParticipants.interactionId, interactions.id),
      ),
    )
    .where(
      and(
        visible(scope),
        eq(interactionParticipants.memberId, query.memberId),
        inArray(interactions.kind, [...query.kinds]),
        gte(interactions.occurredAt, query.from),
        lt(interactions.occurredAt, query.until),
      ),
    )
    .orderBy(asc(interactions.occurredAt), asc(interactions.id))
    .limit(query.limit);
}

/** The given interactions the caller may see, for links that point at them. */
export function findInteractionHeads(db: Db | Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: interactions.id,
      partnerId: interactions.partnerId,
      kind: interactions.kind,
      occurredAt: interactions.occurredAt,
      timeZone: interactions.timeZone,
    })
    .from(interactions)
    .where(and(visible(scope), inArray(interactions.id, ids)));
}

/** How many interactions the scope sees (for a partner user: those shared with their partner). */
export async function countInteractionRows(db: Db | Tx, scope: Scope): Promise<number> {
  const [row] = await db.select({ n: count() }).from(interactions).where(visible(scope));
  return row?.n ?? 0;
}
