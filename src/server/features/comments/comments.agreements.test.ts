import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  type TestApp,
  type TestRequest,
  testClient,
} from '../../../../test/harness';
import { auditEvents, comments, timelineEntries } from '../../db/schema';

let t: TestApp;
let world: World;

const { send, denied } = testClient(() => t);
const managerKey = () => world.a.members.manager.key;

async function ok(options: TestRequest, status = 200) {
  const res = await send({ key: managerKey(), ...options });
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

/** An agreement with two versions: its id, its ETag's number and the versions' ids. */
async function agreementWithVersions(workspace: 'a' | 'b' = 'a', partner = 0) {
  const key = world[workspace].members.manager.key;
  const created = await ok(
    {
      method: 'POST',
      url: '/api/v1/agreements',
      key,
      payload: {
        partnerId: world[workspace].partners[partner],
        type: 'reseller',
        title: `Reseller ${workspace}${partner}`,
      },
    },
    201,
  );
  const id = created.json().id as string;
  const url = `/api/v1/agreements/${id}/versions`;
  await ok(
    { method: 'POST', url, key, headers: { 'if-match': '"1"' }, payload: { body: 'One.' } },
    201,
  );
  await ok({ method: 'POST', url, key, headers: { 'if-match': '"2"' }, payload: {} }, 201);
  const versions = (await ok({ method: 'GET', url, key })).json().items as Array<{ id: string }>;
  return { id, etag: 3, versionIds: versions.map((v) => v.id) };
}

const comment = (subjectType: string, subjectId: string, extra: object = {}) =>
  send({
    method: 'POST',
    url: '/api/v1/comments',
    key: world.a.members.member.key,
    payload: { subjectType, subjectId, body: 'Clause 4 needs a cap', ...extra },
  });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

describe('comments on agreements and their versions', () => {
  it('comments on a version, lists it, puts it on the timeline and notifies to the agreement page', async () => {
    const agreement = await agreementWithVersions();
    const [, second] = agreement.versionIds;
    if (!second) throw new Error('no second version');
    const res = await comment('agreement_version', second, {
      mentionIds: [world.a.members.admin.memberId],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ subjectType: 'agreement_version', subjectId: second });
    const list = await ok({
      method: 'GET',
      url: `/api/v1/comments?subjectType=agreement_version&subjectId=${second}`,
      key: world.a.members.viewer.key,
    });
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([res.json().id]);
    const timeline = await ok({
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}/timeline?kind=comment`,
    });
    expect(timeline.json().items[0]).toMatchObject({
      subjectId: res.json().id,
      summary: { on: 'Reseller a0, version 2', subjectType: 'agreement_version' },
    });
    const notices = await send({
      method: 'GET',
      url: '/api/v1/notifications',
      cookie: await signIn(t.app, world.a.members.admin.email),
    });
    expect(notices.json().items[0]).toMatchObject({
      kind: 'mention',
      subjectType: 'agreement',
      subjectId: agreement.id,
      link: `/agreements/${agreement.id}`,
    });
    const onAgreement = await comment('agreement', agreement.id);
    expect(onAgreement.statusCode, onAgreement.body).toBe(201);
  });

  it('keeps a frozen version open for comments: only its text is fixed', async () => {
    const agreement = await agreementWithVersions();
    const url = `/api/v1/agreements/${agreement.id}/transitions`;
    for (const [to, etag] of [
      ['in_negotiation', 3],
      ['pending_signature', 4],
    ] as const)
      await ok({ method: 'POST', url, headers: { 'if-match': `"${etag}"` }, payload: { to } });
    const latest = agreement.versionIds[1] ?? '';
    const version = await ok({
      method: 'GET',
      url: `/api/v1/agreements/${agreement.id}/versions/2`,
    });
    expect(version.json().frozenAt).not.toBeNull();
    const res = await comment('agreement_version', latest, { body: 'Sent; legal is happy' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses another workspace and another partner, changing nothing', async () => {
    const theirs = await agreementWithVersions('b');
    const version = theirs.versionIds[0] ?? '';
    for (const [subjectType, subjectId] of [
      ['agreement_version', version],
      ['agreement', theirs.id],
    ]) {
      const res = await denied(422, {
        method: 'POST',
        url: '/api/v1/comments',
        key: world.a.members.admin.key,
        payload: { subjectType, subjectId, body: 'Not ours' },
      });
      expect(res.json().errors[0]).toMatchObject({ field: 'subjectId', code: 'invalid_reference' });
      await denied(404, {
        method: 'GET',
        url: `/api/v1/comments?subjectType=${subjectType}&subjectId=${subjectId}`,
        key: world.a.members.admin.key,
      });
    }
    // A task about another partner's agreement text is refused as any link across partners.
    const ours = await agreementWithVersions('a', 0);
    const task = await denied(422, {
      method: 'POST',
      url: '/api/v1/tasks',
      key: managerKey(),
      payload: {
        title: 'Check the cap',
        partnerId: world.a.partners[1],
        subjectType: 'agreement_version',
        subjectId: ours.versionIds[0],
      },
    });
    expect(task.json().errors[0]).toMatchObject({ field: 'subjectId' });
    // A comment made in workspace A is not found from B.
    const mine = (await comment('agreement_version', ours.versionIds[0] ?? '')).json();
    await denied(404, {
      method: 'DELETE',
      url: `/api/v1/comments/${mine.id}`,
      key: world.b.members.admin.key,
    });
    // Partner users, even of the agreement's own partner, read and write no internal comment:
    // as on every internal route, a named record is not found (a thread, a comment, a version),
    // and a create is refused.
    const partnerUser = await seedPartnerUser(
      t.database,
      world.a,
      world.a.partners[0],
      'partner_admin',
    );
    const cookie = await signIn(t.app, partnerUser.email);
    for (const url of [
      `/api/v1/comments?subjectType=agreement_version&subjectId=${ours.versionIds[0]}`,
      `/api/v1/comments?subjectType=agreement&subjectId=${ours.id}`,
      `/api/v1/agreements/${ours.id}/versions/1`,
    ])
      await denied(404, { method: 'GET', url, cookie });
    await denied(404, {
      method: 'PATCH',
      url: `/api/v1/comments/${mine.id}`,
      cookie,
      headers: { 'if-match': '"1"' },
      payload: { body: 'Edited by the partner' },
    });
    await denied(404, { method: 'DELETE', url: `/api/v1/comments/${mine.id}`, cookie });
    await denied(403, {
      method: 'POST',
      url: '/api/v1/comments',
      cookie,
      payload: { subjectType: 'agreement_version', subjectId: ours.versionIds[0], body: 'Hi' },
    });
    // Viewers read the discussion but do not join it.
    await denied(403, {
      method: 'POST',
      url: '/api/v1/comments',
      key: world.a.members.viewer.key,
      payload: { subjectType: 'agreement_version', subjectId: ours.versionIds[0], body: 'Hi' },
    });
  });

  it('removes the comments of a deleted draft, so none is left pointing at a gone version', async () => {
    const agreement = await agreementWithVersions();
    const made = [];
    for (const [type, id] of [
      ['agreement_version', agreement.versionIds[0]],
      ['agreement_version', agreement.versionIds[1]],
      ['agreement', agreement.id],
    ] as const)
      made.push((await comment(type, id ?? '')).json().id as string);
    await ok(
      {
        method: 'DELETE',
        url: `/api/v1/agreements/${agreement.id}`,
        headers: { 'if-match': `"${agreement.etag}"` },
      },
      204,
    );
    const db = t.database.db;
    expect(await db.select().from(comments).where(inArray(comments.id, made))).toEqual([]);
    expect(
      await db
        .select()
        .from(timelineEntries)
        .where(
          and(eq(timelineEntries.subjectType, 'comment'), inArray(timelineEntries.subjectId, made)),
        ),
    ).toEqual([]);
    const audits = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'comment'), inArray(auditEvents.entityId, made)));
    expect(audits.filter((a) => a.action === 'comment.deleted')).toHaveLength(3);
    for (const id of agreement.versionIds)
      await denied(404, {
        method: 'GET',
        url: `/api/v1/comments?subjectType=agreement_version&subjectId=${id}`,
        key: managerKey(),
      });
  });
});
