import { z } from 'zod';
import { Actor } from './audit';
import { uuid } from './ids';
import { cursorParam, limitParam, multiParam, pageOf } from './pagination';

/**
 * What a timeline entry records. Each feature that writes entries owns its kinds; the list is
 * here so the API documents and filters them as one enum.
 */
export const timelineKinds = [
  'interaction',
  'task',
  'issue',
  'comment',
  'stage_change',
  'owner_change',
  'plan',
  'agreement',
] as const;
export const timelineKind = z.enum(timelineKinds);
export type TimelineKind = z.infer<typeof timelineKind>;

/** Who may see a record: the workspace only (`internal`, the default) or its partner too. */
export const visibilities = ['internal', 'partner'] as const;
export const visibility = z.enum(visibilities);
export type Visibility = z.infer<typeof visibility>;

/** A few facts about the subject, shown as they were when the entry was written or last updated. */
export const TimelineSummary = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]))
  .meta({ id: 'TimelineSummary' });
export type TimelineSummary = z.infer<typeof TimelineSummary>;

export const TimelineEntry = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid().nullable(),
    partnerName: z.string().nullable(),
    occurredAt: z.iso.datetime(),
    kind: timelineKind,
    subjectType: z
      .string()
      .describe('The kind of record the entry is about (`interaction`, `partner`…)'),
    subjectId: z.uuid(),
    actor: Actor,
    people: z
      .array(z.uuid())
      .describe('Members and contacts involved (the actor, participants), for the person filter'),
    summary: TimelineSummary,
    visibility,
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelinePage = pageOf(TimelineEntry).meta({ id: 'TimelinePage' });
export type TimelinePage = z.infer<typeof TimelinePage>;

/** The timeline's query, newest first; filters take several values and match any. */
export const TimelineQuery = z
  .object({
    kind: multiParam(timelineKind),
    person: multiParam(uuid).describe(
      'A member or contact id: entries they acted in or took part in',
    ),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type TimelineQuery = z.infer<typeof TimelineQuery>;
