import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: string;
let partnerOne: string;
let partnerTwo: string;
type Item = { id: string; lastName: string; firstName: string; createdAt: string };

const create = (payload: object, key = admin) =>
  request(t.app, { method: 'POST', url: '/api/v1/contacts', key, payload });
const list = async (query: string) => {
  const res = await request(t.app, { method: 'GET', url: `/api/v1/contacts?${query}`, key: admin });
  return { status: res.statusCode, body: res.json() };
};
const lastNames = (body: { items: Item[] }) => body.items.map((c) => c.lastName);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  [partnerOne, partnerTwo] = world.a.partners;
});
afterAll(() => t.close());

describe('contact CRUD', () => {
  it('creates a contact with normalized email and reads it with its partner name', async () => {
    const res = await create({
      partnerId: partnerOne,
      firstName: ' Grace ',
      lastName: 'Hopper <img src=x onerror=alert(1)>',
      title: 'Rear Admiral',
      email: '  Grace.Hopper@Navy.MIL ',
      phone: '+1 (202) 555-0100 x12',
      role: 'executive_sponsor',
      notes: 'Invented the compiler',
    });
    expect(res.statusCode).toBe(201);
    const contact = res.json();
    expect(contact).toMatchObject({
      partnerId: partnerOne,
      partnerName: 'A Partner One',
      firstName: 'Grace',
      lastName: 'Hopper <img src=x onerror=alert(1)>',
      email: 'grace.hopper@navy.mil',
      role: 'executive_sponsor',
      version: 1,
    });
    expect(res.headers.etag).toBe('"1"');
    const read = await request(t.app, {
      method: 'GET',
      url: `/api/v1/contacts/${contact.id}`,
      key: admin,
    });
    expect(read.json()).toEqual(contact);
  });

  it('updates with If-Match (428 without, 412 stale) and moves a contact to another partner', async () => {
    const { id } = (
      await create({ partnerId: partnerOne, firstName: 'Alan', lastName: 'Turing' })
    ).json();
    const url = `/api/v1/contacts/${id}`;
    const before = await databaseSnapshot(t.database);
    const noEtag = await request(t.app, {
      method: 'PATCH',
      url,
      key: admin,
      payload: { title: 'Dr' },
    });
    expect(noEtag.statusCode).toBe(428);
    const stale = await request(t.app, {
      method: 'PATCH',
      url,
      key: admin,
      headers: { 'if-match': '"2"' },
      payload: { title: 'Dr' },
    });
    expect(stale.statusCode).toBe(412);
    expect(await databaseSnapshot(t.database)).toBe(before);
    const moved = await request(t.app, {
      method: 'PATCH',
      url,
      key: admin,
      headers: { 'if-match': '"1"' },
      payload: { title: 'Dr', partnerId: partnerTwo, email: 'ALAN@bletchley.uk' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      title: 'Dr',
      partnerId: partnerTwo,
      partnerName: 'A Partner Two',
      email: 'alan@bletchley.uk',
      version: 2,
    });
    expect(moved.headers.etag).toBe('"2"');
    expect(lastNames((await list('q=bletchley')).body)).toEqual(['Turing']);
    // Both partners' histories show the move.
    const historyOf = async (partnerId: string) =>
      (
        await request(t.app, {
          method: 'GET',
          url: `/api/v1/partners/${partnerId}/history`,
          key: admin,
        })
      ).json().items[0];
    const contactId = moved.json().id;
    expect(await historyOf(partnerTwo)).toMatchObject({
      action: 'contact.updated',
      entityId: contactId,
      before: { partnerId: partnerOne },
      after: { partnerId: partnerTwo },
    });
    expect(await historyOf(partnerOne)).toMatchObject({
      action: 'contact.moved_away',
      entityId: contactId,
      after: { partnerId: partnerTwo },
    });
  });

  it('deletes for real and keeps the deleted contact in the partner history', async () => {
    const { id } = (
      await create({ partnerId: partnerOne, firstName: 'Kurt', lastName: 'Goedel' })
    ).json();
    const del = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/contacts/${id}`,
      key: admin,
    });
    expect(del.statusCode).toBe(204);
    const gone = await request(t.app, { method: 'GET', url: `/api/v1/contacts/${id}`, key: admin });
    expect(gone.statusCode).toBe(404);
    const history = (
      await request(t.app, {
        method: 'GET',
        url: `/api/v1/partners/${partnerOne}/history`,
        key: admin,
      })
    ).json();
    expect(history.items[0]).toMatchObject({
      action: 'contact.deleted',
      entityId: id,
      before: { id, lastName: 'Goedel' },
      after: null,
    });
    expect(history.items[1]).toMatchObject({ action: 'contact.created', entityId: id });
  });

  it('refuses a partner outside the workspace or missing (422) and bad input (400)', async () => {
    const before = await databaseSnapshot(t.database);
    for (const partnerId of [world.b.partners[0], '01900000-0000-7000-8000-000000000000']) {
      const res = await create({ partnerId, firstName: 'X', lastName: 'Y' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'invalid_reference',
        errors: [{ field: 'partnerId' }],
      });
    }
    const cases: Array<[object, string]> = [
      [{ firstName: 'X', lastName: 'Y' }, 'partnerId'],
      [{ partnerId: 'nope', firstName: 'X', lastName: 'Y' }, 'partnerId'],
      [{ partnerId: partnerOne, firstName: '', lastName: 'Y' }, 'firstName'],
      [{ partnerId: partnerOne, firstName: 'X', lastName: 'Y', email: 'not-an-email' }, 'email'],
      [{ partnerId: partnerOne, firstName: 'X', lastName: 'Y', phone: 'call me' }, 'phone'],
      [{ partnerId: partnerOne, firstName: 'X', lastName: 'Y', role: 'boss' }, 'role'],
      [{ partnerId: partnerOne, firstName: 'X', lastName: 'Y', workspaceId: 'x' }, 'workspaceId'],
    ];
    for (const [payload, field] of cases) {
      const res = await create(payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const huge = await create({
      partnerId: partnerOne,
      firstName: 'X',
      lastName: 'Y',
      notes: 'n'.repeat(70_000),
    });
    expect(huge.statusCode).toBe(413);
    const malformed = await request(t.app, {
      method: 'POST',
      url: '/api/v1/contacts',
      key: admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"firstName": "X",',
    });
    expect(malformed.json().code).toBe('malformed_json');
    const badId = await request(t.app, { method: 'GET', url: '/api/v1/contacts/123', key: admin });
    expect(badId.json().errors[0].field).toBe('id');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('contact list', () => {
  beforeAll(async () => {
    const people: Array<[string, string, string, string]> = [
      ['Ada', 'Lovelace', 'technical', partnerOne],
      ['Charles', 'Babbage', 'technical', partnerTwo],
      ['Emmy', 'Noether', 'champion', partnerTwo],
      ['Anna', 'Lovelace', 'sales', partnerOne],
    ];
    for (const [firstName, lastName, role, partnerId] of people)
      expect((await create({ firstName, lastName, role, partnerId })).statusCode).toBe(201);
    for (let i = 0; i < 12; i++)
      await create({
        firstName: `F${i % 4}`,
        lastName: `Same`,
        partnerId: partnerTwo,
        role: 'other',
      });
  });

  it('filters by partner and role and searches names and email', async () => {
    const byPartner = (await list(`partnerId=${partnerOne}&role=technical&role=sales`)).body;
    expect(byPartner.items.map((c: Item) => c.firstName)).toEqual(['Ada', 'Anna']);
    expect(lastNames((await list('role=champion')).body)).toEqual(['Noether']);
    expect(lastNames((await list('q=LOVE')).body)).toEqual(['Lovelace', 'Lovelace']);
    expect(lastNames((await list('q=navy.mil')).body)).toEqual([
      'Hopper <img src=x onerror=alert(1)>',
    ]);
    expect((await list('role=boss')).status).toBe(400);
  });

  it.each(['lastName', '-lastName', 'createdAt', '-createdAt'])(
    'walks every page of sort=%s without duplicates or gaps',
    async (sort) => {
      const whole = (await list(`sort=${sort}&limit=200`)).body.items as Item[];
      const paged: Item[] = [];
      let cursor: string | null = null;
      do {
        const { status, body } = await list(
          `sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(status).toBe(200);
        paged.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor);
      expect(whole.length).toBeGreaterThan(15);
      expect(paged.map((c) => c.id)).toEqual(whole.map((c) => c.id));
      if (sort.endsWith('createdAt')) {
        const times = whole.map((c) => c.createdAt);
        const sorted = [...times].sort();
        expect(times).toEqual(sort.startsWith('-') ? sorted.reverse() : sorted);
      }
    },
  );

  it('refuses a tampered cursor', async () => {
    const { body } = await list('limit=2');
    const res = await list(`limit=2&cursor=${body.nextCursor.slice(0, -4)}AAAA`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_cursor');
  });
});
