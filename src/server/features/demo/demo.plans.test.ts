import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import type { WorkspaceId } from '../../../domain/ids';
import { kpiDefinitionProblems } from '../../../domain/kpis';
import { partnerTypes } from '../../../domain/partners';
import { PlanTemplateCreate } from '../../../domain/plan-templates';
import { systemScope } from '../../access/scope';
import { planTemplates } from '../../db/schema';
import { previewTemplate } from '../clauses/templates.preview';
import { listTemplates } from '../clauses/templates.service';
import { demoReader, now } from './demo.fixture';
import { type SeedDemoResult, seedDemo } from './demo.service';

/** One small load's clause library, plans with KPIs and values, and plan templates. */
let t: TestApp;
const demoCtx = () => ({ ...t.ctx, requestId: null });
const { emptyWorkspace, partnersOf } = demoReader(() => t);

describe('demo plans and library', () => {
  let first: WorkspaceId;
  let seeded: SeedDemoResult;

  beforeAll(async () => {
    t = await createTestApp();
    first = await emptyWorkspace('Demo one');
    seeded = await seedDemo(demoCtx(), { workspaceId: first, size: 'small', now });
  }, 180_000);
  afterAll(() => t.close());

  it('writes a clause library whose templates fill for a partner without a blank', async () => {
    const scope = systemScope(first, 'cli');
    const library = await listTemplates(demoCtx(), scope, { archived: 'false', limit: 50 });
    expect(library.items.map((x) => [x.name, x.clauses.length])).toEqual([
      ['Data processing agreement', 4],
      ['Mutual NDA', 4],
      ['Reseller agreement', 5],
    ]);
    const [partner] = await partnersOf(first);
    for (const template of library.items) {
      const filled = await previewTemplate(demoCtx(), scope, template.id, {
        partnerId: partner?.id ?? '',
        effectiveDate: '2026-07-01',
        endDate: '2027-06-30',
        noticePeriodDays: 90,
        renewalTermMonths: 12,
        value: { amount: 12_000_000, currency: 'EUR' },
        governingLaw: 'England and Wales',
      });
      expect(filled.text).toContain(partner?.name);
      expect(filled.text).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('writes plans in every status, with KPIs and their values inside each plan’s year', async () => {
    const plans = await t.database.sql(
      `SELECT p.period, p.status, count(*)::int AS n,
         count(*) FILTER (WHERE v.agreed_by <> '' AND v.agreed_on <> '')::int AS agreed
       FROM plans p LEFT JOIN plan_versions v ON v.workspace_id = p.workspace_id
         AND v.plan_id = p.id AND v.number = 1
       WHERE p.workspace_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [first],
    );
    const rows = plans.rows as Array<{ period: string; status: string; n: number; agreed: number }>;
    // The demo's now is 1 June 2026: last fiscal year's plans are closed, this year's in all the others.
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['draft', 'proposed', 'agreed', 'active', 'closed']),
    );
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set(['FY2025', 'FY2026']));
    for (const r of rows)
      expect(r.agreed).toBe(['agreed', 'active', 'closed'].includes(r.status) ? r.n : 0);
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(seeded.plans);
    expect(seeded.plans).toBeGreaterThan(50);

    const kpis = await t.database.sql(
      `SELECT p.status AS plan, k.unit, k.status, k.progress_on::text AS day,
         (SELECT count(*) FROM kpis o WHERE o.workspace_id = k.workspace_id
           AND o.plan_id = k.plan_id)::int AS siblings
       FROM kpis k JOIN plans p ON p.workspace_id = k.workspace_id AND p.id = k.plan_id
       WHERE k.workspace_id = $1`,
      [first],
    );
    const kpiRows = kpis.rows as Array<{
      plan: string;
      unit: string;
      status: string | null;
      day: string;
      siblings: number;
    }>;
    expect(kpiRows).toHaveLength(seeded.kpis);
    expect(new Set(kpiRows.map((k) => k.unit))).toEqual(
      new Set(['currency', 'count', 'percent', 'duration']),
    );
    for (const k of kpiRows) expect(k.siblings).toBeGreaterThanOrEqual(2);
    for (const k of kpiRows) expect(k.siblings).toBeLessThanOrEqual(5);
    // Progress is for the demo's day, and the active plans tell a story: mostly on track.
    const open = kpiRows.filter((k) => k.plan === 'active');
    for (const k of open) expect(k.day).toBe('2026-06-01');
    const share = (status: string) => open.filter((k) => k.status === status).length / open.length;
    expect(share('on_track')).toBeGreaterThan(0.5);
    expect(share('at_risk')).toBeGreaterThan(0.05);
    expect(share('off_track')).toBeGreaterThan(0.02);
    expect(share('off_track')).toBeLessThan(share('on_track'));

    // Values only in the plan's year and before the demo's day: FY2025 whole, FY2026 to May.
    const values = await t.database.sql(
      `SELECT p.period AS plan, m.period, count(*)::int AS n
       FROM kpi_measurements m
       JOIN kpis k ON k.workspace_id = m.workspace_id AND k.id = m.kpi_id
       JOIN plans p ON p.workspace_id = k.workspace_id AND p.id = k.plan_id
       WHERE m.workspace_id = $1 GROUP BY 1, 2`,
      [first],
    );
    const measured = values.rows as Array<{ plan: string; period: string; n: number }>;
    for (const v of measured) expect(v.period.startsWith(`${v.plan}-`)).toBe(true);
    const months = new Set(measured.map((v) => v.period).filter((p) => p.includes('-M')));
    expect(months.size).toBe(17);
    expect(months.has('FY2026-M05')).toBe(true);
    expect(months.has('FY2026-M06')).toBe(false);
    expect(measured.reduce((n, v) => n + v.n, 0)).toBe(seeded.measurements);
  });

  it('adds one default plan template per partner type, each one the API would take', async () => {
    const rows = await t.database.db
      .select()
      .from(planTemplates)
      .where(eq(planTemplates.workspaceId, first));
    expect(rows.map((row) => row.partnerType).sort()).toEqual([...partnerTypes].sort());
    for (const row of rows) {
      expect(row.isDefault).toBe(true);
      const parsed = PlanTemplateCreate.safeParse({
        name: row.name,
        partnerType: row.partnerType,
        summary: row.summary,
        objectives: row.objectives,
        kpis: row.kpis,
      });
      expect(parsed.success, row.name).toBe(true);
      for (const kpi of row.kpis) expect(kpiDefinitionProblems(kpi), kpi.name).toEqual([]);
    }
  });
});
