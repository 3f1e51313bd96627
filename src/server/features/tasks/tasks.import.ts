import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { tasks, timelineEntries } from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import { importTimelineEntries, type MemberActor } from '../timeline/timeline.service';
import type { NewTaskRow } from './tasks.queries';
import { taskTimelineInput } from './tasks.service';

/** A task made in bulk, complete and valid (its status already reached), and who made it. */
export type ImportedTask = {
  row: NewTaskRow & { id: string; createdAt: Date };
  by: MemberActor;
  /** Who marked it done, when it is; the maker by default. */
  doneBy?: MemberActor;
};

/**
 * Tasks made in bulk (the demo loader) with the timeline entries the tasks service writes for
 * a partner's task: made (as it was then: to do), and done when it is.
 */
export async function importTasks(
  tx: Tx,
  scope: Scope,
  items: ImportedTask[],
  onBatch: (written: number) => void = () => {},
) {
  const workspaceId = scope.workspaceId;
  await insertInBatches(
    tx,
    tasks,
    items.map(({ row }) => ({ ...row, workspaceId })),
    onBatch,
  );
  const entries = items
    .filter(({ row }) => row.partnerId)
    .flatMap(({ row, by, doneBy }) => {
      const task = {
        id: row.id,
        partnerId: row.partnerId ?? null,
        assigneeId: row.assigneeId ?? null,
        title: row.title,
        dueDate: row.dueDate ?? null,
        visibility: row.visibility,
      };
      const made = {
        ...taskTimelineInput({ ...task, status: 'todo' }, 'created'),
        occurredAt: row.createdAt,
        by,
      };
      if (row.status !== 'done' || !row.completedAt) return [made];
      const done = {
        ...taskTimelineInput({ ...task, status: 'done' }, 'completed'),
        occurredAt: row.completedAt,
        by: doneBy ?? by,
      };
      return [made, done];
    });
  await importTimelineEntries(tx, scope, entries, onBatch);
}

/**
 * Tasks made set-based (the large demo set): `rows` is a SELECT yielding `partner_id`, `title`,
 * `assignee_id`, `team_id`, `due_date`, `priority`, `status`, `created_at`, `completed_at` and
 * `user_id`, `member_id`, `member_name` (who made it, and marked it done when it is). One
 * statement writes the tasks and the timeline entries the tasks service writes: made (as it was
 * then: to do) and, for done ones, done.
 */
export async function importTasksOf(tx: Tx, scope: Scope, rows: SQL): Promise<void> {
  await tx.execute(sql`
    WITH src AS MATERIALIZED (
      SELECT ${uuidv7Sql} AS id, r.* FROM (${rows}) AS r
    ), made AS (
      INSERT INTO ${tasks} (id, workspace_id, title, assignee_id, team_id, due_date, priority,
        status, partner_id, visibility, search_text, completed_at, version, created_at, updated_at)
      SELECT id, ${scope.workspaceId}::uuid, title, assignee_id, team_id, due_date, priority,
        status, partner_id, 'internal', lower(title), completed_at,
        CASE WHEN status = 'todo' THEN 1 ELSE 2 END, created_at,
        coalesce(completed_at, created_at)
      FROM src
    )
    INSERT INTO ${timelineEntries} (id, workspace_id, partner_id, occurred_at, kind,
      subject_type, subject_id, actor_type, actor_id, actor_name, people, summary, visibility)
    SELECT ${uuidv7Sql}, ${scope.workspaceId}::uuid, src.partner_id, event.at, 'task', 'task',
      src.id, 'member', src.user_id, src.member_name,
      CASE WHEN src.assignee_id IS NULL OR src.assignee_id = src.member_id
        THEN ARRAY[src.member_id] ELSE ARRAY[src.member_id, src.assignee_id] END,
      jsonb_build_object('event', event.name, 'title', src.title, 'status', event.status,
        'dueDate', src.due_date),
      'internal'
    FROM src, LATERAL (VALUES ('created', 'todo', src.created_at),
      ('completed', 'done', src.completed_at)) AS event(name, status, at)
    WHERE event.at IS NOT NULL AND (event.name = 'created' OR src.status = 'done')`);
}
