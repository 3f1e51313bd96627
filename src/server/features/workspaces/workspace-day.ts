import { type SQL, sql } from 'drizzle-orm';
import { dateAt } from '../../../domain/periods';
import type { Db, Tx } from '../../db/client';
import { plainRows } from '../../db/plain';
import { workspaces } from '../../db/schema';

// What day it is for a workspace: due dates are judged by the workspace's date in its time zone
// (decision 070). Other features read it from here.

/** The workspace's time zone, which decides what "today" is for due dates. */
export async function workspaceTimeZone(db: Db | Tx, workspaceId: string): Promise<string> {
  const [row] = await plainRows<{ time_zone: string }>(
    db,
    sql`SELECT time_zone FROM ${workspaces} WHERE id = ${workspaceId}`,
  );
  if (!row) throw new Error('no such workspace');
  return row.time_zone;
}

/** The workspace's date at `now` (`YYYY-MM-DD`): due dates before it are overdue. */
export async function workspaceToday(
  db: Db | Tx,
  workspaceId: string,
  now = new Date(),
): Promise<string> {
  return dateAt(now.getTime(), await workspaceTimeZone(db, workspaceId));
}

/**
 * The date at `now` in the time zone of the workspace a set-based statement reads (`workspaces`
 * in its FROM), as SQL: the sweeps' "today", workspace by workspace.
 */
export function workspaceTodaySql(now: Date): SQL {
  return sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${workspaces.timeZone})::date`;
}
