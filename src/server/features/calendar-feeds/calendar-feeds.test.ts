import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';

let t: TestApp;
let world: World;
let cookie: string;
let otherCookie: string;

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

/** An interaction at a partner of workspace A with the given members taking part. */
async function logInteraction(body: Record<string, unknown>) {
  const res = await send({
    method: 'POST',
    url: '/api/v1/interactions',
    key: world.a.members.admin.key,
    payload: { partnerId: world.a.partners[0], occurredAt: new Date().toISOString(), ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function makeFeed(withCookie: string): Promise<string> {
  const res = await send({ method: 'POST', url: '/api/v1/me/calendar-feed', cookie: withCookie });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers['cache-control']).toBe('no-store');
  return new URL(res.json().url).pathname;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  cookie = await signIn(t.app, world.a.members.member.email);
  otherCookie = await signIn(t.app, world.a.members.manager.email);
  const me = world.a.members.member.memberId;
  await logInteraction({
    kind: 'meeting',
    durationMinutes: 45,
    memberIds: [me],
    // A summary that tries to start a property of its own.
    summary: 'Quarterly review\r\nATTENDEE:mailto:evil@example.com\nEND:VEVENT',
  });
  await logInteraction({ kind: 'note', memberIds: [me], summary: 'A note is not a meeting' });
  const task = await send({
    method: 'POST',
    url: '/api/v1/tasks',
    key: world.a.members.admin.key,
    payload: {
      title: 'Send the renewal draft, v2; DTSTART:19700101',
      assigneeId: me,
      dueDate: '2027-01-15',
    },
  });
  expect(task.statusCode, task.body).toBe(201);
  await logInteraction({
    kind: 'call',
    memberIds: [world.a.members.manager.memberId],
    summary: 'Someone else’s call',
  });
});
afterAll(() => t.close());

describe('calendar feeds', () => {
  it('gives a member a secret URL with their meetings, calls and events only', async () => {
    const status = await send({ method: 'GET', url: '/api/v1/me/calendar-feed', cookie });
    expect(status.json()).toEqual({ active: false, createdAt: null });

    const path = await makeFeed(cookie);
    expect(path).toMatch(/^\/api\/v1\/calendar\/[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(
      (await send({ method: 'GET', url: '/api/v1/me/calendar-feed', cookie })).json().active,
    ).toBe(true);

    const feed = await send({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const lines = feed.body.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    // The task's due day, as a date that no time zone can shift.
    expect(lines).toContain('DTSTART;VALUE=DATE:20270115');
    // Commas and semicolons in a title are escaped text, not separators.
    expect(lines).toContain('SUMMARY:Due: Send the renewal draft\\, v2\\; DTSTART:19700101');
    expect(feed.body).toContain('SUMMARY:Meeting with ');
    expect(feed.body).not.toContain('A note is not a meeting');
    expect(feed.body).not.toContain('Someone else');
    // The user's text stays inside its own property, escaped.
    expect(lines.some((line) => line.startsWith('ATTENDEE'))).toBe(false);
    expect(lines.filter((line) => line === 'END:VEVENT')).toHaveLength(2);
  });

  it('replaces the old URL with a new one, and revoking ends it at once', async () => {
    const first = await makeFeed(otherCookie);
    const second = await makeFeed(otherCookie);
    await denied(404, { method: 'GET', url: first });
    expect((await send({ method: 'GET', url: second })).statusCode).toBe(200);

    const revoked = await send({
      method: 'DELETE',
      url: '/api/v1/me/calendar-feed',
      cookie: otherCookie,
    });
    expect(revoked.statusCode).toBe(204);
    await denied(404, { method: 'GET', url: second });
    await denied(404, { method: 'DELETE', url: '/api/v1/me/calendar-feed', cookie: otherCookie });
  });

  it('belongs to a signed-in member: keys, partner users and strangers get nothing', async () => {
    await denied(403, {
      method: 'POST',
      url: '/api/v1/me/calendar-feed',
      key: world.a.members.admin.key,
    });
    await denied(401, { method: 'POST', url: '/api/v1/me/calendar-feed' });
    const partnerUser = await seedPartnerUser(
      t.database,
      world.a,
      world.a.partners[0],
      'partner_admin',
    );
    const partnerCookie = await signIn(t.app, partnerUser.email);
    await denied(403, { method: 'POST', url: '/api/v1/me/calendar-feed', cookie: partnerCookie });
    await denied(400, { method: 'GET', url: '/api/v1/calendar/not-a-token' });
  });

  it('does not open in another workspace, nor after the member has left', async () => {
    const path = await makeFeed(cookie);
    const token = path.split('/').at(-1) ?? '';
    const secret = token.slice(33);
    const hintOfB = world.b.workspaceId.replaceAll('-', '');
    await denied(404, { method: 'GET', url: `/api/v1/calendar/${hintOfB}_${secret}` });

    const left = await send({
      method: 'DELETE',
      url: `/api/v1/members/${world.a.members.member.memberId}`,
      key: world.a.members.admin.key,
    });
    expect(left.statusCode, left.body).toBe(204);
    await denied(404, { method: 'GET', url: path });
  });
});
