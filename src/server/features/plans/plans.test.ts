import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContact, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { planClient } from '../../../../test/plans';

let t: TestApp;
let world: World;
let admin: string;
let partnerOne: string;
let partnerTwo: string;
/** A contact of partner one. */
let contactOne: string;

const { create, move } = planClient(
  () => t,
  () => admin,
);
const get = (url: string, key = admin) => request(t.app, { method: 'GET', url, key });
const patch = (id: string, version: number, payload: object, key = admin) =>
  request(t.app, {
    method: 'PATCH',
    url: `/api/v1/plans/${id}`,
    key,
    headers: { 'if-match': `"${version}"` },
    payload,
  });
const revise = (id: string, version: number, key = admin) =>
  request(t.app, {
    method: 'POST',
    url: `/api/v1/plans/${id}/revisions`,
    key,
    headers: { 'if-match': `"${version}"` },
  });
const history = async (id: string) =>
  (
    (await t.database.sql(`SELECT action FROM audit_events WHERE entity_id = '${id}' ORDER BY id`))
      .rows as Array<{ action: string }>
  ).map((row) => row.action);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  [partnerOne, partnerTwo] = world.a.partners;
  contactOne = await newContact(t.app, admin, partnerOne, 'One');
});
afterAll(() => t.close());

describe('a plan from draft to agreed, revised and compared', () => {
  it('is made, edited, proposed, agreed with who and when, revised and compared', async () => {
    const made = await create({
      partnerId: partnerOne,
      period: 'FY2027',
      summary: 'Grow together\nin EMEA',
      objectives: [
        { text: 'Launch the joint offer', ownerSide: 'both', ownerContactId: contactOne },
        {
          text: 'Train 20 sellers',
          ownerSide: 'us',
          ownerMemberId: world.a.members.member.memberId,
        },
      ],
    });
    expect(made.statusCode).toBe(201);
    const plan = made.json();
    expect(plan).toMatchObject({
      partnerName: 'A Partner One',
      period: 'FY2027',
      status: 'draft',
      versionNumber: 1,
      agreedVersionNumber: null,
      agreement: null,
      version: 1,
    });
    expect(plan.objectives).toEqual([
      {
        text: 'Launch the joint offer',
        ownerSide: 'both',
        ownerMemberId: null,
        ownerContactId: contactOne,
      },
      {
        text: 'Train 20 sellers',
        ownerSide: 'us',
        ownerMemberId: world.a.members.member.memberId,
        ownerContactId: null,
      },
    ]);
    expect(made.headers.location).toBe(`/api/v1/plans/${plan.id}`);
    expect(made.headers.etag).toBe('"1"');

    const edited = await patch(plan.id, 1, { summary: 'Grow together\nin EMEA and APAC' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, summary: 'Grow together\nin EMEA and APAC' });
    // Sending what it already holds changes nothing, not even the version.
    expect((await patch(plan.id, 2, { objectives: plan.objectives })).json().version).toBe(2);

    expect((await move(plan.id, 2, { to: 'proposed' })).json().status).toBe('proposed');
    const agreed = await move(plan.id, 3, {
      to: 'agreed',
      agreedBy: 'Ada Lovelace',
      agreedOn: '2026-11-30',
    });
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json()).toMatchObject({
      status: 'agreed',
      versionNumber: 1,
      agreedVersionNumber: 1,
      agreement: { versionNumber: 1, agreedBy: 'Ada Lovelace', agreedOn: '2026-11-30' },
      version: 4,
    });
    const versions = await get(`/api/v1/plans/${plan.id}/versions`);
    expect(versions.json().items).toEqual([
      expect.objectContaining({
        versionNumber: 1,
        agreedBy: 'Ada Lovelace',
        agreedOn: '2026-11-30',
        recordedById: null,
        snapshot: {
          summary: 'Grow together\nin EMEA and APAC',
          objectives: plan.objectives,
          kpis: [],
        },
      }),
    ]);
    expect((await get(`/api/v1/plans/${plan.id}/changes`)).json()).toEqual({
      againstVersionNumber: 1,
      versionNumber: 1,
      changes: [],
    });

    const revised = await revise(plan.id, 4);
    expect(revised.statusCode).toBe(200);
    expect(revised.json()).toMatchObject({
      status: 'draft',
      versionNumber: 2,
      agreedVersionNumber: 1,
      agreement: { versionNumber: 1 },
      summary: 'Grow together\nin EMEA and APAC',
    });
    const changed = await patch(plan.id, 5, {
      summary: 'Grow together\nin EMEA',
      objectives: [{ text: 'Launch the joint offer', ownerSide: 'partner' }],
    });
    expect(changed.statusCode).toBe(200);
    const changes = (await get(`/api/v1/plans/${plan.id}/changes`)).json();
    expect(changes.againstVersionNumber).toBe(1);
    expect(changes.versionNumber).toBe(2);
    expect(
      changes.changes.map((c: { field: string; change: string }) => [c.field, c.change]),
    ).toEqual([
      ['summary', 'changed'],
      ['objectives.0.ownerSide', 'changed'],
      ['objectives.0.ownerContactId', 'removed'],
      ['objectives.1.text', 'removed'],
      ['objectives.1.ownerSide', 'removed'],
      ['objectives.1.ownerMemberId', 'removed'],
    ]);
    expect(changes.changes[0].lines).toEqual([
      { op: 'equal', text: 'Grow together' },
      { op: 'removed', text: 'in EMEA and APAC' },
      { op: 'added', text: 'in EMEA' },
    ]);

    // Version 2 agreed too: the versions list keeps both, newest first.
    await move(plan.id, 6, { to: 'proposed' });
    await move(plan.id, 7, { to: 'agreed', agreedBy: 'Ada Lovelace', agreedOn: '2026-12-04' });
    const both = (await get(`/api/v1/plans/${plan.id}/versions`)).json().items;
    expect(both.map((v: { versionNumber: number }) => v.versionNumber)).toEqual([2, 1]);
    expect((await move(plan.id, 8, { to: 'active' })).json().status).toBe('active');
    expect((await move(plan.id, 9, { to: 'closed' })).json().status).toBe('closed');
    expect(await history(plan.id)).toEqual([
      'plan.created',
      'plan.updated',
      'plan.status_changed',
      'plan.agreed',
      'plan.revised',
      'plan.updated',
      'plan.status_changed',
      'plan.agreed',
      'plan.status_changed',
      'plan.status_changed',
    ]);
    // The history route reads the same events newest first, in keyset pages, with who made each.
    type HistoryPage = {
      items: Array<{ action: string; actor: { kind: string }; before: unknown; after: unknown }>;
      nextCursor: string | null;
    };
    const pages: HistoryPage[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await get(
        `/api/v1/plans/${plan.id}/history?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const page = res.json() as HistoryPage;
      pages.push(page);
      cursor = page.nextCursor;
    }
    expect(pages.map((page) => page.items.length)).toEqual([4, 4, 2]);
    const events = pages.flatMap((page) => page.items);
    expect(events.map((event) => event.action)).toEqual((await history(plan.id)).reverse());
    expect(events.at(-1)).toMatchObject({ before: null, actor: { kind: 'api_key' } });
    expect(events[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'closed' } });
    expect((await get(`/api/v1/plans/${world.b.partners[0]}/history`)).statusCode).toBe(404);
    // Its milestones, not its edits, are on the partner's timeline, for the workspace only.
    const timeline = await get(`/api/v1/partners/${partnerOne}/timeline?kind=plan&limit=50`);
    expect(timeline.statusCode).toBe(200);
    const entries = timeline.json().items as Array<{
      subjectId: string;
      visibility: string;
      summary: Record<string, unknown>;
    }>;
    const ofPlan = entries.filter((entry) => entry.subjectId === plan.id).reverse();
    expect(ofPlan.map((entry) => entry.summary.event)).toEqual([
      'created',
      'status_changed',
      'agreed',
      'revised',
      'status_changed',
      'agreed',
      'status_changed',
      'status_changed',
    ]);
    expect(ofPlan[2]?.summary).toMatchObject({ period: 'FY2027', versionNumber: 1, to: 'agreed' });
    expect(ofPlan.every((entry) => entry.visibility === 'internal')).toBe(true);
    const closed = await expectDenied(t, 409, {
      method: 'PATCH',
      url: `/api/v1/plans/${plan.id}`,
      key: admin,
      headers: { 'if-match': '"10"' },
      payload: { summary: 'Too late' },
    });
    expect(closed.json()).toMatchObject({ code: 'plan_closed' });
    await expectDenied(t, 409, {
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/revisions`,
      key: admin,
      headers: { 'if-match': '"10"' },
    });
  });

  it('lists plans by partner, period and status, in keyset pages', async () => {
    for (const period of ['FY2026', 'FY2026-Q1', 'FY2026-Q2'])
      expect((await create({ partnerId: partnerTwo, period })).statusCode).toBe(201);
    const list = async (query: string) => {
      const res = await get(`/api/v1/plans?${query}`);
      expect(res.statusCode, query).toBe(200);
      return res.json() as { items: Array<{ period: string }>; nextCursor: string | null };
    };
    const periods = (body: { items: Array<{ period: string }> }) => body.items.map((p) => p.period);
    expect(periods(await list(`partnerId=${partnerTwo}&sort=period`))).toEqual([
      'FY2026',
      'FY2026-Q1',
      'FY2026-Q2',
    ]);
    expect(periods(await list('period=FY2026-Q1&period=FY2027&sort=period'))).toEqual([
      'FY2026-Q1',
      'FY2027',
    ]);
    expect(periods(await list('status=closed'))).toEqual(['FY2027']);
    const first = await list(`partnerId=${partnerTwo}&sort=-period&limit=2`);
    expect(periods(first)).toEqual(['FY2026-Q2', 'FY2026-Q1']);
    const second = await list(
      `partnerId=${partnerTwo}&sort=-period&limit=2&cursor=${first.nextCursor}`,
    );
    expect(periods(second)).toEqual(['FY2026']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('owners who go away', () => {
  it('keep the objective when its contact is deleted or its member leaves', async () => {
    const contact = await newContact(t.app, admin, partnerOne, 'Leaving');
    const plan = (
      await create({
        partnerId: partnerOne,
        period: 'FY2036',
        objectives: [
          { text: 'Theirs', ownerSide: 'partner', ownerContactId: contact },
          { text: 'Ours', ownerSide: 'us', ownerMemberId: world.a.members.manager.memberId },
        ],
      })
    ).json();
    const gone = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/contacts/${contact}`,
      key: admin,
    });
    expect(gone.statusCode).toBe(204);
    const left = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${world.a.members.manager.memberId}`,
      key: admin,
    });
    expect(left.statusCode).toBe(204);
    const after = (await get(`/api/v1/plans/${plan.id}`)).json();
    expect(
      after.objectives.map((o: { ownerContactId: string | null }) => o.ownerContactId),
    ).toEqual([null, null]);
    expect(after.objectives.map((o: { ownerMemberId: string | null }) => o.ownerMemberId)).toEqual([
      null,
      null,
    ]);
    expect(await history(plan.id)).toContain('plan.objective_owner_released');
  });
});
