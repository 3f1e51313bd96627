import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: string;
let agreementId: string;
let base: string;

const create = async (payload: object) => {
  const res = await request(t.app, {
    method: 'POST',
    url: base,
    key: admin,
    payload: { party: 'us', ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};
const makeTask = (obligationId: string, payload: object) =>
  request(t.app, { method: 'POST', url: `${base}/${obligationId}/tasks`, key: admin, payload });
const refused = (status: number, obligationId: string, payload: object) =>
  expectDenied(t, status, {
    method: 'POST',
    url: `${base}/${obligationId}/tasks`,
    key: admin,
    payload,
  });

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

describe('a task from an occurrence', () => {
  it('is due that day, for the owner, about the agreement; audited and on the timeline', async () => {
    const owner = world.a.members.manager;
    const obligation = await create({
      description: 'Quarterly business review\nWith the partner’s sales lead',
      ownerId: owner.memberId,
      rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1',
      startsOn: '2027-01-01',
    });
    const res = await makeTask(obligation.id, { occursOn: '2027-04-30' });
    expect(res.statusCode, res.body).toBe(201);
    const task = res.json();
    expect(res.headers.location).toBe(`/api/v1/tasks/${task.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(task).toMatchObject({
      title: 'Quarterly business review',
      description: 'Quarterly business review\nWith the partner’s sales lead',
      dueDate: '2027-04-30',
      status: 'todo',
      visibility: 'internal',
      assignee: { id: owner.memberId },
      partner: { id: world.a.partners[0] },
      link: { subjectType: 'agreement', subjectId: agreementId, label: 'Reseller 2027' },
    });
    const read = await request(t.app, {
      method: 'GET',
      url: `/api/v1/tasks/${task.id}`,
      key: admin,
    });
    expect(read.json().link).toEqual(task.link);

    const { rows: pairs } = await t.database.sql(
      'SELECT occurs_on::text AS occurs_on, task_id FROM obligation_tasks WHERE obligation_id = $1',
      [obligation.id],
    );
    expect(pairs).toEqual([{ occurs_on: '2027-04-30', task_id: task.id }]);
    const { rows: audits } = await t.database.sql(
      'SELECT action, after FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY id',
      [obligation.id, task.id],
    );
    expect(audits.map((a) => (a as { action: string }).action)).toEqual([
      'obligation.created',
      'task.created',
      'obligation.task_made',
    ]);
    expect((audits[2] as { after: unknown }).after).toEqual({
      occursOn: '2027-04-30',
      taskId: task.id,
    });
    const { rows: entries } = await t.database.sql(
      `SELECT summary FROM timeline_entries WHERE subject_id = $1 AND summary->>'event' = 'obligation_task'`,
      [agreementId],
    );
    expect(entries).toMatchObject([
      { summary: { event: 'obligation_task', occursOn: '2027-04-30', title: 'Reseller 2027' } },
    ]);
    // The owner heard the task is theirs.
    const { rows: told } = await t.database.sql(
      "SELECT recipient_id FROM notifications WHERE kind = 'assignment' AND subject_id = $1",
      [task.id],
    );
    expect(told).toEqual([{ recipient_id: owner.memberId }]);
  });

  it('is made once per occurrence (409, nothing changed), and again once that task is deleted', async () => {
    const obligation = await create({
      description: 'Monthly sales report',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=5',
      startsOn: '2027-01-01',
    });
    const first = await makeTask(obligation.id, {
      occursOn: '2027-02-05',
      title: 'February report',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ title: 'February report', assignee: null });
    const again = await refused(409, obligation.id, { occursOn: '2027-02-05' });
    expect(again.json()).toMatchObject({
      code: 'task_exists',
      errors: [{ field: 'occursOn', code: 'task_exists' }],
    });
    // Another occurrence is its own.
    expect((await makeTask(obligation.id, { occursOn: '2027-03-05' })).statusCode).toBe(201);
    const gone = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/tasks/${first.json().id}`,
      key: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await makeTask(obligation.id, { occursOn: '2027-02-05' })).statusCode).toBe(201);
  });

  it.each([
    ['a day the rule does not fall on', '2027-02-06'],
    ['a day before the start', '2026-12-05'],
    ['a day after the last occurrence', '2027-04-05'],
  ])('refuses %s with 422 not_due naming occursOn, changing nothing', async (_what, day) => {
    const obligation = await create({
      description: 'Three reports',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=5;COUNT=3',
      startsOn: '2027-01-01',
    });
    const res = await refused(422, obligation.id, { occursOn: day });
    expect(res.json()).toMatchObject({
      code: 'not_due',
      errors: [{ field: 'occursOn', code: 'not_due' }],
    });
  });

  it('takes a one-off obligation’s due date only, and nothing of a closed one', async () => {
    const obligation = await create({ description: 'Send the W-9', dueOn: '2027-03-01' });
    const wrong = await refused(422, obligation.id, { occursOn: '2027-03-02' });
    expect(wrong.json().errors[0]).toMatchObject({ field: 'occursOn' });
    const bad = await refused(400, obligation.id, { occursOn: '2027-3-1' });
    expect(bad.body).toContain('occursOn');
    const done = await request(t.app, {
      method: 'PATCH',
      url: `${base}/${obligation.id}`,
      key: admin,
      headers: { 'if-match': '"1"' },
      payload: { status: 'done' },
    });
    expect(done.statusCode).toBe(200);
    const closed = await refused(409, obligation.id, { occursOn: '2027-03-01' });
    expect(closed.json().code).toBe('obligation_closed');
    const reopened = await request(t.app, {
      method: 'PATCH',
      url: `${base}/${obligation.id}`,
      key: admin,
      headers: { 'if-match': '"2"' },
      payload: { status: 'open' },
    });
    expect(reopened.statusCode).toBe(200);
    expect((await makeTask(obligation.id, { occursOn: '2027-03-01' })).statusCode).toBe(201);
  });

  it('leaves its task when the obligation is deleted', async () => {
    const obligation = await create({ description: 'One-off', dueOn: '2027-05-01' });
    const task = (await makeTask(obligation.id, { occursOn: '2027-05-01' })).json();
    const gone = await request(t.app, {
      method: 'DELETE',
      url: `${base}/${obligation.id}`,
      key: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(gone.statusCode).toBe(204);
    const read = await request(t.app, {
      method: 'GET',
      url: `/api/v1/tasks/${task.id}`,
      key: admin,
    });
    expect(read.statusCode).toBe(200);
    const { rows } = await t.database.sql(
      'SELECT count(*)::int AS n FROM obligation_tasks WHERE task_id = $1',
      [task.id],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
