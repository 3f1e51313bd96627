import { z } from 'zod';
import { memberRole } from './roles';

/** `?limit=&cursor=` as every list takes them. */
export const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const member = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: memberRole,
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The record's version: its ETag is this number, quoted. */
    version: z.number().int(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof member>;

export const memberList = z
  .object({ items: z.array(member), nextCursor: z.string().nullable() })
  .meta({ id: 'MemberList' });

export const updateMemberBody = z.object({ role: memberRole }).strict();

export const memberPasswordReset = z
  .object({
    /** Shown to the admin when Tandem cannot send mail; null when the link was mailed. */
    resetUrl: z.string().nullable(),
    mailed: z.boolean(),
  })
  .meta({ id: 'MemberPasswordReset' });
