import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementClient, agreementsUrl as url, withVersion } from '../../../../test/agreements';
import { newContact, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';

let t: TestApp;
let world: World;
let admin: string;
let partnerOne: string;
let partnerTwo: string;
/** A contact of partner one, and one of partner two. */
let contactOne: string;
let contactTwo: string;

const { create, get, move, actions } = agreementClient(
  () => t,
  () => admin,
);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
  [partnerOne, partnerTwo] = world.a.partners;
  contactOne = await newContact(t.app, admin, partnerOne, 'One');
  contactTwo = await newContact(t.app, admin, partnerTwo, 'Two');
});
afterAll(() => t.close());

describe('bad input, nothing written', () => {
  const base = () => ({ partnerId: partnerOne, type: 'nda', title: 'NDA' });
  const refused = (status: number, payload: object) =>
    expectDenied(t, status, { method: 'POST', url, key: admin, payload });

  it('names the field: end before effective, value without currency, renewal without term', async () => {
    const cases: Array<[object, string]> = [
      [{ effectiveOn: '2027-02-01', endOn: '2027-01-31' }, 'endOn'],
      [{ value: 1000 }, 'currency'],
      [{ currency: 'EUR' }, 'value'],
      [{ autoRenew: true }, 'renewalTermMonths'],
    ];
    for (const [extra, field] of cases) {
      const res = await refused(422, { ...base(), ...extra });
      expect(res.json()).toMatchObject({ code: 'invalid_terms', errors: [{ field }] });
    }
    expect(
      (await refused(400, { ...base(), currency: 'EURO', value: 1 })).json().errors[0].field,
    ).toBe('currency');
  });

  it('refuses a parent of another partner, a parent cycle and an owner elsewhere', async () => {
    const other = (await create({ ...base(), partnerId: partnerTwo })).json();
    const res = await refused(422, { ...base(), parentId: other.id });
    expect(res.json().errors[0]).toMatchObject({ field: 'parentId', code: 'invalid_reference' });
    const owner = await refused(422, { ...base(), ownerId: world.b.members.admin.memberId });
    expect(owner.json().errors[0]).toMatchObject({ field: 'ownerId' });

    const top = (await create(base())).json();
    const middle = (await create({ ...base(), parentId: top.id })).json();
    const cycle = await expectDenied(t, 422, {
      method: 'PATCH',
      url: `${url}/${top.id}`,
      key: admin,
      headers: withVersion(top.version),
      payload: { parentId: middle.id },
    });
    expect(cycle.json()).toMatchObject({ code: 'parent_cycle', errors: [{ field: 'parentId' }] });
    const self = await expectDenied(t, 422, {
      method: 'PATCH',
      url: `${url}/${top.id}`,
      key: admin,
      headers: withVersion(top.version),
      payload: { parentId: top.id },
    });
    expect(self.json().code).toBe('parent_cycle');
    // A draft others fall under is not deleted; the one under it is.
    const del = (id: string, version: number) =>
      request(t.app, {
        method: 'DELETE',
        url: `${url}/${id}`,
        key: admin,
        headers: withVersion(version),
      });
    expect((await del(top.id, 1)).json().code).toBe('agreement_has_children');
    expect((await del(middle.id, 1)).statusCode).toBe(204);
    expect((await get(`${url}/${middle.id}`)).statusCode).toBe(404);
    expect(await actions(middle.id)).toEqual(['agreement.created', 'agreement.deleted']);
  });

  it('refuses a signer contact of another partner, a member on their side, and a signer twice', async () => {
    const made = (await create(base())).json();
    const add = (payload: object, version = made.version) =>
      expectDenied(t, 422, {
        method: 'POST',
        url: `${url}/${made.id}/signers`,
        key: admin,
        headers: withVersion(version),
        payload,
      });
    const foreign = await add({ side: 'partner', contactId: contactTwo, role: 'CEO' });
    expect(foreign.json().errors[0]).toMatchObject({
      field: 'contactId',
      code: 'invalid_reference',
    });
    const wrong = await add({
      side: 'partner',
      memberId: world.a.members.admin.memberId,
      role: 'CEO',
    });
    expect(wrong.json().errors[0]).toMatchObject({ field: 'memberId', code: 'wrong_side' });
    const missing = await add({ side: 'us', role: 'CEO' });
    expect(missing.json().errors[0]).toMatchObject({ field: 'memberId', code: 'required' });
    const payload = { side: 'partner', contactId: contactOne, role: 'CEO' };
    const first = await request(t.app, {
      method: 'POST',
      url: `${url}/${made.id}/signers`,
      key: admin,
      headers: withVersion(1),
      payload,
    });
    expect(first.statusCode).toBe(200);
    const twice = await expectDenied(t, 409, {
      method: 'POST',
      url: `${url}/${made.id}/signers`,
      key: admin,
      headers: withVersion(2),
      payload,
    });
    expect(twice.json().code).toBe('signer_exists');
    const signer = first.json().signers[0].id;
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `${url}/${made.id}/signers/${signer}`,
      key: admin,
      headers: withVersion(2),
    });
    expect(removed.json().signers).toEqual([]);
  });

  it('refuses a stale or missing ETag, and deleting anything past a draft', async () => {
    const made = (await create(base())).json();
    await expectDenied(t, 428, {
      method: 'PATCH',
      url: `${url}/${made.id}`,
      key: admin,
      payload: { title: 'y' },
    });
    await expectDenied(t, 412, {
      method: 'PATCH',
      url: `${url}/${made.id}`,
      key: admin,
      headers: withVersion(7),
      payload: { title: 'y' },
    });
    await move(made.id, 1, 'in_negotiation');
    const res = await expectDenied(t, 409, {
      method: 'DELETE',
      url: `${url}/${made.id}`,
      key: admin,
      headers: withVersion(2),
    });
    expect(res.json()).toMatchObject({
      code: 'agreement_not_draft',
      errors: [{ field: 'status' }],
    });
  });
});
