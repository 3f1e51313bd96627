import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
});
afterAll(() => t.close());

const create = (payload: unknown, key = admin) =>
  request(t.app, { method: 'POST', url: '/api/v1/partners', key, payload: payload as object });
const get = (id: string, key = admin) =>
  request(t.app, { method: 'GET', url: `/api/v1/partners/${id}`, key });
const patch = (id: string, payload: unknown, ifMatch?: string, key = admin) =>
  request(t.app, {
    method: 'PATCH',
    url: `/api/v1/partners/${id}`,
    key,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    payload: payload as object,
  });

describe('creating and reading a partner', () => {
  it('stores every field, normalized, and answers it with an ETag', async () => {
    const res = await create({
      name: '  Northwind <script>alert(1)</script> ',
      domains: ['https://www.NorthwindAnalytics.com/about', 'northwindanalytics.com.', 'nw.io'],
      website: 'https://www.northwindanalytics.com',
      type: 'reseller',
      tier: 'gold',
      stage: 'onboarding',
      ownerId: world.a.members.manager.memberId,
      industry: 'Software',
      country: 'us',
      size: '201-1000',
      tags: [' Cloud', 'cloud', 'EMEA'],
      description: 'First <b>partner</b>',
    });
    expect(res.statusCode).toBe(201);
    const partner = res.json();
    expect(partner).toMatchObject({
      name: 'Northwind <script>alert(1)</script>',
      domains: ['northwindanalytics.com', 'nw.io'],
      type: 'reseller',
      tier: 'gold',
      stage: 'onboarding',
      ownerId: world.a.members.manager.memberId,
      country: 'US',
      tags: ['cloud', 'emea'],
      description: 'First <b>partner</b>',
      version: 1,
      archivedAt: null,
    });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/partners/${partner.id}`);
    const read = await get(partner.id);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(partner);
    expect(read.headers.etag).toBe('"1"');
  });

  it('defaults type, stage and owner: the signed-in member owns it, an API key leaves it unowned', async () => {
    const byKey = await create({ name: 'Keyed' });
    expect(byKey.json()).toMatchObject({ type: 'other', stage: 'prospect', ownerId: null });
    const cookie = await signIn(t.app, world.a.members.member.email);
    const bySession = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      cookie,
      payload: { name: 'Mine' },
    });
    expect(bySession.statusCode).toBe(201);
    expect(bySession.json().ownerId).toBe(world.a.members.member.memberId);
  });

  it('refuses an owner or tier from outside the workspace with 422, changing nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const owner = await create({ name: 'X', ownerId: world.b.members.admin.memberId });
    expect(owner.statusCode).toBe(422);
    expect(owner.json()).toMatchObject({
      code: 'invalid_reference',
      errors: [{ field: 'ownerId' }],
    });
    const tier = await create({ name: 'X', tier: 'diamond' });
    expect(tier.statusCode).toBe(422);
    expect(tier.json().errors[0].field).toBe('tier');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('ownership', () => {
  it('lets a member take an unowned partner or give up their own, and nothing else', async () => {
    const member = world.a.members.member;
    const cookie = await signIn(t.app, member.email);
    const asMember = (method: 'POST' | 'PATCH', url: string, payload: object, ifMatch?: string) =>
      request(t.app, {
        method,
        url,
        cookie,
        payload,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      });
    const managers = world.a.members.manager.memberId;

    const before = await databaseSnapshot(t.database);
    const forOther = await asMember('POST', '/api/v1/partners', {
      name: 'Theirs',
      ownerId: managers,
    });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json()).toMatchObject({ code: 'forbidden', errors: [{ field: 'ownerId' }] });
    const othersPartner = (await create({ name: 'Managed', ownerId: managers })).json();
    const afterCreate = await databaseSnapshot(t.database);
    const taken = await asMember(
      'PATCH',
      `/api/v1/partners/${othersPartner.id}`,
      { ownerId: member.memberId },
      '"1"',
    );
    expect(taken.statusCode).toBe(403);
    expect(await databaseSnapshot(t.database)).toBe(afterCreate);
    expect(before).not.toBe(afterCreate);

    // Editing someone else's partner without touching the owner is fine.
    const edited = await asMember(
      'PATCH',
      `/api/v1/partners/${othersPartner.id}`,
      { industry: 'Retail', ownerId: managers },
      '"1"',
    );
    expect(edited.statusCode).toBe(200);

    const unowned = (await create({ name: 'Nobody’s' })).json();
    const mine = await asMember(
      'PATCH',
      `/api/v1/partners/${unowned.id}`,
      { ownerId: member.memberId },
      '"1"',
    );
    expect(mine.statusCode).toBe(200);
    const givenUp = await asMember(
      'PATCH',
      `/api/v1/partners/${unowned.id}`,
      { ownerId: null },
      '"2"',
    );
    expect(givenUp.statusCode).toBe(200);
    expect(givenUp.json().ownerId).toBeNull();
  });

  it('lets a manager give a partner to anyone in the workspace', async () => {
    const partner = (await create({ name: 'Handed over' })).json();
    const res = await patch(
      partner.id,
      { ownerId: world.a.members.member.memberId },
      '"1"',
      world.a.members.manager.key,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().ownerId).toBe(world.a.members.member.memberId);
  });
});

describe('bad input', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a missing name', { domains: [] }, 'name'],
    ['a wrong type', { name: 42 }, 'name'],
    ['an unknown field', { name: 'X', workspaceId: 'x' }, 'workspaceId'],
    ['an invalid domain', { name: 'X', domains: ['acme.com', 'not a domain'] }, 'domains.1'],
    ['an unknown partner type', { name: 'X', type: 'friend' }, 'type'],
    ['an unknown stage', { name: 'X', stage: 'won' }, 'stage'],
    ['a country that is not ISO', { name: 'X', country: 'XX' }, 'country'],
    ['a size out of the bands', { name: 'X', size: '10-20' }, 'size'],
    ['a name too long', { name: 'x'.repeat(201) }, 'name'],
    ['a website that is not http', { name: 'X', website: 'javascript:alert(1)' }, 'website'],
    ['audit fields', { name: 'X', version: 9 }, 'version'],
  ];
  it.each(cases)('answers 400 naming the field for %s', async (_label, payload, field) => {
    const before = await databaseSnapshot(t.database);
    const res = await create(payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('answers malformed JSON, an oversized body and a non-UUID id, changing nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const malformed = await request(t.app, {
      method: 'POST',
      url: '/api/v1/partners',
      key: admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({
      code: 'malformed_json',
      errors: [{ field: 'body', code: 'malformed_json' }],
    });
    const huge = await create({ name: 'X', description: 'x'.repeat(100_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    expect(huge.json()).toMatchObject({
      code: 'payload_too_large',
      errors: [{ field: 'body' }],
    });
    const badId = await get('not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('id');
    const { id } = (
      await request(t.app, { method: 'GET', url: '/api/v1/partners?limit=1', key: admin })
    ).json().items[0];
    const unknownQuery = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/partners/${id}?force=true`,
      key: admin,
    });
    expect(unknownQuery.statusCode).toBe(400);
    expect(unknownQuery.json()).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(unknownQuery.json().errors)).toContain('force');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('updating with If-Match', () => {
  it('needs If-Match (428), refuses a stale one (412) and bumps the version', async () => {
    const { id } = (await create({ name: 'Versioned', domains: ['versioned.com'] })).json();
    const before = await databaseSnapshot(t.database);
    expect((await patch(id, { stage: 'active' })).statusCode).toBe(428);
    expect((await patch(id, { stage: 'active' }, '"7"')).statusCode).toBe(412);
    expect(await databaseSnapshot(t.database)).toBe(before);
    const ok = await patch(id, { stage: 'active', tier: null, domains: ['versioned.io'] }, '"1"');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'active', version: 2, domains: ['versioned.io'] });
    expect(ok.headers.etag).toBe('"2"');
    expect((await patch(id, { stage: 'ended' }, '"1"')).json().code).toBe('stale_version');
    // The released domain is free again; the new one is taken.
    expect((await create({ name: 'Takes old', domains: ['versioned.com'] })).statusCode).toBe(201);
    expect((await create({ name: 'Takes new', domains: ['versioned.io'] })).statusCode).toBe(409);
  });
});

describe('domains are unique per workspace', () => {
  it('answers 409 domain_taken with the existing partner id, in any spelling', async () => {
    const first = (await create({ name: 'Fjordline', domains: ['fjordline-logistik.no'] })).json();
    const before = await databaseSnapshot(t.database);
    const dup = await create({
      name: 'Copy',
      domains: ['a-new.no', 'HTTPS://WWW.fjordline-logistik.no/'],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({
      code: 'domain_taken',
      partnerId: first.id,
      domain: 'fjordline-logistik.no',
      errors: [{ field: 'domains.1' }],
    });
    expect(await databaseSnapshot(t.database)).toBe(before);
    const other = await create(
      { name: 'Other', domains: ['fjordline-logistik.no'] },
      world.b.members.admin.key,
    );
    expect(other.statusCode).toBe(201);
  });

  it('lets exactly one of two concurrent creates of one domain win', async () => {
    const [one, two] = await Promise.all([
      create({ name: 'Racer 1', domains: ['race.example.com'] }),
      create({ name: 'Racer 2', domains: ['www.race.example.com'] }),
    ]);
    const statuses = [one.statusCode, two.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const winner = one.statusCode === 201 ? one : two;
    const loser = one.statusCode === 201 ? two : one;
    expect(loser.json().partnerId).toBe(winner.json().id);
  });

  it('refuses a patch that takes another partner domain', async () => {
    const a = (await create({ name: 'Holder', domains: ['holder.com'] })).json();
    const b = (await create({ name: 'Grabber' })).json();
    const res = await patch(b.id, { domains: ['holder.com'] }, '"1"');
    expect(res.statusCode).toBe(409);
    expect(res.json().partnerId).toBe(a.id);
    expect((await get(b.id)).json().version).toBe(1);
  });
});

describe('archiving and restoring', () => {
  it('archives on DELETE, keeps the domains, restores, and records each step', async () => {
    const { id } = (await create({ name: 'Helix', domains: ['helixhealth.com'] })).json();
    const archived = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/partners/${id}`,
      key: admin,
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await get(id)).json().archivedAt).not.toBeNull();
    const taken = await create({ name: 'Helix again', domains: ['helixhealth.com'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().partnerId).toBe(id);
    const restored = await request(t.app, {
      method: 'POST',
      url: `/api/v1/partners/${id}/restore`,
      key: admin,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({
      archivedAt: null,
      domains: ['helixhealth.com'],
      version: 3,
    });
    const history = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${id}/history`,
      key: admin,
    });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
      'partner.restored',
      'partner.archived',
      'partner.created',
    ]);
  });

  it('lets a member edit but not archive (403)', async () => {
    const { id } = (await create({ name: 'Guarded' })).json();
    const before = await databaseSnapshot(t.database);
    const res = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/partners/${id}`,
      key: world.a.members.member.key,
    });
    expect(res.statusCode).toBe(403);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('history', () => {
  it('lists the changes of the partner and its contacts, newest first, in keyset pages', async () => {
    const { id } = (await create({ name: 'Chronicle' })).json();
    for (let version = 1; version <= 3; version++)
      await patch(id, { description: `v${version + 1}` }, `"${version}"`);
    const contact = await request(t.app, {
      method: 'POST',
      url: '/api/v1/contacts',
      key: admin,
      payload: { partnerId: id, firstName: 'Ada', lastName: 'Lovelace' },
    });
    expect(contact.statusCode).toBe(201);
    const url = `/api/v1/partners/${id}/history?limit=2`;
    const first = (await request(t.app, { method: 'GET', url, key: admin })).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({
      action: 'contact.created',
      entityType: 'contact',
      before: null,
      after: { firstName: 'Ada' },
    });
    expect(first.items[1]).toMatchObject({
      action: 'partner.updated',
      before: { description: 'v3' },
      after: { description: 'v4' },
    });
    const ids = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (
        await request(t.app, { method: 'GET', url: `${url}&cursor=${cursor}`, key: admin })
      ).json();
      ids.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(ids.map((e) => e.action)).toEqual([
      'contact.created',
      'partner.updated',
      'partner.updated',
      'partner.updated',
      'partner.created',
    ]);
  });
});
