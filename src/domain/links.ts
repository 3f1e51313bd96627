import { z } from 'zod';

/**
 * The kinds of record a task or a comment (and later an attachment) can point at (DESIGN §11).
 * Each kind has one resolver in the server's link registry (`src/server/links/`).
 */
export const linkableTypes = [
  'partner',
  'contact',
  'interaction',
  'issue',
  'task',
  'agreement',
  'agreement_version',
] as const;
export const linkableType = z.enum(linkableTypes);
export type LinkableType = z.infer<typeof linkableType>;

/** A link as the API shows it; `label` is null when the record is gone or out of the caller's sight. */
export const Link = z
  .object({
    subjectType: linkableType,
    subjectId: z.uuid(),
    label: z.string().nullable().describe('The record’s name or title; null when it is gone'),
  })
  .meta({ id: 'Link' });
export type Link = z.infer<typeof Link>;
