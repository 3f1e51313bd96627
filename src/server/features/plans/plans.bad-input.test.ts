import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContact, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, type TestApp } from '../../../../test/harness';
import { planClient } from '../../../../test/plans';

let t: TestApp;
let world: World;
let admin: string;
let partnerOne: string;
/** A contact of partner two, who may not own an objective of partner one's plan. */
let contactTwo: string;

const { create, move } = planClient(
  () => t,
  () => admin,
);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  partnerOne = world.a.partners[0];
  contactTwo = await newContact(t.app, admin, world.a.partners[1], 'Two');
});
afterAll(() => t.close());

describe('bad input', () => {
  const denied = (status: number, payload: object, url = '/api/v1/plans', method = 'POST') =>
    expectDenied(t, status, { method, url, key: admin, payload } as never);

  it('refuses an unknown period label (400 naming period)', async () => {
    const res = await denied(400, { partnerId: partnerOne, period: '2027' });
    expect(res.json().errors[0]).toMatchObject({ field: 'period' });
  });

  it("refuses another workspace's partner (422 naming partnerId)", async () => {
    const res = await denied(422, { partnerId: world.b.partners[0], period: 'FY2030' });
    expect(res.json().errors[0]).toMatchObject({ field: 'partnerId', code: 'invalid_reference' });
  });

  it('refuses a second plan for the same partner and period (409 plan_exists)', async () => {
    expect((await create({ partnerId: partnerOne, period: 'FY2031' })).statusCode).toBe(201);
    const res = await denied(409, { partnerId: partnerOne, period: 'FY2031' });
    expect(res.json()).toMatchObject({ code: 'plan_exists' });
    expect(res.json().errors[0]).toMatchObject({ field: 'period' });
  });

  it("refuses an owner who is another partner's contact or another workspace's member (422)", async () => {
    const contact = await denied(422, {
      partnerId: partnerOne,
      period: 'FY2032',
      objectives: [
        { text: 'Fine', ownerSide: 'us' },
        { text: 'Theirs', ownerSide: 'partner', ownerContactId: contactTwo },
      ],
    });
    expect(contact.json().errors[0]).toMatchObject({
      field: 'objectives.1.ownerContactId',
      code: 'invalid_reference',
    });
    const member = await denied(422, {
      partnerId: partnerOne,
      period: 'FY2032',
      objectives: [
        { text: 'Ours', ownerSide: 'us', ownerMemberId: world.b.members.member.memberId },
      ],
    });
    expect(member.json().errors[0]).toMatchObject({ field: 'objectives.0.ownerMemberId' });
  });

  it('refuses edits to an agreed version, naming status, and writes nothing', async () => {
    const plan = (await create({ partnerId: partnerOne, period: 'FY2033', summary: 'S' })).json();
    await move(plan.id, 1, { to: 'proposed' });
    await move(plan.id, 2, { to: 'agreed', agreedBy: 'Ada', agreedOn: '2026-12-01' });
    const locked = await expectDenied(t, 409, {
      method: 'PATCH',
      url: `/api/v1/plans/${plan.id}`,
      key: admin,
      headers: { 'if-match': '"3"' },
      payload: { summary: 'Changed after agreeing' },
    });
    expect(locked.json()).toMatchObject({ code: 'plan_locked', planStatus: 'agreed' });
    expect(locked.json().errors[0]).toMatchObject({ field: 'status', code: 'plan_locked' });
  });

  it('refuses illegal moves (409 with allowed) and agreeing without who or when (422)', async () => {
    const plan = (await create({ partnerId: partnerOne, period: 'FY2034' })).json();
    const skip = await expectDenied(t, 409, {
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/transitions`,
      key: admin,
      headers: { 'if-match': '"1"' },
      payload: { to: 'agreed', agreedBy: 'Ada', agreedOn: '2026-12-01' },
    });
    expect(skip.json()).toMatchObject({ code: 'invalid_transition', allowed: ['proposed'] });
    await move(plan.id, 1, { to: 'proposed' });
    const unsigned = await expectDenied(t, 422, {
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/transitions`,
      key: admin,
      headers: { 'if-match': '"2"' },
      payload: { to: 'agreed', agreedOn: '2026-12-01' },
    });
    expect(unsigned.json().errors[0]).toMatchObject({ field: 'agreedBy', code: 'required' });
    const draftRevision = await expectDenied(t, 409, {
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/revisions`,
      key: admin,
      headers: { 'if-match': '"2"' },
    });
    expect(draftRevision.json()).toMatchObject({ code: 'invalid_transition' });
    await move(plan.id, 2, { to: 'agreed', agreedBy: 'Ada', agreedOn: '2026-12-01' });
    const back = await expectDenied(t, 409, {
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/transitions`,
      key: admin,
      headers: { 'if-match': '"3"' },
      payload: { to: 'draft' },
    });
    expect(back.json()).toMatchObject({ allowed: ['active', 'closed'] });
  });

  it('needs a current If-Match to change a plan (428 without, 412 when stale)', async () => {
    const plan = (await create({ partnerId: partnerOne, period: 'FY2035' })).json();
    await expectDenied(t, 428, {
      method: 'PATCH',
      url: `/api/v1/plans/${plan.id}`,
      key: admin,
      payload: { summary: 'X' },
    });
    await expectDenied(t, 412, {
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/transitions`,
      key: admin,
      headers: { 'if-match': '"9"' },
      payload: { to: 'proposed' },
    });
  });
});
