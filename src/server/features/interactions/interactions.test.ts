import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  type TestApp,
  testClient,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
let ada: string;
let bea: string;

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', name));

const { send } = testClient(() => t);
const admin = () => world.a.members.admin.key;

async function contact(partnerId: string, firstName: string, email: string) {
  const res = await send({
    method: 'POST',
    url: '/api/v1/contacts',
    key: admin(),
    payload: { partnerId, firstName, lastName: 'Partner', email },
  });
  return res.json().id as string;
}

function create(payload: object, key = admin()) {
  return send({ method: 'POST', url: '/api/v1/interactions', key, payload });
}

const meeting = () => ({
  partnerId: world.a.partners[0],
  kind: 'meeting',
  occurredAt: '2026-05-04T09:30:00+02:00',
  timeZone: 'Europe/Berlin',
  durationMinutes: 45,
  summary: '# Kickoff\n\nWe agreed on **goals**.',
  outcome: 'Go',
  sentiment: 'positive',
  nextSteps: ['Send the deck', 'Book the workshop'],
  memberIds: [world.a.members.manager.memberId],
  contactIds: [ada],
});

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  ada = await contact(world.a.partners[0], 'Ada', 'ada@partner-one.test');
  bea = await contact(world.a.partners[1], 'Bea', 'bea@partner-two.test');
});
afterAll(() => t.close());

describe('interactions', () => {
  it('logs an interaction with participants from both sides, in UTC with its time zone', async () => {
    const res = await create(meeting());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      occurredAt: '2026-05-04T07:30:00.000Z',
      timeZone: 'Europe/Berlin',
      visibility: 'internal',
      partnerName: 'A Partner One',
      nextSteps: ['Send the deck', 'Book the workshop'],
    });
    expect(body.members.map((m: { id: string }) => m.id)).toEqual([
      world.a.members.manager.memberId,
    ]);
    expect(body.contacts).toEqual([
      { id: ada, name: 'Ada Partner', email: 'ada@partner-one.test' },
    ]);
    expect(res.headers.etag).toBe('"1"');
    const got = await send({ method: 'GET', url: `/api/v1/interactions/${body.id}`, key: admin() });
    expect(got.json()).toEqual(body);
  });

  it("refuses another partner's contact, naming the entry, and changes nothing", async () => {
    const before = await databaseSnapshot(t.database);
    const res = await create({ ...meeting(), contactIds: [ada, bea] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('contactIds.1');
    const other = await create({ ...meeting(), memberIds: [world.b.members.admin.memberId] });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].field).toBe('memberIds.0');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('refuses an unknown time zone, sentiment or kind (400)', async () => {
    for (const change of [
      { timeZone: 'Mars/Olympus' },
      { sentiment: 'ecstatic' },
      { kind: 'fax' },
    ]) {
      const res = await create({ ...meeting(), ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().errors[0].field).toBe(Object.keys(change)[0]);
    }
  });

  it('puts it on the timeline, keeps the entry current on edit and removes it on delete', async () => {
    const id = (await create({ ...meeting(), summary: '## First line\nmore' })).json().id;
    const timeline = async () =>
      (
        await send({
          method: 'GET',
          url: `/api/v1/partners/${world.a.partners[0]}/timeline?kind=interaction`,
          key: admin(),
        })
      ).json().items as Array<{
        subjectId: string;
        summary: { title: string };
        people: string[];
        occurredAt: string;
      }>;
    const entry = (await timeline()).find((e) => e.subjectId === id);
    expect(entry?.summary.title).toBe('First line');
    expect(entry?.people).toEqual(expect.arrayContaining([world.a.members.manager.memberId, ada]));
    const patch = await send({
      method: 'PATCH',
      url: `/api/v1/interactions/${id}`,
      key: admin(),
      headers: { 'if-match': '"1"' },
      payload: { summary: 'Renamed', occurredAt: '2026-06-01T10:00:00Z', contactIds: [] },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().contacts).toEqual([]);
    const edited = (await timeline()).find((e) => e.subjectId === id);
    expect(edited?.summary.title).toBe('Renamed');
    expect(edited?.occurredAt).toBe('2026-06-01T10:00:00.000Z');
    expect(edited?.people).not.toContain(ada);
    const stale = await send({
      method: 'PATCH',
      url: `/api/v1/interactions/${id}`,
      key: admin(),
      headers: { 'if-match': '"1"' },
      payload: { summary: 'Again' },
    });
    expect(stale.statusCode).toBe(412);
    const missing = await send({
      method: 'PATCH',
      url: `/api/v1/interactions/${id}`,
      key: admin(),
      payload: { summary: 'Again' },
    });
    expect(missing.statusCode).toBe(428);
    const del = await send({ method: 'DELETE', url: `/api/v1/interactions/${id}`, key: admin() });
    expect(del.statusCode).toBe(204);
    expect((await timeline()).find((e) => e.subjectId === id)).toBeUndefined();
    const history = await send({
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}/history`,
      key: admin(),
    });
    const actions = history.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['interaction.created', 'interaction.updated', 'interaction.deleted']),
    );
  });

  it('lists newest first, filtered by partner and kind, in keyset pages', async () => {
    await create({ ...meeting(), kind: 'call', occurredAt: '2026-01-01T10:00:00Z' });
    await create({ ...meeting(), kind: 'call', occurredAt: '2026-02-01T10:00:00Z' });
    const url = `/api/v1/interactions?partnerId=${world.a.partners[0]}&kind=call&limit=1`;
    const first = (await send({ method: 'GET', url, key: admin() })).json();
    expect(first.items[0].occurredAt).toBe('2026-02-01T10:00:00.000Z');
    const second = (
      await send({ method: 'GET', url: `${url}&cursor=${first.nextCursor}`, key: admin() })
    ).json();
    expect(second.items[0].occurredAt).toBe('2026-01-01T10:00:00.000Z');
    expect(second.nextCursor).toBeNull();
  });

  it('keeps the interaction when a participating contact is deleted, without them', async () => {
    const carl = await contact(world.a.partners[0], 'Carl', 'carl@partner-one.test');
    const id = (await create({ ...meeting(), contactIds: [carl] })).json().id;
    await send({ method: 'DELETE', url: `/api/v1/contacts/${carl}`, key: admin() });
    const got = await send({ method: 'GET', url: `/api/v1/interactions/${id}`, key: admin() });
    expect(got.json().contacts).toEqual([]);
  });

  it('keeps the interaction when a participating member leaves the workspace, without them', async () => {
    const leaving = world.a.members.member.memberId;
    const id = (await create({ ...meeting(), memberIds: [leaving] })).json().id;
    const removed = await send({
      method: 'DELETE',
      url: `/api/v1/members/${leaving}`,
      key: admin(),
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const got = await send({ method: 'GET', url: `/api/v1/interactions/${id}`, key: admin() });
    expect(got.json().members).toEqual([]);
  });
});

describe('next steps', () => {
  it('become tasks in one click, at the partner and linked to the interaction', async () => {
    const id = (await create(meeting())).json().id;
    const url = `/api/v1/interactions/${id}/tasks`;
    const assigneeId = world.a.members.manager.memberId;
    const res = await send({ method: 'POST', url, key: admin(), payload: { assigneeId } });
    expect(res.statusCode, res.body).toBe(201);
    const tasks = res.json().items;
    expect(tasks.map((task: { title: string }) => task.title)).toEqual([
      'Send the deck',
      'Book the workshop',
    ]);
    expect(tasks[0]).toMatchObject({
      partner: { id: world.a.partners[0] },
      link: { subjectType: 'interaction', subjectId: id, label: 'Meeting on 2026-05-04' },
      assignee: { id: assigneeId },
    });
    const before = await databaseSnapshot(t.database);
    const wrong = await send({ method: 'POST', url, key: admin(), payload: { steps: [0, 5] } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('steps.1');
    const foreign = await send({
      method: 'POST',
      url,
      key: admin(),
      payload: { assigneeId: world.b.members.admin.memberId },
    });
    expect(foreign.statusCode).toBe(422);
    const other = await send({ method: 'POST', url, key: world.b.members.admin.key, payload: {} });
    expect(other.statusCode).toBe(404);
    const viewer = await send({
      method: 'POST',
      url,
      key: world.a.members.viewer.key,
      payload: {},
    });
    expect(viewer.statusCode).toBe(403);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('name the interaction by its date where it took place, not the UTC date', async () => {
    // 20:30 in Los Angeles on May 4 is 03:30 UTC on May 5.
    const evening = {
      ...meeting(),
      kind: 'call',
      occurredAt: '2026-05-04T20:30:00-07:00',
      timeZone: 'America/Los_Angeles',
      nextSteps: ['Send the quote'],
    };
    const id = (await create(evening)).json().id;
    const res = await send({
      method: 'POST',
      url: `/api/v1/interactions/${id}/tasks`,
      key: admin(),
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0].link.label).toBe('Call on 2026-05-04');
  });
});

describe('dropped files', () => {
  const parse = (fileName: string, content: Buffer | string, partnerId = world.a.partners[0]) =>
    send({
      method: 'POST',
      url: `/api/v1/partners/${partnerId}/interactions/parse`,
      key: admin(),
      payload: {
        fileName,
        content: typeof content === 'string' ? content : content.toString('base64'),
      },
    });

  it('reads an email into a draft, matching contacts of that partner and members by address', async () => {
    const before = await databaseSnapshot(t.database);
    const res = await parse('review.eml', fixture('review.eml'));
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json();
    expect(draft).toMatchObject({
      kind: 'email',
      occurredAt: '2026-05-05T12:30:00.000Z',
      contacts: [{ id: ada }],
      members: [{ id: world.a.members.admin.memberId }],
    });
    expect(draft.summary.startsWith('Quarterly review follow-up\n\nThanks for the meeting.')).toBe(
      true,
    );
    // Bea is a contact of the OTHER partner: listed as unmatched, never matched.
    expect(draft.unmatched).toEqual(['someone@elsewhere.test', 'bea@partner-two.test']);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('reads a calendar event in its time zone, with its length and attendees', async () => {
    const res = await parse('kickoff.ics', fixture('kickoff.ics'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'meeting',
      occurredAt: '2026-05-12T07:30:00.000Z',
      timeZone: 'Europe/Berlin',
      durationMinutes: 75,
      summary: 'Joint kickoff\n\nAgenda: goals, owners\nand next steps',
      contacts: [{ id: ada }],
      members: [{ id: world.a.members.admin.memberId }],
      unmatched: ['stranger@nowhere.test'],
    });
  });

  it('keeps an injected header and markup as one line of inert text', async () => {
    const res = await parse('hostile.eml', fixture('hostile.eml'));
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json();
    expect(draft.summary).toBe('Hello Bcc: victim@evil.test <script>alert(1)</script>');
    expect(draft.unmatched).not.toContain('victim@evil.test');
    expect(draft.summary).not.toContain('onerror');
  });

  it('refuses malformed, empty, unknown and huge files with a clear 4xx', async () => {
    const malformed = await parse('broken.ics', fixture('malformed.ics'));
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json().code).toBe('unreadable_file');
    const noEvent = await parse('todo.ics', fixture('no-event.ics'));
    expect(noEvent.statusCode).toBe(422);
    const empty = await parse('empty.eml', Buffer.from('\r\n\r\n'));
    expect(empty.json().code).toBe('unreadable_file');
    const pdf = await parse('deck.pdf', Buffer.from('%PDF-1.4'));
    expect(pdf.json().code).toBe('unsupported_file');
    const notBase64 = await parse('review.eml', 'not base64!');
    expect(notBase64.statusCode).toBe(400);
    const huge = await parse('huge.eml', Buffer.alloc(2 * 1024 * 1024 + 10, 'a'));
    expect([400, 413]).toContain(huge.statusCode);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    const tooBig = await parse('huge.eml', 'a'.repeat(3_000_000));
    expect(tooBig.statusCode).toBe(413);
  });

  it("answers 404 for another workspace's partner", async () => {
    const res = await send({
      method: 'POST',
      url: `/api/v1/partners/${world.a.partners[0]}/interactions/parse`,
      key: world.b.members.admin.key,
      payload: { fileName: 'review.eml', content: fixture('review.eml').toString('base64') },
    });
    expect(res.statusCode).toBe(404);
  });
});
