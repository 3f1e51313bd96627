import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerUserCookie, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';
import { auditEvents } from '../../db/schema';

let t: TestApp;
let world: World;
let partnerCookie: string;
/** Team ids by name, per workspace. */
let aTeams: Record<string, string>;
let bTeams: Record<string, string>;

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

async function teamsOf(key: string) {
  const res = await send({ method: 'GET', url: '/api/v1/teams', key });
  return Object.fromEntries(
    res.json().items.map((team: { id: string; name: string }) => [team.name, team.id]),
  );
}

const teamUrl = (partnerId: string) => `/api/v1/partners/${partnerId}/team`;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  aTeams = await teamsOf(world.a.members.admin.key);
  bTeams = await teamsOf(world.b.members.admin.key);
  partnerCookie = await partnerUserCookie(t, world.a, world.a.partners[0]);
});
afterAll(() => t.close());

describe('the partnership team', () => {
  it('adds members from teams in roles, changes a role, removes one, with an event each', async () => {
    const key = world.a.members.member.key;
    const url = teamUrl(world.a.partners[0]);
    const added = await send({
      method: 'POST',
      url,
      key,
      payload: { memberId: world.a.members.manager.memberId, teamId: aTeams.Sales, role: 'owner' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      partnerId: world.a.partners[0],
      member: { id: world.a.members.manager.memberId, name: 'A manager' },
      team: { id: aTeams.Sales, name: 'Sales' },
      role: 'owner',
    });
    const second = await send({
      method: 'POST',
      url,
      key,
      payload: { memberId: world.a.members.viewer.memberId },
    });
    expect(second.json()).toMatchObject({ team: null, role: 'contributor' });
    const twice = await denied(409, {
      method: 'POST',
      url,
      key,
      payload: { memberId: world.a.members.viewer.memberId, role: 'informed' },
    });
    expect(twice.json().code).toBe('already_on_partner_team');

    const entryUrl = `${url}/${added.json().id}`;
    await denied(428, { method: 'PATCH', url: entryUrl, key, payload: { role: 'sponsor' } });
    const changed = await send({
      method: 'PATCH',
      url: entryUrl,
      key,
      headers: { 'if-match': '"1"' },
      payload: { role: 'sponsor', teamId: aTeams.Legal },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ role: 'sponsor', team: { name: 'Legal' }, version: 2 });

    const list = await send({ method: 'GET', url, key: world.a.members.viewer.key });
    expect(list.json().items.map((e: { role: string }) => e.role)).toEqual([
      'sponsor',
      'contributor',
    ]);
    // The other partner's team is its own.
    const other = await send({ method: 'GET', url: teamUrl(world.a.partners[1]), key });
    expect(other.json().items).toEqual([]);
    await denied(404, {
      method: 'PATCH',
      url: `${teamUrl(world.a.partners[1])}/${added.json().id}`,
      key,
      headers: { 'if-match': '"2"' },
      payload: { role: 'informed' },
    });

    const removed = await send({ method: 'DELETE', url: `${url}/${second.json().id}`, key });
    expect(removed.statusCode).toBe(204);
    const actions = (
      await t.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.partnerId, world.a.partners[0]))
    )
      .map((e) => e.action)
      .filter((a) => a.startsWith('partner_team.'));
    expect(actions).toEqual([
      'partner_team.added',
      'partner_team.added',
      'partner_team.changed',
      'partner_team.removed',
    ]);
  });

  it('refuses a member or team of another workspace (422 naming the field) and a retired team', async () => {
    const key = world.a.members.admin.key;
    const url = teamUrl(world.a.partners[1]);
    const member = await denied(422, {
      method: 'POST',
      url,
      key,
      payload: { memberId: world.b.members.member.memberId },
    });
    expect(member.json()).toMatchObject({
      code: 'invalid_reference',
      errors: [{ field: 'memberId' }],
    });
    const team = await denied(422, {
      method: 'POST',
      url,
      key,
      payload: { memberId: world.a.members.member.memberId, teamId: bTeams.Sales },
    });
    expect(team.json()).toMatchObject({ code: 'invalid_reference', errors: [{ field: 'teamId' }] });
    const finance = aTeams.Finance as string;
    await send({ method: 'POST', url: `/api/v1/teams/${finance}/retire`, key });
    const retired = await denied(409, {
      method: 'POST',
      url,
      key,
      payload: { memberId: world.a.members.member.memberId, teamId: finance },
    });
    expect(retired.json().code).toBe('team_retired');
    await send({ method: 'POST', url: `/api/v1/teams/${finance}/restore`, key });
    // Moving an existing place to a foreign team is refused the same way.
    const place = await send({
      method: 'POST',
      url,
      key,
      payload: { memberId: world.a.members.member.memberId },
    });
    const moved = await denied(422, {
      method: 'PATCH',
      url: `${url}/${place.json().id}`,
      key,
      headers: { 'if-match': '"1"' },
      payload: { teamId: bTeams.Legal },
    });
    expect(moved.json().errors[0].field).toBe('teamId');
  });
});

describe('access', () => {
  it("another workspace can neither read nor change A's partnership teams (404)", async () => {
    const key = world.a.members.admin.key;
    const url = teamUrl(world.a.partners[0]);
    const entry = await send({
      method: 'POST',
      url,
      key,
      payload: { memberId: world.a.members.admin.memberId, role: 'informed' },
    });
    const bKey = world.b.members.admin.key;
    await denied(404, { method: 'GET', url, key: bKey });
    await denied(404, {
      method: 'POST',
      url,
      key: bKey,
      payload: { memberId: world.b.members.admin.memberId },
    });
    await denied(404, {
      method: 'PATCH',
      url: `${url}/${entry.json().id}`,
      key: bKey,
      headers: { 'if-match': '"1"' },
      payload: { role: 'owner' },
    });
    await denied(404, { method: 'DELETE', url: `${url}/${entry.json().id}`, key: bKey });
    // Nor through its own partner's path.
    await denied(404, {
      method: 'DELETE',
      url: `${teamUrl(world.b.partners[0])}/${entry.json().id}`,
      key: bKey,
    });
  });

  it('a viewer reads but changes nothing; a partner user reads nothing (404, as any internal record)', async () => {
    const key = world.a.members.viewer.key;
    const url = teamUrl(world.a.partners[0]);
    expect((await send({ method: 'GET', url, key })).statusCode).toBe(200);
    await denied(403, {
      method: 'POST',
      url,
      key,
      payload: { memberId: world.a.members.viewer.memberId },
    });
    await denied(404, { method: 'GET', url, cookie: partnerCookie });
  });
});
