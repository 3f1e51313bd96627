import { and, eq, getTableColumns, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { defaultTeamNames } from '../../../domain/teams';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import { plainRows } from '../../db/plain';
import { partnerTeamEntries, teamMembers, teams } from '../../db/schema';
import type { ListPlan } from '../../http/list';
import { newId } from '../../ids';

export type TeamRow = typeof teams.$inferSelect;
export type NewTeamRow = typeof teams.$inferInsert;

/** Teams are internal: a partner user's scope sees none (they hold no team permission either). */
function visible(scope: Scope): SQL {
  if (scope.kind === 'partner') return sql`false`;
  return eq(teams.workspaceId, scope.workspaceId);
}

/** The default teams of a new workspace, in its creating transaction (setup, CLI, test factory). */
export async function insertDefaultTeamRows(tx: Tx, workspaceId: string): Promise<TeamRow[]> {
  const now = new Date();
  return tx
    .insert(teams)
    .values(
      defaultTeamNames.map((name) => ({
        id: newId(),
        workspaceId,
        name,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
}

export async function findTeam(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TeamRow | undefined> {
  const query = db
    .select()
    .from(teams)
    .where(and(visible(scope), eq(teams.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** An active team of that name (ignoring case), other than `exceptId`. */
export async function findActiveTeamNamed(
  db: Db | Tx,
  scope: Scope,
  name: string,
  exceptId: string | null,
) {
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        visible(scope),
        isNull(teams.retiredAt),
        sql`lower(${teams.name}) = lower(${name})`,
        exceptId ? ne(teams.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return rows[0];
}

export async function insertTeamRow(tx: Tx, row: NewTeamRow): Promise<TeamRow> {
  const [inserted] = await tx.insert(teams).values(row).returning();
  if (!inserted) throw new Error('team insert returned no row');
  return inserted;
}

export async function updateTeamRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewTeamRow>,
): Promise<TeamRow> {
  const [updated] = await tx
    .update(teams)
    .set(set)
    .where(and(visible(scope), eq(teams.id, id)))
    .returning();
  if (!updated) throw new Error('team update matched no row');
  return updated;
}

export function listTeamRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(teams), cursor: plan.cursor })
    .from(teams)
    .where(and(visible(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** Names of the given teams the caller may see (retired ones too: records keep naming them). */
/** The given teams of the caller's workspace, retired or not: a plain statement (decision 065). */
export async function findTeamNames(db: Db | Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0 || scope.kind === 'partner') return [];
  return plainRows<{ id: string; name: string; retired: boolean }>(
    db,
    sql`SELECT id, name, retired_at IS NOT NULL AS retired FROM teams
      WHERE workspace_id = ${scope.workspaceId} AND id = ANY(${pgArray(ids)}::uuid[])`,
  );
}

/** The member ids of the given teams, oldest membership first. */
export async function findTeamMemberIds(db: Db | Tx, scope: Scope, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ teamId: teamMembers.teamId, memberId: teamMembers.memberId })
    .from(teamMembers)
    .where(
      and(eq(teamMembers.workspaceId, scope.workspaceId), inArray(teamMembers.teamId, teamIds)),
    )
    .orderBy(teamMembers.createdAt, teamMembers.memberId);
}

/** Adds a membership; answers false when the member already belonged. */
export async function insertTeamMember(tx: Tx, scope: Scope, teamId: string, memberId: string) {
  const rows = await tx
    .insert(teamMembers)
    .values({ workspaceId: scope.workspaceId, teamId, memberId })
    .onConflictDoNothing()
    .returning({ teamId: teamMembers.teamId });
  return rows.length > 0;
}

/** Removes a membership; answers false when there was none. */
export async function deleteTeamMember(tx: Tx, scope: Scope, teamId: string, memberId: string) {
  const rows = await tx
    .delete(teamMembers)
    .where(
      and(
        eq(teamMembers.workspaceId, scope.workspaceId),
        eq(teamMembers.teamId, teamId),
        eq(teamMembers.memberId, memberId),
      ),
    )
    .returning({ teamId: teamMembers.teamId });
  return rows.length > 0;
}

/** A leaving member's memberships and partnership team places; answers how many of each. */
export async function deleteMemberPlaces(tx: Tx, scope: Scope, memberId: string) {
  const memberships = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.workspaceId, scope.workspaceId), eq(teamMembers.memberId, memberId)))
    .returning({ teamId: teamMembers.teamId });
  const places = await tx
    .delete(partnerTeamEntries)
    .where(
      and(
        eq(partnerTeamEntries.workspaceId, scope.workspaceId),
        eq(partnerTeamEntries.memberId, memberId),
      ),
    )
    .returning({ partnerId: partnerTeamEntries.partnerId });
  return { teams: memberships.map((m) => m.teamId), partners: places.map((p) => p.partnerId) };
}
