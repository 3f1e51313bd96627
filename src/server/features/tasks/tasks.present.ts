import type { Task } from '../../../domain/tasks';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { presentLinks } from '../../links/registry';
import { memberNames } from '../members/members.service';
import { partnerNames } from '../partners/partners.service';
import { teamNames } from '../teams/teams.service';
import { workspaceToday } from '../workspaces/workspace-day';
import type { ShownTaskRow, ShownTaskText } from './tasks.queries';
import { toTask } from './tasks.view';

const ids = (values: Array<string | null>) => values.filter((v): v is string => v !== null);

/**
 * Tasks with the names of their assignee, team, partner and linked record (a query per kind),
 * overdue by the workspace's date (`today`, read here when the caller has not).
 */
export async function presentTasks(
  db: Db | Tx,
  scope: Scope,
  rows: Array<ShownTaskRow | ShownTaskText>,
  today?: string,
): Promise<Task[]> {
  if (rows.length === 0) return [];
  // The look-ups are independent: on PostgreSQL they go out together, one round trip.
  const [members, teams, partners, link, day] = await Promise.all([
    memberNames(db, scope, ids(rows.map((r) => r.assigneeId))),
    teamNames(db, scope, ids(rows.map((r) => r.teamId))),
    partnerNames(db, scope, ids(rows.map((r) => r.partnerId))),
    presentLinks(db, scope, rows),
    today ?? workspaceToday(db, scope.workspaceId),
  ]);
  const names = { members, teams, partners, link };
  return rows.map((row) => toTask(row, names, day));
}

export async function presentTask(db: Db | Tx, scope: Scope, row: ShownTaskRow): Promise<Task> {
  const [task] = await presentTasks(db, scope, [row]);
  if (!task) throw new Error('a task presented as nothing');
  return task;
}
