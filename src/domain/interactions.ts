import { z } from 'zod';
import { uuid } from './ids';
import { dateOnly } from './issues';
import { messages } from './messages';
import { cursorParam, limitParam, multiParam, pageOf } from './pagination';
import { multiLineText, singleLineText } from './text';
import { isTimeZone } from './time-zones';
import { visibility } from './timeline';

export const interactionKinds = ['meeting', 'call', 'email', 'event', 'note'] as const;
export const interactionKind = z.enum(interactionKinds);
export type InteractionKind = z.infer<typeof interactionKind>;

export const sentiments = ['positive', 'neutral', 'negative'] as const;
export const sentiment = z.enum(sentiments);
export type Sentiment = z.infer<typeof sentiment>;

/** The IANA time zone the time was entered in, so it is shown as the person saw it. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, messages.timeZone)
  .describe('IANA time zone name the time was entered in, such as `Europe/Berlin`');

/** An instant with its offset (`2026-05-04T09:30:00+02:00`); stored and answered in UTC. */
export const instant = z.iso.datetime({ offset: true, message: messages.dateTime });

const ids = (max: number) => z.array(uuid).max(max, messages.maxItems(max));

const interactionFields = {
  kind: interactionKind,
  occurredAt: instant,
  timeZone,
  durationMinutes: z
    .number()
    .int(messages.wholeNumber)
    .min(0, messages.minNumber(0))
    .max(10_080, messages.maxNumber(10_080))
    .nullable()
    .optional()
    .describe('How long it took, in minutes (at most a week)'),
  summary: multiLineText({ max: 20_000 }).describe('Markdown; shown rendered without raw HTML'),
  outcome: multiLineText({ max: 2_000 }).nullable().optional(),
  sentiment: sentiment.nullable().optional(),
  visibility: visibility.describe('`internal` (the default) or `partner`: shared with the partner'),
  nextSteps: z
    .array(singleLineText({ min: 1, max: 500 }))
    .max(20, messages.maxItems(20))
    .describe('Follow-ups agreed, one line each'),
  memberIds: ids(50).describe('Participants of the workspace (member ids)'),
  contactIds: ids(50).describe("Participants at the partner (ids of that partner's contacts)"),
};

/** A new interaction with a partner. */
export const InteractionCreate = z
  .object({
    partnerId: uuid,
    ...interactionFields,
    timeZone: interactionFields.timeZone.default('UTC'),
    summary: interactionFields.summary.default(''),
    visibility: interactionFields.visibility.default('internal'),
    nextSteps: interactionFields.nextSteps.default([]),
    memberIds: interactionFields.memberIds.default([]),
    contactIds: interactionFields.contactIds.default([]),
  })
  .strict()
  .meta({ id: 'InteractionCreate' });
export type InteractionCreate = z.infer<typeof InteractionCreate>;
export type InteractionCreateInput = z.input<typeof InteractionCreate>;

/** A change: only the fields given change; `null` clears an optional one. The partner stays. */
export const InteractionUpdate = z
  .object({
    kind: interactionFields.kind.optional(),
    occurredAt: interactionFields.occurredAt.optional(),
    timeZone: interactionFields.timeZone.optional(),
    durationMinutes: interactionFields.durationMinutes,
    summary: interactionFields.summary.optional(),
    outcome: interactionFields.outcome,
    sentiment: interactionFields.sentiment,
    visibility: interactionFields.visibility.optional(),
    nextSteps: interactionFields.nextSteps.optional(),
    memberIds: interactionFields.memberIds.optional(),
    contactIds: interactionFields.contactIds.optional(),
  })
  .strict()
  .meta({ id: 'InteractionUpdate' });
export type InteractionUpdate = z.infer<typeof InteractionUpdate>;
export type InteractionUpdateInput = z.input<typeof InteractionUpdate>;

export const ParticipantMember = z
  .object({ id: z.uuid(), name: z.string(), email: z.string() })
  .meta({ id: 'ParticipantMember' });
export const ParticipantContact = z
  .object({ id: z.uuid(), name: z.string(), email: z.string().nullable() })
  .meta({ id: 'ParticipantContact' });

const timestamp = z.iso.datetime();

export const Interaction = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    kind: interactionKind,
    occurredAt: timestamp,
    timeZone: z.string(),
    durationMinutes: z.number().int().nullable(),
    summary: z.string(),
    outcome: z.string().nullable(),
    sentiment: sentiment.nullable(),
    visibility,
    nextSteps: z.array(z.string()),
    members: z.array(ParticipantMember),
    contacts: z.array(ParticipantContact),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Interaction' });
export type Interaction = z.infer<typeof Interaction>;

export const InteractionPage = pageOf(Interaction).meta({ id: 'InteractionPage' });
export type InteractionPage = z.infer<typeof InteractionPage>;

export const interactionSorts = ['occurredAt', '-occurredAt'] as const;
export const interactionSort = z.enum(interactionSorts);
export type InteractionSort = z.infer<typeof interactionSort>;

export const InteractionListQuery = z
  .object({
    partnerId: multiParam(uuid),
    kind: multiParam(interactionKind),
    sentiment: multiParam(sentiment),
    sort: interactionSort.default('-occurredAt'),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type InteractionListQuery = z.infer<typeof InteractionListQuery>;

/** A file dropped on a partner page, read into a draft interaction (nothing is saved). */
export const InteractionFile = z
  .object({
    fileName: singleLineText({ min: 1, max: 255 }).describe(
      'The file name; `.eml` is read as an email, `.ics` as a calendar event',
    ),
    content: z
      .string()
      .max(2_796_204, messages.fileTooLarge)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, messages.base64)
      .describe('The file, base64-encoded (at most 2 MB of file)'),
  })
  .strict()
  .meta({ id: 'InteractionFile' });
export type InteractionFile = z.infer<typeof InteractionFile>;

/** What a dropped file says, to confirm with the normal create. */
export const InteractionDraft = z
  .object({
    partnerId: z.uuid(),
    kind: interactionKind,
    occurredAt: timestamp.nullable(),
    timeZone: z.string(),
    durationMinutes: z.number().int().nullable(),
    summary: z.string(),
    members: z.array(ParticipantMember),
    contacts: z.array(ParticipantContact),
    unmatched: z
      .array(z.string())
      .describe('Addresses in the file that are neither a member nor a contact of the partner'),
  })
  .meta({ id: 'InteractionDraft' });
export type InteractionDraft = z.infer<typeof InteractionDraft>;

/** Next steps of an interaction made into tasks in one go, linked to it and its partner. */
export const InteractionTasksCreate = z
  .object({
    steps: z
      .array(z.number().int().min(0).max(19))
      .max(20)
      .optional()
      .describe('Which next steps (their positions, from 0); all of them when left out'),
    assigneeId: uuid.nullable().optional().describe('The member who does them'),
    dueDate: dateOnly.nullable().optional(),
  })
  .strict()
  .meta({ id: 'InteractionTasksCreate' });
export type InteractionTasksCreate = z.infer<typeof InteractionTasksCreate>;
