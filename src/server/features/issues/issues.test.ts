import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, databaseSnapshot, request, type TestApp } from '../../../../test/harness';
import { addDays, todayOf } from '../../../domain/issues';

let t: TestApp;
let world: World;
let admin: string;
let partnerOne: string;
let partnerTwo: string;
type Item = { id: string; title: string; overdue: boolean; dueOn: string; status: string };

const today = todayOf(new Date());
const create = (payload: object, key = admin) =>
  request(t.app, { method: 'POST', url: '/api/v1/issues', key, payload });
const list = async (query: string, key = admin) => {
  const res = await request(t.app, { method: 'GET', url: `/api/v1/issues?${query}`, key });
  expect(res.statusCode, query).toBe(200);
  return res.json() as { items: Item[]; nextCursor: string | null };
};
const titles = (body: { items: Item[] }) => body.items.map((i) => i.title);
const move = (id: string, version: number, payload: object, key = admin) =>
  request(t.app, {
    method: 'POST',
    url: `/api/v1/issues/${id}/transitions`,
    key,
    headers: { 'if-match': `"${version}"` },
    payload,
  });
const history = async (id: string) =>
  (
    await t.database.sql(
      `SELECT action, before->>'status' AS "from", after->>'status' AS "to" FROM audit_events WHERE entity_id = '${id}' ORDER BY id`,
    )
  ).rows as Array<{ action: string; from: string | null; to: string | null }>;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  [partnerOne, partnerTwo] = world.a.partners;
});
afterAll(() => t.close());

describe('issue CRUD', () => {
  it('raises an open issue due after the response target of its severity (unowned from an API key)', async () => {
    const res = await create({
      partnerId: partnerOne,
      title: 'Deal registered <b>twice</b>',
      description: '# Two resellers\n\n<script>alert(1)</script>',
      kind: 'channel_conflict',
      severity: 'high',
    });
    expect(res.statusCode).toBe(201);
    const issue = res.json();
    expect(issue).toMatchObject({
      partnerName: 'A Partner One',
      title: 'Deal registered <b>twice</b>',
      status: 'open',
      severity: 'high',
      kind: 'channel_conflict',
      visibility: 'internal',
      ownerId: null,
      dueOn: addDays(today, 3),
      overdue: false,
      resolutionNotes: null,
      version: 1,
    });
    expect(res.headers.location).toBe(`/api/v1/issues/${issue.id}`);
    const read = await request(t.app, {
      method: 'GET',
      url: `/api/v1/issues/${issue.id}`,
      key: admin,
    });
    expect(read.json()).toEqual(issue);
    expect(await history(issue.id)).toEqual([{ action: 'issue.created', from: null, to: 'open' }]);
  });

  it('names the owner a member session sets by default, and refuses an owner of another workspace', async () => {
    const owned = await create({
      partnerId: partnerOne,
      title: 'Owned',
      ownerId: world.a.members.member.memberId,
    });
    expect(owned.json()).toMatchObject({
      ownerId: world.a.members.member.memberId,
      ownerName: 'A member',
      severity: 'medium',
      dueOn: addDays(today, 7),
    });
    const cookie = await signIn(t.app, world.a.members.manager.email);
    const mine = await request(t.app, {
      method: 'POST',
      url: '/api/v1/issues',
      cookie,
      payload: { partnerId: partnerOne, title: 'Mine' },
    });
    expect(mine.json()).toMatchObject({
      ownerId: world.a.members.manager.memberId,
      ownerName: 'A manager',
    });
    const before = await databaseSnapshot(t.database);
    const foreign = await create({
      partnerId: partnerOne,
      title: 'Foreign owner',
      ownerId: world.b.members.member.memberId,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'ownerId', code: 'invalid_reference' });
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('updates with If-Match; a new severity moves the due date to its target', async () => {
    const { id } = (await create({ partnerId: partnerOne, title: 'Late shipment' })).json();
    const url = `/api/v1/issues/${id}`;
    const noEtag = await request(t.app, {
      method: 'PATCH',
      url,
      key: admin,
      payload: { title: 'X' },
    });
    expect(noEtag.statusCode).toBe(428);
    const res = await request(t.app, {
      method: 'PATCH',
      url,
      key: admin,
      headers: { 'if-match': '"1"' },
      payload: { severity: 'critical', kind: 'delivery', partnerId: partnerTwo },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      severity: 'critical',
      dueOn: addDays(today, 1),
      partnerName: 'A Partner Two',
      version: 2,
    });
    const stale = await request(t.app, {
      method: 'PATCH',
      url,
      key: admin,
      headers: { 'if-match': '"1"' },
      payload: { title: 'Y' },
    });
    expect(stale.statusCode).toBe(412);
    const status = await request(t.app, {
      method: 'PATCH',
      url,
      key: admin,
      headers: { 'if-match': '"2"' },
      payload: { status: 'closed' },
    });
    expect(status.statusCode).toBe(400);
  });

  it('deletes an issue (manager), keeping it in the audit event', async () => {
    const { id } = (await create({ partnerId: partnerOne, title: 'Mistake' })).json();
    const url = `/api/v1/issues/${id}`;
    const del = await request(t.app, { method: 'DELETE', url, key: world.a.members.manager.key });
    expect(del.statusCode).toBe(204);
    expect((await request(t.app, { method: 'GET', url, key: admin })).statusCode).toBe(404);
    expect((await history(id)).map((e) => e.action)).toEqual(['issue.created', 'issue.deleted']);
  });
});

describe('issue transitions', () => {
  it('works an issue to closed and reopens it, each move an audit event', async () => {
    const { id } = (await create({ partnerId: partnerOne, title: 'Pricing dispute' })).json();
    expect((await move(id, 1, { to: 'investigating' })).json().status).toBe('investigating');
    expect((await move(id, 2, { to: 'escalated' })).json().status).toBe('escalated');
    const resolved = await move(id, 3, { to: 'resolved', resolutionNotes: 'Credit note issued' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.headers.etag).toBe('"4"');
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolutionNotes: 'Credit note issued',
    });
    expect(resolved.json().resolvedAt).toEqual(expect.any(String));
    expect((await move(id, 4, { to: 'closed' })).json().status).toBe('closed');
    const reopened = (await move(id, 5, { to: 'open' })).json();
    expect(reopened).toMatchObject({ status: 'open', resolutionNotes: null, resolvedAt: null });
    expect(await history(id)).toEqual([
      { action: 'issue.created', from: null, to: 'open' },
      { action: 'issue.status_changed', from: 'open', to: 'investigating' },
      { action: 'issue.status_changed', from: 'investigating', to: 'escalated' },
      { action: 'issue.status_changed', from: 'escalated', to: 'resolved' },
      { action: 'issue.status_changed', from: 'resolved', to: 'closed' },
      { action: 'issue.status_changed', from: 'closed', to: 'open' },
    ]);
    const timeline = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${partnerOne}/timeline?kind=issue&limit=200`,
      key: admin,
    });
    const entries = timeline
      .json()
      .items.filter((e: { subjectId: string }) => e.subjectId === id)
      .map((e: { summary: Record<string, string> }) => `${e.summary.event} ${e.summary.to}`);
    expect(entries).toEqual([
      'status_changed open',
      'status_changed closed',
      'status_changed resolved',
      'status_changed escalated',
      'status_changed investigating',
      'created open',
    ]);
  });

  it('refuses an illegal move with 409 naming the allowed statuses, changing nothing', async () => {
    const { id } = (await create({ partnerId: partnerOne, title: 'Illegal' })).json();
    const before = await databaseSnapshot(t.database);
    const res = await move(id, 1, { to: 'closed' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'invalid_transition',
      from: 'open',
      to: 'closed',
      allowed: ['investigating', 'escalated', 'resolved'],
    });
    expect((await move(id, 1, { to: 'open' })).statusCode).toBe(409);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('needs resolution notes to resolve (422 naming the field), If-Match (428) and a current one (412)', async () => {
    const { id } = (await create({ partnerId: partnerOne, title: 'Notes' })).json();
    const before = await databaseSnapshot(t.database);
    for (const payload of [{ to: 'resolved' }, { to: 'resolved', resolutionNotes: '   ' }]) {
      const res = await move(id, 1, payload);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'field_required',
        errors: [{ field: 'resolutionNotes', code: 'required' }],
      });
    }
    const noEtag = await request(t.app, {
      method: 'POST',
      url: `/api/v1/issues/${id}/transitions`,
      key: admin,
      payload: { to: 'investigating' },
    });
    expect(noEtag.statusCode).toBe(428);
    expect((await move(id, 7, { to: 'investigating' })).statusCode).toBe(412);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });
});

describe('teams', () => {
  it('names the team that works an issue, filters by it, and refuses a team of another workspace', async () => {
    const teamsOf = async (key: string) =>
      (await request(t.app, { method: 'GET', url: '/api/v1/teams', key })).json().items as Array<{
        id: string;
        name: string;
      }>;
    const [legal] = (await teamsOf(admin)).filter((team) => team.name === 'Legal');
    const [foreign] = await teamsOf(world.b.members.admin.key);
    const res = await create({ partnerId: partnerOne, title: 'Team work', teamId: legal?.id });
    expect(res.json()).toMatchObject({ teamId: legal?.id, teamName: 'Legal' });
    expect(titles(await list(`teamId=${legal?.id}`))).toEqual(['Team work']);
    const before = await databaseSnapshot(t.database);
    const refused = await create({ partnerId: partnerOne, title: 'B team', teamId: foreign?.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'teamId', code: 'invalid_reference' });
    const moved = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/issues/${res.json().id}`,
      key: admin,
      headers: { 'if-match': '"1"' },
      payload: { teamId: foreign?.id },
    });
    expect(moved.statusCode).toBe(422);
    expect(await databaseSnapshot(t.database)).toBe(before);
    const cleared = await request(t.app, {
      method: 'PATCH',
      url: `/api/v1/issues/${res.json().id}`,
      key: admin,
      headers: { 'if-match': '"1"' },
      payload: { teamId: null },
    });
    expect(cleared.json()).toMatchObject({ teamId: null, teamName: null });
  });
});

describe('the register', () => {
  it('flags and filters overdue issues, and filters by status, severity, kind, owner and partner', async () => {
    const past = addDays(today, -2);
    const late = (
      await create({ partnerId: partnerTwo, title: 'Zeta late', dueOn: past, kind: 'legal' })
    ).json();
    expect(late.overdue).toBe(true);
    const done = (await create({ partnerId: partnerTwo, title: 'Zeta done', dueOn: past })).json();
    await move(done.id, 1, { to: 'resolved', resolutionNotes: 'Done' });
    const overdue = await list('q=zeta&overdue=true');
    expect(titles(overdue)).toEqual(['Zeta late']);
    expect(overdue.items[0]?.overdue).toBe(true);
    expect(titles(await list('q=zeta&overdue=false'))).toEqual(['Zeta done']);
    expect(titles(await list('q=zeta&status=resolved'))).toEqual(['Zeta done']);
    expect(titles(await list('q=zeta&kind=legal'))).toEqual(['Zeta late']);
    expect(titles(await list(`q=zeta&partnerId=${partnerOne}`))).toEqual([]);
    const owned = await list(`ownerId=${world.a.members.member.memberId}`);
    expect(titles(owned)).toEqual(['Owned']);
    expect((await list('severity=critical')).items.every((i) => i.title !== 'Zeta late')).toBe(
      true,
    );
  });

  it('sorts by due date, severity and creation, page by page', async () => {
    for (const [title, severity] of [
      ['Sort low', 'low'],
      ['Sort critical', 'critical'],
      ['Sort high', 'high'],
    ])
      await create({ partnerId: partnerOne, title, severity });
    expect(titles(await list('q=sort&sort=-severity'))).toEqual([
      'Sort critical',
      'Sort high',
      'Sort low',
    ]);
    expect(titles(await list('q=sort&sort=dueOn'))).toEqual([
      'Sort critical',
      'Sort high',
      'Sort low',
    ]);
    const first = await list('q=sort&sort=createdAt&limit=2');
    expect(titles(first)).toEqual(['Sort low', 'Sort critical']);
    const next = await list(`q=sort&sort=createdAt&limit=2&cursor=${first.nextCursor}`);
    expect(titles(next)).toEqual(['Sort high']);
    expect(next.nextCursor).toBeNull();
  });
});

describe('response targets', () => {
  it('are a workspace setting only admins change, and set new issues’ due dates', async () => {
    const workspace = await request(t.app, { method: 'GET', url: '/api/v1/workspace', key: admin });
    expect(workspace.json().issueResponseDays).toEqual({
      low: 14,
      medium: 7,
      high: 3,
      critical: 1,
    });
    const targets = { low: 30, medium: 10, high: 5, critical: 2 };
    const denied = await request(t.app, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key: world.a.members.manager.key,
      headers: { 'if-match': workspace.headers.etag as string },
      payload: { issueResponseDays: targets },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await request(t.app, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key: admin,
      headers: { 'if-match': workspace.headers.etag as string },
      payload: { issueResponseDays: { ...targets, low: 0 } },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await request(t.app, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      key: admin,
      headers: { 'if-match': workspace.headers.etag as string },
      payload: { issueResponseDays: targets },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().issueResponseDays).toEqual(targets);
    const issue = (
      await create({ partnerId: partnerOne, title: 'Targeted', severity: 'low' })
    ).json();
    expect(issue.dueOn).toBe(addDays(today, 30));
    // B's targets are its own.
    const other = (
      await create(
        { partnerId: world.b.partners[0], title: 'B', severity: 'low' },
        world.b.members.admin.key,
      )
    ).json();
    expect(other.dueOn).toBe(addDays(today, 14));
  });
});
