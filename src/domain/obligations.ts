import { z } from 'zod';
import { uuid } from './ids';
import { messages } from './messages';
import { isOccurrence, occurrenceAfter, type Recurrence } from './recurrence';
import type { CalendarDate } from './renewals';
import { defineMachine } from './state-machine';
import { multiLineText, singleLineText } from './text';

/**
 * Obligations of an agreement (decision 052): what each party must do, once by a due date or
 * again and again by an RRULE (`recurrence.ts`). This module holds the shapes the API reads and
 * answers, the status machine and the due-date arithmetic, pure.
 *
 * - A one-off obligation is due on `dueOn`; a recurring one on each occurrence of `rrule` from
 *   `startsOn`. Occurrences on or before `doneThrough` are done, so the next due date is the
 *   first occurrence after it (or the first one at all).
 * - An obligation is overdue when it is open and its next due date is before today.
 */

export const obligationParties = ['us', 'partner', 'both'] as const;
export const obligationParty = z.enum(obligationParties);
export type ObligationParty = z.infer<typeof obligationParty>;

export const obligationStatuses = ['open', 'done', 'waived'] as const;
export const obligationStatus = z.enum(obligationStatuses);
export type ObligationStatus = z.infer<typeof obligationStatus>;

/** Done and waived obligations may be reopened; nothing else moves. */
export const obligationMachine = defineMachine<ObligationStatus>({
  name: 'obligation',
  statuses: obligationStatuses,
  moves: {
    open: [{ to: 'done' }, { to: 'waived' }],
    done: [{ to: 'open' }],
    waived: [{ to: 'open' }],
  },
});

export const maxDescription = 2000;
export const maxEvidenceNote = 4000;

const dateOnly = z.iso.date({ message: messages.date });

const fields = {
  description: multiLineText({ min: 1, max: maxDescription }).describe(
    'What must be done, such as “Send the monthly sales report”',
  ),
  party: obligationParty.describe('Who must do it: `us`, `partner` or `both`'),
  ownerId: uuid.nullable().describe('The member who sees to it and is told when it is overdue'),
  dueOn: dateOnly.nullable().describe('The day a one-off obligation is due, YYYY-MM-DD'),
  rrule: z
    .string()
    .max(200)
    .nullable()
    .describe(
      'For a recurring obligation, an RFC 5545 RRULE without DTSTART, such as `FREQ=MONTHLY;BYMONTHDAY=5` or `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1` (quarterly, last day). FREQ is DAILY, WEEKLY, MONTHLY or YEARLY, with INTERVAL, BYMONTHDAY (monthly), BYDAY, COUNT (up to 10 000) or UNTIL',
    ),
  startsOn: dateOnly.nullable().describe('The first day a recurring obligation counts from'),
  evidenceNote: multiLineText({ min: 1, max: maxEvidenceNote })
    .nullable()
    .describe(
      'How it was met, or why it was waived: a note (files are the obligation’s attachments)',
    ),
  doneThrough: dateOnly
    .nullable()
    .describe('For a recurring obligation: every occurrence on or before this day is done'),
};

export const ObligationCreate = z
  .object({
    description: fields.description,
    party: fields.party,
    ownerId: fields.ownerId.default(null),
    dueOn: fields.dueOn.default(null),
    rrule: fields.rrule.default(null),
    startsOn: fields.startsOn.default(null),
    evidenceNote: fields.evidenceNote.default(null),
  })
  .strict()
  .meta({ id: 'ObligationCreate' });
export type ObligationCreate = z.infer<typeof ObligationCreate>;
export type ObligationCreateInput = z.input<typeof ObligationCreate>;

export const ObligationUpdate = z
  .object({
    description: fields.description.optional(),
    party: fields.party.optional(),
    ownerId: fields.ownerId.optional(),
    dueOn: fields.dueOn.optional(),
    rrule: fields.rrule.optional(),
    startsOn: fields.startsOn.optional(),
    status: obligationStatus.optional().describe('open → done or waived, and back to open'),
    evidenceNote: fields.evidenceNote.optional(),
    doneThrough: fields.doneThrough.optional(),
  })
  .strict()
  .meta({ id: 'ObligationUpdate' });
export type ObligationUpdate = z.infer<typeof ObligationUpdate>;
export type ObligationUpdateInput = z.input<typeof ObligationUpdate>;

const timestamp = z.iso.datetime();

export const Obligation = z
  .object({
    id: z.uuid(),
    agreementId: z.uuid(),
    description: z.string(),
    party: obligationParty,
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    dueOn: z.string().nullable().describe('YYYY-MM-DD, for a one-off obligation'),
    rrule: z.string().nullable().describe('The RRULE of a recurring obligation, normalized'),
    startsOn: z.string().nullable().describe('YYYY-MM-DD, for a recurring obligation'),
    status: obligationStatus,
    evidenceNote: z.string().nullable(),
    doneThrough: z.string().nullable().describe('YYYY-MM-DD; occurrences up to it are done'),
    nextDueOn: z
      .string()
      .nullable()
      .describe('The next occurrence not done, YYYY-MM-DD; null when closed or none is left'),
    overdue: z.boolean().describe('Open, with the next due date before today'),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Obligation' });
export type Obligation = z.infer<typeof Obligation>;

export const ObligationList = z
  .object({ items: z.array(Obligation).describe('Soonest next due date first, then the others') })
  .meta({ id: 'ObligationList' });
export type ObligationList = z.infer<typeof ObligationList>;

export const obligationParams = z.object({ id: uuid, obligationId: uuid });

export type Schedule = {
  dueOn: CalendarDate | null;
  rrule: string | null;
  startsOn: CalendarDate | null;
};

export type ScheduleProblem = { field: keyof Schedule; code: string; message: string };

/**
 * A one-off obligation has a due date and no rule; a recurring one a rule and a start date and
 * no due date. The RRULE itself is checked by `ruleProblem`.
 */
export function scheduleProblems(schedule: Schedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const problem = (field: keyof Schedule, message: string) =>
    problems.push({ field, code: 'invalid_schedule', message });
  if (schedule.rrule === null) {
    if (schedule.dueOn === null) problem('dueOn', messages.obligationSchedule);
    if (schedule.startsOn !== null) problem('startsOn', messages.obligationSchedule);
  } else {
    if (schedule.dueOn !== null) problem('dueOn', messages.obligationSchedule);
    if (schedule.startsOn === null) problem('startsOn', messages.required);
  }
  return problems;
}

export type DueState = Schedule & { status: ObligationStatus; doneThrough: CalendarDate | null };

/** The next due date not done: null once the obligation is closed or its rule has run out. */
export function nextDueOn(state: DueState): CalendarDate | null {
  if (state.status !== 'open') return null;
  if (state.rrule === null || state.startsOn === null) return state.dueOn;
  const recurrence: Recurrence = { rrule: state.rrule, startsOn: state.startsOn };
  if (state.doneThrough === null) return occurrenceAfter(recurrence, state.startsOn, true);
  return occurrenceAfter(recurrence, state.doneThrough, false);
}

/** Open with a due date passed: the day after the due date, it is overdue. */
export function isOverdue(next: CalendarDate | null, today: CalendarDate): boolean {
  return next !== null && next < today;
}

export const ObligationTaskCreate = z
  .object({
    occursOn: dateOnly.describe(
      'The occurrence the task is for, YYYY-MM-DD: the due date of a one-off obligation or a day its rule falls on; the task is due that day',
    ),
    title: singleLineText({ min: 1, max: 300 })
      .optional()
      .describe('The task’s title; the obligation’s description (its first line) when left out'),
  })
  .strict()
  .meta({ id: 'ObligationTaskCreate' });
export type ObligationTaskCreate = z.infer<typeof ObligationTaskCreate>;
export type ObligationTaskCreateInput = z.input<typeof ObligationTaskCreate>;

/** Whether the obligation falls due on `date`: its due date, or an occurrence of its rule. */
export function isDueOn(schedule: Schedule, date: CalendarDate): boolean {
  if (schedule.rrule === null || schedule.startsOn === null) return schedule.dueOn === date;
  return isOccurrence({ rrule: schedule.rrule, startsOn: schedule.startsOn }, date);
}

/** A task title from an obligation's description: its first line, cut to a title's length. */
export function taskTitleOf(description: string): string {
  const line = description.split('\n', 1)[0]?.trim() || description.trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
