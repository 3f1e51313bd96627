import { z } from 'zod';
import { uuid } from './ids';
import { listQuery } from './members';
import { partnerRole } from './roles';

/** A person of a partner organization with portal access, as workspace admins see them. */
export const partnerUser = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: partnerRole,
    partnerId: z.string(),
    partnerName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The record's version: its ETag is this number, quoted. */
    version: z.number().int(),
  })
  .meta({ id: 'PartnerUser' });
export type PartnerUser = z.infer<typeof partnerUser>;

export const partnerUserList = z
  .object({ items: z.array(partnerUser), nextCursor: z.string().nullable() })
  .meta({ id: 'PartnerUserList' });

/** `?limit=&cursor=`, and `?partnerId=` for the people of one partner. */
export const partnerUserListQuery = listQuery
  .extend({ partnerId: uuid.optional().describe('Only the people of this partner') })
  .strict();
export type PartnerUserListQuery = z.infer<typeof partnerUserListQuery>;

export const updatePartnerUserBody = z.object({ role: partnerRole }).strict();
