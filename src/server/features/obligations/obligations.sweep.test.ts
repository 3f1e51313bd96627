import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, request, type TestApp } from '../../../../test/harness';
import { sweepClient } from './obligations.sweep.fixture';

/** The overdue obligation sweep: who is told, when, once, and in which workspace. */
let t: TestApp;
let world: World;

const { sweepAt, noticesOf, mailed, createAgreement, createObligation } = sweepClient(() => t);

async function patchObligation(
  key: string,
  agreementId: string,
  id: string,
  version: number,
  payload: object,
) {
  const res = await request(t.app, {
    method: 'PATCH',
    url: `/api/v1/agreements/${agreementId}/obligations/${id}`,
    key,
    headers: { 'if-match': `"${version}"` },
    payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { version: number };
}

const notifiedDueOn = async (id: string) =>
  (
    (
      await t.database.sql(
        'SELECT notified_due_on::text AS d FROM agreement_obligations WHERE id = $1',
        [id],
      )
    ).rows[0] as { d: string | null }
  ).d;

let agreementA: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  agreementA = (
    await createAgreement(world.a.members.admin.key, world.a.partners[0], {
      ownerId: world.a.members.admin.memberId,
    })
  ).id;
});
afterAll(() => t.close());

describe('the overdue obligation sweep', () => {
  it('tells the owner once per due date, and again when a moved date passes', async () => {
    const key = world.a.members.admin.key;
    const owner = world.a.members.manager;
    const made = await createObligation(key, agreementA, {
      description: 'Send the signed W-9',
      ownerId: owner.memberId,
      dueOn: '2030-03-10',
    });
    await sweepAt('2030-03-10T12:00:00Z');
    expect(await noticesOf('Send the signed W-9')).toEqual([]);

    await sweepAt('2030-03-11T06:00:00Z');
    const [first, ...others] = await noticesOf('Send the signed W-9');
    expect(others).toEqual([]);
    expect(first).toMatchObject({
      workspace_id: world.a.workspaceId,
      recipient_id: owner.memberId,
      subject_type: 'agreement',
      subject_id: agreementA,
      title: 'Send the signed W-9 (Reseller terms)',
      due_on: '2030-03-10',
    });
    expect(mailed(first)).toBe(true);
    expect(await notifiedDueOn(made.id)).toBe('2030-03-10');
    // The next hourly run, and the next day's, find it told and write nothing.
    expect(await sweepAt('2030-03-11T07:00:00Z')).toBe(0);
    await sweepAt('2030-03-12T07:00:00Z');
    expect(await noticesOf('Send the signed W-9')).toHaveLength(1);

    await patchObligation(key, agreementA, made.id, made.version, { dueOn: '2030-03-20' });
    await sweepAt('2030-03-15T07:00:00Z');
    expect(await noticesOf('Send the signed W-9')).toHaveLength(1);
    await sweepAt('2030-03-21T07:00:00Z');
    expect((await noticesOf('Send the signed W-9')).map((n) => n.due_on)).toEqual([
      '2030-03-10',
      '2030-03-20',
    ]);

    // In the app it links to the agreement, under its own kind.
    const cookie = await signIn(t.app, owner.email);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/notifications', cookie });
    const items = (list.json().items as Array<{ kind: string; link: string; title: string }>)
      .filter((n) => n.kind === 'obligation_overdue')
      .map(({ link, title }) => ({ link, title }));
    expect(items).toEqual([
      { link: `/agreements/${agreementA}`, title: 'Send the signed W-9 (Reseller terms)' },
      { link: `/agreements/${agreementA}`, title: 'Send the signed W-9 (Reseller terms)' },
    ]);
  });

  it('catches up after downtime: the first occurrence not done, then the next one once done through', async () => {
    const key = world.a.members.admin.key;
    const made = await createObligation(key, agreementA, {
      description: 'Monthly sales report',
      ownerId: world.a.members.member.memberId,
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
      startsOn: '2030-01-01',
    });
    // Nothing ran from January to mid-June: one notice, for the first occurrence not done.
    await sweepAt('2030-06-15T08:00:00Z');
    expect((await noticesOf('Monthly sales report')).map((n) => n.due_on)).toEqual(['2030-01-01']);
    await patchObligation(key, agreementA, made.id, made.version, { doneThrough: '2030-05-01' });
    await sweepAt('2030-06-15T09:00:00Z');
    await sweepAt('2030-06-15T10:00:00Z');
    expect((await noticesOf('Monthly sales report')).map((n) => n.due_on)).toEqual([
      '2030-01-01',
      '2030-06-01',
    ]);
  });

  it('announces more than one batch in one run, each obligation once', async () => {
    // Written past the API's cap of 200 an agreement, as a large workspace holds them across many.
    const bulk = await createAgreement(world.a.members.admin.key, world.a.partners[1], {
      title: 'Bulk',
    });
    await t.database.sql(
      `INSERT INTO agreement_obligations (id, workspace_id, agreement_id, description, party,
         owner_id, due_on, status, next_due_on)
       SELECT gen_random_uuid(), $1, $2, 'Bulk duty ' || n, 'us', $3, '2031-01-01', 'open', '2031-01-01'
       FROM generate_series(1, 1005) AS n`,
      [world.a.workspaceId, bulk.id, world.a.members.viewer.memberId],
    );
    expect(await sweepAt('2031-01-05T08:00:00Z')).toBe(1005);
    expect(await noticesOf('Bulk duty')).toHaveLength(1005);
    expect(await sweepAt('2031-01-05T09:00:00Z')).toBe(0);
  });

  it('goes by each workspace’s own day', async () => {
    const setZone = (workspaceId: string, zone: string) =>
      t.database.sql('UPDATE workspaces SET time_zone = $1 WHERE id = $2', [zone, workspaceId]);
    const { rows } = await t.database.sql('SELECT time_zone FROM workspaces WHERE id = $1', [
      world.a.workspaceId,
    ]);
    const before = (rows[0] as { time_zone: string }).time_zone;
    await setZone(world.a.workspaceId, 'Pacific/Auckland');
    await setZone(world.b.workspaceId, 'America/Los_Angeles');
    try {
      const agreementB = await createAgreement(world.b.members.admin.key, world.b.partners[0]);
      await createObligation(world.a.members.admin.key, agreementA, {
        description: 'Zone duty A',
        ownerId: world.a.members.manager.memberId,
        dueOn: '2032-03-10',
      });
      await createObligation(world.b.members.admin.key, agreementB.id, {
        description: 'Zone duty B',
        ownerId: world.b.members.manager.memberId,
        dueOn: '2032-03-10',
      });
      // 12:00 UTC is already the 11th in Auckland (UTC+13) but still the 10th in Los Angeles.
      await sweepAt('2032-03-10T12:00:00Z');
      expect(await noticesOf('Zone duty A')).toHaveLength(1);
      expect(await noticesOf('Zone duty B')).toEqual([]);
      // 07:59 UTC on the 11th is 23:59 on the 10th in Los Angeles (UTC−8); a minute later, the 11th.
      await sweepAt('2032-03-11T07:59:00Z');
      expect(await noticesOf('Zone duty B')).toEqual([]);
      await sweepAt('2032-03-11T08:00:00Z');
      expect(await noticesOf('Zone duty B')).toMatchObject([
        { workspace_id: world.b.workspaceId, recipient_id: world.b.members.manager.memberId },
      ]);
    } finally {
      await setZone(world.a.workspaceId, before);
      await setZone(world.b.workspaceId, before);
    }
  });

  it('tells the agreement’s owner when the obligation has none, and waits when neither has one', async () => {
    const key = world.a.members.admin.key;
    const leaving = world.a.members.member;
    const owned = await createObligation(key, agreementA, {
      description: 'Owner left duty',
      ownerId: leaving.memberId,
      dueOn: '2033-02-01',
    });
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${leaving.memberId}`,
      key,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const unownedAgreement = await createAgreement(key, world.a.partners[1], { title: 'Orphan' });
    const nobodys = await createObligation(key, unownedAgreement.id, {
      description: 'Nobody’s duty',
      dueOn: '2033-02-01',
    });
    await sweepAt('2033-02-02T08:00:00Z');
    expect(await noticesOf('Owner left duty')).toMatchObject([
      { recipient_id: world.a.members.admin.memberId, due_on: '2033-02-01' },
    ]);
    expect(await notifiedDueOn(owned.id)).toBe('2033-02-01');
    expect(await noticesOf('Nobody’s duty')).toEqual([]);
    expect(await notifiedDueOn(nobodys.id)).toBeNull();
    // Once someone owns it, the next run tells them.
    await patchObligation(key, unownedAgreement.id, nobodys.id, nobodys.version, {
      ownerId: world.a.members.manager.memberId,
    });
    await sweepAt('2033-02-02T09:00:00Z');
    expect(await noticesOf('Nobody’s duty')).toMatchObject([
      { recipient_id: world.a.members.manager.memberId, due_on: '2033-02-01' },
    ]);
  });

  it('never fires for done or waived obligations', async () => {
    const key = world.a.members.admin.key;
    const ownerId = world.a.members.manager.memberId;
    for (const status of ['done', 'waived'] as const) {
      const made = await createObligation(key, agreementA, {
        description: `Closed duty ${status}`,
        ownerId,
        dueOn: '2034-01-01',
      });
      await patchObligation(key, agreementA, made.id, made.version, { status });
    }
    await sweepAt('2034-03-01T08:00:00Z');
    expect(await noticesOf('Closed duty')).toEqual([]);
  });

  it('keeps two workspaces apart', async () => {
    const agreementB = await createAgreement(world.b.members.admin.key, world.b.partners[1]);
    await createObligation(world.b.members.admin.key, agreementB.id, {
      description: 'B’s own duty',
      ownerId: world.b.members.member.memberId,
      dueOn: '2036-01-01',
    });
    await sweepAt('2036-01-02T08:00:00Z');
    expect(await noticesOf('B’s own duty')).toMatchObject([
      { workspace_id: world.b.workspaceId, recipient_id: world.b.members.member.memberId },
    ]);
    // Every notice went to a member of the obligation's own workspace.
    const { rows } = await t.database.sql(
      `SELECT count(*)::int AS n FROM notifications n
       JOIN members m ON m.id = n.recipient_id
       WHERE n.kind = 'obligation_overdue' AND m.workspace_id <> n.workspace_id`,
    );
    expect(rows).toEqual([{ n: 0 }]);
    const cookie = await signIn(t.app, world.a.members.manager.email);
    const list = await request(t.app, { method: 'GET', url: '/api/v1/notifications', cookie });
    expect(list.body).not.toContain('B’s own duty');
  });
});
