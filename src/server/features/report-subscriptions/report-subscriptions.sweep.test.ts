import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';
import { reportSubscriptions, workspaces } from '../../db/schema';
import { deliverReport, sweepDueReports } from './report-subscriptions.delivery';
import { createContact, createPlan, url } from './report-subscriptions.fixture';

/** The sweep that queues due reports, and a delivery that finds its plan gone. */
let t: TestApp;
let world: World;
const serviceCtx = () => ({ ...t.ctx, requestId: null });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  // The workspace reads its clock in Berlin: deliveries are at 07:00 there.
  await t.database.db
    .update(workspaces)
    .set({ timeZone: 'Europe/Berlin' })
    .where(eq(workspaces.id, world.a.workspaceId));
  const key = world.a.members.manager.key;
  const planId = await createPlan(t, key, world.a.partners[1]);
  const contactId = await createContact(t, key, world.a.partners[1], 'Petra');
  // A's two active schedules, and none of B's: the portfolio report an API key made, and the
  // plan's scorecard a signed-in member owns.
  const portfolio = await request(t.app, {
    method: 'POST',
    url,
    key: world.a.members.member.key,
    payload: {
      kind: 'portfolio',
      filters: { type: ['reseller'] },
      cadence: 'weekly',
      weekday: 'monday',
      memberIds: [world.a.members.admin.memberId, world.a.members.viewer.memberId],
    },
  });
  expect(portfolio.statusCode, portfolio.body).toBe(201);
  const scorecard = await request(t.app, {
    method: 'POST',
    url,
    cookie: await signIn(t.app, world.a.members.member.email),
    payload: {
      kind: 'scorecard',
      planId,
      cadence: 'weekly',
      weekday: 'wednesday',
      memberIds: [world.a.members.admin.memberId, world.a.members.member.memberId],
      contactIds: [contactId],
    },
  });
  expect(scorecard.statusCode, scorecard.body).toBe(201);
});

afterAll(() => t.close());

describe('the sweep', () => {
  it('queues each due subscription once and moves its next run past now', async () => {
    const now = new Date();
    await t.database.db
      .update(reportSubscriptions)
      .set({ nextRunAt: new Date(now.getTime() - 3 * 24 * 3600_000) })
      .where(eq(reportSubscriptions.status, 'active'));
    const count = async () =>
      Number(
        (
          (await t.database.sql("SELECT count(*) AS n FROM pgboss.job WHERE name = 'report.send'"))
            .rows[0] as { n: string }
        ).n,
      );
    const before = await count();
    const queued = await sweepDueReports(
      serviceCtx(),
      (tx, jobs) => t.ctx.jobs.enqueueMany(tx, 'report.send', jobs),
      now,
    );
    expect(queued).toBe(2);
    expect((await count()) - before).toBe(2);
    const rows = await t.database.db.select().from(reportSubscriptions);
    for (const row of rows) expect(row.nextRunAt?.getTime()).toBeGreaterThan(now.getTime());
    // Run again (a second process, a retry): nothing more is due.
    const snapshot = await databaseSnapshot(t.database);
    expect(
      await sweepDueReports(
        serviceCtx(),
        (tx, jobs) => t.ctx.jobs.enqueueMany(tx, 'report.send', jobs),
        now,
      ),
    ).toBe(0);
    expect(await databaseSnapshot(t.database)).toBe(snapshot);
  });

  it('pauses a scorecard whose plan is gone, sending nothing', async () => {
    const [row] = await t.database.db
      .select()
      .from(reportSubscriptions)
      .where(eq(reportSubscriptions.kind, 'scorecard'));
    if (!row) throw new Error('no scorecard subscription');
    // The plan is gone: the subscription points at a plan no one has.
    await t.database.sql(
      `UPDATE report_subscriptions SET plan_id = '0190d6a0-0000-7000-8000-000000000000' WHERE id = $1`,
      [row.id],
    );
    const result = await deliverReport(
      serviceCtx(),
      null,
      { workspaceId: row.workspaceId, subscriptionId: row.id, sentNow: false },
      'job-1',
    );
    expect(result.outcome).toBe('paused');
    const [after] = await t.database.db
      .select()
      .from(reportSubscriptions)
      .where(eq(reportSubscriptions.id, row.id));
    expect(after).toMatchObject({ status: 'paused', nextRunAt: null, version: row.version + 1 });
  });
});
