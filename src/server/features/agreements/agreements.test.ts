import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementClient, agreementsUrl as url, withVersion } from '../../../../test/agreements';
import { newContact, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { agreementVersions } from '../../db/schema';
import { newId } from '../../ids';

let t: TestApp;
let world: World;
let admin: string;
let member: string;
let partnerOne: string;
let partnerTwo: string;
let contactOne: string;

const { create, get, move, actions } = agreementClient(
  () => t,
  () => admin,
);
const patch = (id: string, version: number, payload: object, key = admin) =>
  request(t.app, {
    method: 'PATCH',
    url: `${url}/${id}`,
    key,
    headers: withVersion(version),
    payload,
  });

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  member = world.a.members.member.key;
  [partnerOne, partnerTwo] = world.a.partners;
  contactOne = await newContact(t.app, admin, partnerOne, 'One');
});
afterAll(() => t.close());

describe('an agreement from draft to terminated', () => {
  it('is made with its terms, signed for by both sides, negotiated and ended', async () => {
    const made = await create({
      partnerId: partnerOne,
      type: 'reseller',
      title: 'Reseller agreement 2027',
      ownerId: world.a.members.manager.memberId,
      effectiveOn: '2027-01-01',
      endOn: '2027-12-31',
      autoRenew: true,
      renewalTermMonths: 12,
      noticeDays: 90,
      value: 12_500_000,
      currency: 'eur',
      governingLaw: 'England and Wales',
    });
    expect(made.statusCode).toBe(201);
    const agreement = made.json();
    expect(agreement).toMatchObject({
      partnerName: 'A Partner One',
      status: 'draft',
      currency: 'EUR',
      value: 12_500_000,
      ownerId: world.a.members.manager.memberId,
      parentId: null,
      signers: [],
      version: 1,
    });
    expect(made.headers.location).toBe(`${url}/${agreement.id}`);
    expect(made.headers.etag).toBe('"1"');

    const signersUrl = `${url}/${agreement.id}/signers`;
    const ours = await request(t.app, {
      method: 'POST',
      url: signersUrl,
      key: admin,
      headers: withVersion(1),
      payload: { side: 'us', memberId: world.a.members.admin.memberId, role: 'CEO' },
    });
    expect(ours.statusCode).toBe(200);
    const theirs = await request(t.app, {
      method: 'POST',
      url: signersUrl,
      key: admin,
      headers: withVersion(2),
      payload: { side: 'partner', contactId: contactOne, role: 'Head of Legal' },
    });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().signers).toMatchObject([
      { side: 'us', role: 'CEO', memberId: world.a.members.admin.memberId },
      { side: 'partner', name: 'Grace One', contactId: contactOne },
    ]);
    expect((await get(signersUrl)).json().items).toHaveLength(2);

    // A SOW under the master agreement, then the two negotiated.
    const sow = await create({
      partnerId: partnerOne,
      type: 'sow',
      title: 'SOW 1',
      parentId: agreement.id,
    });
    expect(sow.json()).toMatchObject({
      parentId: agreement.id,
      parentTitle: 'Reseller agreement 2027',
    });

    expect((await move(agreement.id, 3, 'in_negotiation')).json().status).toBe('in_negotiation');
    expect((await patch(agreement.id, 4, { noticeDays: 60 })).json().noticeDays).toBe(60);
    // The text to sign, written as it stands (versions have their own tests).
    await t.database.db.insert(agreementVersions).values({
      id: newId(),
      workspaceId: world.a.workspaceId,
      agreementId: agreement.id,
      partnerId: partnerOne,
      number: 1,
      body: 'The agreed text',
    });
    expect((await move(agreement.id, 5, 'pending_signature')).json().status).toBe(
      'pending_signature',
    );
    // Settled terms refuse changes, naming the field; the title and owner still change.
    const locked = await expectDenied(t, 409, {
      method: 'PATCH',
      url: `${url}/${agreement.id}`,
      key: admin,
      headers: withVersion(6),
      payload: { value: 1 },
    });
    expect(locked.json()).toMatchObject({ code: 'agreement_locked', errors: [{ field: 'value' }] });
    expect((await patch(agreement.id, 6, { title: 'Reseller agreement' })).statusCode).toBe(200);
    // A member may not mark it signed: the signatures do (decision 048); an admin may record it.
    const reserved = await expectDenied(t, 409, {
      method: 'POST',
      url: `${url}/${agreement.id}/transitions`,
      key: member,
      headers: withVersion(7),
      payload: { to: 'active' },
    });
    expect(reserved.json()).toMatchObject({
      code: 'transition_reserved',
      owner: 'signatures',
      errors: [{ field: 'to', code: 'transition_reserved' }],
    });
    expect((await move(agreement.id, 7, 'active')).json().status).toBe('active');
    // The renewal sweep moves it to expiring, not a person, even an admin.
    expect((await move(agreement.id, 8, 'expiring')).json()).toMatchObject({
      code: 'transition_reserved',
      owner: 'renewal_sweep',
    });
    const illegal = await move(agreement.id, 8, 'draft');
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({
      code: 'invalid_transition',
      allowed: ['expiring', 'terminated', 'renewed'],
    });
    expect((await move(agreement.id, 8, 'terminated')).json().status).toBe('terminated');
    expect((await patch(agreement.id, 9, { title: 'x' })).json().code).toBe('agreement_closed');
    expect(await actions(agreement.id)).toEqual([
      'agreement.created',
      'agreement.signer_added',
      'agreement.signer_added',
      'agreement.status_changed',
      'agreement.updated',
      'agreement.status_changed',
      'agreement.updated',
      'agreement.status_changed',
      'agreement.status_changed',
    ]);
    const timeline = await get(`/api/v1/partners/${partnerOne}/timeline?kind=agreement`);
    expect(
      timeline.json().items.map((e: { summary: { event: string } }) => e.summary.event),
    ).toContain('status_changed');
  });
});

describe('the list', () => {
  it('filters by status, type, partner, owner, end date and value, and pages by end date', async () => {
    const owner = world.a.members.member.memberId;
    const ids: string[] = [];
    for (const [index, endOn] of ['2028-03-01', '2028-01-01', '2028-02-01'].entries())
      ids.push(
        (
          await create({
            partnerId: partnerTwo,
            type: 'referral',
            title: `Referral ${index}`,
            ownerId: owner,
            effectiveOn: '2027-01-01',
            endOn,
            value: (index + 1) * 100_00,
            currency: 'USD',
          })
        ).json().id,
      );
    const list = async (query: string) =>
      (await get(`${url}?${query}`)).json().items.map((a: { title: string }) => a.title);
    expect(await list(`type=referral&sort=endOn`)).toEqual([
      'Referral 1',
      'Referral 2',
      'Referral 0',
    ]);
    expect(await list(`type=referral&endFrom=2028-02-01&endTo=2028-03-01&sort=-endOn`)).toEqual([
      'Referral 0',
      'Referral 2',
    ]);
    // An agreement without an end date: no end-date bound takes it in.
    await create({ partnerId: partnerTwo, type: 'mou', title: 'Open-ended MOU' });
    const mou = `partnerId=${partnerTwo}&type=mou`;
    expect(await list(mou)).toEqual(['Open-ended MOU']);
    expect(await list(`${mou}&endFrom=2000-01-01`)).toEqual([]);
    expect(await list(`${mou}&endTo=9999-12-31`)).toEqual([]);
    expect(await list(`currency=USD&valueMin=20000&valueMax=30000&sort=title`)).toEqual([
      'Referral 1',
      'Referral 2',
    ]);
    expect(await list(`ownerId=${owner}&partnerId=${partnerTwo}&status=draft&sort=title`)).toEqual([
      'Referral 0',
      'Referral 1',
      'Referral 2',
    ]);
    expect(await list(`ownerId=${owner}&status=active`)).toEqual([]);
    const first = (await get(`${url}?type=referral&sort=endOn&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const next = (
      await get(`${url}?type=referral&sort=endOn&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(next.items.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    expect(next.nextCursor).toBeNull();
  });

  it('exports as CSV with the same filters', async () => {
    const res = await get(`${url}/export?format=csv&type=referral&sort=endOn`);
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toContain('Title');
    expect(lines.slice(1).map((line) => line.includes('Referral'))).toEqual([true, true, true]);
    expect(res.body).toContain('100.00');
  });
});
