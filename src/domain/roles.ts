import { z } from 'zod';

/** Roles of internal users of a workspace, most powerful first. */
export const memberRoles = ['admin', 'manager', 'member', 'viewer'] as const;
export const memberRole = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRole>;

/** Roles of people of a partner organization who use the portal. */
export const partnerRoles = ['partner_admin', 'partner_member'] as const;
export const partnerRole = z.enum(partnerRoles);
export type PartnerRole = z.infer<typeof partnerRole>;

export type Role = MemberRole | PartnerRole;
