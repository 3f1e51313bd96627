import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { partners } from './partners';
import { members, workspaces } from './workspaces';

/** A department of a workspace (Sales, Legal…). Retired teams stay, for the records naming them. */
export const teams = pgTable(
  'teams',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    retiredAt: at('retired_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // One active team per name, ignoring case; a retired name may be taken again.
    uniqueIndex('teams_active_name_idx')
      .on(t.workspaceId, sql`lower(${t.name})`)
      .where(sql`${t.retiredAt} IS NULL`),
  ],
);

/** Who belongs to which team: many to many, within one workspace. */
export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    teamId: uuid('team_id').notNull(),
    memberId: uuid('member_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.teamId, t.memberId] }),
    foreignKey({
      name: 'team_members_team_fk',
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
    }),
    foreignKey({
      name: 'team_members_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('team_members_member_idx').on(t.workspaceId, t.memberId),
  ],
);

/** A partner's partnership team: which members, from which team, in which role. */
export const partnerTeamEntries = pgTable(
  'partner_team_entries',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    memberId: uuid('member_id').notNull(),
    teamId: uuid('team_id'),
    role: text('role').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'partner_team_entries_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    foreignKey({
      name: 'partner_team_entries_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    foreignKey({
      name: 'partner_team_entries_team_fk',
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
    }),
    uniqueIndex('partner_team_entries_member_idx').on(t.workspaceId, t.partnerId, t.memberId),
    index('partner_team_entries_by_member_idx').on(t.workspaceId, t.memberId),
    index('partner_team_entries_team_idx').on(t.workspaceId, t.teamId),
  ],
);
