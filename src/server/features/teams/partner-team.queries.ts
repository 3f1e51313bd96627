import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { partnerTeamEntries } from '../../db/schema';

export type PartnerTeamEntryRow = typeof partnerTeamEntries.$inferSelect;
export type NewPartnerTeamEntryRow = typeof partnerTeamEntries.$inferInsert;

/** Partnership teams are internal: a partner user's scope sees none. */
function visible(scope: Scope): SQL {
  if (scope.kind === 'partner') return sql`false`;
  return eq(partnerTeamEntries.workspaceId, scope.workspaceId);
}

/** A partner's partnership team, oldest place first. */
export function findPartnerTeam(db: Db | Tx, scope: Scope, partnerId: string) {
  return db
    .select()
    .from(partnerTeamEntries)
    .where(and(visible(scope), eq(partnerTeamEntries.partnerId, partnerId)))
    .orderBy(partnerTeamEntries.id);
}

export async function countPartnerTeam(tx: Tx, scope: Scope, partnerId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(partnerTeamEntries)
    .where(and(visible(scope), eq(partnerTeamEntries.partnerId, partnerId)));
  return row?.n ?? 0;
}

export async function findPartnerTeamEntry(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = db
    .select()
    .from(partnerTeamEntries)
    .where(
      and(
        visible(scope),
        eq(partnerTeamEntries.partnerId, partnerId),
        eq(partnerTeamEntries.id, id),
      ),
    );
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** Inserts a place; answers undefined when the member already has one on this partner's team. */
export async function insertPartnerTeamEntry(tx: Tx, row: NewPartnerTeamEntryRow) {
  const [inserted] = await tx
    .insert(partnerTeamEntries)
    .values(row)
    .onConflictDoNothing()
    .returning();
  return inserted;
}

export async function updatePartnerTeamEntry(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewPartnerTeamEntryRow>,
) {
  const [updated] = await tx
    .update(partnerTeamEntries)
    .set(set)
    .where(and(visible(scope), eq(partnerTeamEntries.id, id)))
    .returning();
  if (!updated) throw new Error('partner team entry update matched no row');
  return updated;
}

export async function deletePartnerTeamEntry(tx: Tx, scope: Scope, id: string) {
  await tx.delete(partnerTeamEntries).where(and(visible(scope), eq(partnerTeamEntries.id, id)));
}
