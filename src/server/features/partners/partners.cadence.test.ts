import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertPartner,
  seedPartnerUser,
  seedWorld,
  signIn,
  type World,
} from '../../../../test/factories';
import { createTestApp, expectDenied, type TestApp, testClient } from '../../../../test/harness';

let t: TestApp;
let world: World;
const day = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * day).toISOString();

const { send } = testClient(() => t);
const admin = () => world.a.members.admin.key;

async function partner(payload: object, key = admin()) {
  const res = await send({ method: 'POST', url: '/api/v1/partners', key, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; cadenceDays: number };
}
const getPartner = async (id: string, key = admin()) =>
  (await send({ method: 'GET', url: `/api/v1/partners/${id}`, key })).json();

async function touch(partnerId: string, occurredAt: string, key = admin()) {
  const res = await send({
    method: 'POST',
    url: '/api/v1/interactions',
    key,
    payload: { partnerId, kind: 'call', occurredAt, timeZone: 'UTC' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function cooling(query = '', key = admin()) {
  const res = await send({ method: 'GET', url: `/api/v1/partners/cooling${query}`, key });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: Array<{ id: string; name: string; daysOverdue: number; nextTouchDue: string | null }>;
    nextCursor: string | null;
  };
}

async function patchWorkspace(payload: object, key = admin()) {
  const current = await send({ method: 'GET', url: '/api/v1/workspace', key });
  return send({
    method: 'PATCH',
    url: '/api/v1/workspace',
    key,
    headers: { 'if-match': String(current.headers.etag) },
    payload,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('cadence setting', () => {
  it('starts with days per tier and a default, and the admin changes it (audited)', async () => {
    const ws = await send({
      method: 'GET',
      url: '/api/v1/workspace',
      key: world.b.members.viewer.key,
    });
    expect(ws.json().contactCadenceDays).toEqual({
      default: 60,
      tiers: { platinum: 14, gold: 30, silver: 45, bronze: 60, registered: 90 },
    });
    const setting = { default: 45, tiers: { platinum: 7, gold: 21 } };
    const res = await patchWorkspace({ contactCadenceDays: setting }, world.b.members.admin.key);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contactCadenceDays).toEqual(setting);
    const audit = await t.database.sql(
      "SELECT before, after FROM audit_events WHERE action = 'workspace.updated' AND workspace_id = $1",
      [world.b.workspaceId],
    );
    const [event] = audit.rows as Array<{
      before: { contactCadenceDays: unknown };
      after: { contactCadenceDays: unknown };
    }>;
    expect(event?.after.contactCadenceDays).toEqual(setting);
    expect(event?.before.contactCadenceDays).toMatchObject({ default: 60 });
  });

  it('refuses days out of range (400) and a tier the workspace lacks (422), naming the field, changing nothing', async () => {
    const current = await send({ method: 'GET', url: '/api/v1/workspace', key: admin() });
    const headers = { 'if-match': String(current.headers.etag) };
    const out = await expectDenied(t, 400, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key: admin(),
      headers,
      payload: { contactCadenceDays: { default: 0, tiers: {} } },
    });
    expect(out.json().errors[0].field).toBe('contactCadenceDays.default');
    const tooLong = await expectDenied(t, 400, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key: admin(),
      headers,
      payload: { contactCadenceDays: { default: 30, tiers: { gold: 366 } } },
    });
    expect(tooLong.json().errors[0].field).toBe('contactCadenceDays.tiers.gold');
    const unknown = await expectDenied(t, 422, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key: admin(),
      headers,
      payload: { contactCadenceDays: { default: 30, tiers: { diamond: 5 } } },
    });
    expect(unknown.json()).toMatchObject({ code: 'invalid_tier' });
    expect(unknown.json().errors[0].field).toBe('contactCadenceDays.tiers.diamond');
    await expectDenied(t, 403, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key: world.a.members.manager.key,
      headers,
      payload: { contactCadenceDays: { default: 30, tiers: {} } },
    });
  });
});

describe("a partner's cadence and touches", () => {
  it('resolves the override, the tier and the default, and an unknown tier as the default', async () => {
    const own = await partner({ name: 'Override Co', tier: 'gold', contactCadenceDays: 10 });
    expect(own.cadenceDays).toBe(10);
    const gold = await partner({ name: 'Gold Co', tier: 'gold' });
    expect(gold.cadenceDays).toBe(30);
    const none = await partner({ name: 'No Tier Co' });
    expect(none.cadenceDays).toBe(60);
    // A tier the workspace no longer lists (a partner kept it when the list changed).
    const stray = await insertPartner(t.database, world.a.workspaceId, { name: 'Stray Co' });
    await t.database.sql('UPDATE partners SET tier = $1 WHERE id = $2', ['retired-tier', stray]);
    expect((await getPartner(stray)).cadenceDays).toBe(60);
  });

  it('changes the override with If-Match (audited), null follows the tier again; refuses 0 naming it', async () => {
    const p = await partner({ name: 'Switch Co', tier: 'platinum' });
    const res = await send({
      method: 'PATCH',
      url: `/api/v1/partners/${p.id}`,
      key: admin(),
      headers: { 'if-match': `"${p.version}"` },
      payload: { contactCadenceDays: 5 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ contactCadenceDays: 5, cadenceDays: 5 });
    const audit = await t.database.sql(
      "SELECT before, after FROM audit_events WHERE action = 'partner.updated' AND entity_id = $1",
      [p.id],
    );
    expect(audit.rows[0]).toMatchObject({
      before: { contactCadenceDays: null },
      after: { contactCadenceDays: 5 },
    });
    const bad = await expectDenied(t, 400, {
      method: 'PATCH',
      url: `/api/v1/partners/${p.id}`,
      key: admin(),
      headers: { 'if-match': res.headers.etag as string },
      payload: { contactCadenceDays: 0 },
    });
    expect(bad.json().errors[0].field).toBe('contactCadenceDays');
    const back = await send({
      method: 'PATCH',
      url: `/api/v1/partners/${p.id}`,
      key: admin(),
      headers: { 'if-match': res.headers.etag as string },
      payload: { contactCadenceDays: null },
    });
    expect(back.json()).toMatchObject({ contactCadenceDays: null, cadenceDays: 14 });
  });

  it('keeps the last touch from the interactions on create, update and delete; the future does not count', async () => {
    const p = await partner({ name: 'Touch Co', tier: 'gold' });
    expect(await getPartner(p.id)).toMatchObject({ lastTouchAt: null, nextTouchDue: null });
    const older = daysAgo(40);
    const recent = daysAgo(10);
    await touch(p.id, older);
    const second = await touch(p.id, recent);
    await touch(p.id, new Date(Date.now() + 3 * day).toISOString());
    const touched = await getPartner(p.id);
    expect(touched.lastTouchAt).toBe(recent);
    expect(touched.nextTouchDue).toBe(new Date(Date.parse(recent) + 30 * day).toISOString());

    const moved = daysAgo(5);
    const current = await send({
      method: 'GET',
      url: `/api/v1/interactions/${second.id}`,
      key: admin(),
    });
    const upd = await send({
      method: 'PATCH',
      url: `/api/v1/interactions/${second.id}`,
      key: admin(),
      headers: { 'if-match': String(current.headers.etag) },
      payload: { occurredAt: moved },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect((await getPartner(p.id)).lastTouchAt).toBe(moved);

    const del = await send({
      method: 'DELETE',
      url: `/api/v1/interactions/${second.id}`,
      key: admin(),
    });
    expect(del.statusCode).toBe(204);
    expect((await getPartner(p.id)).lastTouchAt).toBe(older);
    // A shorter cadence moves the due date with it.
    const now = await getPartner(p.id);
    const shorter = await send({
      method: 'PATCH',
      url: `/api/v1/partners/${p.id}`,
      key: admin(),
      headers: { 'if-match': `"${now.version}"` },
      payload: { contactCadenceDays: 7 },
    });
    expect(shorter.json().nextTouchDue).toBe(new Date(Date.parse(older) + 7 * day).toISOString());
  });

  it("moves every partner's due date when the workspace setting changes, and keeps a removed tier out", async () => {
    const p = await partner({ name: 'Setting Co', tier: 'silver' });
    const at = daysAgo(2);
    await touch(p.id, at);
    expect((await getPartner(p.id)).nextTouchDue).toBe(
      new Date(Date.parse(at) + 45 * day).toISOString(),
    );
    const res = await patchWorkspace({
      contactCadenceDays: {
        default: 60,
        tiers: { platinum: 14, gold: 30, silver: 20, bronze: 60, registered: 90 },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await getPartner(p.id)).nextTouchDue).toBe(
      new Date(Date.parse(at) + 20 * day).toISOString(),
    );
    const tiers = await patchWorkspace({ tiers: ['platinum', 'gold', 'bronze', 'registered'] });
    expect(tiers.json().contactCadenceDays.tiers).not.toHaveProperty('silver');
    // Its partner keeps the tier name, and falls back to the default.
    expect(await getPartner(p.id)).toMatchObject({ tier: 'silver', cadenceDays: 60 });
    await patchWorkspace({ tiers: ['platinum', 'gold', 'silver', 'bronze', 'registered'] });
  });
});

describe('cooling list', () => {
  it('lists overdue active partners, longest overdue first, in keyset pages, by owner', async () => {
    const ws = world.a;
    const mine = { ownerId: ws.members.manager.memberId };
    const far = await partner({ name: 'Cool Far', contactCadenceDays: 10, ...mine });
    const near = await partner({ name: 'Cool Near', contactCadenceDays: 10 });
    const fresh = await partner({ name: 'Cool Fresh', contactCadenceDays: 10, ...mine });
    const gone = await partner({ name: 'Cool Archived', contactCadenceDays: 10 });
    await touch(far.id, daysAgo(40));
    await touch(near.id, daysAgo(15));
    await touch(fresh.id, daysAgo(2));
    await touch(gone.id, daysAgo(50));
    await send({ method: 'DELETE', url: `/api/v1/partners/${gone.id}`, key: admin() });

    const all = await cooling('?limit=200');
    const ids = all.items.map((i) => i.id);
    expect(ids).not.toContain(fresh.id);
    expect(ids).not.toContain(gone.id);
    expect(ids.indexOf(far.id)).toBeLessThan(ids.indexOf(near.id));
    const farItem = all.items.find((i) => i.id === far.id);
    expect(farItem).toMatchObject({ daysOverdue: 30, cadenceDays: 10, stage: 'prospect' });
    // Longest overdue first, all the way down.
    const overdue = all.items.map((i) => i.daysOverdue);
    expect(overdue).toEqual([...overdue].sort((x, y) => y - x));

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await cooling(
        `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      pages.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(ids);

    const owned = await cooling(`?ownerId=${ws.members.manager.memberId}`);
    expect(owned.items.map((i) => i.id)).toEqual([far.id]);
  });

  it("never shows another workspace's partners, and refuses partner users and bad queries", async () => {
    const b = await partner(
      { name: 'B Cooling', contactCadenceDays: 1 },
      world.b.members.admin.key,
    );
    await touch(b.id, daysAgo(5), world.b.members.admin.key);
    expect((await cooling('?limit=200')).items.map((i) => i.id)).not.toContain(b.id);
    expect(
      (await cooling('?limit=200', world.b.members.viewer.key)).items.map((i) => i.id),
    ).toContain(b.id);

    const portal = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
    const cookie = await signIn(t.app, portal.email);
    await expectDenied(t, 403, { method: 'GET', url: '/api/v1/partners/cooling', cookie });
    const bad = await expectDenied(t, 400, {
      method: 'GET',
      url: '/api/v1/partners/cooling?ownerId=nope',
      key: admin(),
    });
    expect(bad.json().errors[0].field).toContain('ownerId');
    await expectDenied(t, 400, {
      method: 'GET',
      url: '/api/v1/partners/cooling?cursor=forged',
      key: admin(),
    });
  });

  it("refuses touching another workspace's partner and changes nothing", async () => {
    const bPartner = world.b.partners[0];
    const denied = await expectDenied(t, 422, {
      method: 'POST',
      url: '/api/v1/interactions',
      key: admin(),
      payload: { partnerId: bPartner, kind: 'call', occurredAt: daysAgo(1), timeZone: 'UTC' },
    });
    expect(denied.json().errors[0].field).toBe('partnerId');
    await expectDenied(t, 404, {
      method: 'PATCH',
      url: `/api/v1/partners/${bPartner}`,
      key: admin(),
      headers: { 'if-match': '"1"' },
      payload: { contactCadenceDays: 3 },
    });
  });
});
