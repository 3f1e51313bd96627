import {
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  uuid,
} from 'drizzle-orm/pg-core';
import type { HealthComponentScore } from '../../../domain/health-score';
import { createdAt } from './columns';
import { partners } from './partners';
import { workspaces } from './workspaces';

/**
 * A partner's health score on one day (UTC), with each component's weight, score and reason
 * as they were then. One row per partner per day: the daily job upserts it.
 */
export const healthSnapshots = pgTable(
  'health_snapshots',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    score: smallint('score').notNull(),
    components: jsonb('components').$type<HealthComponentScore[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.partnerId, t.day] }),
    foreignKey({
      name: 'health_snapshots_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    // Which workspaces still need today's snapshot, and every partner's score on one day.
    index('health_snapshots_day_idx').on(t.workspaceId, t.day),
  ],
);
