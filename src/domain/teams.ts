import { z } from 'zod';
import { uuid } from './ids';
import { cursorParam, limitParam, pageOf } from './pagination';
import { singleLineText } from './text';

/** The departments every new workspace starts with (DESIGN §2); admins add, rename and retire. */
export const defaultTeamNames = [
  'Sales',
  'Marketing',
  'Product',
  'Operations',
  'Legal',
  'Finance',
] as const;

const teamName = singleLineText({ min: 1, max: 100 });
const timestamp = z.iso.datetime();

export const TeamCreate = z.object({ name: teamName }).strict().meta({ id: 'TeamCreate' });
export type TeamCreate = z.infer<typeof TeamCreate>;

export const TeamUpdate = z.object({ name: teamName }).strict().meta({ id: 'TeamUpdate' });
export type TeamUpdate = z.infer<typeof TeamUpdate>;

/** A member as a team or a partnership team names them. */
export const TeamMemberRef = z
  .object({ id: z.uuid(), name: z.string() })
  .meta({ id: 'TeamMemberRef' });
export type TeamMemberRef = z.infer<typeof TeamMemberRef>;

export const Team = z
  .object({
    id: z.uuid(),
    name: z.string(),
    retiredAt: timestamp
      .nullable()
      .describe('When the team was retired; null while it is active. Retired teams keep history.'),
    members: z.array(TeamMemberRef).describe('Who belongs to the team, by name'),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

export const TeamPage = pageOf(Team).meta({ id: 'TeamPage' });
export type TeamPage = z.infer<typeof TeamPage>;

export const TeamListQuery = z
  .object({
    retired: z
      .enum(['false', 'true', 'any'])
      .default('false')
      .describe('`false` (default): active teams; `true`: retired ones; `any`: both'),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type TeamListQuery = z.infer<typeof TeamListQuery>;

export const teamMemberParams = z.object({ id: uuid, memberId: uuid });

/** How a member takes part in one partnership. */
export const partnerTeamRoles = ['owner', 'sponsor', 'contributor', 'informed'] as const;
export const partnerTeamRole = z.enum(partnerTeamRoles);
export type PartnerTeamRole = z.infer<typeof partnerTeamRole>;

export const PartnerTeamEntryCreate = z
  .object({
    memberId: uuid,
    teamId: uuid.nullable().optional().describe('The team the member serves this partner from'),
    role: partnerTeamRole.default('contributor'),
  })
  .strict()
  .meta({ id: 'PartnerTeamEntryCreate' });
export type PartnerTeamEntryCreate = z.infer<typeof PartnerTeamEntryCreate>;
export type PartnerTeamEntryCreateInput = z.input<typeof PartnerTeamEntryCreate>;

export const PartnerTeamEntryUpdate = z
  .object({ teamId: uuid.nullable().optional(), role: partnerTeamRole.optional() })
  .strict()
  .meta({ id: 'PartnerTeamEntryUpdate' });
export type PartnerTeamEntryUpdate = z.infer<typeof PartnerTeamEntryUpdate>;

/** One member of a partner's partnership team. */
export const PartnerTeamEntry = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    member: TeamMemberRef,
    team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    role: partnerTeamRole,
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'PartnerTeamEntry' });
export type PartnerTeamEntry = z.infer<typeof PartnerTeamEntry>;

export const PartnerTeam = z
  .object({ items: z.array(PartnerTeamEntry) })
  .meta({ id: 'PartnerTeam' });
export type PartnerTeam = z.infer<typeof PartnerTeam>;

export const partnerTeamEntryParams = z.object({ id: uuid, entryId: uuid });
