import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWorld, signIn, switchMailOff, type World } from '../../../../test/factories';
import {
  createTestApp,
  expectDenied,
  PUBLIC_URL,
  request,
  type TestApp,
} from '../../../../test/harness';
import { startSmtpServer } from '../../../../test/smtp';
import {
  defaultRenewalReminderDays,
  dueReminders,
  leadTimesOf,
} from '../../../domain/renewal-reminders';
import { addDays, daysInMonth, noticeDeadline } from '../../../domain/renewals';
import type { JobQueue } from '../../jobs/queue';
import { sweepAgreements } from './agreements.sweep';

let t: TestApp;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

type Terms = {
  endOn: string;
  noticeDays?: number | null;
  autoRenew?: boolean;
  termMonths?: number | null;
  status?: string;
  workspace?: 'a' | 'b';
  owner?: 'admin' | 'manager' | 'member' | 'viewer' | null;
  title?: string;
};

/** An agreement in force, written straight to the table: the sweep reads nothing else. */
async function insert(terms: Terms): Promise<string> {
  const id = randomUUID();
  const ws = world[terms.workspace ?? 'a'];
  const owner = terms.owner === undefined ? 'member' : terms.owner;
  await t.database.sql(
    `INSERT INTO agreements (id, workspace_id, partner_id, type, title, status, effective_on,
       end_on, auto_renew, renewal_term_months, notice_days, owner_id)
     VALUES ($1, $2, $3, 'reseller', $4, $5, '2020-01-01', $6, $7, $8, $9, $10)`,
    [
      id,
      ws.workspaceId,
      ws.partners[0],
      terms.title ?? 'Reseller terms',
      terms.status ?? 'active',
      terms.endOn,
      terms.autoRenew ?? false,
      terms.termMonths ?? null,
      terms.noticeDays ?? null,
      owner ? ws.members[owner].memberId : null,
    ],
  );
  return id;
}

const sweep = (day: string, hour = '06:00') =>
  sweepAgreements(t.database, new Date(`${day}T${hour}:00Z`), (tx, jobs) =>
    t.ctx.jobs.enqueueMany(tx, 'notification.email', jobs),
  );

type Sent = { agreement_id: string; target: string; term_end_on: string; lead_days: number };
const reminders = async (id?: string) =>
  (
    await t.database.sql(
      `SELECT agreement_id, target, term_end_on::text, lead_days FROM agreement_reminders
       ${id ? 'WHERE agreement_id = $1' : ''} ORDER BY target, term_end_on, lead_days DESC`,
      id ? [id] : [],
    )
  ).rows as Sent[];
const notices = async (id: string) =>
  (
    await t.database.sql(
      `SELECT recipient_id, kind, subject_type, title FROM notifications
       WHERE subject_id = $1 ORDER BY title`,
      [id],
    )
  ).rows as Array<{ recipient_id: string; kind: string; subject_type: string; title: string }>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  world = await seedWorld(t.database);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});
beforeEach(async () => {
  await t.database.sql(`DELETE FROM agreements`);
  await t.database.sql(`DELETE FROM notifications`);
  await t.database.sql(`DELETE FROM pgboss.job WHERE name = 'notification.email'`);
  await t.database.sql(
    `UPDATE workspaces SET time_zone = 'UTC', renewal_reminder_days = $1::jsonb`,
    [JSON.stringify(defaultRenewalReminderDays)],
  );
});

describe('renewal reminders', () => {
  it('remind the owner in the app on the day a lead time reaches the notice deadline', async () => {
    // End 2027-03-31, 31 days' notice: deadline 2027-02-28; its 30-day reminder is 2027-01-29.
    const id = await insert({ endOn: '2027-03-31', noticeDays: 31, title: 'Acme reseller' });
    await sweep('2027-01-28');
    expect(await reminders(id)).toEqual([
      { agreement_id: id, target: 'end_date', term_end_on: '2027-03-31', lead_days: 90 },
      { agreement_id: id, target: 'notice_deadline', term_end_on: '2027-03-31', lead_days: 90 },
    ]);
    expect(await sweep('2027-01-29')).toMatchObject({ reminded: 1 });
    expect((await reminders(id)).map((r) => `${r.target} ${r.lead_days}`)).toContain(
      'notice_deadline 30',
    );
    const owner = world.a.members.member;
    const inbox = await request(t.app, {
      method: 'GET',
      url: '/api/v1/notifications',
      cookie: await signIn(t.app, owner.email),
    });
    const items = (inbox.json() as { items: Array<Record<string, unknown>> }).items.filter(
      (n) => n.subjectId === id,
    );
    // Notices written by one statement share their moment, so their order among themselves is not
    // fixed: compare the titles as a set.
    expect(items.map((n) => n.title).sort()).toEqual([
      'Acme reseller: ends 2027-03-31 (in 62 days)',
      'Acme reseller: notice deadline 2027-02-28 (in 30 days)',
      'Acme reseller: notice deadline 2027-02-28 (in 31 days)',
    ]);
    expect(items[0]).toMatchObject({
      kind: 'renewal',
      subjectType: 'agreement',
      link: `/agreements/${id}`,
    });
  });

  it('is idempotent: a second run the same day writes nothing, not even a mail job', async () => {
    const id = await insert({ endOn: '2027-03-31', noticeDays: 31 });
    expect(await sweep('2027-02-21')).toMatchObject({ reminded: 2 });
    const jobs = await t.database.sql(`SELECT count(*)::int AS n FROM pgboss.job`);
    expect(await sweep('2027-02-21', '07:00')).toMatchObject({ reminded: 0 });
    expect(await sweep('2027-02-21', '23:00')).toMatchObject({ reminded: 0 });
    expect(await notices(id)).toHaveLength(2);
    expect((await t.database.sql(`SELECT count(*)::int AS n FROM pgboss.job`)).rows).toEqual(
      jobs.rows,
    );
  });

  it('catches up after downtime with the latest reminder only, then the next on its day', async () => {
    const id = await insert({ endOn: '2027-03-31', noticeDays: 31 });
    // Down since long before the 90- and 30-day reminders: one reminder per date, the latest.
    expect(await sweep('2027-02-22')).toMatchObject({ reminded: 2 });
    expect((await reminders(id)).map((r) => `${r.target} ${r.lead_days}`)).toEqual([
      'end_date 90',
      'notice_deadline 7',
    ]);
    expect(await sweep('2027-02-28')).toMatchObject({ reminded: 0 });
    // The end's 30-day reminder is 2027-03-01; the notice deadline has passed by then.
    expect(await sweep('2027-03-05')).toMatchObject({ reminded: 1 });
    expect(await sweep('2027-03-24')).toMatchObject({ reminded: 1 });
    expect(await sweep('2027-04-01')).toMatchObject({ reminded: 0, expired: 1 });
    expect((await notices(id)).map((n) => n.title)).toEqual([
      'Reseller terms: ends 2027-03-31 (in 26 days)',
      'Reseller terms: ends 2027-03-31 (in 37 days)',
      'Reseller terms: ends 2027-03-31 (in 7 days)',
      'Reseller terms: notice deadline 2027-02-28 (in 6 days)',
    ]);
  });

  it('reminds an auto-renewing term again for its rolled end, which stays on month ends', async () => {
    const id = await insert({ endOn: '2027-01-31', autoRenew: true, termMonths: 1 });
    await sweep('2027-01-30');
    expect(await sweep('2027-02-21')).toMatchObject({ renewed: 1, reminded: 1 });
    expect(await reminders(id)).toEqual([
      { agreement_id: id, target: 'end_date', term_end_on: '2027-01-31', lead_days: 7 },
      { agreement_id: id, target: 'end_date', term_end_on: '2027-02-28', lead_days: 7 },
    ]);
    expect((await notices(id)).map((n) => n.title)).toEqual([
      'Reseller terms: renews automatically 2027-01-31 (tomorrow)',
      'Reseller terms: renews automatically 2027-02-28 (in 7 days)',
    ]);
  });

  it('follows the workspace’s lead times and its day; an empty list reminds nothing', async () => {
    await t.database.sql(
      `UPDATE workspaces SET renewal_reminder_days = '{"noticeDeadline":[],"endDate":[14]}',
         time_zone = 'Pacific/Auckland' WHERE id = $1`,
      [world.a.workspaceId],
    );
    const id = await insert({ endOn: '2027-03-15', noticeDays: 60 });
    // 2027-03-01 in Auckland begins at 11:00 UTC on 2027-02-28.
    expect(await sweep('2027-02-28', '10:30')).toMatchObject({ reminded: 0 });
    expect(await sweep('2027-02-28', '11:30')).toMatchObject({ reminded: 1 });
    expect(await reminders(id)).toEqual([
      { agreement_id: id, target: 'end_date', term_end_on: '2027-03-15', lead_days: 14 },
    ]);
  });

  it('goes to the owner only, in the owner’s workspace; unowned and ended agreements get none', async () => {
    const a = await insert({ endOn: '2027-03-10', owner: 'viewer' });
    const b = await insert({ endOn: '2027-03-10', workspace: 'b', owner: 'manager' });
    const unowned = await insert({ endOn: '2027-03-10', owner: null });
    const ended = await insert({ endOn: '2027-03-10', status: 'terminated' });
    const draft = await insert({ endOn: '2027-03-10', status: 'draft' });
    expect(await sweep('2027-03-05')).toMatchObject({ reminded: 2 });
    expect((await notices(a)).map((n) => n.recipient_id)).toEqual([
      world.a.members.viewer.memberId,
    ]);
    expect((await notices(b)).map((n) => n.recipient_id)).toEqual([
      world.b.members.manager.memberId,
    ]);
    for (const id of [unowned, ended, draft]) expect(await notices(id)).toEqual([]);
    // Workspace A's members see nothing of B's agreement, and the reverse.
    const inbox = await request(t.app, {
      method: 'GET',
      url: '/api/v1/notifications',
      cookie: await signIn(t.app, world.a.members.manager.email),
    });
    expect(JSON.stringify(inbox.json())).not.toContain(b);
    await expectDenied(t, 404, {
      method: 'GET',
      url: `/api/v1/agreements/${b}`,
      key: world.a.members.viewer.key,
    });
  });

  it('chooses, in SQL, the reminders the domain rule chooses, around month ends and leap days', async () => {
    const day = fc
      .tuple(
        fc.constantFrom(2027, 2028),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(1, 28, 29, 30, 31),
      )
      .map(
        ([y, m, d]) =>
          `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, daysInMonth(y, m))).padStart(2, '0')}`,
      );
    const cases = fc.sample(
      fc.tuple(day, fc.constantFrom(null, 0, 1, 29, 31, 60, 90), fc.integer({ min: -3, max: 120 })),
      {
        numRuns: 40,
        seed: 59,
      },
    );
    const today = '2028-02-29';
    const expected: string[] = [];
    for (const [end, notice, shift] of cases) {
      const endOn = addDays(end, 0) < today ? addDays(today, shift) : end;
      const id = await insert({ endOn, noticeDays: notice });
      const deadline = notice ? noticeDeadline(endOn, notice) : null;
      for (const r of dueReminders(
        { noticeDeadline: deadline, endDate: endOn },
        leadTimesOf(defaultRenewalReminderDays),
        today,
      ))
        expected.push(`${id} ${r.target} ${r.leadDays}`);
    }
    await sweep(today);
    const got = (await reminders()).map((r) => `${r.agreement_id} ${r.target} ${r.lead_days}`);
    expect(got.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(5);
  });
});

describe('renewal reminder mail', () => {
  it('arrives over SMTP as one plain-text mail per owner and sweep; the switch stops it', async () => {
    await (t.ctx.jobs as JobQueue).startWork();
    const first = await insert({ endOn: '2027-03-10', title: 'Beta <b>reseller</b>' });
    await insert({ endOn: '2027-03-12', title: 'Gamma referral' });
    const arriving = smtp.next();
    await sweep('2027-03-05');
    const mail = await simpleParser((await arriving).raw);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(world.a.members.member.email);
    expect(mail.subject).toBe('Tandem: 2 new notifications');
    expect(mail.html).toBe(false);
    expect(mail.text).toContain('- Renewal: Beta <b>reseller</b>: ends 2027-03-10 (in 5 days)');
    expect(mail.text).toContain('- Renewal: Gamma referral: ends 2027-03-12 (in 7 days)');
    expect(mail.text).toContain(`${PUBLIC_URL}/agreements/${first}`);

    // The owner turns renewal mail off: the next reminder is in the app only.
    expect(await switchMailOff(t.app, world.a.members.member.email, 'renewal')).toMatchObject({
      renewal: false,
      overdue: true,
    });
    const quiet = await insert({ endOn: '2027-03-11' });
    expect(await sweep('2027-03-06')).toMatchObject({ reminded: 1 });
    expect(await notices(quiet)).toHaveLength(1);
    const queued = await t.database.sql(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notification.email' AND data::text LIKE $1`,
      [
        `%${(await t.database.sql(`SELECT id FROM notifications WHERE subject_id = $1`, [quiet])).rows.map((r) => (r as { id: string }).id)[0]}%`,
      ],
    );
    expect(queued.rows).toEqual([{ n: 0 }]);
  });
});
