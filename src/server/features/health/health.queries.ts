import { type SQL, sql } from 'drizzle-orm';
import type { HealthComponentScore, HealthIssueSeverity } from '../../../domain/health-score';
import { openTaskStatuses } from '../../../domain/tasks';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import {
  healthSnapshots,
  interactions,
  issues,
  partners,
  tasks,
  workspaces,
} from '../../db/schema';
import { effectiveCadenceDaysSql } from '../partners/cadence';
import { workspaceTodaySql } from '../workspaces/workspace-day';

const DAY_SECONDS = 86_400;
/** Done tasks count towards follow-through while their due date is this recent. */
export const FOLLOW_THROUGH_DAYS = 90;
/** Statuses of an issue still being worked: what the issues component counts. */
const openIssueStatuses = ['open', 'investigating', 'escalated'];

/** A partner user sees (and would be scored on) their own partner only; members their workspace. */
function visiblePartners(scope: Scope, p: SQL = sql`p`): SQL {
  const inWorkspace = sql`${p}.workspace_id = ${scope.workspaceId}`;
  return scope.kind === 'partner'
    ? sql`${inWorkspace} AND ${p}.id = ${scope.partnerId}`
    : inWorkspace;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A day (`YYYY-MM-DD`, UTC) some days before `day`. */
export function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_SECONDS * 1000)
    .toISOString()
    .slice(0, 10);
}

/** What the score needs about one partner, as the aggregate query answers it. */
export type HealthInputRow = {
  partner_id: string;
  cadence_days: number;
  days_since: number | null;
  last90: number;
  previous90: number;
  positive: number;
  neutral: number;
  negative: number;
  open_issues: Array<{ severity: HealthIssueSeverity; ageDays: number }>;
  on_time: number;
  late: number;
  overdue: number;
};

/**
 * The health inputs of every partner of a workspace (or of one partner) in one aggregate
 * statement: interactions, open issues and tasks each grouped by partner once, then joined to
 * the partners. Interactions after `now` (planned ones) do not count yet.
 */
export async function healthInputs(
  db: Db | Tx,
  scope: Scope,
  now: Date,
  only: { partnerId: string } | { activeOnly: true },
): Promise<HealthInputRow[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  // Tasks are late and done on time by the workspace's date, as the task pages show them.
  const zone = sql`(SELECT time_zone FROM ${workspaces} WHERE id = ${scope.workspaceId})`;
  const today = sql`to_char((${at} AT TIME ZONE ${zone})::date, 'YYYY-MM-DD')`;
  const followThroughFrom = sql`to_char((${at} AT TIME ZONE ${zone})::date - ${FOLLOW_THROUGH_DAYS}::int, 'YYYY-MM-DD')`;
  const onePartner = (column: SQL) =>
    'partnerId' in only ? sql`AND ${column} = ${only.partnerId}` : sql``;
  const days = (from: SQL) =>
    sql`floor(extract(epoch FROM (${at} - ${from})) / ${DAY_SECONDS})::int`;
  const recent = sql`occurred_at > ${at} - interval '90 days'`;
  const openTask = sql`status IN (${sql.join(
    openTaskStatuses.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  const doneOn = sql`to_char(completed_at AT TIME ZONE ${zone}, 'YYYY-MM-DD')`;
  const result = await db.execute(sql`
    WITH recent AS (
      SELECT partner_id,
        ${days(sql`max(occurred_at)`)} AS days_since,
        count(*) FILTER (WHERE ${recent})::int AS last90,
        count(*) FILTER (WHERE NOT (${recent}) AND occurred_at > ${at} - interval '180 days')::int AS previous90,
        count(*) FILTER (WHERE ${recent} AND sentiment = 'positive')::int AS positive,
        count(*) FILTER (WHERE ${recent} AND sentiment = 'neutral')::int AS neutral,
        count(*) FILTER (WHERE ${recent} AND sentiment = 'negative')::int AS negative
      FROM ${interactions}
      WHERE workspace_id = ${scope.workspaceId} AND occurred_at <= ${at} ${onePartner(sql`partner_id`)}
      GROUP BY partner_id
    ), open_issues AS (
      SELECT partner_id,
        jsonb_agg(jsonb_build_object('severity', severity, 'ageDays', ${days(sql`created_at`)})) AS open_issues
      FROM ${issues}
      WHERE workspace_id = ${scope.workspaceId}
        AND status IN (${sql.join(
          openIssueStatuses.map((s) => sql`${s}`),
          sql`, `,
        )}) ${onePartner(sql`partner_id`)}
      GROUP BY partner_id
    ), task_counts AS (
      SELECT partner_id,
        count(*) FILTER (WHERE status = 'done' AND ${doneOn} <= due_date)::int AS on_time,
        count(*) FILTER (WHERE status = 'done' AND ${doneOn} > due_date)::int AS late,
        count(*) FILTER (WHERE ${openTask})::int AS overdue
      FROM ${tasks}
      WHERE workspace_id = ${scope.workspaceId} AND partner_id IS NOT NULL ${onePartner(sql`partner_id`)}
        AND (
          (status = 'done' AND completed_at IS NOT NULL
            AND due_date >= ${followThroughFrom})
          OR (${openTask} AND due_date < ${today})
        )
      GROUP BY partner_id
    )
    SELECT ${partners.id} AS partner_id,
      ${effectiveCadenceDaysSql()} AS cadence_days,
      r.days_since,
      coalesce(r.last90, 0) AS last90,
      coalesce(r.previous90, 0) AS previous90,
      coalesce(r.positive, 0) AS positive,
      coalesce(r.neutral, 0) AS neutral,
      coalesce(r.negative, 0) AS negative,
      coalesce(i.open_issues, '[]'::jsonb) AS open_issues,
      coalesce(t.on_time, 0) AS on_time,
      coalesce(t.late, 0) AS late,
      coalesce(t.overdue, 0) AS overdue
    FROM ${partners}
    JOIN ${workspaces} ON ${workspaces.id} = ${partners.workspaceId}
    LEFT JOIN recent r ON r.partner_id = ${partners.id}
    LEFT JOIN open_issues i ON i.partner_id = ${partners.id}
    LEFT JOIN task_counts t ON t.partner_id = ${partners.id}
    WHERE ${visiblePartners(scope, sql`${partners}`)}
      ${'partnerId' in only ? sql`AND ${partners.id} = ${only.partnerId}` : sql`AND ${partners.archivedAt} IS NULL`}`);
  return rowsOf<HealthInputRow>(result);
}

/** One partner's score of the day, as the job writes it. */
export type SnapshotRow = { partnerId: string; score: number; components: HealthComponentScore[] };

/**
 * Writes the day's snapshots and each partner's latest score in one statement: the rows travel
 * as one JSON parameter, a second run the same day overwrites the first.
 */
export async function writeSnapshots(
  db: Db | Tx,
  scope: Scope,
  day: string,
  rows: SnapshotRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x("partnerId" uuid, score smallint, components jsonb)
    ), written AS (
      INSERT INTO ${healthSnapshots} (workspace_id, partner_id, day, score, components)
      SELECT ${scope.workspaceId}::uuid, "partnerId", ${day}::date, score, components FROM input
      ON CONFLICT (workspace_id, partner_id, day)
        DO UPDATE SET score = excluded.score, components = excluded.components
    )
    UPDATE ${partners} p SET health_score = input.score
    FROM input
    WHERE p.workspace_id = ${scope.workspaceId} AND p.id = input."partnerId"
      AND p.health_score IS DISTINCT FROM input.score`);
}

/**
 * Workspaces with no snapshot of their date at `now` yet (each in its time zone): the ones the
 * hourly schedule still has to do.
 */
export async function workspacesDue(db: Db, now: Date): Promise<string[]> {
  const result = await db.execute(sql`
    SELECT ${workspaces.id} AS id FROM ${workspaces}
    WHERE NOT EXISTS (
      SELECT 1 FROM ${healthSnapshots} s
      WHERE s.workspace_id = ${workspaces.id} AND s.day = ${workspaceTodaySql(now)}
    )
    AND EXISTS (
      SELECT 1 FROM ${partners} p WHERE p.workspace_id = ${workspaces.id} AND p.archived_at IS NULL
    )
    ORDER BY ${workspaces.id}`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

/** A partner's daily scores since `fromDay`, oldest first. */
export async function trendOf(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  fromDay: string,
): Promise<Array<{ day: string; score: number }>> {
  const result = await db.execute(sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, score FROM ${healthSnapshots}
    WHERE workspace_id = ${scope.workspaceId} AND partner_id = ${partnerId} AND day >= ${fromDay}::date
    ORDER BY day`);
  return rowsOf<{ day: string; score: number }>(result);
}

export type AtRiskRow = {
  partner_id: string;
  name: string;
  score: number;
  previous_score: number | null;
  components: HealthComponentScore[];
};

/** The active partners with the lowest latest scores, with their latest snapshot's components. */
export async function lowestScores(db: Db | Tx, scope: Scope, limit: number): Promise<AtRiskRow[]> {
  // The order is the expression of `partners_workspace_health_idx`, so this is an index range.
  const result = await db.execute(sql`
    SELECT p.id AS partner_id, p.name, p.health_score AS score, NULL::int AS previous_score,
      latest.components
    FROM ${partners} p
    JOIN LATERAL (
      SELECT components FROM ${healthSnapshots} s
      WHERE s.workspace_id = p.workspace_id AND s.partner_id = p.id
      ORDER BY s.day DESC LIMIT 1
    ) latest ON true
    WHERE ${visiblePartners(scope)} AND p.archived_at IS NULL
      AND coalesce(p.health_score, -1) >= 0
    ORDER BY coalesce(p.health_score, -1), p.id
    LIMIT ${limit}`);
  return rowsOf<AtRiskRow>(result);
}

/**
 * The active partners whose latest score fell most against their snapshot of `thenDay` (or,
 * when the job missed that day, the latest of the week before it).
 */
export async function biggestFalls(
  db: Db | Tx,
  scope: Scope,
  thenDay: string,
  limit: number,
): Promise<AtRiskRow[]> {
  const result = await db.execute(sql`
    SELECT p.id AS partner_id, p.name, p.health_score AS score, before.score AS previous_score,
      latest.components
    FROM ${partners} p
    JOIN LATERAL (
      SELECT score FROM ${healthSnapshots} s
      WHERE s.workspace_id = p.workspace_id AND s.partner_id = p.id
        AND s.day <= ${thenDay}::date AND s.day > ${daysBefore(thenDay, 7)}::date
      ORDER BY s.day DESC LIMIT 1
    ) before ON true
    JOIN LATERAL (
      SELECT components FROM ${healthSnapshots} s
      WHERE s.workspace_id = p.workspace_id AND s.partner_id = p.id
      ORDER BY s.day DESC LIMIT 1
    ) latest ON true
    WHERE ${visiblePartners(scope)} AND p.archived_at IS NULL
      AND p.health_score < before.score
    ORDER BY before.score - p.health_score DESC, p.id
    LIMIT ${limit}`);
  return rowsOf<AtRiskRow>(result);
}
