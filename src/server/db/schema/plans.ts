import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PlanSnapshot } from '../../../domain/plans';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { contacts } from './contacts';
import { partners } from './partners';
import { members, workspaces } from './workspaces';

/**
 * Joint business plans (decision 040): one per partner and fiscal period. The row holds the
 * version being worked on; agreed versions are kept in `plan_versions`.
 */
export const plans = pgTable(
  'plans',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    /** A fiscal period label (`FY2027`, `FY2027-Q2`), decision 037. */
    period: text('period').notNull(),
    status: text('status').notNull(),
    summary: text('summary').notNull(),
    /** The plan version being worked on: 1, 2, … */
    versionNumber: integer('version_number').notNull().default(1),
    /** The last agreed version, null until the first agreement. */
    agreedVersionNumber: integer('agreed_version_number'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'plans_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    uniqueIndex('plans_partner_period_idx').on(t.workspaceId, t.partnerId, t.period),
    index('plans_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('plans_workspace_period_idx').on(t.workspaceId, t.period, t.id),
    index('plans_status_idx').on(t.workspaceId, t.status),
  ],
);

/** A plan's objectives, in order; replaced as a whole when the plan is edited. */
export const planObjectives = pgTable(
  'plan_objectives',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    planId: uuid('plan_id').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    ownerSide: text('owner_side').notNull(),
    /** Emptied by the plans feature when the member leaves. */
    ownerMemberId: uuid('owner_member_id'),
    /** A contact of the plan's partner; emptied by the plans feature when it is deleted. */
    ownerContactId: uuid('owner_contact_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'plan_objectives_plan_fk',
      columns: [t.workspaceId, t.planId],
      foreignColumns: [plans.workspaceId, plans.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'plan_objectives_member_fk',
      columns: [t.workspaceId, t.ownerMemberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    foreignKey({
      name: 'plan_objectives_contact_fk',
      columns: [t.workspaceId, t.ownerContactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }),
    uniqueIndex('plan_objectives_position_idx').on(t.workspaceId, t.planId, t.position),
    index('plan_objectives_member_idx').on(t.workspaceId, t.ownerMemberId),
    index('plan_objectives_contact_idx').on(t.workspaceId, t.ownerContactId),
  ],
);

/** Each agreed version of a plan: what was agreed, who agreed it for the partner, and when. */
export const planVersions = pgTable(
  'plan_versions',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    planId: uuid('plan_id').notNull(),
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').$type<PlanSnapshot>().notNull(),
    /** The partner's person who agreed, as the member recorded it. */
    agreedBy: text('agreed_by').notNull(),
    /** `YYYY-MM-DD`, the day they agreed. */
    agreedOn: text('agreed_on').notNull(),
    agreedAt: at('agreed_at').notNull(),
    /** The member who recorded the agreement; emptied when they leave. */
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.planId, t.number] }),
    foreignKey({
      name: 'plan_versions_plan_fk',
      columns: [t.workspaceId, t.planId],
      foreignColumns: [plans.workspaceId, plans.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'plan_versions_recorder_fk',
      columns: [t.workspaceId, t.recordedBy],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('plan_versions_recorder_idx').on(t.workspaceId, t.recordedBy),
  ],
);
