import {
  type AtRiskLists,
  type AtRiskPartner,
  HEALTH_FALLING_DAYS,
  HEALTH_TREND_DAYS,
  type PartnerHealth,
  weakestComponent,
} from '../../../domain/health';
import type { HealthInputs } from '../../../domain/health-score';
import { healthScore } from '../../../domain/health-score';
import type { WorkspaceId } from '../../../domain/ids';
import { dateAt } from '../../../domain/periods';
import { type Scope, systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/client';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { partnerRef } from '../partners/partners.service';
import { workspaceToday } from '../workspaces/workspace-day';
import { healthSettingsOf } from '../workspaces/workspaces.service';
import {
  type AtRiskRow,
  biggestFalls,
  daysBefore,
  type HealthInputRow,
  healthInputs,
  lowestScores,
  trendOf,
  workspacesDue,
  writeSnapshots,
} from './health.queries';

function inputsOf(row: HealthInputRow): HealthInputs {
  return {
    daysSinceLastInteraction: row.days_since,
    cadenceDays: row.cadence_days,
    interactionsLast90: row.last90,
    interactionsPrevious90: row.previous90,
    sentiment: { positive: row.positive, neutral: row.neutral, negative: row.negative },
    openIssues: row.open_issues,
    tasks: { onTime: row.on_time, late: row.late, overdue: row.overdue },
  };
}

/**
 * Snapshots every active partner of one workspace for its date at `now` (in its time zone, as due
 * dates are judged: decision 070): one aggregate query
 * gathers every partner's inputs, the pure function scores them in memory, one statement writes
 * the snapshots and the partners' latest scores. Running it again the same day overwrites.
 */
export async function snapshotWorkspace(
  database: Database,
  workspaceId: string,
  now: Date,
): Promise<number> {
  const db = database.db;
  const scope = systemScope(workspaceId as WorkspaceId, 'job:health.snapshot');
  const { weights, timeZone } = await healthSettingsOf(db, workspaceId);
  const rows = await healthInputs(db, scope, now, { activeOnly: true });
  const scored = rows.map((row) => {
    const { score, components } = healthScore(inputsOf(row), weights);
    return { partnerId: row.partner_id, score, components };
  });
  await writeSnapshots(db, scope, dateAt(now.getTime(), timeZone), scored);
  return scored.length;
}

/**
 * The hourly schedule's work: every workspace without a snapshot of its date at `now` gets them.
 * Hourly, so a day missed while no process ran is taken within the hour after one starts, and each
 * workspace's new day within the hour after its midnight.
 */
export async function snapshotDueWorkspaces(database: Database, now: Date): Promise<number> {
  let partners = 0;
  for (const workspaceId of await workspacesDue(database.db, now)) {
    partners += await snapshotWorkspace(database, workspaceId, now);
  }
  return partners;
}

/** The partner's score computed now, with each component's reason, and its daily trend. */
export async function partnerHealth(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string,
  now = new Date(),
): Promise<PartnerHealth> {
  const db = dbOf(ctx);
  if (!(await partnerRef(db, scope, partnerId))) throw errors.notFound('partner');
  const { weights, timeZone } = await healthSettingsOf(db, scope.workspaceId);
  const [row] = await healthInputs(db, scope, now, { partnerId });
  if (!row) throw errors.notFound('partner');
  const { score, components } = healthScore(inputsOf(row), weights);
  const today = dateAt(now.getTime(), timeZone);
  const trend = await trendOf(db, scope, partnerId, daysBefore(today, HEALTH_TREND_DAYS - 1));
  return { partnerId, score, components, weights, computedAt: now.toISOString(), trend };
}

function atRiskOf(row: AtRiskRow): AtRiskPartner | [] {
  const weakest = weakestComponent(row.components);
  if (!weakest) return [];
  return {
    partnerId: row.partner_id,
    name: row.name,
    score: row.score,
    previousScore: row.previous_score,
    weakest,
  };
}

/** The lowest latest scores and the biggest falls against 30 days ago, each with its reason. */
export async function atRisk(
  ctx: ServiceContext,
  scope: Scope,
  limit: number,
  now = new Date(),
): Promise<AtRiskLists> {
  const db = dbOf(ctx);
  const then = daysBefore(await workspaceToday(db, scope.workspaceId, now), HEALTH_FALLING_DAYS);
  return {
    lowest: (await lowestScores(db, scope, limit)).flatMap(atRiskOf),
    falling: (await biggestFalls(db, scope, then, limit)).flatMap(atRiskOf),
  };
}
