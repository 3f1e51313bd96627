import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  type TestApp,
  type TestRequest,
  testClient,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
/** A's requirement, and its entry on A's agreement at partner 2. */
let definition: { id: string; version: number };
let agreementId: string;
let entry: { id: string; version: number };
let partnerAdmin: string;
let bCookie: string;

const { send, denied } = testClient(() => t);

/** Every route, reads then writes, with current ETags so only the scope can refuse. */
function routes(auth: { key?: string; cookie?: string }) {
  const definitionUrl = `/api/v1/compliance-requirements/${definition.id}`;
  const checklistUrl = `/api/v1/agreements/${agreementId}/requirements`;
  return {
    listDefinitions: { method: 'GET', url: '/api/v1/compliance-requirements', ...auth },
    getDefinition: { method: 'GET', url: definitionUrl, ...auth },
    create: {
      method: 'POST',
      url: '/api/v1/compliance-requirements',
      payload: { title: 'X', appliesTo: ['nda'] },
      ...auth,
    },
    patchDefinition: {
      method: 'PATCH',
      url: definitionUrl,
      headers: { 'if-match': `"${definition.version}"` },
      payload: { archived: true },
      ...auth,
    },
    checklist: { method: 'GET', url: checklistUrl, ...auth },
    mark: {
      method: 'PATCH',
      url: `${checklistUrl}/${entry.id}`,
      headers: { 'if-match': `"${entry.version}"` },
      payload: { status: 'waived', reason: 'Not needed' },
      ...auth,
    },
  } satisfies Record<string, TestRequest>;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const key = world.a.members.admin.key;
  const made = await send({
    method: 'POST',
    url: '/api/v1/compliance-requirements',
    key,
    payload: { title: 'Secret review', appliesTo: ['technology'], blocks: 'pending_signature' },
  });
  definition = { id: made.json().id, version: made.json().version };
  const agreement = await send({
    method: 'POST',
    url: '/api/v1/agreements',
    key,
    payload: { partnerId: world.a.partners[1], type: 'technology', title: 'Secret deal' },
  });
  agreementId = agreement.json().id;
  const list = await send({
    method: 'GET',
    url: `/api/v1/agreements/${agreementId}/requirements`,
    key,
  });
  entry = { id: list.json().items[0].id, version: list.json().items[0].version };
  const admin = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
  partnerAdmin = await signIn(t.app, admin.email);
  bCookie = await signIn(t.app, world.b.members.admin.email);
});
afterAll(() => t.close());

describe('another workspace', () => {
  it("neither reads nor changes A's requirements or checklist (404), with a key or a session", async () => {
    for (const auth of [{ key: world.b.members.admin.key }, { cookie: bCookie }]) {
      const r = routes(auth);
      for (const options of [r.getDefinition, r.patchDefinition, r.checklist, r.mark])
        await denied(404, options);
      const before = await databaseSnapshot(t.database);
      const list = await send(r.listDefinitions);
      expect(list.json().items.map((i: { title: string }) => i.title)).not.toContain(
        'Secret review',
      );
      expect(await databaseSnapshot(t.database)).toBe(before);
    }
  });

  it("cannot mark A's entry through its own agreement's URL (404)", async () => {
    const key = world.b.members.admin.key;
    const own = await send({
      method: 'POST',
      url: '/api/v1/agreements',
      key,
      payload: { partnerId: world.b.partners[0], type: 'technology', title: 'B deal' },
    });
    await denied(404, {
      method: 'PATCH',
      url: `/api/v1/agreements/${own.json().id}/requirements/${entry.id}`,
      key,
      headers: { 'if-match': `"${entry.version}"` },
      payload: { status: 'met', evidence: 'x' },
    });
  });
});

describe('another partner in the same workspace', () => {
  it("does not take an entry of one agreement through another agreement's URL (404)", async () => {
    const key = world.a.members.admin.key;
    const other = await send({
      method: 'POST',
      url: '/api/v1/agreements',
      key,
      payload: { partnerId: world.a.partners[0], type: 'technology', title: 'Other partner deal' },
    });
    await denied(404, {
      method: 'PATCH',
      url: `/api/v1/agreements/${other.json().id}/requirements/${entry.id}`,
      key,
      headers: { 'if-match': `"${entry.version}"` },
      payload: { status: 'met', evidence: 'x' },
    });
  });
});

describe('roles', () => {
  it('let a viewer read the requirements and checklist but change nothing (403)', async () => {
    const r = routes({ key: world.a.members.viewer.key });
    for (const options of [r.listDefinitions, r.getDefinition, r.checklist])
      expect((await send(options)).statusCode).toBe(200);
    for (const options of [r.create, r.patchDefinition, r.mark]) await denied(403, options);
  });

  it('let members and managers not manage definitions; members do not mark (403)', async () => {
    for (const key of [world.a.members.member.key, world.a.members.manager.key]) {
      const r = routes({ key });
      await denied(403, r.create);
      await denied(403, r.patchDefinition);
    }
    await denied(403, routes({ key: world.a.members.member.key }).mark);
  });
});

describe('partner users', () => {
  it("are refused on every route (403, or 404 for a record), even for their partner's agreement", async () => {
    const r = routes({ cookie: partnerAdmin });
    for (const options of [r.listDefinitions, r.create]) await denied(403, options);
    for (const options of [r.getDefinition, r.patchDefinition, r.checklist, r.mark])
      await denied(404, options);
  });
});
