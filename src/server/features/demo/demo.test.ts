import { verify } from '@node-rs/argon2';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorkspace } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';
import { normalizeDomain } from '../../../domain/domains';
import type { WorkspaceId } from '../../../domain/ids';
import { systemScope } from '../../access/scope';
import { accounts, auditEvents, members, partnerDomains, users } from '../../db/schema';
import { AppError } from '../../http/errors';
import { newId } from '../../ids';
import { createApiKey } from '../api-keys/api-keys.service';
import { demoReader, now } from './demo.fixture';
import { newDemoPassword, type SeedDemoResult, seedDemo } from './demo.service';

/**
 * Two small loads: partners, contacts and members, the same each time; the library, plans and
 * plan templates of one load are in demo.plans.test.ts.
 */
let t: TestApp;
const demoCtx = () => ({ ...t.ctx, requestId: null });
const { emptyWorkspace, partnersOf, contactsOf } = demoReader(() => t);

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
  }, 360_000);
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
