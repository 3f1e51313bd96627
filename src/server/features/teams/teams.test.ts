import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerUserCookie, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';
import { auditEvents, teams } from '../../db/schema';
import { createWorkspace } from '../workspaces/workspaces.service';

let t: TestApp;
let world: World;
let partnerCookie: string;

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

const teamNamesOf = (res: { json(): { items: Array<{ name: string }> } }) =>
  res.json().items.map((team) => team.name);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  partnerCookie = await partnerUserCookie(t, world.a, world.a.partners[0]);
});
afterAll(() => t.close());

async function createTeam(name: string, key = world.a.members.admin.key) {
  const res = await send({ method: 'POST', url: '/api/v1/teams', key, payload: { name } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; name: string; version: number };
}

describe('default teams', () => {
  it('every workspace starts with the six departments, and only sees its own', async () => {
    for (const side of [world.a, world.b]) {
      const res = await send({ method: 'GET', url: '/api/v1/teams', key: side.members.viewer.key });
      expect(res.statusCode).toBe(200);
      expect(teamNamesOf(res)).toEqual([
        'Finance',
        'Legal',
        'Marketing',
        'Operations',
        'Product',
        'Sales',
      ]);
    }
    const a = await send({ method: 'GET', url: '/api/v1/teams', key: world.a.members.admin.key });
    const b = await send({ method: 'GET', url: '/api/v1/teams', key: world.b.members.admin.key });
    const aIds = a.json().items.map((x: { id: string }) => x.id);
    for (const team of b.json().items) expect(aIds).not.toContain(team.id);
  });

  it('a workspace made by the service (setup, the command line) gets them with an event each', async () => {
    const { workspaceId } = await createWorkspace(
      { ...t.ctx, requestId: null },
      {
        name: 'Made by the CLI',
        adminName: 'Ada',
        adminEmail: 'ada@cli.test',
        adminPassword: 'a long enough password',
      },
    );
    const rows = await t.database.db.select().from(teams).where(eq(teams.workspaceId, workspaceId));
    expect(rows.map((r) => r.name).sort()).toEqual([
      'Finance',
      'Legal',
      'Marketing',
      'Operations',
      'Product',
      'Sales',
    ]);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, 'team.created')));
    expect(events).toHaveLength(6);
  });
});

describe('managing teams', () => {
  it('an admin adds, renames, retires and restores a team, each with an audit event', async () => {
    const key = world.a.members.admin.key;
    const team = await createTeam('Partnerships');
    expect(
      (await send({ method: 'POST', url: '/api/v1/teams', key, payload: { name: 'sales' } }))
        .statusCode,
    ).toBe(409);
    const url = `/api/v1/teams/${team.id}`;
    await denied(428, { method: 'PATCH', url, key, payload: { name: 'Alliances' } });
    await denied(412, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"9"' },
      payload: { name: 'Alliances' },
    });
    const renamed = await send({
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Alliances' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Alliances', version: 2 });
    expect(renamed.headers.etag).toBe('"2"');
    const clash = await denied(409, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"2"' },
      payload: { name: 'LEGAL' },
    });
    expect(clash.json()).toMatchObject({ code: 'team_name_taken', errors: [{ field: 'name' }] });

    const retired = await send({ method: 'POST', url: `${url}/retire`, key });
    expect(retired.json().retiredAt).not.toBeNull();
    const active = await send({ method: 'GET', url: '/api/v1/teams', key });
    expect(teamNamesOf(active)).not.toContain('Alliances');
    const gone = await send({ method: 'GET', url: '/api/v1/teams?retired=true', key });
    expect(teamNamesOf(gone)).toEqual(['Alliances']);
    // Its name is free again while it is retired; restoring it then clashes.
    const twin = await createTeam('Alliances');
    await denied(409, { method: 'POST', url: `${url}/restore`, key });
    await send({ method: 'POST', url: `/api/v1/teams/${twin.id}/retire`, key });
    const restored = await send({ method: 'POST', url: `${url}/restore`, key });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().retiredAt).toBeNull();

    const actions = (
      await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, team.id))
    ).map((e) => e.action);
    expect(actions).toEqual(['team.created', 'team.renamed', 'team.retired', 'team.restored']);
  });

  it('puts members in teams and takes them out; a member of another workspace is a 422', async () => {
    const key = world.a.members.admin.key;
    const team = await createTeam('Channel');
    const url = `/api/v1/teams/${team.id}/members`;
    const added = await send({
      method: 'PUT',
      url: `${url}/${world.a.members.member.memberId}`,
      key,
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().members).toEqual([
      { id: world.a.members.member.memberId, name: 'A member' },
    ]);
    // Adding twice changes nothing.
    const again = await send({
      method: 'PUT',
      url: `${url}/${world.a.members.member.memberId}`,
      key,
    });
    expect(again.json().version).toBe(added.json().version);
    const foreign = await denied(422, {
      method: 'PUT',
      url: `${url}/${world.b.members.member.memberId}`,
      key,
    });
    expect(foreign.json()).toMatchObject({
      code: 'invalid_reference',
      errors: [{ field: 'memberId' }],
    });
    const removed = await send({
      method: 'DELETE',
      url: `${url}/${world.a.members.member.memberId}`,
      key,
    });
    expect(removed.json().members).toEqual([]);
  });

  it('a member who leaves the workspace leaves their teams', async () => {
    const key = world.a.members.admin.key;
    const team = await createTeam('Leavers');
    await send({
      method: 'PUT',
      url: `/api/v1/teams/${team.id}/members/${world.a.members.viewer.memberId}`,
      key,
    });
    const res = await send({
      method: 'DELETE',
      url: `/api/v1/members/${world.a.members.viewer.memberId}`,
      key,
    });
    expect(res.statusCode).toBe(204);
    const after = await send({ method: 'GET', url: `/api/v1/teams/${team.id}`, key });
    expect(after.json().members).toEqual([]);
  });
});

describe('access', () => {
  it('managers and members read teams but change none (403)', async () => {
    const team = await createTeam('Read only');
    for (const role of ['manager', 'member'] as const) {
      const key = world.a.members[role].key;
      expect((await send({ method: 'GET', url: `/api/v1/teams/${team.id}`, key })).statusCode).toBe(
        200,
      );
      await denied(403, { method: 'POST', url: '/api/v1/teams', key, payload: { name: 'X' } });
      await denied(403, {
        method: 'PATCH',
        url: `/api/v1/teams/${team.id}`,
        key,
        headers: { 'if-match': '"1"' },
        payload: { name: 'X' },
      });
      await denied(403, { method: 'POST', url: `/api/v1/teams/${team.id}/retire`, key });
      await denied(403, {
        method: 'PUT',
        url: `/api/v1/teams/${team.id}/members/${world.a.members[role].memberId}`,
        key,
      });
    }
  });

  it("another workspace can neither read nor change A's teams (404)", async () => {
    const team = await createTeam('Secret');
    const key = world.b.members.admin.key;
    const url = `/api/v1/teams/${team.id}`;
    await denied(404, { method: 'GET', url, key });
    await denied(404, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Taken' },
    });
    await denied(404, { method: 'POST', url: `${url}/retire`, key });
    await denied(404, { method: 'POST', url: `${url}/restore`, key });
    await denied(404, {
      method: 'PUT',
      url: `${url}/members/${world.b.members.admin.memberId}`,
      key,
    });
    await denied(404, {
      method: 'DELETE',
      url: `${url}/members/${world.a.members.admin.memberId}`,
      key,
    });
    const list = await send({ method: 'GET', url: '/api/v1/teams?retired=any', key });
    expect(teamNamesOf(list)).not.toContain('Secret');
  });

  it('a partner user reads no team', async () => {
    const team = await createTeam('Hidden');
    await denied(403, { method: 'GET', url: '/api/v1/teams', cookie: partnerCookie });
    const res = await send({
      method: 'GET',
      url: `/api/v1/teams/${team.id}`,
      cookie: partnerCookie,
    });
    expect([403, 404]).toContain(res.statusCode);
  });
});
