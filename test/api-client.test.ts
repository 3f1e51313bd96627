import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnerId } from '../src/domain/ids';
import { unsubscribeToken } from '../src/server/features/report-subscriptions/report-subscriptions.tokens';
import { newToken } from '../src/server/tokens';
import type { paths } from '../src/web/api/schema';
import {
  type SeededPartnerUser,
  seedPartnerUser,
  seedWorld,
  signIn,
  TEST_PASSWORD,
  type World,
} from './factories';
import { createTestApp, databaseSnapshot, PUBLIC_URL, request, type TestApp } from './harness';

/*
 * A client generated from /api/openapi.json (openapi-typescript types, openapi-fetch) calls every
 * operation of the document against the real app, with valid inputs, as an integration would.
 * The last test fails when an operation of the document was not called here: a new route gets a
 * call in its tag's group below. One app and one set of fixtures serve the whole file, so the
 * groups run in order and build on each other.
 */

let t: TestApp;
let world: World;
const setupToken = newToken();
/** `METHOD /path/{param}` of every operation a client call reached, by operationId. */
const called = new Set<string>();
let operationOf: (method: string, path: string) => string | undefined;

type Credentials = { key?: string; cookie?: string };

/** A typed client sending through the test app, with an API key, a session cookie or neither. */
function clientFor(credentials: Credentials = {}) {
  const headers: Record<string, string> = {};
  if (credentials.key) headers.authorization = `Bearer ${credentials.key}`;
  if (credentials.cookie)
    Object.assign(headers, { cookie: credentials.cookie, origin: PUBLIC_URL });
  return createClient<paths>({
    baseUrl: PUBLIC_URL,
    headers,
    fetch: async (input: Request) => {
      const url = new URL(input.url);
      // Bytes, not text, so that a file upload arrives as it was sent.
      const body = input.method === 'GET' ? undefined : Buffer.from(await input.arrayBuffer());
      const res = await t.app.inject({
        method: input.method as 'GET',
        url: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(input.headers.entries()),
        ...(body?.length ? { payload: body } : {}),
      });
      const operationId = operationOf(input.method, url.pathname);
      if (operationId) called.add(operationId);
      const answer = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        for (const one of [value].flat()) if (one !== undefined) answer.append(name, String(one));
      }
      const empty = res.statusCode === 204 || res.body === '';
      // The raw bytes, so that a file download (an Excel workbook) arrives as it was sent.
      return new Response(empty ? null : new Uint8Array(res.rawPayload), {
        status: res.statusCode,
        headers: answer,
      });
    },
  });
}

/** The operationId of each `METHOD path` of the served document (fixed paths before templates). */
function operationMatcher(document: { paths: Record<string, Record<string, unknown>> }) {
  const routes = Object.entries(document.paths)
    .map(([path, methods]) => ({
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
      literal: !path.includes('{'),
      methods: methods as Record<string, { operationId?: string }>,
    }))
    .sort((a, b) => Number(b.literal) - Number(a.literal));
  return (method: string, path: string) =>
    routes.find((route) => route.pattern.test(path))?.methods[method.toLowerCase()]?.operationId;
}

/** The ETag an answer carries, to send back in If-Match. */
function etagOf(response: Response): string {
  const etag = response.headers.get('etag');
  if (!etag) throw new Error(`${response.url} answered without an ETag`);
  return etag;
}

/** The session cookie a sign-in answer sets, as a `Cookie` header value. */
function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** The secret after `#token=` in a link Tandem hands out (invitations, resets). */
function tokenIn(url: string | null | undefined): string {
  const token = /#token=([\w-]+)$/.exec(url ?? '')?.[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`no ${what}`);
  return value;
}

const anonymous = () => clientFor();
/** Workspace A's admin API key: most operations. */
let api: ReturnType<typeof clientFor>;
/** Workspace A's admin and member signed in: what belongs to a member (notifications, feeds). */
let adminSession: ReturnType<typeof clientFor>;
let memberSession: ReturnType<typeof clientFor>;
let partnerId: PartnerId;

beforeAll(async () => {
  t = await createTestApp();
  const document = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
  operationOf = operationMatcher(document.json());
  t.ctx.setupToken = setupToken;
});
afterAll(() => t.close());

describe('a client generated from /api/openapi.json', () => {
  it('is what openapi-typescript makes of the served document', async () => {
    const served = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
    const generated = astToString(
      await openapiTS(served.json(), { alphabetize: true, defaultNonNullable: false }),
    );
    const committed = readFileSync(join(import.meta.dirname, '../src/web/api/schema.d.ts'), 'utf8');
    // The committed types are these, under a generated-file header.
    expect(committed.endsWith(generated)).toBe(true);
  });
});

describe('operations and setup', () => {
  it('answers the probes', async () => {
    expect((await anonymous().GET('/api/health')).data).toEqual({ status: 'ok' });
    expect((await anonymous().GET('/api/ready')).data).toEqual({ status: 'ready' });
  });

  it('sets the instance up once, then says it is set up', async () => {
    const before = await anonymous().GET('/api/v1/setup');
    expect(before.data).toEqual({ needed: true });
    const setUp = await anonymous().POST('/api/v1/setup', {
      body: {
        token: setupToken,
        workspaceName: 'Set up by the client',
        adminName: 'First Admin',
        adminEmail: 'first@setup.test',
        adminPassword: 'the first password',
      },
    });
    expect(setUp.response.status).toBe(201);
    expect(setUp.data?.workspace.name).toBe('Set up by the client');
    expect((await anonymous().GET('/api/v1/setup')).data).toEqual({ needed: false });

    // The other groups work in two seeded workspaces beside it.
    world = await seedWorld(t.database);
    partnerId = world.a.partners[0];
    api = clientFor({ key: world.a.members.admin.key });
    adminSession = clientFor({ cookie: await signIn(t.app, world.a.members.admin.email) });
    memberSession = clientFor({ cookie: await signIn(t.app, world.a.members.member.email) });
  });
});

describe('partners', () => {
  it('creates, lists, reads, changes, archives and restores a partner, with its history', async () => {
    const created = await api.POST('/api/v1/partners', {
      body: { name: 'Typed Partner', domains: ['typed.example'], stage: 'active' },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'partner').id;

    const list = await api.GET('/api/v1/partners', {
      params: { query: { stage: ['active'], sort: 'name', limit: 10 } },
    });
    expect(list.data?.items.map((p) => p.id)).toContain(id);

    const one = await api.GET('/api/v1/partners/{id}', { params: { path: { id } } });
    expect(one.data?.name).toBe('Typed Partner');

    // Active and never contacted: overdue for contact.
    const cooling = await api.GET('/api/v1/partners/cooling', { params: { query: { limit: 50 } } });
    expect(cooling.data?.items.map((p) => p.id)).toContain(id);

    const health = await api.GET('/api/v1/partners/{id}/health', { params: { path: { id } } });
    expect(health.data?.partnerId).toBe(id);
    expect(health.data?.score).toBeGreaterThanOrEqual(0);
    // No daily snapshot has been taken yet, so no partner has a latest score to be at risk by.
    const atRisk = await api.GET('/api/v1/partners/at-risk', { params: { query: { limit: 5 } } });
    expect(atRisk.data).toEqual({ lowest: [], falling: [] });

    const changed = await api.PATCH('/api/v1/partners/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { tier: null, country: 'DE' },
    });
    expect(changed.data?.country).toBe('DE');

    const archived = await api.DELETE('/api/v1/partners/{id}', { params: { path: { id } } });
    expect(archived.data?.archivedAt).toBeTruthy();
    const restored = await api.POST('/api/v1/partners/{id}/restore', {
      params: { path: { id } },
    });
    expect(restored.data?.archivedAt).toBeNull();

    const history = await api.GET('/api/v1/partners/{id}/history', {
      params: { path: { id }, query: { limit: 5 } },
    });
    expect(history.data?.items.map((event) => event.action)).toContain('partner.created');
  });

  it("reads a problem, typed, for another workspace's partner, changing nothing", async () => {
    const before = await databaseSnapshot(t.database);
    const res = await api.PATCH('/api/v1/partners/{id}', {
      params: { path: { id: world.b.partners[0] }, header: { 'if-match': '"1"' } },
      body: { name: 'Taken over' },
    });
    expect(res.response.status).toBe(404);
    expect(res.error?.code).toBe('not_found');
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('contacts', () => {
  it('creates, lists, reads, changes and deletes a contact', async () => {
    const created = await api.POST('/api/v1/contacts', {
      body: { partnerId, firstName: 'Ada', lastName: 'Typed', email: 'ada@typed.example' },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'contact').id;
    const listed = await api.GET('/api/v1/contacts', {
      params: { query: { partnerId: [partnerId] } },
    });
    expect(listed.data?.items.map((c) => c.id)).toEqual([id]);
    expect((await api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })).data?.email).toBe(
      'ada@typed.example',
    );
    const changed = await api.PATCH('/api/v1/contacts/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { role: 'champion' },
    });
    expect(changed.data?.role).toBe('champion');
    const removed = await api.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } });
    expect(removed.response.status).toBe(204);
  });
});

describe('workspace, members, invitations and partner users', () => {
  it('reads and renames the workspace', async () => {
    const workspace = await api.GET('/api/v1/workspace');
    expect(workspace.data?.name).toBe(world.a.name);
    const renamed = await api.PATCH('/api/v1/workspace', {
      params: { header: { 'if-match': etagOf(workspace.response) } },
      body: { name: 'Workspace A, renamed' },
    });
    expect(renamed.data?.name).toBe('Workspace A, renamed');
  });

  it('invites someone, renews the link, revokes another invitation, and the first accepts', async () => {
    const invited = await api.POST('/api/v1/invitations', {
      body: { email: 'newcomer@a.test', role: 'viewer' },
    });
    expect(invited.response.status).toBe(201);
    const invitation = must(invited.data, 'invitation');
    const other = await api.POST('/api/v1/invitations', {
      body: { email: 'never@a.test', role: 'member' },
    });
    const listed = await api.GET('/api/v1/invitations');
    expect(listed.data?.items.map((i) => i.email)).toEqual(
      expect.arrayContaining(['newcomer@a.test', 'never@a.test']),
    );
    const revoked = await api.DELETE('/api/v1/invitations/{id}', {
      params: { path: { id: must(other.data, 'invitation').id } },
    });
    expect(revoked.response.status).toBe(204);

    const renewed = await api.POST('/api/v1/invitations/{id}/link', {
      params: { path: { id: invitation.id } },
    });
    const accepted = await anonymous().POST('/api/v1/auth/invitations/accept', {
      body: {
        token: tokenIn(renewed.data?.inviteUrl),
        name: 'New Comer',
        password: 'a newcomer password',
      },
    });
    expect(accepted.data?.user.email).toBe('newcomer@a.test');
  });

  it('lists, reads and changes members, resets one password, and removes one', async () => {
    const listed = await api.GET('/api/v1/members');
    const newcomer = must(
      listed.data?.items.find((m) => m.email === 'newcomer@a.test'),
      'the newcomer',
    );
    const one = await api.GET('/api/v1/members/{id}', { params: { path: { id: newcomer.id } } });
    expect(one.data?.role).toBe('viewer');
    const promoted = await api.PATCH('/api/v1/members/{id}', {
      params: { path: { id: newcomer.id }, header: { 'if-match': etagOf(one.response) } },
      body: { role: 'member' },
    });
    expect(promoted.data?.role).toBe('member');

    // Without SMTP the admin is handed the link, and the member sets a new password with it.
    const reset = await api.POST('/api/v1/members/{id}/password-reset', {
      params: { path: { id: newcomer.id } },
    });
    expect(reset.data?.mailed).toBe(false);
    const confirmed = await anonymous().POST('/api/v1/auth/password-reset/confirm', {
      body: { token: tokenIn(reset.data?.resetUrl), password: 'the reset password' },
    });
    expect(confirmed.response.status).toBe(204);
    expect(await signIn(t.app, 'newcomer@a.test', 'the reset password')).toContain('session_token');

    const removed = await api.DELETE('/api/v1/members/{id}', {
      params: { path: { id: newcomer.id } },
    });
    expect(removed.response.status).toBe(204);
  });

  it("lists, reads, changes and removes a partner's users", async () => {
    const seeded: SeededPartnerUser = await seedPartnerUser(
      t.database,
      world.a,
      world.a.partners[1],
      'partner_member',
    );
    const listed = await api.GET('/api/v1/partner-users', {
      params: { query: { partnerId: world.a.partners[1] } },
    });
    expect(listed.data?.items.map((u) => u.id)).toEqual([seeded.partnerUserId]);
    const path = { id: seeded.partnerUserId };
    const one = await api.GET('/api/v1/partner-users/{id}', { params: { path } });
    const changed = await api.PATCH('/api/v1/partner-users/{id}', {
      params: { path, header: { 'if-match': etagOf(one.response) } },
      body: { role: 'partner_admin' },
    });
    expect(changed.data?.role).toBe('partner_admin');
    const removed = await api.DELETE('/api/v1/partner-users/{id}', { params: { path } });
    expect(removed.response.status).toBe(204);
  });
});

describe('auth', () => {
  it('signs in, reads the session, changes the password and signs out', async () => {
    const signedIn = await anonymous().POST('/api/v1/auth/sign-in', {
      body: { email: world.a.members.viewer.email, password: TEST_PASSWORD },
    });
    expect(signedIn.data?.role).toBe('viewer');
    const viewer = clientFor({ cookie: cookieOf(signedIn.response) });
    expect((await viewer.GET('/api/v1/auth/session')).data?.user.email).toBe(
      world.a.members.viewer.email,
    );
    const changed = await viewer.POST('/api/v1/auth/password', {
      body: { currentPassword: TEST_PASSWORD, newPassword: 'the viewer password now' },
    });
    expect(changed.response.status).toBe(204);
    const signedOut = await viewer.POST('/api/v1/auth/sign-out');
    expect(signedOut.response.status).toBe(204);
    expect((await viewer.GET('/api/v1/auth/session')).response.status).toBe(401);
  });

  it('accepts a password reset request without saying whether the address is known', async () => {
    const requested = await anonymous().POST('/api/v1/auth/password-reset/request', {
      body: { email: 'nobody@a.test' },
    });
    expect(requested.response.status).toBe(202);
  });
});

describe('api-keys', () => {
  it('makes, lists and revokes a key', async () => {
    const made = await api.POST('/api/v1/api-keys', { body: { name: 'Typed', role: 'viewer' } });
    expect(made.response.status).toBe(201);
    const key = must(made.data, 'key');
    expect((await clientFor({ key: key.key }).GET('/api/v1/workspace')).response.status).toBe(200);
    const listed = await api.GET('/api/v1/api-keys');
    expect(listed.data?.items.map((k) => k.id)).toContain(key.id);
    const revoked = await api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } });
    expect(revoked.response.status).toBe(204);
    expect((await clientFor({ key: key.key }).GET('/api/v1/workspace')).response.status).toBe(401);
  });
});

describe('teams and partner-team', () => {
  it('creates, renames, staffs, retires and restores a team', async () => {
    const created = await api.POST('/api/v1/teams', { body: { name: 'Alliances' } });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'team').id;
    const renamed = await api.PATCH('/api/v1/teams/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { name: 'Alliances and channels' },
    });
    expect(renamed.data?.name).toBe('Alliances and channels');
    const member = { id, memberId: world.a.members.member.memberId };
    const staffed = await api.PUT('/api/v1/teams/{id}/members/{memberId}', {
      params: { path: member },
    });
    expect(staffed.data?.members.map((m) => m.id)).toEqual([member.memberId]);
    const one = await api.GET('/api/v1/teams/{id}', { params: { path: { id } } });
    expect(one.data?.members).toHaveLength(1);
    const unstaffed = await api.DELETE('/api/v1/teams/{id}/members/{memberId}', {
      params: { path: member },
    });
    expect(unstaffed.data?.members).toEqual([]);
    const retired = await api.POST('/api/v1/teams/{id}/retire', { params: { path: { id } } });
    expect(retired.data?.retiredAt).toBeTruthy();
    const restored = await api.POST('/api/v1/teams/{id}/restore', { params: { path: { id } } });
    expect(restored.data?.retiredAt).toBeNull();
    const listed = await api.GET('/api/v1/teams');
    expect(listed.data?.items.map((team) => team.id)).toContain(id);
  });

  it("adds, changes and removes an entry of a partner's team", async () => {
    const path = { id: partnerId };
    const added = await api.POST('/api/v1/partners/{id}/team', {
      params: { path },
      body: { memberId: world.a.members.manager.memberId, role: 'sponsor' },
    });
    expect(added.response.status).toBe(201);
    const entryId = must(added.data, 'entry').id;
    const changed = await api.PATCH('/api/v1/partners/{id}/team/{entryId}', {
      params: { path: { ...path, entryId }, header: { 'if-match': etagOf(added.response) } },
      body: { role: 'owner' },
    });
    expect(changed.data?.role).toBe('owner');
    const team = await api.GET('/api/v1/partners/{id}/team', { params: { path } });
    expect(team.data?.items.map((entry) => entry.id)).toEqual([entryId]);
    const removed = await api.DELETE('/api/v1/partners/{id}/team/{entryId}', {
      params: { path: { ...path, entryId } },
    });
    expect(removed.response.status).toBe(204);
  });
});

describe('interactions and timeline', () => {
  it('reads a dropped file, logs the interaction, makes tasks of its next steps and deletes it', async () => {
    const fixture = readFileSync(join(import.meta.dirname, 'fixtures/kickoff.ics'));
    const parsed = await api.POST('/api/v1/partners/{id}/interactions/parse', {
      params: { path: { id: partnerId } },
      body: { fileName: 'kickoff.ics', content: fixture.toString('base64') },
    });
    expect(parsed.data?.partnerId).toBe(partnerId);

    const created = await api.POST('/api/v1/interactions', {
      body: {
        partnerId,
        kind: 'meeting',
        occurredAt: '2026-03-02T10:00:00.000Z',
        summary: 'Kick-off',
        nextSteps: ['Send the deck'],
      },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'interaction').id;
    const changed = await api.PATCH('/api/v1/interactions/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { sentiment: 'positive' },
    });
    expect(changed.data?.sentiment).toBe('positive');
    expect(
      (await api.GET('/api/v1/interactions/{id}', { params: { path: { id } } })).data?.kind,
    ).toBe('meeting');
    const listed = await api.GET('/api/v1/interactions', {
      params: { query: { partnerId: [partnerId] } },
    });
    expect(listed.data?.items.map((i) => i.id)).toContain(id);

    const tasks = await api.POST('/api/v1/interactions/{id}/tasks', {
      params: { path: { id } },
      body: {},
    });
    expect(tasks.data?.items.map((task) => task.title)).toEqual(['Send the deck']);

    const timeline = await api.GET('/api/v1/partners/{id}/timeline', {
      params: { path: { id: partnerId } },
    });
    expect(timeline.data?.items.length).toBeGreaterThan(0);
    const everything = await api.GET('/api/v1/timeline', { params: { query: { limit: 5 } } });
    expect(everything.data?.items.length).toBeGreaterThan(0);

    const removed = await api.DELETE('/api/v1/interactions/{id}', { params: { path: { id } } });
    expect(removed.response.status).toBe(204);
  });
});

describe('tasks', () => {
  it('creates, reads, changes, reassigns, completes, lists and deletes tasks', async () => {
    const created = await api.POST('/api/v1/tasks', {
      body: { title: 'Typed task', partnerId, assigneeId: world.a.members.member.memberId },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'task').id;
    expect((await api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })).data?.title).toBe(
      'Typed task',
    );
    const changed = await api.PATCH('/api/v1/tasks/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { priority: 'high', dueDate: '2026-01-02' },
    });
    expect(changed.data?.priority).toBe('high');

    const mine = await memberSession.GET('/api/v1/tasks/my-work');
    expect(mine.data?.overdue.map((task) => task.id)).toContain(id);

    const reassigned = await api.POST('/api/v1/tasks/bulk-reassign', {
      body: { ids: [id], assigneeId: world.a.members.manager.memberId },
    });
    expect(reassigned.data?.items[0]?.assignee?.id).toBe(world.a.members.manager.memberId);
    const completed = await api.POST('/api/v1/tasks/bulk-complete', { body: { ids: [id] } });
    expect(completed.data?.items[0]?.status).toBe('done');
    const listed = await api.GET('/api/v1/tasks', {
      params: { query: { partnerId: [partnerId], status: ['done'] } },
    });
    expect(listed.data?.items.map((task) => task.id)).toContain(id);

    const removed = await api.DELETE('/api/v1/tasks/{id}', { params: { path: { id } } });
    expect(removed.response.status).toBe(204);
  });
});

describe('issues', () => {
  it('registers, reads, changes, moves, lists and deletes an issue', async () => {
    const created = await api.POST('/api/v1/issues', {
      body: { title: 'Channel conflict', partnerId, kind: 'channel_conflict', severity: 'high' },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'issue').id;
    const changed = await api.PATCH('/api/v1/issues/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { description: 'Two resellers quote the same customer' },
    });
    expect(changed.data?.description).toBe('Two resellers quote the same customer');
    const moved = await api.POST('/api/v1/issues/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etagOf(changed.response) } },
      body: { to: 'investigating' },
    });
    expect(moved.data?.status).toBe('investigating');
    expect((await api.GET('/api/v1/issues/{id}', { params: { path: { id } } })).data?.status).toBe(
      'investigating',
    );
    const listed = await api.GET('/api/v1/issues', {
      params: { query: { status: ['investigating'] } },
    });
    expect(listed.data?.items.map((issue) => issue.id)).toEqual([id]);
    const removed = await api.DELETE('/api/v1/issues/{id}', { params: { path: { id } } });
    expect(removed.response.status).toBe(204);
  });
});

describe('plans', () => {
  it('starts, edits, lists, agrees, revises a plan and shows its versions and changes', async () => {
    const created = await api.POST('/api/v1/plans', {
      body: {
        partnerId,
        period: 'FY2027',
        summary: 'Grow together',
        objectives: [{ text: 'Launch the joint offer', ownerSide: 'both' }],
      },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'plan').id;
    const changed = await api.PATCH('/api/v1/plans/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { summary: 'Grow together in EMEA' },
    });
    expect(changed.data?.summary).toBe('Grow together in EMEA');
    const proposed = await api.POST('/api/v1/plans/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etagOf(changed.response) } },
      body: { to: 'proposed' },
    });
    const agreed = await api.POST('/api/v1/plans/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etagOf(proposed.response) } },
      body: { to: 'agreed', agreedBy: 'Ada Lovelace', agreedOn: '2026-12-01' },
    });
    expect(agreed.data?.agreement?.agreedBy).toBe('Ada Lovelace');
    const revised = await api.POST('/api/v1/plans/{id}/revisions', {
      params: { path: { id }, header: { 'if-match': etagOf(agreed.response) } },
    });
    expect(revised.data).toMatchObject({ status: 'draft', versionNumber: 2 });
    expect((await api.GET('/api/v1/plans/{id}', { params: { path: { id } } })).data?.status).toBe(
      'draft',
    );
    const listed = await api.GET('/api/v1/plans', {
      params: { query: { partnerId: [partnerId], period: ['FY2027'] } },
    });
    expect(listed.data?.items.map((plan) => plan.id)).toEqual([id]);
    const versions = await api.GET('/api/v1/plans/{id}/versions', { params: { path: { id } } });
    expect(versions.data?.items.map((version) => version.versionNumber)).toEqual([1]);
    const changes = await api.GET('/api/v1/plans/{id}/changes', { params: { path: { id } } });
    expect(changes.data).toMatchObject({ againstVersionNumber: 1, versionNumber: 2, changes: [] });
    const history = await api.GET('/api/v1/plans/{id}/history', {
      params: { path: { id }, query: { limit: 2 } },
    });
    expect(history.data?.items.map((event) => event.action)).toEqual([
      'plan.revised',
      'plan.agreed',
    ]);
    expect(history.data?.nextCursor).not.toBeNull();
  });
});

describe('agreements', () => {
  it('starts an agreement, adds and removes a signer, moves, lists and deletes it', async () => {
    const created = await api.POST('/api/v1/agreements', {
      body: { partnerId, type: 'nda', title: 'Mutual NDA', value: 100, currency: 'EUR' },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'agreement').id;
    const changed = await api.PATCH('/api/v1/agreements/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { endOn: '2027-12-31' },
    });
    expect(changed.data?.endOn).toBe('2027-12-31');
    const signed = await api.POST('/api/v1/agreements/{id}/signers', {
      params: { path: { id }, header: { 'if-match': etagOf(changed.response) } },
      body: { side: 'us', memberId: world.a.members.admin.memberId, role: 'CEO' },
    });
    const signerId = must(signed.data?.signers[0], 'signer').id;
    const signers = await api.GET('/api/v1/agreements/{id}/signers', { params: { path: { id } } });
    expect(signers.data?.items).toHaveLength(1);
    const unsigned = await api.DELETE('/api/v1/agreements/{id}/signers/{signerId}', {
      params: { path: { id, signerId }, header: { 'if-match': etagOf(signed.response) } },
    });
    expect(unsigned.data?.signers).toEqual([]);
    const moved = await api.POST('/api/v1/agreements/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etagOf(unsigned.response) } },
      body: { to: 'in_negotiation' },
    });
    expect(moved.data?.status).toBe('in_negotiation');
    const back = await api.POST('/api/v1/agreements/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etagOf(moved.response) } },
      body: { to: 'draft' },
    });
    expect(
      (await api.GET('/api/v1/agreements/{id}', { params: { path: { id } } })).data?.status,
    ).toBe('draft');
    const listed = await api.GET('/api/v1/agreements', {
      params: { query: { partnerId: [partnerId], type: ['nda'], endTo: '2027-12-31' } },
    });
    expect(listed.data?.items.map((agreement) => agreement.id)).toEqual([id]);
    const removed = await api.DELETE('/api/v1/agreements/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(back.response) } },
    });
    expect(removed.response.status).toBe(204);
  });

  it('writes versions, compares two as a redline, and freezes the latest when sent for signature', async () => {
    const created = await api.POST('/api/v1/agreements', {
      body: { partnerId, type: 'nda', title: 'Versioned NDA' },
    });
    const id = must(created.data, 'agreement').id;
    const first = await api.POST('/api/v1/agreements/{id}/versions', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { body: 'Each party keeps secrets.' },
    });
    expect(first.data?.number).toBe(1);
    const second = await api.POST('/api/v1/agreements/{id}/versions', {
      params: { path: { id }, header: { 'if-match': etagOf(first.response) } },
      body: {},
    });
    const edited = await api.PATCH('/api/v1/agreements/{id}/versions/{number}', {
      params: { path: { id, number: 2 }, header: { 'if-match': etagOf(second.response) } },
      body: { body: 'Each party keeps all secrets.' },
    });
    expect(edited.data?.body).toBe('Each party keeps all secrets.');
    const list = await api.GET('/api/v1/agreements/{id}/versions', { params: { path: { id } } });
    expect(list.data?.items.map((v) => v.number)).toEqual([1, 2]);
    const one = await api.GET('/api/v1/agreements/{id}/versions/{number}', {
      params: { path: { id, number: 1 } },
    });
    expect(one.data?.body).toBe('Each party keeps secrets.');
    const redline = await api.GET('/api/v1/agreements/{id}/redline', {
      params: { path: { id }, query: { from: 1, to: 2 } },
    });
    expect(redline.data?.parts.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual([
      'all ',
    ]);
    const pdf = await api.GET('/api/v1/agreements/{id}/redline.pdf', {
      params: { path: { id }, query: { from: 1, to: 2 } },
      parseAs: 'arrayBuffer',
    });
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    const negotiating = await api.POST('/api/v1/agreements/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etagOf(edited.response) } },
      body: { to: 'in_negotiation' },
    });
    await api.POST('/api/v1/agreements/{id}/transitions', {
      params: { path: { id }, header: { 'if-match': etagOf(negotiating.response) } },
      body: { to: 'pending_signature' },
    });
    const frozen = await api.GET('/api/v1/agreements/{id}/versions/{number}', {
      params: { path: { id, number: 2 } },
    });
    expect(frozen.data?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends for signature, signs for both sides (in the app and by link), and downloads the signed PDF', async () => {
    const contact = await api.POST('/api/v1/contacts', {
      body: { partnerId, firstName: 'Sam', lastName: 'Signer', email: 'sam.signer@partner.test' },
    });
    const contactId = must(contact.data, 'contact').id;
    const created = await api.POST('/api/v1/agreements', {
      body: { partnerId, type: 'referral', title: 'Referral terms' },
    });
    const id = must(created.data, 'agreement').id;
    const text = await api.POST('/api/v1/agreements/{id}/versions', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { body: 'Each referral earns 10%.' },
    });
    let etag = `"${(await api.GET('/api/v1/agreements/{id}', { params: { path: { id } } })).data?.version}"`;
    expect(text.response.status).toBe(201);
    for (const body of [
      { side: 'us' as const, memberId: world.a.members.admin.memberId, role: 'CEO' },
      { side: 'partner' as const, contactId, role: 'Owner' },
    ]) {
      const added = await api.POST('/api/v1/agreements/{id}/signers', {
        params: { path: { id }, header: { 'if-match': etag } },
        body,
      });
      etag = etagOf(added.response);
    }
    for (const to of ['in_negotiation', 'pending_signature'] as const) {
      const moved = await api.POST('/api/v1/agreements/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etag } },
        body: { to },
      });
      etag = etagOf(moved.response);
    }
    const signing = await api.GET('/api/v1/agreements/{id}/signing', { params: { path: { id } } });
    const sha256 = must(signing.data?.version, 'frozen version').sha256;
    const [us, them] = signing.data?.signers ?? [];
    const ours = await adminSession.POST('/api/v1/agreements/{id}/signers/{signerId}/signature', {
      params: { path: { id, signerId: must(us, 'our signer').id } },
      body: { sha256, typedName: 'A admin', authorityConfirmed: true },
    });
    expect(ours.response.status).toBe(201);
    const link = await api.POST('/api/v1/agreements/{id}/signers/{signerId}/signing-link', {
      params: { path: { id, signerId: must(them, 'their signer').id } },
      body: { expiresInDays: 3 },
    });
    const token = must(link.data?.signingUrl, 'signing url').split('#token=')[1] ?? '';
    const anonymous = clientFor();
    const view = await anonymous.POST('/api/v1/signing/view', { body: { token } });
    expect(view.data?.signer.name).toBe('Sam Signer');
    const theirs = await anonymous.POST('/api/v1/signing/signature', {
      body: { token, sha256, typedName: 'Sam Signer', authorityConfirmed: true },
    });
    expect(theirs.data?.signer.signedAt).not.toBeNull();
    const pdf = await api.GET('/api/v1/agreements/{id}/signed.pdf', {
      params: { path: { id } },
      parseAs: 'arrayBuffer',
    });
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
  });

  it('adds a recurring obligation, marks an occurrence done, makes a task of the next, reads, lists and deletes it', async () => {
    const agreement = await api.POST('/api/v1/agreements', {
      body: { partnerId, type: 'reseller', title: 'Reseller' },
    });
    const id = must(agreement.data, 'agreement').id;
    const created = await api.POST('/api/v1/agreements/{id}/obligations', {
      params: { path: { id } },
      body: {
        description: 'Monthly sales report',
        party: 'partner',
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
        startsOn: '2027-01-01',
      },
    });
    expect(created.response.status).toBe(201);
    const obligationId = must(created.data, 'obligation').id;
    const done = await api.PATCH('/api/v1/agreements/{id}/obligations/{obligationId}', {
      params: { path: { id, obligationId }, header: { 'if-match': etagOf(created.response) } },
      body: { doneThrough: '2027-01-31' },
    });
    expect(done.data?.nextDueOn).toBe('2027-02-28');
    const task = await api.POST('/api/v1/agreements/{id}/obligations/{obligationId}/tasks', {
      params: { path: { id, obligationId } },
      body: { occursOn: '2027-02-28' },
    });
    expect(task.response.status).toBe(201);
    expect(task.data).toMatchObject({ title: 'Monthly sales report', dueDate: '2027-02-28' });
    const one = await api.GET('/api/v1/agreements/{id}/obligations/{obligationId}', {
      params: { path: { id, obligationId } },
    });
    expect(one.data?.doneThrough).toBe('2027-01-31');
    const listed = await api.GET('/api/v1/agreements/{id}/obligations', {
      params: { path: { id } },
    });
    expect(listed.data?.items.map((o) => o.id)).toEqual([obligationId]);
    const removed = await api.DELETE('/api/v1/agreements/{id}/obligations/{obligationId}', {
      params: { path: { id, obligationId }, header: { 'if-match': etagOf(done.response) } },
    });
    expect(removed.response.status).toBe(204);
  });

  it('attaches files to a version and an obligation, lists, downloads and removes them', async () => {
    const agreement = await api.POST('/api/v1/agreements', {
      body: { partnerId, type: 'reseller', title: 'Reseller with files' },
    });
    const id = must(agreement.data, 'agreement').id;
    await api.POST('/api/v1/agreements/{id}/versions', {
      params: { path: { id }, header: { 'if-match': etagOf(agreement.response) } },
      body: { body: 'Text' },
    });
    const form = (name: string, text: string) => {
      const data = new FormData();
      data.append('file', new Blob([text], { type: 'text/plain' }), name);
      return data;
    };
    const added = await api.POST('/api/v1/agreements/{id}/versions/{number}/attachments', {
      params: { path: { id, number: 1 } },
      body: { file: '' },
      bodySerializer: () => form('terms.txt', 'Terms ✓'),
    });
    expect(added.response.status).toBe(201);
    const attachmentId = must(added.data, 'attachment').id;
    const listed = await api.GET('/api/v1/agreements/{id}/versions/{number}/attachments', {
      params: { path: { id, number: 1 } },
    });
    expect(listed.data?.items.map((a) => a.fileName)).toEqual(['terms.txt']);
    const file = await api.GET('/api/v1/agreements/{id}/attachments/{attachmentId}', {
      params: { path: { id, attachmentId } },
      parseAs: 'text',
    });
    expect(file.data).toBe('Terms ✓');
    const obligation = await api.POST('/api/v1/agreements/{id}/obligations', {
      params: { path: { id } },
      body: { description: 'Annual audit', party: 'us', dueOn: '2027-06-30' },
    });
    const obligationId = must(obligation.data, 'obligation').id;
    const evidence = await api.POST(
      '/api/v1/agreements/{id}/obligations/{obligationId}/attachments',
      {
        params: { path: { id, obligationId } },
        body: { file: '' },
        bodySerializer: () => form('audit.txt', 'Audited'),
      },
    );
    expect(evidence.response.status).toBe(201);
    const evidenceList = await api.GET(
      '/api/v1/agreements/{id}/obligations/{obligationId}/attachments',
      { params: { path: { id, obligationId } } },
    );
    expect(evidenceList.data?.items).toHaveLength(1);
    const removed = await api.DELETE('/api/v1/agreements/{id}/attachments/{attachmentId}', {
      params: { path: { id, attachmentId } },
    });
    expect(removed.response.status).toBe(204);
  });
});

describe('compliance requirements', () => {
  it('adds, changes and lists requirements, and marks an agreement’s entry met', async () => {
    const created = await api.POST('/api/v1/compliance-requirements', {
      body: { title: 'Security review', appliesTo: ['technology'], blocks: 'pending_signature' },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'requirement').id;
    const one = await api.GET('/api/v1/compliance-requirements/{id}', { params: { path: { id } } });
    expect(one.data?.blocks).toBe('pending_signature');
    const changed = await api.PATCH('/api/v1/compliance-requirements/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { description: 'The review’s reference is the evidence' },
    });
    expect(changed.data?.version).toBe(2);
    const listed = await api.GET('/api/v1/compliance-requirements', {
      params: { query: { archived: 'false' } },
    });
    expect(listed.data?.items.map((r) => r.id)).toContain(id);
    const agreement = await api.POST('/api/v1/agreements', {
      body: { partnerId, type: 'technology', title: 'Integration' },
    });
    const agreementId = must(agreement.data, 'agreement').id;
    const checklist = await api.GET('/api/v1/agreements/{id}/requirements', {
      params: { path: { id: agreementId } },
    });
    const entry = must(checklist.data?.items[0], 'entry');
    const met = await api.PATCH('/api/v1/agreements/{id}/requirements/{requirementId}', {
      params: {
        path: { id: agreementId, requirementId: entry.id },
        header: { 'if-match': `"${entry.version}"` },
      },
      body: { status: 'met', evidence: 'SR-1' },
    });
    expect(met.data?.status).toBe('met');
  });

  it('takes a renewal decision on an agreement in force', async () => {
    const created = await api.POST('/api/v1/agreements', {
      body: { partnerId, type: 'reseller', title: 'Reseller', endOn: '2027-12-31' },
    });
    const id = must(created.data, 'agreement').id;
    let response = (
      await api.POST('/api/v1/agreements/{id}/versions', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { body: 'The reseller resells.' },
      })
    ).response;
    for (const to of ['in_negotiation', 'pending_signature', 'active'] as const) {
      response = (
        await api.POST('/api/v1/agreements/{id}/transitions', {
          params: { path: { id }, header: { 'if-match': etagOf(response) } },
          body: { to },
        })
      ).response;
    }
    const renewed = await api.POST('/api/v1/agreements/{id}/renewal', {
      params: { path: { id }, header: { 'if-match': etagOf(response) } },
      body: { decision: 'renew', termMonths: 12 },
    });
    expect(renewed.data?.agreement.status).toBe('renewed');
    expect(renewed.data?.next).toMatchObject({ renewedFromId: id, endOn: '2028-12-31' });
  });

  it('lists the renewals coming up within 90 days, with the value at stake per currency', async () => {
    const renewals = await api.GET('/api/v1/agreements/renewals', {
      params: { query: { within: '90', type: ['reseller'] } },
    });
    expect(renewals.response.status).toBe(200);
    expect(renewals.data?.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Array.isArray(renewals.data?.totals)).toBe(true);
  });
});

describe('dashboard', () => {
  it('reads the portfolio dashboard, filtered as the partner list is', async () => {
    const all = await api.GET('/api/v1/dashboard/portfolio');
    expect(all.data?.partners.count).toBeGreaterThan(0);
    const filtered = await api.GET('/api/v1/dashboard/portfolio', {
      params: { query: { type: ['reseller'], country: ['DE', 'FR'] } },
    });
    expect(filtered.data?.filters.type).toEqual(['reseller']);
    expect(filtered.data?.byType.map((row) => row.type)).toEqual(['reseller']);
  });
});

describe('KPIs and measurements', () => {
  it('adds, changes and deletes a KPI, records measurements and lists them', async () => {
    const plan = await api.POST('/api/v1/plans', { body: { partnerId, period: 'FY2028' } });
    const planId = must(plan.data, 'plan').id;
    const created = await api.POST('/api/v1/plans/{id}/kpis', {
      params: { path: { id: planId } },
      body: { name: 'Revenue', unit: 'currency', currency: 'EUR', target: 1_000_000 },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'KPI').id;
    const changed = await api.PATCH('/api/v1/kpis/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { target: 2_000_000 },
    });
    expect(changed.data?.target).toBe(2_000_000);
    const recorded = await api.PUT('/api/v1/plans/{id}/measurements', {
      params: { path: { id: planId } },
      body: { measurements: [{ kpiId: id, period: 'FY2028-M01', value: 150_000 }] },
    });
    expect(recorded.data?.items[0]?.progress.actual).toBe(150_000);
    const listed = await api.GET('/api/v1/plans/{id}/kpis', { params: { path: { id: planId } } });
    expect(listed.data?.items.map((kpi) => kpi.id)).toEqual([id]);
    const one = await api.GET('/api/v1/kpis/{id}', { params: { path: { id } } });
    const values = await api.GET('/api/v1/kpis/{id}/measurements', { params: { path: { id } } });
    expect(values.data?.items.map((m) => m.value)).toEqual([150_000]);
    const planValues = await api.GET('/api/v1/plans/{id}/measurements', {
      params: { path: { id: planId } },
    });
    expect(planValues.data?.items.map((m) => [m.kpiId, m.value])).toEqual([[id, 150_000]]);
    const preview = await api.POST('/api/v1/plans/{id}/measurements/import', {
      params: { path: { id: planId }, query: { dryRun: 'true' } },
      body: 'kpi,period,value\nRevenue,FY2028-M02,1999.99\n',
      bodySerializer: (body) => body,
      headers: { 'content-type': 'text/csv' },
    });
    expect(preview.data?.rows.map((row) => row.value)).toEqual([199_999]);
    const removed = await api.DELETE('/api/v1/kpis/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(one.response) } },
    });
    expect(removed.response.status).toBe(204);
  });
});

describe('copying a plan', () => {
  it('copies a plan into the next period with new targets', async () => {
    const plan = await api.POST('/api/v1/plans', { body: { partnerId, period: 'FY2032' } });
    const copy = await api.POST('/api/v1/plans/{id}/copies', {
      params: { path: { id: must(plan.data, 'plan').id } },
      body: {},
    });
    expect(copy.response.status).toBe(201);
    expect(copy.data?.period).toBe('FY2033');
  });
});

describe('plan templates', () => {
  it('adds, lists, reads, changes and deletes a template, and starts a plan from it', async () => {
    const created = await api.POST('/api/v1/plan-templates', {
      body: {
        name: 'Reseller plan',
        partnerType: 'reseller',
        isDefault: true,
        summary: 'Sell more together',
        objectives: [{ text: 'Train the sales team', ownerSide: 'us' }],
        kpis: [{ name: 'Deals', unit: 'count' }],
      },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'template').id;
    const listed = await api.GET('/api/v1/plan-templates', {
      params: { query: { partnerType: 'reseller' } },
    });
    expect(listed.data?.items.map((template) => template.id)).toEqual([id]);
    const one = await api.GET('/api/v1/plan-templates/{id}', { params: { path: { id } } });
    const changed = await api.PATCH('/api/v1/plan-templates/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(one.response) } },
      body: { name: 'Reseller plan FY' },
    });
    expect(changed.data?.name).toBe('Reseller plan FY');
    const plan = await api.POST('/api/v1/plans', {
      body: { partnerId, period: 'FY2034', templateId: id, kpiTargets: [40] },
    });
    expect(plan.data?.summary).toBe('Sell more together');
    const removed = await api.DELETE('/api/v1/plan-templates/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(changed.response) } },
    });
    expect(removed.response.status).toBe(204);
  });
});

describe('reports', () => {
  it('downloads the portfolio report as a PDF', async () => {
    const report = await api.GET('/api/v1/reports/portfolio', {
      params: { query: { type: ['reseller'] } },
      parseAs: 'arrayBuffer',
    });
    expect(report.response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(report.data ?? new ArrayBuffer(0));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("downloads a plan's scorecard as a PDF", async () => {
    const plan = await api.POST('/api/v1/plans', { body: { partnerId, period: 'FY2029' } });
    const scorecard = await api.GET('/api/v1/plans/{id}/scorecard', {
      params: { path: { id: must(plan.data, 'plan').id } },
      parseAs: 'arrayBuffer',
    });
    expect(scorecard.response.headers.get('content-type')).toBe('application/pdf');
  });
});

describe('scheduled reports', () => {
  it('schedules a report, changes, pauses and deletes it, with its recipients', async () => {
    const created = await api.POST('/api/v1/report-subscriptions', {
      body: {
        kind: 'portfolio',
        filters: { type: ['reseller'] },
        cadence: 'weekly',
        weekday: 'friday',
        memberIds: [world.a.members.admin.memberId],
      },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'subscription').id;
    const listed = await api.GET('/api/v1/report-subscriptions', {
      params: { query: { limit: 10 } },
    });
    expect(listed.data?.items.map((s) => s.id)).toContain(id);
    const one = await api.GET('/api/v1/report-subscriptions/{id}', { params: { path: { id } } });
    const paused = await api.PATCH('/api/v1/report-subscriptions/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(one.response) } },
      body: { status: 'paused' },
    });
    expect(paused.data?.nextRunAt).toBeNull();
    const added = await api.POST('/api/v1/report-subscriptions/{id}/recipients', {
      params: { path: { id } },
      body: { memberId: world.a.members.member.memberId },
    });
    expect(added.data?.name).toBe('A member');
    const recipientId = must(added.data, 'recipient').id;
    // This app has no mail server: sending now says so.
    const sent = await api.POST('/api/v1/report-subscriptions/{id}/send-now', {
      params: { path: { id } },
    });
    expect(sent.response.status).toBe(409);
    const token = unsubscribeToken(t.ctx.config.secret, world.a.workspaceId, recipientId);
    const anonymous = clientFor();
    const unsubscribed = await anonymous.POST('/api/v1/report-unsubscribe', { body: { token } });
    expect(unsubscribed.data?.report).toBe('Portfolio report');
    const removed = await api.DELETE('/api/v1/report-subscriptions/{id}/recipients/{recipientId}', {
      params: { path: { id, recipientId } },
    });
    expect(removed.response.status).toBe(204);
    const deleted = await api.DELETE('/api/v1/report-subscriptions/{id}', {
      params: { path: { id }, header: {} },
    });
    expect(deleted.response.status).toBe(204);
  });
});

describe('comments and notifications', () => {
  it('comments with a mention, edits, lists and deletes the comment', async () => {
    const subject = { subjectType: 'partner' as const, subjectId: partnerId };
    const created = await adminSession.POST('/api/v1/comments', {
      body: { ...subject, body: 'Over to you', mentionIds: [world.a.members.member.memberId] },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'comment').id;
    const edited = await adminSession.PATCH('/api/v1/comments/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { body: 'Over to you, please', mentionIds: [world.a.members.member.memberId] },
    });
    expect(edited.data?.body).toBe('Over to you, please');
    const listed = await api.GET('/api/v1/comments', { params: { query: subject } });
    expect(listed.data?.items.map((comment) => comment.id)).toEqual([id]);
    const removed = await adminSession.DELETE('/api/v1/comments/{id}', {
      params: { path: { id } },
    });
    expect(removed.response.status).toBe(204);
  });

  it("reads and marks the member's notifications and changes their email switches", async () => {
    const unread = await memberSession.GET('/api/v1/notifications/unread-count');
    expect(unread.data?.unread).toBeGreaterThanOrEqual(2);
    const listed = await memberSession.GET('/api/v1/notifications', {
      params: { query: { unread: 'true' } },
    });
    const first = must(listed.data?.items[0], 'notification');
    const read = await memberSession.POST('/api/v1/notifications/{id}/read', {
      params: { path: { id: first.id } },
    });
    expect(read.data?.readAt).toBeTruthy();
    const all = await memberSession.POST('/api/v1/notifications/read-all');
    expect(all.data?.marked).toBeGreaterThan(0);

    const preferences = await memberSession.GET('/api/v1/notifications/preferences');
    const changed = await memberSession.PATCH('/api/v1/notifications/preferences', {
      params: { header: { 'if-match': etagOf(preferences.response) } },
      body: { email: { digest: false } },
    });
    expect(changed.data?.email.digest).toBe(false);

    const outbox = await api.GET('/api/v1/outbox');
    expect(outbox.response.status).toBe(200);
  });
});

describe('portal', () => {
  it('shows a partner user what is shared with their partner, and only that', async () => {
    const shared = { partnerId, visibility: 'partner' as const };
    const interaction = await api.POST('/api/v1/interactions', {
      body: { ...shared, kind: 'call', occurredAt: '2026-03-03T09:00:00.000Z', summary: 'Shared' },
    });
    const issue = await api.POST('/api/v1/issues', { body: { ...shared, title: 'Shared issue' } });
    const interactionId = must(interaction.data, 'interaction').id;
    const issueId = must(issue.data, 'issue').id;

    const portalUser = await seedPartnerUser(t.database, world.a, partnerId, 'partner_admin');
    const portal = clientFor({ cookie: await signIn(t.app, portalUser.email) });
    expect((await portal.GET('/api/v1/portal/me')).data?.partner.id).toBe(partnerId);
    const overview = await portal.GET('/api/v1/portal/overview');
    expect(overview.data?.interactions).toBe(1);
    expect(overview.data?.issues.open).toBe(1);

    const interactions = await portal.GET('/api/v1/portal/interactions');
    expect(interactions.data?.items.map((i) => i.id)).toEqual([interactionId]);
    const oneInteraction = await portal.GET('/api/v1/portal/interactions/{id}', {
      params: { path: { id: interactionId } },
    });
    expect(oneInteraction.data?.summary).toBe('Shared');
    const issues = await portal.GET('/api/v1/portal/issues', {
      params: { query: { status: ['open'] } },
    });
    expect(issues.data?.items.map((i) => i.id)).toEqual([issueId]);
    const oneIssue = await portal.GET('/api/v1/portal/issues/{id}', {
      params: { path: { id: issueId } },
    });
    expect(oneIssue.data?.title).toBe('Shared issue');

    // Admins read what was shown: here the issue, as a list row and opened on its own.
    const disclosed = await api.GET('/api/v1/disclosures', {
      params: { query: { recordId: issueId } },
    });
    expect(disclosed.data?.items.map((d) => d.view).sort()).toEqual(['list', 'record']);
  });

  it('lets a partner user read an agreement sent for signature and sign it as its signer', async () => {
    const portalUser = await seedPartnerUser(t.database, world.a, partnerId, 'partner_member');
    const portal = clientFor({ cookie: await signIn(t.app, portalUser.email) });
    const contact = await api.POST('/api/v1/contacts', {
      body: {
        partnerId,
        firstName: 'Partner',
        lastName: 'partner_member',
        email: portalUser.email,
      },
    });
    const created = await api.POST('/api/v1/agreements', {
      body: { partnerId, type: 'nda', title: 'Mutual NDA' },
    });
    const id = must(created.data, 'agreement').id;
    await api.POST('/api/v1/agreements/{id}/versions', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { body: 'Both keep it secret.' },
    });
    let etag = `"${(await api.GET('/api/v1/agreements/{id}', { params: { path: { id } } })).data?.version}"`;
    for (const body of [
      { side: 'us' as const, memberId: world.a.members.admin.memberId, role: 'CEO' },
      { side: 'partner' as const, contactId: must(contact.data, 'contact').id, role: 'Owner' },
    ]) {
      const added = await api.POST('/api/v1/agreements/{id}/signers', {
        params: { path: { id }, header: { 'if-match': etag } },
        body,
      });
      etag = etagOf(added.response);
    }
    for (const to of ['in_negotiation', 'pending_signature'] as const) {
      const moved = await api.POST('/api/v1/agreements/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etag } },
        body: { to },
      });
      etag = etagOf(moved.response);
    }
    const listed = await portal.GET('/api/v1/portal/agreements');
    expect(listed.data?.items.map((a) => a.id)).toContain(id);
    const detail = await portal.GET('/api/v1/portal/agreements/{id}', { params: { path: { id } } });
    const version = must(detail.data?.version, 'frozen version');
    const mine = must(
      detail.data?.signers.find((s) => s.you),
      'their signer',
    );
    const noFile = await portal.GET('/api/v1/portal/agreements/{id}/files/{fileId}', {
      params: { path: { id, fileId: mine.id } },
    });
    expect(noFile.response.status).toBe(404);
    const signed = await portal.POST(
      '/api/v1/portal/agreements/{id}/signers/{signerId}/signature',
      {
        params: { path: { id, signerId: mine.id } },
        body: { sha256: version.sha256, typedName: mine.name, authorityConfirmed: true },
      },
    );
    expect(signed.data?.signers.find((s) => s.you)?.signedAt).not.toBeNull();
    const us = must(
      detail.data?.signers.find((s) => s.side === 'us'),
      'our signer',
    );
    await adminSession.POST('/api/v1/agreements/{id}/signers/{signerId}/signature', {
      params: { path: { id, signerId: us.id } },
      body: { sha256: version.sha256, typedName: 'A admin', authorityConfirmed: true },
    });
    const pdf = await portal.GET('/api/v1/portal/agreements/{id}/signed.pdf', {
      params: { path: { id } },
      parseAs: 'arrayBuffer',
    });
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
  });
});

describe('calendar', () => {
  it('makes a feed URL that serves iCalendar, then revokes it', async () => {
    expect((await adminSession.GET('/api/v1/me/calendar-feed')).data?.active).toBe(false);
    const made = await adminSession.POST('/api/v1/me/calendar-feed');
    expect(made.response.status).toBe(201);
    const token = must(/\/calendar\/([^/]+)$/.exec(made.data?.url ?? '')?.[1], 'feed token');
    const feed = await anonymous().GET('/api/v1/calendar/{token}', {
      params: { path: { token } },
      parseAs: 'text',
    });
    expect(feed.data).toContain('BEGIN:VCALENDAR');
    const revoked = await adminSession.DELETE('/api/v1/me/calendar-feed');
    expect(revoked.response.status).toBe(204);
  });
});

describe('exports', () => {
  it('downloads every list as CSV and as Excel, with the list filters', async () => {
    const csv = await api.GET('/api/v1/partners/export', {
      params: { query: { format: 'csv', stage: ['prospect', 'active'], sort: '-name' } },
      parseAs: 'text',
    });
    expect(csv.response.headers.get('content-disposition')).toMatch(/tandem-partners-.*\.csv/);
    expect(csv.data?.split('\r\n')[0]).toMatch(/^\uFEFF?ID,Name,/);
    const xlsx = await api.GET('/api/v1/partners/export', {
      params: { query: { format: 'xlsx' } },
      parseAs: 'arrayBuffer',
    });
    expect(Buffer.from(must(xlsx.data, 'workbook')).subarray(0, 2).toString()).toBe('PK');
    const text = { parseAs: 'text' } as const;
    for (const answer of [
      await api.GET('/api/v1/contacts/export', { params: { query: { format: 'csv' } }, ...text }),
      await api.GET('/api/v1/interactions/export', {
        params: { query: { kind: ['call'] } },
        ...text,
      }),
      await api.GET('/api/v1/issues/export', { params: { query: { status: ['open'] } }, ...text }),
      await api.GET('/api/v1/tasks/export', { params: { query: { overdue: 'false' } }, ...text }),
      await api.GET('/api/v1/plans/export', { params: { query: { format: 'csv' } }, ...text }),
      await api.GET('/api/v1/timeline/export', {
        params: { query: { kind: ['interaction'] } },
        ...text,
      }),
      await api.GET('/api/v1/measurements/export', { params: { query: {} }, ...text }),
      await api.GET('/api/v1/agreements/export', {
        params: { query: { status: ['draft'] } },
        ...text,
      }),
      await api.GET('/api/v1/agreements/renewals/export', {
        params: { query: { within: '60' } },
        ...text,
      }),
    ]) {
      expect(answer.response.status).toBe(200);
      expect(answer.data).toMatch(/^\uFEFF?(ID|Partner|Next key date),/);
    }
  });
});

describe('clauses and agreement templates', () => {
  it('adds, changes, archives and restores a clause, and lists the library', async () => {
    const created = await api.POST('/api/v1/clauses', {
      body: {
        title: 'Parties',
        text: 'Between {{workspace.name}} and {{partner.name}}.',
        category: 'General',
      },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'clause').id;
    const changed = await api.PATCH('/api/v1/clauses/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { fallbackPositions: ['Between the parties named below.'] },
    });
    expect(changed.data?.fallbackPositions).toHaveLength(1);
    const one = await api.GET('/api/v1/clauses/{id}', { params: { path: { id } } });
    expect(one.data?.variables).toEqual(['workspace.name', 'partner.name']);
    const archived = await api.POST('/api/v1/clauses/{id}/archive', { params: { path: { id } } });
    expect(archived.data?.archivedAt).toBeTruthy();
    const restored = await api.POST('/api/v1/clauses/{id}/restore', { params: { path: { id } } });
    expect(restored.data?.archivedAt).toBeNull();
    const listed = await api.GET('/api/v1/clauses', { params: { query: { category: 'general' } } });
    expect(listed.data?.items.map((c) => c.id)).toContain(id);
  });

  it('makes a template of clauses, reorders, previews, archives and restores it', async () => {
    const clause = must(
      (
        await api.POST('/api/v1/clauses', {
          body: { title: 'Term', text: 'Ends {{agreement.end_date}}.', category: 'Term' },
        })
      ).data,
      'clause',
    );
    const parties = must((await api.GET('/api/v1/clauses')).data, 'clauses').items[0];
    const created = await api.POST('/api/v1/agreement-templates', {
      body: { name: 'NDA', agreementType: 'nda', clauseIds: [clause.id] },
    });
    expect(created.response.status).toBe(201);
    const id = must(created.data, 'template').id;
    const changed = await api.PATCH('/api/v1/agreement-templates/{id}', {
      params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
      body: { clauseIds: [must(parties, 'clause').id, clause.id] },
    });
    expect(changed.data?.clauses).toHaveLength(2);
    const one = await api.GET('/api/v1/agreement-templates/{id}', { params: { path: { id } } });
    expect(one.data?.agreementType).toBe('nda');
    const preview = await api.POST('/api/v1/agreement-templates/{id}/preview', {
      params: { path: { id } },
      body: { partnerId: world.a.partners[0], endDate: '2028-02-29' },
    });
    expect(preview.data?.text).toContain('Ends 2028-02-29.');
    const missing = await api.POST('/api/v1/agreement-templates/{id}/preview', {
      params: { path: { id } },
      body: { partnerId: world.a.partners[0] },
    });
    expect(missing.error?.errors?.map((e) => e.field)).toEqual(['agreement.end_date']);
    const archived = await api.POST('/api/v1/agreement-templates/{id}/archive', {
      params: { path: { id } },
    });
    expect(archived.data?.archivedAt).toBeTruthy();
    const restored = await api.POST('/api/v1/agreement-templates/{id}/restore', {
      params: { path: { id } },
    });
    expect(restored.data?.archivedAt).toBeNull();
    const listed = await api.GET('/api/v1/agreement-templates', {
      params: { query: { agreementType: 'nda' } },
    });
    expect(listed.data?.items.map((x) => x.id)).toContain(id);
  });
});

describe('the client test', () => {
  it('has called every operation of the document (add a call above for a new route)', async () => {
    const served = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
    const operations = Object.values(
      served.json().paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect(operations.length).toBeGreaterThan(80);
    expect(operations.filter((operationId) => !called.has(operationId)).sort()).toEqual([]);
  });
});
