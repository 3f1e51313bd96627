import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { rollUntil } from '../../../domain/renewals';
import { sweepAgreements } from './agreements.sweep';

let t: TestApp;
let world: World;

type Terms = {
  status?: string;
  endOn: string;
  noticeDays?: number | null;
  autoRenew?: boolean;
  termMonths?: number | null;
  workspace?: 'a' | 'b';
};

/** An agreement in force, written straight to the table: the sweep reads nothing else. */
async function insert(terms: Terms): Promise<string> {
  const id = randomUUID();
  const ws = world[terms.workspace ?? 'a'];
  await t.database.sql(
    `INSERT INTO agreements (id, workspace_id, partner_id, type, title, status, effective_on,
       end_on, auto_renew, renewal_term_months, notice_days)
     VALUES ($1, $2, $3, 'reseller', 'Sweep test', $4, '2020-01-01', $5, $6, $7, $8)`,
    [
      id,
      ws.workspaceId,
      ws.partners[0],
      terms.status ?? 'active',
      terms.endOn,
      terms.autoRenew ?? false,
      terms.termMonths ?? null,
      terms.noticeDays ?? null,
    ],
  );
  return id;
}

type Row = { status: string; end_on: string; end_anchor_on: string | null; version: number };
const row = async (id: string) =>
  (
    await t.database.sql(
      `SELECT status, end_on::text, end_anchor_on::text, version FROM agreements WHERE id = $1`,
      [id],
    )
  ).rows[0] as Row;
const history = async (id: string) => ({
  audit: (
    await t.database.sql(
      `SELECT action, before, after, actor_name FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [id],
    )
  ).rows as Array<{ action: string; before: unknown; after: unknown; actor_name: string }>,
  timeline: (
    await t.database.sql(
      `SELECT summary FROM timeline_entries WHERE subject_id = $1 ORDER BY occurred_at, id`,
      [id],
    )
  ).rows as Array<{ summary: Record<string, string> }>,
});
const sweep = (day: string, hour = '06:00') =>
  sweepAgreements(t.database, new Date(`${day}T${hour}:00Z`), (tx, jobs) =>
    t.ctx.jobs.enqueueMany(tx, 'notification.email', jobs),
  );

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());
beforeEach(async () => {
  // Each case sweeps only its own agreements.
  await t.database.sql(`DELETE FROM agreements`);
  await t.database.sql(`UPDATE workspaces SET time_zone = 'UTC'`);
});

describe('active → expiring', () => {
  it('moves on the notice deadline, not the day before', async () => {
    const id = await insert({ endOn: '2027-03-31', noticeDays: 31 });
    await sweep('2027-02-27');
    expect((await row(id)).status).toBe('active');
    // 2027-03-31 − 31 days = 2027-02-28 (no Feb 29 in 2027).
    expect(await sweep('2027-02-28')).toEqual({ renewed: 0, expiring: 1, expired: 0, reminded: 0 });
    expect(await row(id)).toMatchObject({ status: 'expiring', version: 2 });
    const { audit, timeline } = await history(id);
    expect(audit).toEqual([
      {
        action: 'agreement.status_changed',
        before: { status: 'active' },
        after: { status: 'expiring' },
        actor_name: 'job:agreement.sweep',
      },
    ]);
    expect(timeline[0]?.summary).toMatchObject({
      title: 'Sweep test',
      event: 'status_changed',
      from: 'active',
      to: 'expiring',
    });
  });

  it('counts the leap day in a leap year', async () => {
    const id = await insert({ endOn: '2028-03-31', noticeDays: 31 });
    await sweep('2028-02-28');
    expect((await row(id)).status).toBe('active');
    await sweep('2028-02-29');
    expect((await row(id)).status).toBe('expiring');
  });

  it('starts 30 days before the end without a notice period (or with 0 days)', async () => {
    const none = await insert({ endOn: '2027-01-30' });
    const zero = await insert({ endOn: '2027-01-30', noticeDays: 0 });
    await sweep('2026-12-30');
    expect((await row(none)).status).toBe('active');
    expect(await sweep('2026-12-31')).toMatchObject({ expiring: 2 });
    expect((await row(zero)).status).toBe('expiring');
  });

  it('takes the workspace’s own date: Auckland is a day ahead of UTC', async () => {
    await t.database.sql(`UPDATE workspaces SET time_zone = 'Pacific/Auckland' WHERE id = $1`, [
      world.b.workspaceId,
    ]);
    // The notice deadline is 2027-02-28 − 27 days = 2027-02-01.
    const here = await insert({ endOn: '2027-02-28', noticeDays: 27 });
    const there = await insert({ endOn: '2027-02-28', noticeDays: 27, workspace: 'b' });
    // 2027-01-31 12:00 UTC is already 2027-02-01 in Auckland: its deadline has come.
    await sweep('2027-01-31', '12:00');
    expect((await row(here)).status).toBe('active');
    expect((await row(there)).status).toBe('expiring');
  });
});

describe('→ expired', () => {
  it('expires the day after the end date, through expiring when a sweep was missed', async () => {
    const id = await insert({ endOn: '2027-02-28', noticeDays: 30 });
    await sweep('2027-02-28');
    expect((await row(id)).status).toBe('expiring');
    await sweep('2027-02-28');
    expect((await row(id)).status).toBe('expiring');
    expect(await sweep('2027-03-01')).toEqual({ renewed: 0, expiring: 0, expired: 1, reminded: 0 });
    expect((await row(id)).status).toBe('expired');

    const missed = await insert({ endOn: '2027-01-31', noticeDays: 30 });
    expect(await sweep('2027-06-01')).toEqual({ renewed: 0, expiring: 1, expired: 1, reminded: 0 });
    const { audit } = await history(missed);
    expect(audit.map((event) => event.after)).toEqual([
      { status: 'expiring' },
      { status: 'expired' },
    ]);
  });

  it('is idempotent: a second run the same day changes nothing and writes nothing', async () => {
    const id = await insert({ endOn: '2027-01-31' });
    await sweep('2027-02-01');
    const before = await row(id);
    const events = (await history(id)).audit.length;
    expect(await sweep('2027-02-01')).toEqual({ renewed: 0, expiring: 0, expired: 0, reminded: 0 });
    expect(await row(id)).toEqual(before);
    expect((await history(id)).audit).toHaveLength(events);
  });

  it('leaves other statuses alone', async () => {
    const ids = await Promise.all(
      ['draft', 'pending_signature', 'terminated', 'renewed'].map((status) =>
        insert({ status, endOn: '2020-06-30' }),
      ),
    );
    expect(await sweep('2027-01-01')).toEqual({ renewed: 0, expiring: 0, expired: 0, reminded: 0 });
    for (const id of ids) expect((await row(id)).version).toBe(1);
  });
});

describe('auto-renewal', () => {
  it('rolls a Jan 31 end by one month without drifting to the 28th', async () => {
    const id = await insert({
      endOn: '2027-01-31',
      autoRenew: true,
      termMonths: 1,
      noticeDays: 10,
    });
    await sweep('2027-01-31');
    expect((await row(id)).end_on).toBe('2027-01-31');
    await sweep('2027-02-01');
    expect(await row(id)).toMatchObject({
      status: 'active',
      end_on: '2027-02-28',
      end_anchor_on: '2027-01-31',
    });
    await sweep('2027-03-01');
    expect((await row(id)).end_on).toBe('2027-03-31');
    await sweep('2027-04-01');
    expect((await row(id)).end_on).toBe('2027-04-30');
    const { audit, timeline } = await history(id);
    expect(audit[0]).toMatchObject({
      action: 'agreement.auto_renewed',
      before: { endOn: '2027-01-31' },
      after: { endOn: '2027-02-28' },
    });
    expect(timeline[0]?.summary).toMatchObject({ event: 'auto_renewed', to: '2027-02-28' });
  });

  it('rolls a Feb 29 end by a year to Feb 28, and back to Feb 29 four years on', async () => {
    const id = await insert({ endOn: '2028-02-29', autoRenew: true, termMonths: 12 });
    await sweep('2028-03-01');
    expect((await row(id)).end_on).toBe('2029-02-28');
    await sweep('2032-02-01');
    expect((await row(id)).end_on).toBe('2032-02-29');
  });

  it('catches up many missed terms in one pass, as the domain rolls them', async () => {
    const cases: Array<[string, number, string]> = [
      ['2020-01-31', 1, '2027-05-15'],
      ['2020-08-31', 6, '2027-02-28'],
      ['2021-11-30', 3, '2027-03-01'],
      ['2024-02-29', 12, '2027-03-01'],
      ['2026-12-31', 2, '2027-02-28'],
    ];
    for (const [endOn, termMonths, today] of cases) {
      await t.database.sql(`DELETE FROM agreements`);
      const id = await insert({ endOn, autoRenew: true, termMonths });
      expect(await sweep(today)).toMatchObject({ renewed: 1 });
      expect((await row(id)).end_on).toBe(rollUntil(endOn, termMonths, today).endDate);
    }
  });

  it('never moves an auto-renewing agreement to expiring', async () => {
    const id = await insert({
      endOn: '2027-03-31',
      autoRenew: true,
      termMonths: 12,
      noticeDays: 90,
    });
    await sweep('2027-03-15');
    expect((await row(id)).status).toBe('active');
  });
});
