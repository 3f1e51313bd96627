import { z } from 'zod';
import { uuid } from './ids';
import { messages } from './messages';
import { cursorParam, limitParam } from './pagination';
import { multiLineText } from './text';

/** The records people discuss in comments (DESIGN §11 links). */
export const commentSubjectTypes = [
  'partner',
  'interaction',
  'issue',
  'task',
  'agreement',
  'agreement_version',
] as const;
export const commentSubjectType = z.enum(commentSubjectTypes);
export type CommentSubjectType = z.infer<typeof commentSubjectType>;

const mentionIds = z
  .array(uuid)
  .max(20, messages.maxItems(20))
  .describe('Members mentioned (@name in the text); each is notified once');

export const CommentCreate = z
  .object({
    subjectType: commentSubjectType,
    subjectId: uuid,
    body: multiLineText({ min: 1, max: 10_000 }).describe('Markdown; shown without raw HTML'),
    mentionIds: mentionIds.default([]),
  })
  .strict()
  .meta({ id: 'CommentCreate' });
export type CommentCreate = z.infer<typeof CommentCreate>;

export const CommentUpdate = z
  .object({
    body: multiLineText({ min: 1, max: 10_000 }).describe('Markdown; shown without raw HTML'),
    mentionIds: mentionIds.optional(),
  })
  .strict()
  .meta({ id: 'CommentUpdate' });
export type CommentUpdate = z.infer<typeof CommentUpdate>;

export const Comment = z
  .object({
    id: z.uuid(),
    subjectType: commentSubjectType,
    subjectId: z.uuid(),
    body: z.string(),
    authorId: z.uuid().nullable().describe('The member who wrote it; null when an API key did'),
    authorName: z.string().nullable(),
    mentions: z.array(z.object({ id: z.uuid(), name: z.string() })),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Comment' });
export type Comment = z.infer<typeof Comment>;

/** One record's comments, oldest first, in keyset pages. */
export const CommentListQuery = z
  .object({
    subjectType: commentSubjectType,
    subjectId: uuid,
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type CommentListQuery = z.infer<typeof CommentListQuery>;

export const CommentPage = z
  .object({ items: z.array(Comment), nextCursor: z.string().nullable() })
  .meta({ id: 'CommentPage' });
export type CommentPage = z.infer<typeof CommentPage>;
