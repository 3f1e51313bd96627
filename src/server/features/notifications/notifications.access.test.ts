import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  type TestApp,
  testClient,
} from '../../../../test/harness';
import type { MemberScope } from '../../access/scope';
import { deliverNotificationMail } from './notifications.delivery';
import { notify } from './notifications.service';

let t: TestApp;
let world: World;
/** A notification of A's member, and one of B's member. */
let aNote: string;
let bNote: string;
const cookies: Record<'aMember' | 'aManager' | 'bAdmin' | 'bMember' | 'partner', string> = {
  aMember: '',
  aManager: '',
  bAdmin: '',
  bMember: '',
  partner: '',
};

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

async function notifyIn(side: 'a' | 'b', title: string) {
  const w = world[side];
  const scope: MemberScope = {
    kind: 'member',
    workspaceId: w.workspaceId,
    role: 'admin',
    userId: w.members.admin.userId,
    memberId: w.members.admin.memberId,
    apiKeyId: null,
  };
  const made = await t.database.transaction((tx) =>
    notify(tx, { ...t.ctx, requestId: null, tx }, scope, {
      recipientId: w.members.member.memberId,
      kind: 'mention',
      subjectType: 'partner',
      subjectId: w.partners[0],
      title,
    }),
  );
  if (!made) throw new Error('no notification made');
  return made.id;
}

const titles = async (cookie: string) =>
  (await send({ method: 'GET', url: '/api/v1/notifications', cookie }))
    .json()
    .items.map((n: { title: string }) => n.title);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  aNote = await notifyIn('a', 'A secret');
  bNote = await notifyIn('b', 'B secret');
  cookies.aMember = await signIn(t.app, world.a.members.member.email);
  cookies.aManager = await signIn(t.app, world.a.members.manager.email);
  cookies.bAdmin = await signIn(t.app, world.b.members.admin.email);
  cookies.bMember = await signIn(t.app, world.b.members.member.email);
  const partnerUser = await seedPartnerUser(
    t.database,
    world.a,
    world.a.partners[0],
    'partner_admin',
  );
  cookies.partner = await signIn(t.app, partnerUser.email);
  // Mail kept in A's outbox, which B's admin must not see.
  await deliverNotificationMail(
    t.database,
    null,
    '',
    {
      workspaceId: world.a.workspaceId,
      recipientId: world.a.members.member.memberId,
      notificationIds: [aNote],
      digest: false,
    },
    '0193a1f2-0000-4000-8000-0000000000aa',
  );
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("neither lists, counts nor marks A's notifications, changing nothing", async () => {
    expect(await titles(cookies.bMember)).toEqual(['B secret']);
    expect(await titles(cookies.bAdmin)).toEqual([]);
    for (const cookie of [cookies.bAdmin, cookies.bMember]) {
      await denied(404, { method: 'POST', url: `/api/v1/notifications/${aNote}/read`, cookie });
    }
    const before = await databaseSnapshot(t.database);
    const all = await send({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      cookie: cookies.bAdmin,
    });
    expect(all.json()).toEqual({ marked: 0 });
    expect(await databaseSnapshot(t.database)).toBe(before);
    expect(await titles(cookies.aMember)).toEqual(['A secret']);
    const count = await send({
      method: 'GET',
      url: '/api/v1/notifications/unread-count',
      cookie: cookies.aMember,
    });
    expect(count.json()).toEqual({ unread: 1 });
  });

  it("does not see A's outbox", async () => {
    const res = await send({ method: 'GET', url: '/api/v1/outbox', cookie: cookies.bAdmin });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
    const aAdmin = await signIn(t.app, world.a.members.admin.email);
    const own = await send({ method: 'GET', url: '/api/v1/outbox', cookie: aAdmin });
    expect(own.json().items.map((m: { subject: string }) => m.subject)).toEqual([
      'A admin mentioned you: A secret',
    ]);
  });
});

describe('another member of the same workspace', () => {
  it("neither sees nor marks a colleague's notifications", async () => {
    expect(await titles(cookies.aManager)).toEqual([]);
    await denied(404, {
      method: 'POST',
      url: `/api/v1/notifications/${aNote}/read`,
      cookie: cookies.aManager,
    });
    await denied(404, {
      method: 'POST',
      url: `/api/v1/notifications/${bNote}/read`,
      cookie: cookies.aMember,
    });
  });

  it('changes only their own preferences', async () => {
    const res = await send({
      method: 'PATCH',
      url: '/api/v1/notifications/preferences',
      cookie: cookies.aManager,
      headers: { 'if-match': '"0"' },
      payload: { email: { assignment: false } },
    });
    expect(res.statusCode).toBe(200);
    const theirs = await send({
      method: 'GET',
      url: '/api/v1/notifications/preferences',
      cookie: cookies.aMember,
    });
    expect(theirs.json().email.assignment).toBe(true);
    expect(theirs.json().version).toBe(0);
  });

  it('a member is refused the outbox (admins only)', async () => {
    await denied(403, { method: 'GET', url: '/api/v1/outbox', cookie: cookies.aMember });
    await denied(403, { method: 'GET', url: '/api/v1/outbox', cookie: cookies.aManager });
  });
});

describe('partner users and API keys', () => {
  it('have no notifications on the internal API, changing nothing', async () => {
    const cookie = cookies.partner;
    await denied(403, { method: 'GET', url: '/api/v1/notifications', cookie });
    await denied(403, { method: 'GET', url: '/api/v1/notifications/unread-count', cookie });
    await denied(404, { method: 'POST', url: `/api/v1/notifications/${aNote}/read`, cookie });
    await denied(403, { method: 'POST', url: '/api/v1/notifications/read-all', cookie });
    await denied(403, { method: 'GET', url: '/api/v1/notifications/preferences', cookie });
    await denied(403, { method: 'GET', url: '/api/v1/outbox', cookie });
    const key = world.a.members.member.key;
    await denied(403, { method: 'POST', url: `/api/v1/notifications/${aNote}/read`, key });
    await denied(403, { method: 'POST', url: '/api/v1/notifications/read-all', key });
    await denied(403, {
      method: 'PATCH',
      url: '/api/v1/notifications/preferences',
      key,
      headers: { 'if-match': '"0"' },
      payload: { email: { digest: true } },
    });
  });

  it('leave the notification unread after all those denials', async () => {
    const res = await send({
      method: 'GET',
      url: '/api/v1/notifications/unread-count',
      cookie: cookies.aMember,
    });
    expect(res.json()).toEqual({ unread: 1 });
  });
});
