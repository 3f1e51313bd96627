import type { Task } from '../../../domain/tasks';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { presentLinks } from '../../links/registry';
import { memberNames } from '../members/members.service';
import { partnerNames } from '../partners/partners.service';
import { teamNames } from '../teams/teams.service';
import type { ShownTaskRow, ShownTaskText } from './tasks.queries';
import { todayUtc, toTask } from './tasks.view';

const ids = (values: Array<string | null>) => values.filter((v): v is string => v !== null);

/** Tasks with the names of their assignee, team, partner and linked record: a query per kind. */
export async function presentTasks(
  db: Db | Tx,
  scope: Scope,
  rows: Array<ShownTaskRow | ShownTaskText>,
): Promise<Task[]> {
  if (rows.length === 0) return [];
  // The four look-ups are independent: on PostgreSQL they go out together, one round trip.
  const [members, teams, partners, link] = await Promise.all([
    memberNames(db, scope, ids(rows.map((r) => r.assigneeId))),
    teamNames(db, scope, ids(rows.map((r) => r.teamId))),
    partnerNames(db, scope, ids(rows.map((r) => r.partnerId))),
    presentLinks(db, scope, rows),
  ]);
  const names = { members, teams, partners, link };
  const today = todayUtc();
  return rows.map((row) => toTask(row, names, today));
}

export async function presentTask(db: Db | Tx, scope: Scope, row: ShownTaskRow): Promise<Task> {
  const [task] = await presentTasks(db, scope, [row]);
  if (!task) throw new Error('a task presented as nothing');
  return task;
}
