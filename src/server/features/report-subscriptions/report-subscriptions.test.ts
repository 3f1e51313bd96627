import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { auditEvents, reportRecipients, reportSubscriptions, workspaces } from '../../db/schema';
import { createContact, createPlan, url } from './report-subscriptions.fixture';

/** Scheduling reports, one workspace's schedules, and a member who leaves them. */
let t: TestApp;
let world: World;
let planId = '';
let contactId = '';
let otherPartnerContactId = '';
let otherWorkspacePlanId = '';

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  // The workspace reads its clock in Berlin: deliveries are at 07:00 there.
  await t.database.db
    .update(workspaces)
    .set({ timeZone: 'Europe/Berlin' })
    .where(eq(workspaces.id, world.a.workspaceId));
  const key = world.a.members.manager.key;
  planId = await createPlan(t, key, world.a.partners[1]);
  contactId = await createContact(t, key, world.a.partners[1], 'Petra');
  otherPartnerContactId = await createContact(t, key, world.a.partners[0], 'Olga');
  otherWorkspacePlanId = await createPlan(t, world.b.members.manager.key, world.b.partners[1]);
});

afterAll(() => t.close());

const create = (key: string, payload: Record<string, unknown>) =>
  request(t.app, { method: 'POST', url, key, payload });

describe('scheduling a report', () => {
  it('schedules the portfolio report weekly for members, at 07:00 in the workspace zone', async () => {
    const res = await create(world.a.members.member.key, {
      kind: 'portfolio',
      filters: { type: ['reseller'] },
      cadence: 'weekly',
      weekday: 'monday',
      memberIds: [world.a.members.admin.memberId, world.a.members.viewer.memberId],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(res.headers.etag).toBe('"1"');
    expect(body).toMatchObject({
      kind: 'portfolio',
      title: 'Portfolio report',
      filters: { type: ['reseller'] },
      cadence: 'weekly',
      weekday: 'monday',
      dayOfMonth: null,
      status: 'active',
      // An API key made it: keys own nothing (a signed-in member would be its owner).
      ownerMemberId: null,
      lastSentAt: null,
    });
    const next = new Date(body.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getUTCDay()).toBe(1);
    // 07:00 in Berlin is 06:00 or 05:00 UTC.
    expect([5, 6]).toContain(next.getUTCHours());
    expect(body.recipients.map((r: { name: string }) => r.name)).toEqual(['A admin', 'A viewer']);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, body.id),
          eq(auditEvents.action, 'report_subscription.created'),
        ),
      );
    expect(events).toHaveLength(1);
  });

  it("schedules a plan's scorecard monthly for a member and a contact of its partner", async () => {
    // Signed in, the member who schedules it is its owner.
    const cookie = await signIn(t.app, world.a.members.member.email);
    const res = await request(t.app, {
      method: 'POST',
      url,
      cookie,
      payload: {
        kind: 'scorecard',
        planId,
        cadence: 'monthly',
        dayOfMonth: 28,
        memberIds: [world.a.members.admin.memberId],
        contactIds: [contactId],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.ownerMemberId).toBe(world.a.members.member.memberId);
    expect(body.title).toMatch(/^A Partner Two scorecard, FY\d{4}$/);
    expect(body.recipients).toMatchObject([
      { memberId: world.a.members.admin.memberId, name: 'A admin' },
      { contactId, name: 'Petra Contact', email: 'petra@partner.test' },
    ]);
    expect(new Date(body.nextRunAt).getUTCDate()).toBe(28);
  });

  it('refuses what is wrong with a 422 naming the field, changing nothing', async () => {
    const key = world.a.members.member.key;
    const scorecard = { kind: 'scorecard', planId, cadence: 'weekly', weekday: 'friday' };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...scorecard, contactIds: [otherPartnerContactId] }, 'contactIds.0', 'invalid_reference'],
      [
        { ...scorecard, memberIds: [world.b.members.admin.memberId] },
        'memberIds.0',
        'invalid_reference',
      ],
      [{ ...scorecard, planId: otherWorkspacePlanId }, 'planId', 'invalid_reference'],
      [{ kind: 'scorecard', cadence: 'weekly', weekday: 'friday' }, 'planId', 'required'],
      [{ kind: 'portfolio', cadence: 'monthly', dayOfMonth: 29 }, 'dayOfMonth', 'invalid_schedule'],
      [{ kind: 'portfolio', cadence: 'weekly' }, 'weekday', 'invalid_schedule'],
      [
        { kind: 'portfolio', cadence: 'weekly', weekday: 'friday', contactIds: [contactId] },
        'contactIds.0',
        'contact_not_allowed',
      ],
    ];
    for (const [payload, field, code] of cases) {
      const res = await expectDenied(t, 422, { method: 'POST', url, key, payload });
      expect(res.json().errors, JSON.stringify(payload)).toEqual([
        expect.objectContaining({ field, code }),
      ]);
    }
  });

  it('lets viewers read the schedules but not schedule, and partner users neither', async () => {
    const list = await request(t.app, { method: 'GET', url, key: world.a.members.viewer.key });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    await expectDenied(t, 403, {
      method: 'POST',
      url,
      key: world.a.members.viewer.key,
      payload: { kind: 'portfolio', cadence: 'weekly', weekday: 'friday' },
    });
    const user = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
    const cookie = await signIn(t.app, user.email);
    const denied = await request(t.app, { method: 'GET', url, cookie });
    expect([403, 404]).toContain(denied.statusCode);
    await expectDenied(t, denied.statusCode, {
      method: 'POST',
      url,
      cookie,
      payload: { kind: 'scorecard', planId, cadence: 'weekly', weekday: 'friday' },
    });
  });
});

describe('one workspace’s schedules', () => {
  let id = '';
  beforeAll(async () => {
    const list = await request(t.app, { method: 'GET', url, key: world.a.members.admin.key });
    id = list.json().items[1].id;
  });

  it('are 404 to another workspace, for every operation, changing nothing', async () => {
    const key = world.b.members.admin.key;
    const list = await request(t.app, { method: 'GET', url, key });
    expect(list.json().items).toEqual([]);
    await expectDenied(t, 404, { method: 'GET', url: `${url}/${id}`, key });
    await expectDenied(t, 404, {
      method: 'PATCH',
      url: `${url}/${id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { status: 'paused' },
    });
    await expectDenied(t, 404, { method: 'DELETE', url: `${url}/${id}`, key });
    await expectDenied(t, 404, { method: 'POST', url: `${url}/${id}/send-now`, key });
    await expectDenied(t, 404, {
      method: 'POST',
      url: `${url}/${id}/recipients`,
      key,
      payload: { memberId: world.b.members.member.memberId },
    });
  });

  it('pause, resume and change schedule under If-Match', async () => {
    const key = world.a.members.member.key;
    await expectDenied(t, 428, {
      method: 'PATCH',
      url: `${url}/${id}`,
      key,
      payload: { status: 'paused' },
    });
    await expectDenied(t, 412, {
      method: 'PATCH',
      url: `${url}/${id}`,
      key,
      headers: { 'if-match': '"9"' },
      payload: { status: 'paused' },
    });
    const paused = await request(t.app, {
      method: 'PATCH',
      url: `${url}/${id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { status: 'paused' },
    });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', nextRunAt: null, version: 2 });
    const weekly = await request(t.app, {
      method: 'PATCH',
      url: `${url}/${id}`,
      key,
      headers: { 'if-match': '"2"' },
      payload: { status: 'active', cadence: 'weekly', weekday: 'wednesday' },
    });
    expect(weekly.statusCode, weekly.body).toBe(200);
    expect(weekly.json()).toMatchObject({
      status: 'active',
      weekday: 'wednesday',
      dayOfMonth: null,
    });
    expect(new Date(weekly.json().nextRunAt).getUTCDay()).toBe(3);
    await expectDenied(t, 422, {
      method: 'PATCH',
      url: `${url}/${id}`,
      key,
      headers: { 'if-match': '"3"' },
      payload: { cadence: 'monthly', dayOfMonth: 31 },
    });
  });

  it('adds and removes recipients, refusing a contact of another partner and a repeat', async () => {
    const key = world.a.members.member.key;
    const res = await expectDenied(t, 422, {
      method: 'POST',
      url: `${url}/${id}/recipients`,
      key,
      payload: { contactId: otherPartnerContactId },
    });
    expect(res.json().errors[0]).toMatchObject({ field: 'contactId', code: 'invalid_reference' });
    await expectDenied(t, 409, {
      method: 'POST',
      url: `${url}/${id}/recipients`,
      key,
      payload: { contactId },
    });
    const added = await request(t.app, {
      method: 'POST',
      url: `${url}/${id}/recipients`,
      key,
      payload: { memberId: world.a.members.member.memberId },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      name: 'A member',
      email: 'member@a.test',
      unsubscribedAt: null,
    });
    const other = await request(t.app, {
      method: 'POST',
      url: `${url}/${id}/recipients`,
      key,
      payload: { memberId: world.a.members.manager.memberId },
    });
    expect(other.statusCode, other.body).toBe(201);
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `${url}/${id}/recipients/${other.json().id}`,
      key,
    });
    expect(removed.statusCode).toBe(204);
    const after = await request(t.app, { method: 'GET', url: `${url}/${id}`, key });
    expect(after.json().recipients.map((r: { name: string }) => r.name)).toEqual([
      'A admin',
      'Petra Contact',
      'A member',
    ]);
  });

  it('send now needs a mail server: 409 without SMTP_URL, nothing queued', async () => {
    const res = await expectDenied(t, 409, {
      method: 'POST',
      url: `${url}/${id}/send-now`,
      key: world.a.members.member.key,
    });
    expect(res.json().code).toBe('mail_not_configured');
  });

  it('an unknown unsubscribe token is a clear 404, without signing in', async () => {
    const res = await expectDenied(t, 404, {
      method: 'POST',
      url: '/api/v1/report-unsubscribe',
      payload: { token: `${world.a.workspaceId.replaceAll('-', '')}_${'x'.repeat(43)}` },
    });
    expect(res.json().code).toBe('unsubscribe_link_invalid');
    await expectDenied(t, 404, {
      method: 'POST',
      url: '/api/v1/report-unsubscribe',
      payload: { token: 'not-a-token' },
    });
  });
});

describe('a member who leaves', () => {
  it('takes their recipient rows with them, and their subscriptions lose their owner', async () => {
    const [before] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(reportRecipients)
      .where(eq(reportRecipients.memberId, world.a.members.member.memberId));
    expect(before?.n).toBeGreaterThan(0);
    const [owned] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(reportSubscriptions)
      .where(eq(reportSubscriptions.ownerMemberId, world.a.members.member.memberId));
    expect(owned?.n).toBe(1);
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${world.a.members.member.memberId}`,
      key: world.a.members.admin.key,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const list = await request(t.app, { method: 'GET', url, key: world.a.members.admin.key });
    expect(list.json().items.map((s: { ownerMemberId: string | null }) => s.ownerMemberId)).toEqual(
      [null, null],
    );
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'member.removed'));
    expect(JSON.stringify(events[0]?.after)).toContain('reportSubscriptionsReleased');
  });
});
