import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SeededPartnerUser,
  seedPartnerUser,
  seedWorld,
  signIn,
  TEST_PASSWORD,
  type World,
} from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  PUBLIC_URL,
  request,
  type TestApp,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: SeededPartnerUser;
let adminCookie: string;
/** A contact the internal team made at the partner user's own partner. */
let internalContact: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  adminCookie = await signIn(t.app, admin.email);
  const made = await request(t.app, {
    method: 'POST',
    url: '/api/v1/contacts',
    key: world.a.members.admin.key,
    payload: {
      partnerId: world.a.partners[0],
      firstName: 'Internal',
      lastName: 'Notes',
      notes: 'renewal at risk, do not tell them',
    },
  });
  internalContact = made.json().id;
});
afterAll(() => t.close());

async function unchanged(send: () => ReturnType<typeof request>, statuses: number[]) {
  const before = await databaseSnapshot(t.database);
  const res = await send();
  expect(statuses).toContain(res.statusCode);
  expect(await databaseSnapshot(t.database)).toBe(before);
  return res;
}

describe('the portal home', () => {
  it("shows the partner user's account, their partner's name and the workspace's name only", async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/portal/me',
      cookie: adminCookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: { id: admin.userId, name: 'Partner partner_admin', email: admin.email },
      role: 'partner_admin',
      partner: { id: world.a.partners[0], name: 'A Partner One' },
      workspace: { id: world.a.workspaceId, name: world.a.name },
    });
  });

  it('is not for members or API keys (403)', async () => {
    const member = await signIn(t.app, world.a.members.admin.email);
    await unchanged(
      () => request(t.app, { method: 'GET', url: '/api/v1/portal/me', cookie: member }),
      [403],
    );
    await unchanged(
      () =>
        request(t.app, { method: 'GET', url: '/api/v1/portal/me', key: world.a.members.admin.key }),
      [403],
    );
  });
});

describe('a partner user on the internal API', () => {
  it('reads no record (404) and no list (403): not their own partner, not its contacts', async () => {
    const cookie = adminCookie;
    const cases: Array<[string, string, number]> = [
      ['GET', `/api/v1/partners/${world.a.partners[0]}`, 404],
      ['GET', `/api/v1/partners/${world.a.partners[0]}/history`, 404],
      ['GET', `/api/v1/contacts/${internalContact}`, 404],
      ['GET', '/api/v1/partners', 403],
      ['GET', '/api/v1/contacts', 403],
      ['GET', '/api/v1/workspace', 403],
      ['GET', '/api/v1/members', 403],
      ['GET', '/api/v1/partner-users', 403],
    ];
    for (const [method, url, status] of cases) {
      const res = await unchanged(
        () => request(t.app, { method: method as 'GET', url, cookie }),
        [status],
      );
      expect(res.statusCode, `${method} ${url}`).toBe(status);
      expect(res.body).not.toContain('do not tell them');
    }
  });

  it('cannot create, change or delete contacts, not even at their own partner, changing nothing', async () => {
    const cookie = adminCookie;
    await unchanged(
      () =>
        request(t.app, {
          method: 'POST',
          url: '/api/v1/contacts',
          cookie,
          payload: { partnerId: world.a.partners[0], firstName: 'P', lastName: 'Own' },
        }),
      [403],
    );
    await unchanged(
      () =>
        request(t.app, {
          method: 'PATCH',
          url: `/api/v1/contacts/${internalContact}`,
          cookie,
          headers: { 'if-match': '"1"' },
          payload: { notes: 'changed by partner' },
        }),
      [404],
    );
    await unchanged(
      () =>
        request(t.app, { method: 'DELETE', url: `/api/v1/contacts/${internalContact}`, cookie }),
      [404],
    );
  });

  it('is refused on every internal route, changing nothing', async () => {
    const own = world.a.partners[0];
    // One snapshot around the whole sweep: a refused request writes nothing, so any write by any
    // route would still show at the end, and the test stays quick as the API grows.
    const before = await databaseSnapshot(t.database);
    for (const route of t.app.routeAccess) {
      if (route.access === 'public' || route.access === 'authenticated') continue;
      if (route.access === 'portal.read') continue;
      const res = await request(t.app, {
        method: route.method as 'GET',
        url: route.url.replace(':id', own),
        cookie: adminCookie,
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      // 400 when the body is not even valid: validation runs before the permission check.
      expect([400, 403, 404], `${route.method} ${route.url}`).toContain(res.statusCode);
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('an archived partner', () => {
  async function setArchived(archived: boolean) {
    const res = await request(t.app, {
      method: archived ? 'DELETE' : 'POST',
      url: `/api/v1/partners/${world.a.partners[1]}${archived ? '' : '/restore'}`,
      key: world.a.members.admin.key,
    });
    expect(res.statusCode).toBe(200);
  }

  it('locks its partner users out until it is restored: sessions stop, sign-in fails', async () => {
    const user = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_member');
    const cookie = await signIn(t.app, user.email);
    await setArchived(true);
    const me = await request(t.app, { method: 'GET', url: '/api/v1/portal/me', cookie });
    expect(me.statusCode).toBe(401);
    const signInRes = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: PUBLIC_URL },
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(signInRes.statusCode).toBe(401);
    await setArchived(false);
    const again = await signIn(t.app, user.email);
    const home = await request(t.app, { method: 'GET', url: '/api/v1/portal/me', cookie: again });
    expect(home.statusCode).toBe(200);
  });

  it('takes no new contact or invitation (409 partner_archived), changing nothing', async () => {
    await setArchived(true);
    const key = world.a.members.admin.key;
    const contact = await unchanged(
      () =>
        request(t.app, {
          method: 'POST',
          url: '/api/v1/contacts',
          key,
          payload: { partnerId: world.a.partners[1], firstName: 'Late', lastName: 'Comer' },
        }),
      [409],
    );
    expect(contact.json()).toMatchObject({
      code: 'partner_archived',
      errors: [{ field: 'partnerId', code: 'partner_archived' }],
    });
    const invitation = await unchanged(
      () =>
        request(t.app, {
          method: 'POST',
          url: '/api/v1/invitations',
          key,
          payload: {
            email: 'late@partner.test',
            role: 'partner_member',
            partnerId: world.a.partners[1],
          },
        }),
      [409],
    );
    expect(invitation.json().code).toBe('partner_archived');
    // Another workspace's archived partner is still just not found (422).
    await unchanged(
      () =>
        request(t.app, {
          method: 'POST',
          url: '/api/v1/contacts',
          key: world.b.members.admin.key,
          payload: { partnerId: world.a.partners[1], firstName: 'B', lastName: 'B' },
        }),
      [422],
    );
    await setArchived(false);
  });
});
