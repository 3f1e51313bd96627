import type { Link } from '../../../domain/links';
import { allowedNext } from '../../../domain/state-machine';
import {
  openTaskStatuses,
  type Task,
  type TaskPriority,
  type TaskStatus,
  taskMachine,
} from '../../../domain/tasks';
import type { Visibility } from '../../../domain/timeline';
import type { ShownTaskRow, ShownTaskText } from './tasks.queries';

/** The names a page of tasks shows beside its ids. */
export type TaskNames = {
  members: Map<string, string>;
  teams: Map<string, string>;
  partners: Map<string, string>;
  link: (row: Pick<ShownTaskRow, 'subjectType' | 'subjectId'>) => Link | null;
};

export function isOverdue(row: Pick<ShownTaskRow, 'dueDate' | 'status'>, today: string): boolean {
  return (
    row.dueDate !== null &&
    row.dueDate < today &&
    (openTaskStatuses as readonly string[]).includes(row.status)
  );
}

/** A timestamp as the API writes it, whether the row holds a Date or the text already. */
const iso = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString());

/**
 * A task row as the API shows it (and as audit events record it). `today` is the workspace's
 * date: a task still open and due before it is overdue.
 */
export function toTask(row: ShownTaskRow | ShownTaskText, names: TaskNames, today: string): Task {
  const status = row.status as TaskStatus;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    assignee: row.assigneeId
      ? { id: row.assigneeId, name: names.members.get(row.assigneeId) ?? '' }
      : null,
    team: row.teamId ? { id: row.teamId, name: names.teams.get(row.teamId) ?? '' } : null,
    dueDate: row.dueDate,
    priority: row.priority as TaskPriority,
    status,
    allowedStatuses: allowedNext(taskMachine, status),
    partner: row.partnerId
      ? { id: row.partnerId, name: names.partners.get(row.partnerId) ?? '' }
      : null,
    link: names.link(row),
    visibility: row.visibility as Visibility,
    overdue: isOverdue(row, today),
    completedAt: row.completedAt === null ? null : iso(row.completedAt),
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
