import { z } from 'zod';
import { email } from './auth';
import { uuid } from './ids';
import { memberRole, partnerRole } from './roles';

/** An invitation grants a member role, or a partner role bound to one partner. */
export const createInvitationBody = z.union([
  z.object({ email, role: memberRole }).strict(),
  z.object({ email, role: partnerRole, partnerId: uuid }).strict(),
]);
export type CreateInvitation = z.infer<typeof createInvitationBody>;

export const invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.union([memberRole, partnerRole]),
    partnerId: z.string().nullable(),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Invitation' });

export const createdInvitation = invitation
  .extend({
    /** Present only when Tandem cannot send mail: the admin passes the link on. */
    inviteUrl: z.string().optional(),
    mailed: z.boolean(),
  })
  .meta({ id: 'CreatedInvitation' });

export const invitationLink = z
  .object({
    inviteUrl: z.string().describe('The new link; the one given before no longer works'),
  })
  .meta({ id: 'InvitationLink' });

export const invitationList = z
  .object({ items: z.array(invitation), nextCursor: z.string().nullable() })
  .meta({ id: 'InvitationList' });
