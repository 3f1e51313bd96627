import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: string;
let agreementId: string;
let base: string;

const withVersion = (version: number) => ({ 'if-match': `"${version}"` });
const create = (payload: object) =>
  request(t.app, { method: 'POST', url: base, key: admin, payload });
const patch = (id: string, version: number, payload: object) =>
  request(t.app, {
    method: 'PATCH',
    url: `${base}/${id}`,
    key: admin,
    headers: withVersion(version),
    payload,
  });
const actions = async (id: string) =>
  (
    (await t.database.sql(`SELECT action FROM audit_events WHERE entity_id = '${id}' ORDER BY id`))
      .rows as Array<{ action: string }>
  ).map((row) => row.action);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  const made = await request(t.app, {
    method: 'POST',
    url: '/api/v1/agreements',
    key: admin,
    payload: { partnerId: world.a.partners[0], type: 'reseller', title: 'Reseller 2027' },
  });
  agreementId = made.json().id;
  base = `/api/v1/agreements/${agreementId}/obligations`;
});
afterAll(() => t.close());

describe('a one-off obligation', () => {
  it('is added, overdue once its day has passed, done with evidence, reopened and deleted', async () => {
    const made = await create({
      description: 'Send the signed W-9',
      party: 'partner',
      ownerId: world.a.members.manager.memberId,
      dueOn: '2020-01-31',
    });
    expect(made.statusCode).toBe(201);
    expect(made.headers.etag).toBe('"1"');
    const obligation = made.json();
    expect(made.headers.location).toBe(`${base}/${obligation.id}`);
    expect(obligation).toMatchObject({
      agreementId,
      party: 'partner',
      status: 'open',
      ownerName: expect.any(String),
      dueOn: '2020-01-31',
      rrule: null,
      nextDueOn: '2020-01-31',
      overdue: true,
    });
    const done = await patch(obligation.id, 1, {
      status: 'done',
      evidenceNote: 'Received by mail',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      nextDueOn: null,
      overdue: false,
      version: 2,
    });
    const again = await expectDenied(t, 409, {
      method: 'PATCH',
      url: `${base}/${obligation.id}`,
      key: admin,
      headers: withVersion(2),
      payload: { status: 'waived' },
    });
    expect(again.json().code).toBe('invalid_transition');
    const reopened = await patch(obligation.id, 2, { status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open', nextDueOn: '2020-01-31' });
    const gone = await request(t.app, {
      method: 'DELETE',
      url: `${base}/${obligation.id}`,
      key: admin,
      headers: withVersion(3),
    });
    expect(gone.statusCode).toBe(204);
    expect(await actions(obligation.id)).toEqual([
      'obligation.created',
      'obligation.status_changed',
      'obligation.status_changed',
      'obligation.deleted',
    ]);
    const timeline = await t.database.sql(
      `SELECT summary->>'event' AS event FROM timeline_entries WHERE subject_id = '${agreementId}' ORDER BY occurred_at`,
    );
    expect((timeline.rows as Array<{ event: string }>).map((r) => r.event)).toEqual(
      expect.arrayContaining(['obligation_added', 'obligation_done']),
    );
  });
});

describe('a recurring obligation', () => {
  it('stores its rule in one form and moves its next due date as occurrences are done', async () => {
    const made = await create({
      description: 'Monthly sales report',
      party: 'us',
      rrule: 'bymonthday=-1;freq=monthly',
      startsOn: '2027-01-15',
    });
    expect(made.statusCode).toBe(201);
    const obligation = made.json();
    expect(obligation).toMatchObject({
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
      nextDueOn: '2027-01-31',
      overdue: false,
    });
    const doneJan = await patch(obligation.id, 1, { doneThrough: '2027-01-31' });
    expect(doneJan.json()).toMatchObject({ doneThrough: '2027-01-31', nextDueOn: '2027-02-28' });
    const quarterly = await patch(obligation.id, 2, {
      rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1',
    });
    expect(quarterly.json()).toMatchObject({ nextDueOn: '2027-04-30' });
    const oneOff = await patch(obligation.id, 3, {
      rrule: null,
      startsOn: null,
      dueOn: '2027-06-01',
    });
    expect(oneOff.json()).toMatchObject({ doneThrough: null, nextDueOn: '2027-06-01' });
  });

  it.each([
    [{ rrule: 'FREQ=HOURLY', startsOn: '2027-01-01' }, 'invalid_rrule', 'rrule'],
    [{ rrule: 'FREQ=DAILY;COUNT=20000', startsOn: '2027-01-01' }, 'invalid_rrule', 'rrule'],
    [{ rrule: 'FREQ=MONTHLY;BYSETPOS=1', startsOn: '2027-01-01' }, 'invalid_rrule', 'rrule'],
    [{ rrule: 'FREQ=MONTHLY' }, 'invalid_schedule', 'startsOn'],
    [
      { rrule: 'FREQ=MONTHLY', startsOn: '2027-01-01', dueOn: '2027-01-01' },
      'invalid_schedule',
      'dueOn',
    ],
    [{}, 'invalid_schedule', 'dueOn'],
    [
      {
        dueOn: '2027-01-01',
        ownerId: '00000000-0000-7000-8000-000000000000',
      },
      'invalid_reference',
      'ownerId',
    ],
  ])('refuses %j with 422 %s naming %s, changing nothing', async (payload, code, field) => {
    const res = await expectDenied(t, 422, {
      method: 'POST',
      url: base,
      key: admin,
      payload: { description: 'x', party: 'both', ...payload },
    });
    expect(res.json().code).toBe(code);
    expect(res.json().errors[0]).toMatchObject({ field });
  });

  it('refuses done-through on a one-off obligation (422) and a stale ETag (412)', async () => {
    const made = (await create({ description: 'Once', party: 'both', dueOn: '2027-02-01' })).json();
    const res = await expectDenied(t, 422, {
      method: 'PATCH',
      url: `${base}/${made.id}`,
      key: admin,
      headers: withVersion(1),
      payload: { doneThrough: '2027-02-01' },
    });
    expect(res.json().errors[0]).toMatchObject({ field: 'doneThrough' });
    await expectDenied(t, 412, {
      method: 'PATCH',
      url: `${base}/${made.id}`,
      key: admin,
      headers: withVersion(7),
      payload: { description: 'Twice' },
    });
    await expectDenied(t, 428, {
      method: 'PATCH',
      url: `${base}/${made.id}`,
      key: admin,
      payload: { description: 'Twice' },
    });
  });

  it('lists the soonest next due date first', async () => {
    const list = await request(t.app, { method: 'GET', url: base, key: admin });
    const due = list.json().items.map((o: { nextDueOn: string | null }) => o.nextDueOn);
    expect(due).toEqual([...due].sort());
  });
});

describe('a member who leaves', () => {
  it('leaves the obligations they own unowned, with an audit event each', async () => {
    const owner = world.a.members.member.memberId;
    const made = (
      await create({
        description: 'Quarterly review',
        party: 'both',
        ownerId: owner,
        dueOn: '2027-05-01',
      })
    ).json();
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${owner}`,
      key: admin,
    });
    expect(removed.statusCode).toBe(204);
    const after = await request(t.app, { method: 'GET', url: `${base}/${made.id}`, key: admin });
    expect(after.json()).toMatchObject({ ownerId: null, ownerName: null, version: 2 });
    expect(await actions(made.id)).toEqual(['obligation.created', 'obligation.owner_released']);
  });
});
