import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { tasks } from '../../db/schema';
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
