import { z } from 'zod';
import { uuid } from './ids';
import { messages } from './messages';
import { cursorParam, limitParam, multiParam, pageOf, searchParam } from './pagination';
import { defineMachine } from './state-machine';
import { multiLineText, singleLineText } from './text';
import { visibility as issueVisibility } from './timeline';

export const issueKinds = [
  'channel_conflict',
  'delivery',
  'commercial',
  'legal',
  'relationship',
  'other',
] as const;
export const issueKind = z.enum(issueKinds);
export type IssueKind = z.infer<typeof issueKind>;

/** Lowest first: the list sorts by this order, not by the words. */
export const issueSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const issueSeverity = z.enum(issueSeverities);
export type IssueSeverity = z.infer<typeof issueSeverity>;

export const issueStatuses = ['open', 'investigating', 'escalated', 'resolved', 'closed'] as const;
export const issueStatus = z.enum(issueStatuses);
export type IssueStatus = z.infer<typeof issueStatus>;

/** The statuses in which an issue still waits for work, and so can be overdue. */
export const activeIssueStatuses = [
  'open',
  'investigating',
  'escalated',
] as const satisfies readonly IssueStatus[];

/** What the issue machine's rules read: the record's notes and the move's. */
export type IssueMoveFields = { resolutionNotes?: string | null };

/**
 * The issue workflow (decision 027). Resolving needs resolution notes; reopening a resolved or
 * closed issue clears them (the audit event keeps them), so resolving again needs new notes.
 */
export const issueMachine = defineMachine<IssueStatus, IssueMoveFields, IssueMoveFields>({
  name: 'issue',
  statuses: issueStatuses,
  moves: {
    open: [
      { to: 'investigating' },
      { to: 'escalated' },
      { to: 'resolved', requires: ['resolutionNotes'] },
    ],
    investigating: [
      { to: 'escalated' },
      { to: 'resolved', requires: ['resolutionNotes'] },
      { to: 'open' },
    ],
    escalated: [{ to: 'investigating' }, { to: 'resolved', requires: ['resolutionNotes'] }],
    resolved: [{ to: 'closed' }, { to: 'open' }],
    closed: [{ to: 'open' }],
  },
});

/** Whether a move from `from` to `to` reopens the issue (and so clears its resolution). */
export function reopens(from: IssueStatus, to: IssueStatus): boolean {
  return (from === 'resolved' || from === 'closed') && to === 'open';
}

/** Days to respond by severity, a workspace setting; these are the defaults. */
export const defaultResponseDays = { low: 14, medium: 7, high: 3, critical: 1 } as const;

const days = z.number().int().min(1).max(365);
export const ResponseDays = z
  .object({ low: days, medium: days, high: days, critical: days })
  .strict()
  .describe('Days to respond to an issue by its severity; they set a new issue’s due date')
  .meta({ id: 'IssueResponseDays' });
export type ResponseDays = z.infer<typeof ResponseDays>;

/** A calendar date, `YYYY-MM-DD`, never shifted by time zones. */
export const dateOnly = z.iso.date({ message: messages.date });

/** The date `days` after `from` (both `YYYY-MM-DD`), counted in calendar days. */
export function addDays(from: string, count: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The due date of an issue raised on `raisedOn` with `severity`, by the workspace's targets. */
export function dueFor(raisedOn: string, severity: IssueSeverity, targets: ResponseDays): string {
  return addDays(raisedOn, targets[severity]);
}

/** Overdue: still waiting for work and due before today. */
export function isOverdue(issue: { status: IssueStatus; dueOn: string }, today: string): boolean {
  return (activeIssueStatuses as readonly string[]).includes(issue.status) && issue.dueOn < today;
}

const issueFields = {
  title: singleLineText({ min: 1, max: 200 }),
  description: multiLineText({ max: 20_000 })
    .nullable()
    .optional()
    .describe('Markdown, shown as text: never raw HTML'),
  kind: issueKind,
  severity: issueSeverity,
  partnerId: uuid,
  ownerId: uuid.nullable().optional().describe('The member who owns the issue'),
  teamId: uuid.nullable().optional().describe('The team that works the issue'),
  dueOn: dateOnly.describe('Due date; by default the response target of its severity'),
  visibility: issueVisibility,
};

/** A new issue: `severity` defaults to `medium`, `kind` to `other`, the owner to the caller. */
export const IssueCreate = z
  .object({
    ...issueFields,
    kind: issueFields.kind.default('other'),
    severity: issueFields.severity.default('medium'),
    dueOn: issueFields.dueOn.optional(),
    visibility: issueFields.visibility.default('internal'),
  })
  .strict()
  .meta({ id: 'IssueCreate' });
export type IssueCreate = z.infer<typeof IssueCreate>;
export type IssueCreateInput = z.input<typeof IssueCreate>;

/** A change to an issue's fields; its status changes only through a transition. */
export const IssueUpdate = z
  .object({
    title: issueFields.title.optional(),
    description: issueFields.description,
    kind: issueFields.kind.optional(),
    severity: issueFields.severity.optional(),
    partnerId: issueFields.partnerId.optional(),
    ownerId: issueFields.ownerId,
    teamId: issueFields.teamId,
    dueOn: issueFields.dueOn.optional(),
    visibility: issueFields.visibility.optional(),
  })
  .strict()
  .meta({ id: 'IssueUpdate' });
export type IssueUpdate = z.infer<typeof IssueUpdate>;
export type IssueUpdateInput = z.input<typeof IssueUpdate>;

/** A move to another status; resolving needs `resolutionNotes`. */
export const IssueTransition = z
  .object({
    to: issueStatus,
    resolutionNotes: multiLineText({ max: 10_000 })
      .optional()
      .describe('How the issue was resolved (Markdown); required to resolve'),
  })
  .strict()
  .meta({ id: 'IssueTransition' });
export type IssueTransition = z.infer<typeof IssueTransition>;
export type IssueTransitionInput = z.input<typeof IssueTransition>;

const timestamp = z.iso.datetime();

export const Issue = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    kind: issueKind,
    severity: issueSeverity,
    status: issueStatus,
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    teamId: z.uuid().nullable(),
    teamName: z.string().nullable(),
    dueOn: z.string().describe('YYYY-MM-DD'),
    overdue: z.boolean().describe('Still open, investigating or escalated after its due date'),
    resolutionNotes: z.string().nullable(),
    resolvedAt: timestamp.nullable(),
    visibility: issueVisibility,
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Issue' });
export type Issue = z.infer<typeof Issue>;

export const IssuePage = pageOf(Issue).meta({ id: 'IssuePage' });
export type IssuePage = z.infer<typeof IssuePage>;

export const issueSorts = [
  'dueOn',
  '-dueOn',
  'severity',
  '-severity',
  'createdAt',
  '-createdAt',
] as const;
export const issueSort = z.enum(issueSorts);
export type IssueSort = z.infer<typeof issueSort>;

/** The register's query; filters take several values (`?status=a&status=b`) and match any. */
export const IssueListQuery = z
  .object({
    q: searchParam,
    status: multiParam(issueStatus),
    severity: multiParam(issueSeverity),
    kind: multiParam(issueKind),
    ownerId: multiParam(uuid),
    teamId: multiParam(uuid),
    partnerId: multiParam(uuid),
    overdue: z
      .enum(['true', 'false'])
      .optional()
      .describe('`true`: only overdue issues; `false`: only those not overdue'),
    sort: issueSort.default('dueOn'),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type IssueListQuery = z.infer<typeof IssueListQuery>;
