import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { findOpenTasksOf } from './tasks.queries';

export type DatedTask = { id: string; title: string; dueDate: string };

/** A member's open tasks that have a due date, by due date, at most `limit`. */
export async function openTasksDueOf(
  ctx: ServiceContext,
  scope: Scope,
  memberId: string,
  limit: number,
): Promise<DatedTask[]> {
  // No due date sorts last, so the first `limit` hold every dated task that fits.
  const rows = await findOpenTasksOf(ctx.database, scope, memberId, limit);
  return rows.flatMap((row) =>
    row.dueDate ? [{ id: row.id, title: row.title, dueDate: row.dueDate }] : [],
  );
}
