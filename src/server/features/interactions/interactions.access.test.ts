import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';

let t: TestApp;
let world: World;
/** A's interactions: one at each partner, both shared with the partner. */
let atOne: string;
let atTwo: string;
let partnerUser: string;
let bCookie: string;

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

const body = (partnerId: string) => ({
  partnerId,
  kind: 'call',
  occurredAt: '2026-03-01T10:00:00Z',
  summary: 'Secret pricing talk',
  visibility: 'partner',
});

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const make = async (partnerId: string) =>
    (
      await send({ method: 'POST', url: '/api/v1/interactions', key, payload: body(partnerId) })
    ).json().id as string;
  atOne = await make(world.a.partners[0]);
  atTwo = await make(world.a.partners[1]);
  const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  partnerUser = await signIn(t.app, user.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("cannot read, change or delete A's interactions, list them or log one at A's partner", async () => {
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      const url = `/api/v1/interactions/${atOne}`;
      await denied(404, { method: 'GET', url, ...auth });
      await denied(404, {
        method: 'PATCH',
        url,
        ...auth,
        headers: { 'if-match': '"1"' },
        payload: { summary: 'X' },
      });
      await denied(404, { method: 'DELETE', url, ...auth });
      const list = await send({
        method: 'GET',
        url: `/api/v1/interactions?partnerId=${world.a.partners[0]}`,
        ...auth,
      });
      expect(list.json().items).toEqual([]);
      const res = await denied(422, {
        method: 'POST',
        url: '/api/v1/interactions',
        ...auth,
        payload: body(world.a.partners[0]),
      });
      expect(res.json().errors[0].field).toBe('partnerId');
      const timeline = await send({ method: 'GET', url: '/api/v1/timeline', ...auth });
      expect(timeline.json().items).toEqual([]);
    }
  });

  it("cannot name A's contact or member as a participant of its own interaction", async () => {
    const key = world.b.members.admin.key;
    const own = await send({
      method: 'POST',
      url: '/api/v1/interactions',
      key,
      payload: body(world.b.partners[0]),
    });
    expect(own.statusCode).toBe(201);
    const aContact = await send({
      method: 'POST',
      url: '/api/v1/contacts',
      key: world.a.members.admin.key,
      payload: { partnerId: world.a.partners[0], firstName: 'A', lastName: 'Contact' },
    });
    const res = await denied(422, {
      method: 'PATCH',
      url: `/api/v1/interactions/${own.json().id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { contactIds: [aContact.json().id] },
    });
    expect(res.json().errors[0].field).toBe('contactIds.0');
    const member = await denied(422, {
      method: 'PATCH',
      url: `/api/v1/interactions/${own.json().id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { memberIds: [world.a.members.viewer.memberId] },
    });
    expect(member.json().errors[0].field).toBe('memberIds.0');
  });
});

describe('roles', () => {
  it('a viewer reads but cannot log, change, delete or parse', async () => {
    const key = world.a.members.viewer.key;
    const url = `/api/v1/interactions/${atTwo}`;
    expect((await send({ method: 'GET', url, key })).statusCode).toBe(200);
    await denied(403, {
      method: 'POST',
      url: '/api/v1/interactions',
      key,
      payload: body(world.a.partners[0]),
    });
    await denied(403, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { summary: 'V' },
    });
    await denied(403, { method: 'DELETE', url, key });
    await denied(403, {
      method: 'POST',
      url: `/api/v1/partners/${world.a.partners[0]}/interactions/parse`,
      key,
      payload: { fileName: 'a.ics', content: '' },
    });
  });
});

describe('partner users', () => {
  it('reach no interaction on the internal API, not even a shared one of their own partner', async () => {
    const cookie = partnerUser;
    await denied(403, { method: 'GET', url: '/api/v1/interactions', cookie });
    await denied(404, { method: 'GET', url: `/api/v1/interactions/${atOne}`, cookie });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/interactions',
      cookie,
      payload: body(world.a.partners[0]),
    });
    await denied(404, {
      method: 'PATCH',
      url: `/api/v1/interactions/${atOne}`,
      cookie,
      headers: { 'if-match': '"1"' },
      payload: { summary: 'P' },
    });
    await denied(404, { method: 'DELETE', url: `/api/v1/interactions/${atOne}`, cookie });
    await denied(404, {
      method: 'POST',
      url: `/api/v1/partners/${world.a.partners[0]}/interactions/parse`,
      cookie,
      payload: { fileName: 'a.ics', content: '' },
    });
  });
});
