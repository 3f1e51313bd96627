import { writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartner, seedWorld, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  PUBLIC_URL,
  request,
  type TestApp,
} from '../../../../test/harness';
import { startSmtpServer } from '../../../../test/smtp';
import { formatPeriod, periodAt } from '../../../domain/periods';
import { reportRecipients, reportSubscriptions, workspaces } from '../../db/schema';
import type { JobQueue } from '../../jobs/queue';
import { sweepDueReports } from './report-subscriptions.delivery';

let t: TestApp;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let subscriptionId = '';
let contactId = '';
const hostile = '<b>Globex</b> & "Sons"\r\nBcc: victim@example.test';

async function arrivals(count: number): Promise<ParsedMail[]> {
  const mails = [];
  for (let i = 0; i < count; i += 1) mails.push(await smtp.next(30_000));
  return Promise.all(mails.map((mail) => simpleParser(mail.raw)));
}

const toOf = (mail: ParsedMail) => (mail.to && 'text' in mail.to ? mail.to.text : '');

function tokenOf(mail: ParsedMail): string {
  const match = /\/unsubscribe#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error('no unsubscribe link');
  return match[1];
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  world = await seedWorld(t.database);
  await t.database.db
    .update(workspaces)
    .set({ name: 'Initech <i>Partners</i>' })
    .where(eq(workspaces.id, world.a.workspaceId));
  const key = world.a.members.manager.key;
  const partnerId = await insertPartner(t.database, world.a.workspaceId, { name: hostile });
  const year = formatPeriod(
    periodAt(Date.now(), 'year', { fiscalYearStartMonth: 1, timeZone: 'UTC' }),
  );
  const plan = await request(t.app, {
    method: 'POST',
    url: '/api/v1/plans',
    key,
    payload: { partnerId, period: year, summary: 'Grow <script>x</script>', objectives: [] },
  });
  expect(plan.statusCode, plan.body).toBe(201);
  const contact = await request(t.app, {
    method: 'POST',
    url: '/api/v1/contacts',
    key,
    payload: { partnerId, firstName: 'Petra', lastName: 'Partner', email: 'petra@globex.test' },
  });
  expect(contact.statusCode, contact.body).toBe(201);
  contactId = contact.json().id;
  const created = await request(t.app, {
    method: 'POST',
    url: '/api/v1/report-subscriptions',
    key,
    payload: {
      kind: 'scorecard',
      planId: plan.json().id,
      cadence: 'weekly',
      weekday: 'monday',
      memberIds: [world.a.members.admin.memberId, world.a.members.member.memberId],
      contactIds: [contactId],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  subscriptionId = created.json().id;
  await (t.ctx.jobs as JobQueue).startWork();
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('a scheduled scorecard by mail', () => {
  let first: ParsedMail[] = [];

  it('goes to each recipient with the PDF attached, names as text, when it falls due', async () => {
    await t.database.db
      .update(reportSubscriptions)
      .set({ nextRunAt: new Date(Date.now() - 60_000) })
      .where(eq(reportSubscriptions.id, subscriptionId));
    const queued = await sweepDueReports(
      { ...t.ctx, requestId: null },
      (tx, jobs) => t.ctx.jobs.enqueueMany(tx, 'report.send', jobs),
      new Date(),
    );
    expect(queued).toBe(1);
    first = await arrivals(3);
    expect(first.map(toOf).sort()).toEqual(['admin@a.test', 'member@a.test', 'petra@globex.test']);
    if (process.env.TANDEM_PRINT_MAIL) {
      const raw = smtp.received.find((m) => m.to.includes('petra@globex.test'))?.raw ?? '';
      writeFileSync(process.env.TANDEM_PRINT_MAIL, raw);
    }
    for (const mail of first) {
      expect(mail.attachments).toHaveLength(1);
      const [pdf] = mail.attachments;
      expect(pdf?.contentType).toBe('application/pdf');
      expect(pdf?.filename).toMatch(
        /^tandem-scorecard-b-globex-b-sons-bcc-victim-example-test-fy\d{4}-\d{4}-\d{2}-\d{2}\.pdf$/,
      );
      expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
      // The partner's name cannot add a header, and is one line in the subject.
      expect(mail.bcc).toBeUndefined();
      expect(mail.subject).toBe(
        `Weekly report: <b>Globex</b> & "Sons" Bcc: victim@example.test scorecard, ${first[0]?.subject?.match(/FY\d{4}/)?.[0]} (Initech <i>Partners</i>)`,
      );
      expect(mail.text).toContain(
        'Here is the <b>Globex</b> & "Sons" Bcc: victim@example.test scorecard',
      );
      expect(mail.text).toContain('You receive it weekly on Monday.');
      expect(mail.text).toContain(`${PUBLIC_URL}/unsubscribe#token=`);
      // In the HTML part the names are escaped text, never markup.
      const html = String(mail.html);
      expect(html).toContain('&#60;b&#62;Globex&#60;/b&#62; &#38; &#34;Sons&#34;');
      expect(html).toContain('Initech &#60;i&#62;Partners&#60;/i&#62;');
      expect(html).not.toContain('<b>Globex');
    }
    // Mail programs offer the same page from the List-Unsubscribe header.
    for (const mail of smtp.received) {
      expect(mail.raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/tandem\.test\/unsubscribe#token=/m);
    }
    expect(new Set(first.map(tokenOf)).size).toBe(3);
    // The last mail can arrive before the job commits its closing write, so wait for that.
    const sentRow = async () => {
      const [row] = await t.database.db
        .select()
        .from(reportSubscriptions)
        .where(eq(reportSubscriptions.id, subscriptionId));
      return row;
    };
    await expect
      .poll(async () => (await sentRow())?.lastSentAt, { timeout: 10_000 })
      .not.toBeNull();
    expect((await sentRow())?.nextRunAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('unsubscribes only the one recipient whose link is used, once', async () => {
    const petra = first.find((mail) => toOf(mail) === 'petra@globex.test');
    if (!petra) throw new Error('no mail for the contact');
    const body = { token: tokenOf(petra) };
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/report-unsubscribe',
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['report', 'unsubscribedAt']);
    expect(res.json().report).toMatch(/scorecard, FY\d{4}$/);
    const rows = await t.database.db
      .select()
      .from(reportRecipients)
      .where(eq(reportRecipients.subscriptionId, subscriptionId));
    expect(rows.filter((r) => r.unsubscribedAt !== null).map((r) => r.contactId)).toEqual([
      contactId,
    ]);
    // Used: a clear 410, and nothing changes.
    const before = await databaseSnapshot(t.database);
    const again = await request(t.app, {
      method: 'POST',
      url: '/api/v1/report-unsubscribe',
      payload: body,
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('unsubscribe_link_used');
    expect(await databaseSnapshot(t.database)).toBe(before);
    const [subscription] = await t.database.db
      .select()
      .from(reportSubscriptions)
      .where(eq(reportSubscriptions.id, subscriptionId));
    expect(subscription?.status).toBe('active');
  });

  it('skips the unsubscribed and a member who left when sent again', async () => {
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${world.a.members.member.memberId}`,
      key: world.a.members.admin.key,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const sent = smtp.received.length;
    const res = await request(t.app, {
      method: 'POST',
      url: `/api/v1/report-subscriptions/${subscriptionId}/send-now`,
      key: world.a.members.manager.key,
    });
    expect(res.statusCode, res.body).toBe(202);
    const [only] = await arrivals(1);
    expect(only && toOf(only)).toBe('admin@a.test');
    // Nothing else arrives for this send.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(smtp.received.length).toBe(sent + 1);
  });
});
