import { parse } from 'csv-parse/sync';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededWorkspace, seedPartnerUser, signIn } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import type { WorkspaceId } from '../../../domain/ids';
import { defaultFiscalSettings, formatPeriod, periodAt } from '../../../domain/periods';
import { systemScope } from '../../access/scope';
import {
  kpiMeasurements,
  kpis,
  plans,
  planVersions,
  timelineEntries,
  workspaces,
} from '../../db/schema';
import { newId } from '../../ids';
import { createApiKey } from '../api-keys/api-keys.service';
import { bulkPlanCounts, monthsSoFar } from './demo.plans.bulk';
import { type SeedDemoResult, seedDemo } from './demo.service';

/**
 * The large set's plans at a two-hundredth of its size (50 partners), written by the same
 * set-based statements as the full set, for the real clock's day: the dashboard reads the
 * workspace's current fiscal year.
 */
const scale = 0.005;
let t: TestApp;
const now = new Date();
const db = () => t.database.db;

async function emptyWorkspace(name: string): Promise<WorkspaceId> {
  const id = newId<WorkspaceId>();
  await db().insert(workspaces).values({ id, name });
  return id;
}

async function viewerKey(workspaceId: WorkspaceId) {
  const ctx = { ...t.ctx, requestId: null };
  return (
    await createApiKey(ctx, systemScope(workspaceId, 'cli'), { name: 'test', role: 'viewer' })
  ).key;
}

const plansOf = (workspaceId: string) =>
  db().select().from(plans).where(eq(plans.workspaceId, workspaceId)).orderBy(asc(plans.id));

describe('the large demo set’s plans, scaled down', () => {
  let first: WorkspaceId;
  let second: WorkspaceId;
  let seeded: SeedDemoResult;
  let key: string;
  const thisYear = formatPeriod(periodAt(now.getTime(), 'year', defaultFiscalSettings));

  beforeAll(async () => {
    t = await createTestApp();
    first = await emptyWorkspace('Large one');
    second = await emptyWorkspace('Large two');
    const ctx = { ...t.ctx, requestId: null };
    seeded = await seedDemo(ctx, { workspaceId: first, size: 'large', scale, now });
    await seedDemo(ctx, { workspaceId: second, size: 'large', scale, now });
    key = await viewerKey(first);
  }, 240_000);
  afterAll(() => t.close());

  it('gives each partner last year’s closed plan and this year’s active one, five KPIs each, a value a month so far', async () => {
    const expected = bulkPlanCounts(50, defaultFiscalSettings, now);
    const months = monthsSoFar(defaultFiscalSettings, now).months.length;
    expect(months).toBeGreaterThanOrEqual(13);
    expect(months).toBeLessThanOrEqual(24);
    expect(expected).toEqual({ plans: 100, kpis: 500, measurements: 250 * months });
    expect(seeded).toMatchObject(expected);
    const rows = await plansOf(first);
    expect(rows).toHaveLength(100);
    expect(rows.filter((p) => p.status === 'active' && p.period === thisYear)).toHaveLength(50);
    expect(rows.filter((p) => p.status === 'closed' && p.period !== thisYear)).toHaveLength(50);
    const [kpiCount] = await db()
      .select({ n: count() })
      .from(kpis)
      .where(eq(kpis.workspaceId, first));
    expect(kpiCount?.n).toBe(500);
    const [values] = await db()
      .select({ n: count() })
      .from(kpiMeasurements)
      .where(eq(kpiMeasurements.workspaceId, first));
    expect(values?.n).toBe(expected.measurements);
    // Every plan was agreed (one kept version) and shows on its partner's timeline.
    const [versions] = await db()
      .select({ n: count() })
      .from(planVersions)
      .where(eq(planVersions.workspaceId, first));
    expect(versions?.n).toBe(100);
    const [entries] = await db()
      .select({ n: count() })
      .from(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, first), eq(timelineEntries.kind, 'plan')));
    expect(entries?.n).toBe(150);
  });

  it('computes every KPI’s progress, with partners on track, at risk and off track', async () => {
    const rows = (
      await t.database.sql(
        `SELECT p.status AS plan, k.status, count(*)::int AS n,
           count(*) FILTER (WHERE k.progress_on IS NULL OR k.attainment IS NULL)::int AS missing
         FROM kpis k JOIN plans p ON p.workspace_id = k.workspace_id AND p.id = k.plan_id
         WHERE k.workspace_id = $1 GROUP BY 1, 2`,
        [first],
      )
    ).rows as Array<{ plan: string; status: string | null; n: number; missing: number }>;
    expect(rows.reduce((n, r) => n + r.missing, 0)).toBe(0);
    const active = new Map(rows.filter((r) => r.plan === 'active').map((r) => [r.status, r.n]));
    expect(active.get('on_track') ?? 0).toBeGreaterThan(100);
    expect(active.get('at_risk') ?? 0).toBeGreaterThan(0);
    expect(active.get('off_track') ?? 0).toBeGreaterThan(0);
  });

  it('writes the same plans and values every time, in its own workspace only', async () => {
    const valuesOf = async (workspaceId: string) =>
      (
        await t.database.sql(
          `SELECT pa.name, k.name AS kpi, m.period, m.value
           FROM kpi_measurements m
           JOIN kpis k ON k.workspace_id = m.workspace_id AND k.id = m.kpi_id
           JOIN plans p ON p.workspace_id = k.workspace_id AND p.id = k.plan_id
           JOIN partners pa ON pa.workspace_id = p.workspace_id AND pa.id = p.partner_id
           WHERE m.workspace_id = $1 ORDER BY 1, 2, 3`,
          [workspaceId],
        )
      ).rows;
    const mine = await valuesOf(first);
    expect(mine.length).toBeGreaterThan(0);
    expect(await valuesOf(second)).toEqual(mine);
    const ids = new Set((await plansOf(first)).map((p) => p.id));
    for (const p of await plansOf(second)) expect(ids.has(p.id)).toBe(false);
  });

  it('serves a plan page, the dashboard and the export on the loaded data', async () => {
    const active = (await plansOf(first)).find((p) => p.status === 'active');
    const plan = await request(t.app, { method: 'GET', url: `/api/v1/plans/${active?.id}`, key });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json()).toMatchObject({ status: 'active', period: thisYear });
    const list = await request(t.app, {
      method: 'GET',
      url: `/api/v1/plans/${active?.id}/kpis`,
      key,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items ?? list.json()).toHaveLength(5);

    const dashboard = await request(t.app, {
      method: 'GET',
      url: '/api/v1/dashboard/portfolio',
      key,
    });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    // Every partner's plan of this year is active, with five KPIs.
    expect(dashboard.json().kpis.count).toBe(250);
    expect(dashboard.json().plans.byStatus).toContainEqual(
      expect.objectContaining({ status: 'active', count: 50 }),
    );

    const exported = await request(t.app, {
      method: 'GET',
      url: '/api/v1/measurements/export',
      key,
    });
    expect(exported.statusCode).toBe(200);
    const rows = parse(exported.rawPayload, { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toHaveLength(seeded.measurements);
    const names = new Set(
      (
        await db().select({ id: plans.partnerId }).from(plans).where(eq(plans.workspaceId, first))
      ).map((p) => p.id),
    );
    for (const row of rows) expect(names.has(row['Partner ID'] ?? '')).toBe(true);
  });

  it('keeps the plans from another workspace’s key and from the partner’s own users, changing nothing', async () => {
    const [theirs] = await db()
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.workspaceId, second), sql`status = 'active'`))
      .limit(1);
    await expectDenied(t, 404, { method: 'GET', url: `/api/v1/plans/${theirs?.id}`, key });
    await expectDenied(t, 404, { method: 'GET', url: `/api/v1/plans/${theirs?.id}/kpis`, key });
    // A partner's own user sees none of its plans (decision 040): a plan is as if absent.
    const [mine] = await plansOf(first);
    const user = await seedPartnerUser(
      t.database,
      { workspaceId: first } as SeededWorkspace,
      mine?.partnerId as SeededWorkspace['partners'][0],
      'partner_admin',
    );
    const cookie = await signIn(t.app, user.email);
    await expectDenied(t, 404, { method: 'GET', url: `/api/v1/plans/${mine?.id}`, cookie });
    await expectDenied(t, 403, { method: 'GET', url: '/api/v1/measurements/export', cookie });
  }, 300_000);
});
