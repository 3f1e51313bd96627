import { z } from 'zod';
import { uuid } from './ids';
import { dateOnly } from './issues';
import { Link, linkableType } from './links';
import { messages } from './messages';
import { cursorParam, limitParam, multiParam, pageOf, searchParam } from './pagination';
import { defineMachine } from './state-machine';
import { TeamMemberRef } from './teams';
import { multiLineText, singleLineText } from './text';
import { visibility } from './timeline';

export const taskPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const taskPriority = z.enum(taskPriorities);
export type TaskPriority = z.infer<typeof taskPriority>;

export const taskStatuses = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export const taskStatus = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatus>;

/** Statuses of work still to do: what "overdue" and "my work" look at. */
export const openTaskStatuses = ['todo', 'in_progress'] as const satisfies readonly TaskStatus[];

/** How a task's status may move (DESIGN §11): done and cancelled tasks are reopened to `todo`. */
export const taskMachine = defineMachine<TaskStatus>({
  name: 'task',
  statuses: taskStatuses,
  moves: {
    todo: [{ to: 'in_progress' }, { to: 'done' }, { to: 'cancelled' }],
    in_progress: [{ to: 'todo' }, { to: 'done' }, { to: 'cancelled' }],
    done: [{ to: 'todo' }],
    cancelled: [{ to: 'todo' }],
  },
});

const taskFields = {
  title: singleLineText({ min: 1, max: 300 }),
  description: multiLineText({ max: 20_000 })
    .nullable()
    .optional()
    .describe('Markdown; shown rendered without raw HTML'),
  assigneeId: uuid.nullable().optional().describe('The member who does it'),
  teamId: uuid.nullable().optional().describe('The team it belongs to'),
  dueDate: dateOnly.nullable().optional(),
  priority: taskPriority,
  partnerId: uuid.nullable().optional(),
  subjectType: linkableType.nullable().optional().describe('The kind of record it is about'),
  subjectId: uuid.nullable().optional().describe('The record it is about (with `subjectType`)'),
  visibility: visibility.describe('`internal` (the default) or `partner`: shared with the partner'),
};

/** Both halves of a link or neither. */
function linkComplete(value: { subjectType?: unknown; subjectId?: unknown }) {
  return (value.subjectType == null) === (value.subjectId == null);
}
const linkIssue = { message: messages.linkIncomplete, path: ['subjectId'] };

export const TaskCreate = z
  .object({
    ...taskFields,
    priority: taskFields.priority.default('normal'),
    visibility: taskFields.visibility.default('internal'),
  })
  .strict()
  .refine(linkComplete, linkIssue)
  .meta({ id: 'TaskCreate' });
export type TaskCreate = z.infer<typeof TaskCreate>;
export type TaskCreateInput = z.input<typeof TaskCreate>;

export const TaskUpdate = z
  .object({
    ...taskFields,
    title: taskFields.title.optional(),
    priority: taskFields.priority.optional(),
    visibility: taskFields.visibility.optional(),
    status: taskStatus.optional().describe('Moves along the task’s state machine (409 otherwise)'),
  })
  .strict()
  .refine(
    (v) => (v.subjectType === undefined) === (v.subjectId === undefined) && linkComplete(v),
    linkIssue,
  )
  .meta({ id: 'TaskUpdate' });
export type TaskUpdate = z.infer<typeof TaskUpdate>;

const timestamp = z.iso.datetime();
const named = z.object({ id: z.uuid(), name: z.string() });

export const Task = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    assignee: TeamMemberRef.nullable(),
    team: named.nullable(),
    dueDate: z.string().nullable().describe('`YYYY-MM-DD`'),
    priority: taskPriority,
    status: taskStatus,
    allowedStatuses: z.array(taskStatus).describe('Where the status may move from here'),
    partner: named.nullable(),
    link: Link.nullable(),
    visibility,
    overdue: z.boolean().describe('Due before today (in the workspace’s time zone) and still open'),
    completedAt: timestamp.nullable(),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

export const TaskPage = pageOf(Task).meta({ id: 'TaskPage' });
export type TaskPage = z.infer<typeof TaskPage>;

export const taskSorts = ['dueDate', '-dueDate', 'createdAt', '-createdAt'] as const;
export const taskSort = z.enum(taskSorts);
export type TaskSort = z.infer<typeof taskSort>;

export const TaskListQuery = z
  .object({
    q: searchParam,
    assigneeId: multiParam(uuid),
    teamId: multiParam(uuid),
    status: multiParam(taskStatus),
    partnerId: multiParam(uuid),
    priority: multiParam(taskPriority),
    dueBefore: dateOnly.optional().describe('Due on or before this date'),
    dueAfter: dateOnly.optional().describe('Due on or after this date'),
    overdue: z
      .enum(['true', 'false'])
      .optional()
      .describe('`true`: only open tasks due before today (in the workspace’s time zone)'),
    sort: taskSort.default('dueDate'),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type TaskListQuery = z.infer<typeof TaskListQuery>;

const taskIds = z
  .array(uuid)
  .min(1)
  .max(200, messages.maxItems(200))
  .refine((ids) => new Set(ids).size === ids.length, messages.noRepeats);

export const TaskBulkComplete = z
  .object({ ids: taskIds })
  .strict()
  .meta({ id: 'TaskBulkComplete' });
export type TaskBulkComplete = z.infer<typeof TaskBulkComplete>;

export const TaskBulkReassign = z
  .object({ ids: taskIds, assigneeId: uuid.nullable() })
  .strict()
  .meta({ id: 'TaskBulkReassign' });
export type TaskBulkReassign = z.infer<typeof TaskBulkReassign>;

export const TaskBulkResult = z.object({ items: z.array(Task) }).meta({ id: 'TaskBulkResult' });

/** The groups of "my work", in the order they need attention. */
export const myWorkGroups = ['overdue', 'thisWeek', 'later'] as const;
export const myWorkGroup = z.enum(myWorkGroups);
export type MyWorkGroupName = z.infer<typeof myWorkGroup>;

/** One group of "my work": how many tasks it holds, its first page, and where the rest begin. */
export const MyWorkGroup = z
  .object({
    total: z.number().int().min(0).describe('How many open tasks of yours the group holds'),
    items: z.array(Task).describe('Its first page, by due date (no due date last)'),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass to `/tasks/my-work/{group}?cursor=` for the next page; null at the end'),
  })
  .meta({ id: 'MyWorkGroup' });
export type MyWorkGroup = z.infer<typeof MyWorkGroup>;

/** The caller's open tasks, grouped as they need attention. */
export const MyWork = z
  .object({
    overdue: MyWorkGroup.describe('Due before today'),
    thisWeek: MyWorkGroup.describe('Due from today to the end of the ISO week (Sunday)'),
    later: MyWorkGroup.describe('Due later, or with no due date'),
  })
  .meta({ id: 'MyWork' });
export type MyWork = z.infer<typeof MyWork>;

export const myWorkGroupParams = z.object({ group: myWorkGroup });

/** The next page of one group of "my work". */
export const MyWorkPageQuery = z.object({ limit: limitParam, cursor: cursorParam }).strict();
export type MyWorkPageQuery = z.infer<typeof MyWorkPageQuery>;
