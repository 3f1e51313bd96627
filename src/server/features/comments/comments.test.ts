import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, type TestApp, testClient } from '../../../../test/harness';

let t: TestApp;
let world: World;
let memberCookie: string;
let managerCookie: string;
let viewerCookie: string;

const { send, denied } = testClient(() => t);

/** Asserts the refusal, its problem+json answer and an unchanged database. */

const unread = async (cookie: string) =>
  (await send({ method: 'GET', url: '/api/v1/notifications/unread-count', cookie })).json().unread;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  memberCookie = await signIn(t.app, world.a.members.member.email);
  managerCookie = await signIn(t.app, world.a.members.manager.email);
  viewerCookie = await signIn(t.app, world.a.members.viewer.email);
});
afterAll(() => t.close());

describe('comments and mentions', () => {
  it('comments on a partner, notifies whom it mentions, and shows on the timeline', async () => {
    const partnerId = world.a.partners[0];
    const before = await unread(managerCookie);
    const res = await send({
      method: 'POST',
      url: '/api/v1/comments',
      cookie: memberCookie,
      payload: {
        subjectType: 'partner',
        subjectId: partnerId,
        body: 'Renewal looks **likely**; @Manager can you check the terms?',
        mentionIds: [world.a.members.manager.memberId],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const comment = res.json();
    expect(comment.authorId).toBe(world.a.members.member.memberId);
    expect(comment.mentions.map((m: { id: string }) => m.id)).toEqual([
      world.a.members.manager.memberId,
    ]);
    expect(await unread(managerCookie)).toBe(before + 1);

    const list = await send({
      method: 'GET',
      url: `/api/v1/comments?subjectType=partner&subjectId=${partnerId}`,
      cookie: viewerCookie,
    });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([comment.id]);

    const timeline = await send({
      method: 'GET',
      url: `/api/v1/partners/${partnerId}/timeline?kind=comment`,
      key: world.a.members.viewer.key,
    });
    expect(timeline.statusCode, timeline.body).toBe(200);
    expect(timeline.json().items[0].subjectId).toBe(comment.id);
  });

  it('refuses records and members of another workspace with 422, changing nothing', async () => {
    const payload = { subjectType: 'partner', subjectId: world.a.partners[0], body: 'Hello' };
    const res = await denied(422, {
      method: 'POST',
      url: '/api/v1/comments',
      cookie: memberCookie,
      payload: { ...payload, mentionIds: [world.b.members.admin.memberId] },
    });
    expect(res.json().errors[0].field).toBe('mentionIds[0]');
    const other = await denied(422, {
      method: 'POST',
      url: '/api/v1/comments',
      cookie: memberCookie,
      payload: { ...payload, subjectId: world.b.partners[0] },
    });
    expect(other.json().errors[0].field).toBe('subjectId');
    await denied(404, {
      method: 'GET',
      url: `/api/v1/comments?subjectType=partner&subjectId=${world.b.partners[0]}`,
      key: world.a.members.admin.key,
    });
  });

  it('lets only the author edit, notifies only new mentions, and only the author or an admin delete', async () => {
    const created = await send({
      method: 'POST',
      url: '/api/v1/comments',
      cookie: memberCookie,
      payload: {
        subjectType: 'partner',
        subjectId: world.a.partners[1],
        body: 'First words',
        mentionIds: [world.a.members.manager.memberId],
      },
    });
    const comment = created.json();
    const url = `/api/v1/comments/${comment.id}`;
    const etag = created.headers.etag as string;
    await denied(403, {
      method: 'PATCH',
      url,
      cookie: managerCookie,
      headers: { 'if-match': etag },
      payload: { body: 'Not mine' },
    });
    await denied(428, { method: 'PATCH', url, cookie: memberCookie, payload: { body: 'No tag' } });

    const managerBefore = await unread(managerCookie);
    const edited = await send({
      method: 'PATCH',
      url,
      cookie: memberCookie,
      headers: { 'if-match': etag },
      payload: {
        body: 'Second words',
        mentionIds: [world.a.members.manager.memberId, world.a.members.viewer.memberId],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().body).toBe('Second words');
    expect(await unread(managerCookie)).toBe(managerBefore);
    expect(await unread(viewerCookie)).toBeGreaterThan(0);
    await denied(412, {
      method: 'PATCH',
      url,
      cookie: memberCookie,
      headers: { 'if-match': etag },
      payload: { body: 'Stale' },
    });

    await denied(403, { method: 'DELETE', url, cookie: managerCookie });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/comments',
      cookie: viewerCookie,
      payload: { subjectType: 'partner', subjectId: world.a.partners[1], body: 'Viewers read' },
    });
    await denied(404, { method: 'DELETE', url, key: world.b.members.admin.key });
    const removed = await send({ method: 'DELETE', url, key: world.a.members.admin.key });
    expect(removed.statusCode).toBe(204);
  });

  it('is internal: partner users read and write none', async () => {
    const partnerUser = await seedPartnerUser(
      t.database,
      world.a,
      world.a.partners[0],
      'partner_admin',
    );
    const cookie = await signIn(t.app, partnerUser.email);
    await denied(404, {
      method: 'GET',
      url: `/api/v1/comments?subjectType=partner&subjectId=${world.a.partners[0]}`,
      cookie,
    });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/comments',
      cookie,
      payload: { subjectType: 'partner', subjectId: world.a.partners[0], body: 'Hi' },
    });
  });
});
