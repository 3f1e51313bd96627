import { and, count, eq, getTableColumns, inArray, lt, not, type SQL, sql } from 'drizzle-orm';
import { activeIssueStatuses } from '../../../domain/issues';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { issues, workspaces } from '../../db/schema';
import type { ListPlan } from '../../http/list';
import { workspaceTodaySql } from '../workspaces/workspace-day';

export type IssueRow = typeof issues.$inferSelect;
export type NewIssueRow = typeof issues.$inferInsert;

/**
 * What the caller may see: issues of their workspace. Partner users hold no issue permission,
 * and their scope sees only their partner's issues shared with them, should a route allow it.
 */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(issues.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner')
    return and(
      inWorkspace,
      eq(issues.partnerId, scope.partnerId),
      eq(issues.visibility, 'partner'),
    ) as SQL;
  return inWorkspace;
}

/**
 * Overdue on `today` (a date, or SQL for one): still waiting for work and due before it (or,
 * negated, not so).
 */
export function overdueSql(today: string | SQL, overdue: boolean): SQL {
  const condition = and(
    inArray(issues.status, [...activeIssueStatuses]),
    lt(issues.dueOn, today),
  ) as SQL;
  return overdue ? condition : not(condition);
}

export async function findIssue(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<IssueRow | undefined> {
  const query = db
    .select()
    .from(issues)
    .where(and(visible(scope), eq(issues.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function insertIssueRow(tx: Tx, row: NewIssueRow): Promise<IssueRow> {
  const [inserted] = await tx.insert(issues).values(row).returning();
  if (!inserted) throw new Error('issue insert returned no row');
  return inserted;
}

export async function updateIssueRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewIssueRow>,
): Promise<IssueRow> {
  const [updated] = await tx
    .update(issues)
    .set(set)
    .where(and(visible(scope), eq(issues.id, id)))
    .returning();
  if (!updated) throw new Error('issue update matched no row');
  return updated;
}

export async function deleteIssueRow(tx: Tx, scope: Scope, id: string): Promise<void> {
  await tx.delete(issues).where(and(visible(scope), eq(issues.id, id)));
}

/** One page of the issues a list plan asks for (`http/list.ts`), within the scope. */
export function listIssueRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(issues), cursor: plan.cursor })
    .from(issues)
    .where(and(visible(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** A member leaves: the issues they own become unowned, as rows for their audit events. */
export function releaseOwnedIssuesSql(workspaceId: string, memberId: string, now: Date): SQL {
  return sql`UPDATE ${issues} SET owner_id = NULL, version = version + 1, updated_at = ${now}
    WHERE workspace_id = ${workspaceId} AND owner_id = ${memberId}
    RETURNING id AS entity_id, partner_id AS partner_id,
      jsonb_build_object('ownerId', ${memberId}::text) AS before,
      jsonb_build_object('ownerId', NULL) AS after`;
}

/** What a link to an issue shows: its title, and its partner. */
export function findIssueTitles(db: Db | Tx, scope: Scope, ids: string[]) {
  return db
    .select({ id: issues.id, title: issues.title, partnerId: issues.partnerId })
    .from(issues)
    .where(and(visible(scope), inArray(issues.id, ids)));
}

/**
 * Issues still waiting for work with an owner, due before their workspace's date at `now`, in
 * every workspace: the rows of the overdue sweep (`overdueNoticeSources`), in the columns it reads.
 */
export function overdueIssueNoticesSql(now: Date): SQL {
  return sql`SELECT ${issues.workspaceId} AS workspace_id, 'issue'::text AS subject_type,
      ${issues.id} AS subject_id, ${issues.ownerId} AS recipient_id,
      to_char(${issues.dueOn}, 'YYYY-MM-DD') AS due_on, ${issues.title} AS title
    FROM ${issues} JOIN ${workspaces} ON ${workspaces.id} = ${issues.workspaceId}
    WHERE ${issues.ownerId} IS NOT NULL AND ${overdueSql(workspaceTodaySql(now), true)}`;
}

/** How many issues the scope sees in each status (for a partner user: those shared with them). */
export function countIssueRowsByStatus(db: Db | Tx, scope: Scope) {
  return db
    .select({ status: issues.status, n: count() })
    .from(issues)
    .where(visible(scope))
    .groupBy(issues.status);
}
