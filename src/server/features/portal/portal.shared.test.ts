import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SeededPartnerUser,
  seedPartnerUser,
  seedWorld,
  signIn,
  type World,
} from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let user: SeededPartnerUser;
let cookie: string;
/** A's partner one: two shared interactions (older, newer), one internal; the same for issues. */
const own = { older: '', newer: '', internal: '', openIssue: '', resolvedIssue: '', hidden: '' };
/** Shared records the partner user must never see: A's partner two's, and workspace B's. */
const others: { interactions: string[]; issues: string[] } = { interactions: [], issues: [] };

const get = (url: string, auth: { cookie?: string; key?: string } = { cookie }) =>
  request(t.app, { method: 'GET', url, ...auth });

async function interaction(key: string, partnerId: string, fields: object) {
  const res = await request(t.app, {
    method: 'POST',
    url: '/api/v1/interactions',
    key,
    payload: { partnerId, kind: 'meeting', summary: 'Shared **roadmap** review', ...fields },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function issue(key: string, partnerId: string, fields: object) {
  const res = await request(t.app, {
    method: 'POST',
    url: '/api/v1/issues',
    key,
    payload: { partnerId, title: 'Lead routing', ...fields },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** The disclosure rows written by the last portal answer of the partner user, oldest first. */
async function disclosureRows() {
  const rows = await t.database.sql(
    'SELECT record_type, record_id, record_version, view, partner_id, partner_user_id, person_email FROM disclosures ORDER BY shown_at, record_id',
  );
  return rows.rows as Array<Record<string, unknown>>;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const a = world.a.members.admin;
  const [one, two] = world.a.partners;
  const contact = await request(t.app, {
    method: 'POST',
    url: '/api/v1/contacts',
    key: a.key,
    payload: { partnerId: one, firstName: 'Pat', lastName: 'Partner', email: 'pat@p.test' },
  });
  own.older = await interaction(a.key, one, {
    occurredAt: '2026-03-01T10:00:00Z',
    visibility: 'partner',
    sentiment: 'negative',
    memberIds: [a.memberId],
    contactIds: [contact.json().id],
  });
  own.newer = await interaction(a.key, one, {
    occurredAt: '2026-04-01T10:00:00Z',
    visibility: 'partner',
    outcome: 'Agreed on a pilot',
  });
  own.internal = await interaction(a.key, one, {
    occurredAt: '2026-05-01T10:00:00Z',
    summary: 'internal: renewal at risk',
  });
  others.interactions.push(
    await interaction(a.key, two, { occurredAt: '2026-04-02T10:00:00Z', visibility: 'partner' }),
    await interaction(world.b.members.admin.key, world.b.partners[0], {
      occurredAt: '2026-04-03T10:00:00Z',
      visibility: 'partner',
    }),
  );
  own.openIssue = await issue(a.key, one, {
    visibility: 'partner',
    ownerId: a.memberId,
    description: 'Two resellers claim the same lead',
  });
  own.resolvedIssue = await issue(a.key, one, { visibility: 'partner', severity: 'high' });
  const resolved = await request(t.app, {
    method: 'POST',
    url: `/api/v1/issues/${own.resolvedIssue}/transitions`,
    key: a.key,
    headers: { 'if-match': '"1"' },
    payload: { to: 'resolved', resolutionNotes: 'Split the *commission*' },
  });
  expect(resolved.statusCode).toBe(200);
  own.hidden = await issue(a.key, one, { title: 'internal: churn risk' });
  others.issues.push(
    await issue(a.key, two, { visibility: 'partner' }),
    await issue(world.b.members.admin.key, world.b.partners[0], { visibility: 'partner' }),
  );
  user = await seedPartnerUser(t.database, world.a, one, 'partner_member');
  cookie = await signIn(t.app, user.email);
});
afterAll(() => t.close());

describe("a partner user's shared interactions", () => {
  it("lists only their partner's shared ones, newest first, with the portal's fields only", async () => {
    const res = await get('/api/v1/portal/interactions');
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(items.map((i: { id: string }) => i.id)).toEqual([own.newer, own.older]);
    expect(nextCursor).toBeNull();
    expect(items[1]).toEqual({
      id: own.older,
      kind: 'meeting',
      occurredAt: '2026-03-01T10:00:00.000Z',
      timeZone: 'UTC',
      durationMinutes: null,
      summary: 'Shared **roadmap** review',
      outcome: null,
      nextSteps: [],
      participants: [
        { name: 'A admin', side: 'workspace' },
        { name: 'Pat Partner', side: 'partner' },
      ],
    });
    // No sentiment, no internal record, no one's email.
    expect(res.body).not.toContain('negative');
    expect(res.body).not.toContain('renewal at risk');
    expect(res.body).not.toContain('@');
  });

  it('pages by keyset', async () => {
    const first = (await get('/api/v1/portal/interactions?limit=1')).json();
    expect(first.items.map((i: { id: string }) => i.id)).toEqual([own.newer]);
    const second = (
      await get(`/api/v1/portal/interactions?limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([own.older]);
    expect(second.nextCursor).toBeNull();
  });

  it('opens a shared one; an internal one or another partner’s or workspace’s is not found', async () => {
    const res = await get(`/api/v1/portal/interactions/${own.newer}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('Agreed on a pilot');
    for (const id of [own.internal, ...others.interactions])
      await expectDenied(t, 404, {
        method: 'GET',
        url: `/api/v1/portal/interactions/${id}`,
        cookie,
      });
  });
});

describe("a partner user's shared issues", () => {
  it('lists only shared ones, filters by status, and shows resolution notes once resolved', async () => {
    const all = (await get('/api/v1/portal/issues')).json();
    expect(all.items.map((i: { id: string }) => i.id)).toEqual([own.resolvedIssue, own.openIssue]);
    expect(Object.keys(all.items[1]).sort()).toEqual(
      [
        'id',
        'title',
        'description',
        'kind',
        'severity',
        'status',
        'resolutionNotes',
        'resolvedAt',
        'createdAt',
        'updatedAt',
      ].sort(),
    );
    expect(all.items[0]).toMatchObject({
      status: 'resolved',
      resolutionNotes: 'Split the *commission*',
    });
    const open = (await get('/api/v1/portal/issues?status=open&status=investigating')).json();
    expect(open.items.map((i: { id: string }) => i.id)).toEqual([own.openIssue]);
    const closed = (await get('/api/v1/portal/issues?status=closed')).json();
    expect(closed.items).toEqual([]);
    const one = await get(`/api/v1/portal/issues/${own.openIssue}`);
    expect(one.json().description).toBe('Two resellers claim the same lead');
    expect(one.body).not.toContain('owner');
    for (const id of [own.hidden, ...others.issues])
      await expectDenied(t, 404, { method: 'GET', url: `/api/v1/portal/issues/${id}`, cookie });
  });

  it('counts shared records only, by status', async () => {
    const res = await get('/api/v1/portal/overview');
    expect(res.json()).toEqual({
      interactions: 2,
      agreementsAwaitingYourSignature: 0,
      issues: { open: 1, investigating: 0, escalated: 0, resolved: 1, closed: 0 },
    });
  });
});

describe('switching a record to internal', () => {
  it('hides it from lists, lookups and counts at once', async () => {
    const made = await interaction(world.a.members.admin.key, world.a.partners[0], {
      occurredAt: '2026-06-01T10:00:00Z',
      visibility: 'partner',
    });
    expect((await get('/api/v1/portal/overview')).json().interactions).toBe(3);
    const changed = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/interactions/${made}`,
      key: world.a.members.admin.key,
      headers: { 'if-match': '"1"' },
      payload: { visibility: 'internal' },
    });
    expect(changed.statusCode).toBe(200);
    const list = (await get('/api/v1/portal/interactions')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(made);
    expect((await get('/api/v1/portal/overview')).json().interactions).toBe(2);
    await expectDenied(t, 404, {
      method: 'GET',
      url: `/api/v1/portal/interactions/${made}`,
      cookie,
    });
  });
});

describe('the disclosure log', () => {
  it('gets one row per record shown, in one answer, and none for counts or refusals', async () => {
    await t.database.sql('DELETE FROM disclosures');
    await get('/api/v1/portal/overview');
    expect(await disclosureRows()).toEqual([]);
    await get('/api/v1/portal/issues?limit=1');
    await get(`/api/v1/portal/interactions/${own.older}`);
    const base = {
      partner_id: world.a.partners[0],
      partner_user_id: user.partnerUserId,
      person_email: user.email,
    };
    expect(await disclosureRows()).toEqual([
      {
        ...base,
        record_type: 'issue',
        record_id: own.resolvedIssue,
        record_version: 2,
        view: 'list',
      },
      {
        ...base,
        record_type: 'interaction',
        record_id: own.older,
        record_version: 1,
        view: 'record',
      },
    ]);
    await t.database.sql('DELETE FROM disclosures');
    await get('/api/v1/portal/interactions');
    const rows = await disclosureRows();
    expect(rows.map((r) => r.record_id).sort()).toEqual([own.newer, own.older].sort());
    expect(new Set(rows.map((r) => r.view))).toEqual(new Set(['list']));
  });
});

describe('who may use the shared routes', () => {
  const urls = () => [
    '/api/v1/portal/overview',
    '/api/v1/portal/interactions',
    `/api/v1/portal/interactions/${own.newer}`,
    '/api/v1/portal/issues',
    `/api/v1/portal/issues/${own.openIssue}`,
  ];

  it('refuses members, by session or key, whatever their role (403), changing nothing', async () => {
    const member = await signIn(t.app, world.a.members.admin.email);
    for (const url of urls()) {
      await expectDenied(t, 403, { method: 'GET', url, cookie: member });
      await expectDenied(t, 403, { method: 'GET', url, key: world.a.members.viewer.key });
    }
  });

  it("locks out an archived partner's users (401) until it is restored", async () => {
    const archive = (method: 'DELETE' | 'POST') =>
      request(t.app, {
        method,
        url: `/api/v1/partners/${world.a.partners[0]}${method === 'POST' ? '/restore' : ''}`,
        key: world.a.members.admin.key,
      });
    expect((await archive('DELETE')).statusCode).toBe(200);
    for (const url of urls()) await expectDenied(t, 401, { method: 'GET', url, cookie });
    expect((await archive('POST')).statusCode).toBe(200);
    cookie = await signIn(t.app, user.email);
    expect((await get('/api/v1/portal/issues')).statusCode).toBe(200);
  });

  it('refuses bad queries (400 naming the parameter), logging nothing (validation before any read)', async () => {
    for (const [url, field] of [
      ['/api/v1/portal/interactions?limit=0', 'limit'],
      ['/api/v1/portal/interactions?sentiment=negative', ''],
      ['/api/v1/portal/issues?status=lost', 'status.0'],
      ['/api/v1/portal/issues?cursor=forged', 'cursor'],
      ['/api/v1/portal/issues/not-an-id', 'id'],
    ] as const) {
      const res = await expectDenied(t, 400, { method: 'GET', url, cookie });
      if (field) expect(res.json().errors?.[0]?.field, url).toBe(field);
    }
  });
});
