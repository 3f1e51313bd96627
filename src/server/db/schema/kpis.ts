import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { contacts } from './contacts';
import { plans } from './plans';
import { members, workspaces } from './workspaces';

/** A stored value (cents, basis points, seconds): whole, within a JavaScript number's safe range. */
const storedValue = (name: string) => bigint(name, { mode: 'number' });

/**
 * A plan's KPIs (decision 041). The definition is part of the plan's content and follows its
 * locking; the progress columns are derived (kpiProgress for the workspace's today), refreshed
 * with every write of the KPI or its measurements and by the daily `kpi.refresh` job.
 */
export const kpis = pgTable(
  'kpis',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    planId: uuid('plan_id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    /** ISO 4217 code, only for the `currency` unit. */
    currency: text('currency'),
    target: storedValue('target').notNull(),
    baseline: storedValue('baseline'),
    direction: text('direction').notNull(),
    cadence: text('cadence').notNull(),
    aggregation: text('aggregation').notNull(),
    /** Emptied by the KPIs feature when the member leaves. */
    ownerMemberId: uuid('owner_member_id'),
    /** A contact of the plan's partner; emptied when the contact is deleted. */
    ownerContactId: uuid('owner_contact_id'),
    source: text('source').notNull().default('manual'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The workspace's day the progress below was computed for; null until first computed. */
    progressOn: date('progress_on', { mode: 'string' }),
    actual: doublePrecision('actual'),
    expected: doublePrecision('expected'),
    attainment: doublePrecision('attainment'),
    pace: doublePrecision('pace'),
    runRateForecast: doublePrecision('run_rate_forecast'),
    trendForecast: doublePrecision('trend_forecast'),
    forecastAttainment: doublePrecision('forecast_attainment'),
    /** `on_track`, `at_risk`, `off_track`, or null while nothing is due yet. */
    status: text('status'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'kpis_plan_fk',
      columns: [t.workspaceId, t.planId],
      foreignColumns: [plans.workspaceId, plans.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'kpis_member_fk',
      columns: [t.workspaceId, t.ownerMemberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    foreignKey({
      name: 'kpis_contact_fk',
      columns: [t.workspaceId, t.ownerContactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }),
    uniqueIndex('kpis_plan_position_idx').on(t.workspaceId, t.planId, t.position),
    index('kpis_status_idx').on(t.workspaceId, t.status),
    index('kpis_member_idx').on(t.workspaceId, t.ownerMemberId),
    index('kpis_contact_idx').on(t.workspaceId, t.ownerContactId),
    check(
      'kpis_currency_only_for_currency',
      sql`(${t.unit} = 'currency') = (${t.currency} IS NOT NULL)`,
    ),
  ],
);

/** One value per KPI and period of its cadence; recording again replaces it. */
export const kpiMeasurements = pgTable(
  'kpi_measurements',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    kpiId: uuid('kpi_id').notNull(),
    /** A month (`FY2027-M03`) or quarter (`FY2027-Q1`) label, by the KPI's cadence. */
    period: text('period').notNull(),
    value: storedValue('value').notNull(),
    source: text('source').notNull(),
    note: text('note').notNull().default(''),
    /** The member who recorded it; null for an API key, emptied when the member leaves. */
    recordedBy: uuid('recorded_by'),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.kpiId, t.period] }),
    foreignKey({
      name: 'kpi_measurements_kpi_fk',
      columns: [t.workspaceId, t.kpiId],
      foreignColumns: [kpis.workspaceId, kpis.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'kpi_measurements_recorder_fk',
      columns: [t.workspaceId, t.recordedBy],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('kpi_measurements_recorder_idx').on(t.workspaceId, t.recordedBy),
  ],
);
