import { verify } from '@node-rs/argon2';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorkspace } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';
import { normalizeDomain } from '../../../domain/domains';
import type { WorkspaceId } from '../../../domain/ids';
import { kpiDefinitionProblems } from '../../../domain/kpis';
import { partnerTypes } from '../../../domain/partners';
import { PlanTemplateCreate } from '../../../domain/plan-templates';
import { systemScope } from '../../access/scope';
import {
  accounts,
  auditEvents,
  contacts,
  members,
  partnerDomains,
  partners,
  planTemplates,
  users,
  workspaces,
} from '../../db/schema';
import { AppError } from '../../http/errors';
import { newId } from '../../ids';
import { createApiKey } from '../api-keys/api-keys.service';
import { previewTemplate } from '../clauses/templates.preview';
import { listTemplates } from '../clauses/templates.service';
import { newDemoPassword, type SeedDemoResult, seedDemo } from './demo.service';

let t: TestApp;
const now = new Date('2026-06-01T12:00:00Z');
const demoCtx = () => ({ ...t.ctx, requestId: null });

async function emptyWorkspace(name: string): Promise<WorkspaceId> {
  const id = newId<WorkspaceId>();
  await t.database.db.insert(workspaces).values({ id, name });
  return id;
}

async function partnersOf(workspaceId: WorkspaceId) {
  return t.database.db
    .select()
    .from(partners)
    .where(eq(partners.workspaceId, workspaceId))
    .orderBy(asc(partners.id));
}

async function contactsOf(workspaceId: WorkspaceId) {
  return t.database.db
    .select()
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(asc(contacts.id));
}

describe('demo data', () => {
  let first: WorkspaceId;
  let second: WorkspaceId;
  let seeded: SeedDemoResult;
  let secondLoad: SeedDemoResult;
  const progress: Array<[number, number]> = [];

  beforeAll(async () => {
    t = await createTestApp();
    first = await emptyWorkspace('Demo one');
    second = await emptyWorkspace('Demo two');
    seeded = await seedDemo(demoCtx(), {
      workspaceId: first,
      size: 'small',
      now,
      onProgress: (done, total) => progress.push([done, total]),
    });
    secondLoad = await seedDemo(demoCtx(), {
      workspaceId: second,
      size: 'small',
      now,
      password: 'chosen by the loader',
    });
  }, 180_000);
  afterAll(() => t.close());

  it('writes the same partners and contacts every time', async () => {
    const [a, b] = [await partnersOf(first), await partnersOf(second)];
    const shape = (p: (typeof a)[number]) => [
      p.name,
      p.domains,
      p.type,
      p.tier,
      p.stage,
      p.country,
      p.size,
      p.industry,
      p.tags,
      p.createdAt.toISOString(),
    ];
    expect(a.map(shape)).toEqual(b.map(shape));
    const person = (c: Awaited<ReturnType<typeof contactsOf>>[number]) => [
      c.firstName,
      c.lastName,
      c.email,
      c.title,
      c.role,
    ];
    expect((await contactsOf(first)).map(person)).toEqual((await contactsOf(second)).map(person));
    // Not a constant: the data set has variety.
    expect(new Set(a.map((p) => p.type)).size).toBeGreaterThan(4);
    expect(new Set(a.map((p) => p.stage)).size).toBeGreaterThan(3);
  });

  it('writes the counts of the small size', async () => {
    expect(seeded.partners).toBe(50);
    expect(seeded.contacts).toBe(300);
    expect(await partnersOf(first)).toHaveLength(50);
    expect(await contactsOf(first)).toHaveLength(300);
    const team = await t.database.db
      .select({ role: members.role })
      .from(members)
      .where(eq(members.workspaceId, first));
    expect(team.map((m) => m.role).sort()).toEqual(
      ['admin', 'manager', 'member', 'member', 'viewer'].sort(),
    );
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(progress.every(([done], i) => i === 0 || done > (progress[i - 1]?.[0] ?? 0))).toBe(true);
  });

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

  it('writes the same plans and values every time, each load in its own workspace', async () => {
    const shape = async (workspaceId: WorkspaceId) =>
      (
        await t.database.sql(
          `SELECT pa.name, p.period, p.status, k.name AS kpi, k.target::text,
             string_agg(m.period || '=' || m.value, ',' ORDER BY m.period) AS vals
           FROM plans p JOIN partners pa ON pa.workspace_id = p.workspace_id AND pa.id = p.partner_id
           JOIN kpis k ON k.workspace_id = p.workspace_id AND k.plan_id = p.id
           LEFT JOIN kpi_measurements m ON m.workspace_id = k.workspace_id AND m.kpi_id = k.id
           WHERE p.workspace_id = $1 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 4`,
          [workspaceId],
        )
      ).rows;
    const a = await shape(first);
    expect(a.length).toBe(seeded.kpis);
    expect(await shape(second)).toEqual(a);
    // Every plan, KPI and value row points within its own workspace.
    const stray = await t.database.sql(
      `SELECT (SELECT count(*) FROM plans p JOIN partners pa ON pa.id = p.partner_id
           AND pa.workspace_id <> p.workspace_id)::int
         + (SELECT count(*) FROM kpis k JOIN plans p ON p.id = k.plan_id
           AND p.workspace_id <> k.workspace_id)::int AS n`,
    );
    expect(stray.rows[0]).toEqual({ n: 0 });
    const audits = await t.database.sql(
      `SELECT action, count(*)::int AS n FROM audit_events
       WHERE workspace_id = $1 AND entity_type IN ('plan', 'kpi') GROUP BY 1`,
      [first],
    );
    const byAction = Object.fromEntries(
      (audits.rows as Array<{ action: string; n: number }>).map((r) => [r.action, r.n]),
    );
    expect(byAction['plan.created']).toBe(seeded.plans);
    expect(byAction['kpi.created']).toBe(seeded.kpis);
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

  it('gives every partner unique, normalized domains, mirrored in partner_domains', async () => {
    const rows = await partnersOf(first);
    const all = rows.flatMap((p) => p.domains);
    expect(all.length).toBeGreaterThanOrEqual(50);
    expect(new Set(all).size).toBe(all.length);
    for (const domain of all) expect(normalizeDomain(domain)).toBe(domain);
    const mirrored = await t.database.db
      .select()
      .from(partnerDomains)
      .where(eq(partnerDomains.workspaceId, first));
    expect(mirrored.map((d) => `${d.partnerId} ${d.domain}`).sort()).toEqual(
      rows.flatMap((p) => p.domains.map((d) => `${p.id} ${d}`)).sort(),
    );
    for (const p of rows) expect(p.searchText).toContain(p.name.toLowerCase());
  });

  it('puts contacts at partners of the same workspace, with emails at their domain', async () => {
    const byId = new Map((await partnersOf(first)).map((p) => [p.id, p]));
    const people = await contactsOf(first);
    for (const c of people) {
      const partner = byId.get(c.partnerId);
      expect(partner?.workspaceId).toBe(first);
      expect(c.email?.endsWith(`@${partner?.domains[0]}`)).toBe(true);
    }
    expect(new Set(people.map((c) => c.partnerId)).size).toBe(50);
  });

  it('gives partners owners among the workspace members who can edit', async () => {
    const editors = new Set<string>(
      seeded.members.filter((m) => m.role !== 'viewer').map((m) => m.memberId),
    );
    const owners = (await partnersOf(first)).map((p) => p.ownerId).filter((o) => o !== null);
    expect(owners.length).toBeGreaterThan(25);
    for (const owner of owners) expect(editors.has(owner)).toBe(true);
  });

  it('records one system audit event per partner', async () => {
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, first), eq(auditEvents.entityType, 'partner')));
    expect(events).toHaveLength(50);
    for (const e of events) {
      expect(e).toMatchObject({ action: 'partner.created', actorType: 'system', actorId: null });
      expect(e.partnerId).toBe(e.entityId);
    }
    // The event records the partner as the API shows it, like the partners service's own events.
    const { key } = await createApiKey({ ...t.ctx, requestId: null }, systemScope(first, 'cli'), {
      name: 'reader',
      role: 'viewer',
    });
    const sample = events[7];
    const res = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${sample?.entityId}`,
      key,
    });
    expect(res.statusCode).toBe(200);
    // Bar what the interactions loaded after it derive: the touches, the effective cadence and
    // the health score of the day's snapshot.
    const { cadenceDays: _cadence, lastTouchAt, nextTouchDue, healthScore, ...record } = res.json();
    expect(sample?.after).toEqual({
      ...record,
      lastTouchAt: null,
      nextTouchDue: null,
      healthScore: null,
    });
    expect(healthScore).toEqual(expect.any(Number));
    expect(lastTouchAt === null).toBe(nextTouchDue === null);
    // The loaded interactions gave every partner its last touch, as logging them would.
    const touches = await t.database.sql(
      `SELECT count(*) FILTER (WHERE p.last_touch_at IS NOT NULL)::int AS touched,
         count(*) FILTER (WHERE p.last_touch_at IS DISTINCT FROM (SELECT max(i.occurred_at)
           FROM interactions i WHERE i.workspace_id = p.workspace_id AND i.partner_id = p.id
             AND i.occurred_at <= now()))::int AS wrong
       FROM partners p WHERE p.workspace_id = $1`,
      [first],
    );
    expect(touches.rows[0]).toMatchObject({ wrong: 0 });
    expect((touches.rows[0] as { touched: number }).touched).toBeGreaterThan(0);
  });

  it('lets demo members sign in with the password made for their load, another for each load', async () => {
    const admin = seeded.members.find((m) => m.role === 'admin');
    expect(admin?.email).toBe('alex.morgan@example.com');
    const [account] = await t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, admin?.userId ?? ''));
    expect(account).toMatchObject({ providerId: 'credential', accountId: admin?.userId });
    expect(seeded.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await verify(account?.password ?? '', seeded.password)).toBe(true);
    // A password chosen for a load is the one its members get.
    expect(secondLoad.password).toBe('chosen by the loader');
    const secondAdmin = secondLoad.members.find((m) => m.role === 'admin');
    const [secondAccount] = await t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, secondAdmin?.userId ?? ''));
    expect(await verify(secondAccount?.password ?? '', 'chosen by the loader')).toBe(true);
    expect(newDemoPassword()).not.toBe(newDemoPassword());
    // A user belongs to one workspace: the second load tagged its addresses.
    const emails = await t.database.db.select({ email: users.email }).from(users);
    expect(emails.filter((u) => u.email.startsWith('alex.morgan'))).toHaveLength(2);
  });

  it('refuses a second load into the same workspace and changes nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const error = await seedDemo(demoCtx(), { workspaceId: first, size: 'small' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 409, code: 'workspace_not_empty' });
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('refuses a workspace that already has partners, and an unknown workspace', async () => {
    const used = await seedWorkspace(t.database, 'C');
    const before = await databaseSnapshot(t.database);
    await expect(
      seedDemo(demoCtx(), { workspaceId: used.workspaceId, size: 'small' }),
    ).rejects.toMatchObject({ code: 'workspace_not_empty' });
    await expect(
      seedDemo(demoCtx(), { workspaceId: newId<WorkspaceId>(), size: 'small' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});
