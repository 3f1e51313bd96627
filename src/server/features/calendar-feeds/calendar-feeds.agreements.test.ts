import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, PUBLIC_URL, type TestApp, testClient } from '../../../../test/harness';
import { dateAt } from '../../../domain/periods';
import { occurrences } from '../../../domain/recurrence';
import { addDays } from '../../../domain/renewals';
import { feedWindow } from './calendar-feeds.render';

let t: TestApp;
let world: World;
let today: string;
let timeZone: string;
let partnerName: string;
const ids: Record<string, string> = {};

const { send, denied } = testClient(() => t);

type Entry = { summary: string; start: string; allDay: boolean; url: string; alarms: number[] };

/** The feed's events as a calendar app reads them: summary, day, link and alarm lead days. */
function eventsOf(text: string): Entry[] {
  const root = new ICAL.Component(ICAL.parse(text));
  return root.getAllSubcomponents('vevent').map((event) => {
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    return {
      summary: String(event.getFirstPropertyValue('summary')),
      start: start.toString().slice(0, 10),
      allDay: start.isDate,
      url: String(event.getFirstPropertyValue('url')),
      alarms: event.getAllSubcomponents('valarm').map((alarm) => {
        const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration;
        // Rung at 09:00: a whole number of days before the day, less nine hours.
        return Math.round((-trigger.toSeconds() + 9 * 3600) / 86_400);
      }),
    };
  });
}

async function ok(options: Parameters<typeof send>[0], status = 200) {
  const res = await send(options);
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

/** An agreement moved into force through the API (an admin records the signing), as `ids[title]`. */
async function inForce(
  title: string,
  terms: { endIn: number; noticeDays?: number; autoRenew?: boolean },
  owner: 'member' | 'manager' = 'member',
  ws: 'a' | 'b' = 'a',
) {
  const key = world[ws].members.admin.key;
  const made = await ok(
    {
      method: 'POST',
      url: '/api/v1/agreements',
      key,
      payload: {
        partnerId: world[ws].partners[0],
        type: 'mou',
        title,
        ownerId: world[ws].members[owner].memberId,
        effectiveOn: addDays(today, -400),
        endOn: addDays(today, terms.endIn),
        noticeDays: terms.noticeDays ?? null,
        autoRenew: terms.autoRenew ?? false,
        renewalTermMonths: terms.autoRenew ? 12 : null,
      },
    },
    201,
  );
  const id = made.json().id as string;
  const url = `/api/v1/agreements/${id}`;
  await ok(
    { method: 'POST', url: `${url}/versions`, key, headers: { 'if-match': '"1"' }, payload: {} },
    201,
  );
  let etag = 2;
  for (const to of ['in_negotiation', 'pending_signature', 'active'])
    await ok({
      method: 'POST',
      url: `${url}/transitions`,
      key,
      headers: { 'if-match': `"${etag++}"` },
      payload: { to },
    });
  ids[title] = id;
  return { id, etag };
}

const obligation = (agreement: string, payload: object) =>
  ok(
    {
      method: 'POST',
      url: `/api/v1/agreements/${ids[agreement]}/obligations`,
      key: world.a.members.admin.key,
      payload: { party: 'us', ...payload },
    },
    201,
  );

async function feedOf(member: 'a' | 'b'): Promise<string> {
  const who = member === 'a' ? world.a.members.member : world.b.members.member;
  const cookie = await signIn(t.app, who.email);
  const made = await ok({ method: 'POST', url: '/api/v1/me/calendar-feed', cookie }, 201);
  return (await ok({ method: 'GET', url: new URL(made.json().url).pathname })).body;
}

const monthly = 'FREQ=MONTHLY;BYMONTHDAY=-1';

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const workspace = await ok({
    method: 'GET',
    url: '/api/v1/workspace',
    key: world.a.members.admin.key,
  });
  timeZone = workspace.json().timeZone;
  today = dateAt(Date.now(), timeZone);
  const partner = await ok({
    method: 'GET',
    url: `/api/v1/partners/${world.a.partners[0]}`,
    key: world.a.members.admin.key,
  });
  partnerName = partner.json().name;
  await inForce('Reseller, EMEA; 2027', { endIn: 100, noticeDays: 30 });
  await inForce('Support plan', { endIn: 200, autoRenew: true });
  await inForce('Manager’s deal', { endIn: 50, noticeDays: 10 }, 'manager');
  await inForce('Other workspace’s deal', { endIn: 60, noticeDays: 5 }, 'member', 'b');
  const ended = await inForce('Terminated deal', { endIn: 80, noticeDays: 20 });
  await ok({
    method: 'POST',
    url: `/api/v1/agreements/${ended.id}/transitions`,
    key: world.a.members.admin.key,
    headers: { 'if-match': `"${ended.etag}"` },
    payload: { to: 'terminated' },
  });
  await inForce('Expired deal', { endIn: 90, noticeDays: 20 });
  // Moved as the daily sweep moves an agreement past its end.
  await t.database.sql(`UPDATE agreements SET status = 'expired' WHERE id = $1`, [
    ids['Expired deal'],
  ]);

  const me = world.a.members.member.memberId;
  await obligation('Reseller, EMEA; 2027', {
    ownerId: me,
    dueOn: addDays(today, 10),
    description: 'Send the **sales** report <b>now</b>\r\nATTENDEE:mailto:evil@example.com',
  });
  await obligation('Reseller, EMEA; 2027', {
    ownerId: me,
    rrule: monthly,
    startsOn: addDays(today, -45),
    description: 'Monthly usage statement',
  });
  await obligation('Reseller, EMEA; 2027', { dueOn: addDays(today, 20), description: 'Unowned' });
  await obligation('Reseller, EMEA; 2027', {
    ownerId: world.a.members.manager.memberId,
    dueOn: addDays(today, 5),
    description: 'The manager’s own',
  });
  await obligation('Manager’s deal', {
    ownerId: me,
    dueOn: addDays(today, 30),
    description: 'Mine on their deal',
  });
  const done = await obligation('Reseller, EMEA; 2027', {
    ownerId: me,
    dueOn: addDays(today, 15),
    description: 'Already done',
  });
  await ok({
    method: 'PATCH',
    url: `/api/v1/agreements/${ids['Reseller, EMEA; 2027']}/obligations/${done.json().id}`,
    key: world.a.members.admin.key,
    headers: { 'if-match': '"1"' },
    payload: { status: 'done' },
  });
});
afterAll(() => t.close());

describe('agreements and obligations in a calendar feed', () => {
  it('holds the key dates of the agreements in force the member owns, with alarms', async () => {
    const events = eventsOf(await feedOf('a'));
    const reseller = `Reseller, EMEA; 2027 (${partnerName})`;
    const keyDates = events.filter(
      (e) => e.url.includes('/agreements/') && !e.summary.startsWith('Obligation'),
    );
    expect(keyDates).toEqual([
      {
        summary: `Notice deadline: ${reseller}`,
        start: addDays(today, 70),
        allDay: true,
        url: `${PUBLIC_URL}/agreements/${ids['Reseller, EMEA; 2027']}`,
        // The workspace's 90, 30 and 7 days, but only those still to come.
        alarms: [30, 7],
      },
      expect.objectContaining({
        summary: `Ends: ${reseller}`,
        start: addDays(today, 100),
        alarms: [90, 30, 7],
      }),
      expect.objectContaining({
        summary: `Renews automatically: Support plan (${partnerName})`,
        start: addDays(today, 200),
      }),
    ]);
    const text = events.map((e) => e.summary).join('\n');
    for (const absent of ['Manager’s deal', 'Other workspace', 'Terminated deal', 'Expired deal'])
      expect(text).not.toContain(`: ${absent}`);
  });

  it('holds the due days of the obligations the member answers for, as text', async () => {
    const body = await feedOf('a');
    const due = eventsOf(body).filter((e) => e.summary.startsWith('Obligation due: '));
    const reseller = `(Reseller, EMEA; 2027, ${partnerName})`;
    const monthlyDays = occurrences(
      { rrule: monthly, startsOn: addDays(today, -45) },
      addDays(today, -45),
      dateAt(Date.now() + feedWindow.futureDays * 86_400_000, timeZone),
    );
    expect(due.filter((e) => e.summary.includes('Monthly usage')).map((e) => e.start)).toEqual(
      monthlyDays,
    );
    const once = due.filter((e) => !e.summary.includes('Monthly usage'));
    expect(once.map((e) => [e.summary, e.start])).toEqual([
      [`Obligation due: Send the **sales** report <b>now</b> ${reseller}`, addDays(today, 10)],
      [`Obligation due: Unowned ${reseller}`, addDays(today, 20)],
      [`Obligation due: Mine on their deal (Manager’s deal, ${partnerName})`, addDays(today, 30)],
    ]);
    expect(once[0]?.url).toBe(`${PUBLIC_URL}/agreements/${ids['Reseller, EMEA; 2027']}`);
    // The description's line break stays inside its own escaped property; no HTML part is written.
    const unfolded = body.replaceAll(/\r\n[ \t]/g, '');
    const lines = unfolded.split('\r\n');
    expect(lines.some((line) => line.startsWith('ATTENDEE'))).toBe(false);
    expect(body).not.toContain('X-ALT-DESC');
    expect(lines).toContain(
      `SUMMARY:Obligation due: Send the **sales** report <b>now</b> (Reseller\\, EMEA\\; 2027\\, ${partnerName})`,
    );
    expect(
      lines.some((line) => line.startsWith('DESCRIPTION:Send the **sales** report <b>now</b>\\n')),
    ).toBe(true);
  });

  it('shows another workspace’s member only their own, and partner users have no feed', async () => {
    const events = eventsOf(await feedOf('b'));
    expect(events.map((e) => e.summary.split(' (')[0])).toEqual([
      'Notice deadline: Other workspace’s deal',
      'Ends: Other workspace’s deal',
    ]);
    const partnerUser = await seedPartnerUser(
      t.database,
      world.a,
      world.a.partners[0],
      'partner_admin',
    );
    const cookie = await signIn(t.app, partnerUser.email);
    await denied(403, { method: 'POST', url: '/api/v1/me/calendar-feed', cookie });
  });

  it('stays within its limit, deadlines first, however many occurrences there are', async () => {
    for (let n = 0; n < 5; n++)
      await obligation('Reseller, EMEA; 2027', {
        ownerId: world.a.members.member.memberId,
        rrule: 'FREQ=DAILY',
        startsOn: addDays(today, -100),
        description: `Daily check ${n}`,
      });
    const events = eventsOf(await feedOf('a'));
    expect(events).toHaveLength(feedWindow.limit);
    expect(events.filter((e) => e.summary.startsWith('Notice deadline: '))).toHaveLength(1);
    // The window starts 90 days back: no day before it is listed.
    const first = events.filter((e) => e.summary.startsWith('Obligation due: Daily check 0'))[0];
    expect(first?.start).toBe(addDays(today, -feedWindow.pastDays));
  });
});
