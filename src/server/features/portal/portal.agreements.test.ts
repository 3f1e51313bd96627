import { beforeAll, describe, expect, it } from 'vitest';
import { type SeededPartnerUser, seedPartnerUser, signIn } from '../../../../test/factories';
import { samplePdf } from '../../../../test/file-samples';
import { type PendingAgreement, signingWorld } from '../../../../test/signing';

const { state, ok, refused, pending } = signingWorld();

let user: SeededPartnerUser;
let cookie: string;
/** Partner one's: shared (with a file), a draft, one sent back to negotiation. */
let shared: PendingAgreement;
let draftId: string;
let renegotiated: PendingAgreement;
/** Shared agreements the partner user must never see: partner two's, and workspace B's. */
let others: PendingAgreement[];

const get = (url: string) => ok({ method: 'GET', url, key: undefined, cookie });
const disclosureRows = async () =>
  (
    await state.t.database.sql(
      'SELECT record_type, record_id, view, partner_user_id FROM disclosures ORDER BY id',
    )
  ).rows;

beforeAll(async () => {
  const { world } = state;
  user = await seedPartnerUser(state.t.database, world.a, world.a.partners[0], 'partner_member');
  cookie = await signIn(state.t.app, user.email, user.password, '10.0.0.5');
  shared = await pending({
    contact: { firstName: 'Partner', lastName: 'partner_member', email: user.email },
    files: [{ name: 'Price list.pdf', bytes: samplePdf() }],
  });
  draftId = (
    await ok(
      {
        method: 'POST',
        url: '/api/v1/agreements',
        payload: { partnerId: world.a.partners[0], type: 'nda', title: 'Draft NDA' },
      },
      201,
    )
  ).json().id;
  renegotiated = await pending();
  await ok({
    method: 'POST',
    url: `${renegotiated.url}/transitions`,
    headers: { 'if-match': renegotiated.etag },
    payload: { to: 'in_negotiation' },
  });
  others = [
    await pending({ partnerIndex: 1, files: [{ name: 'Other.pdf', bytes: samplePdf() }] }),
    await pending({ workspace: 'b' }),
  ];
});

describe("a partner user's shared agreements", () => {
  it('lists only their partner’s agreements sent for signature, with the portal’s fields', async () => {
    await state.t.database.sql('DELETE FROM disclosures');
    const page = (await get('/api/v1/portal/agreements')).json();
    expect(page.items).toEqual([
      {
        id: shared.id,
        title: expect.stringMatching(/^Deal /),
        type: 'reseller',
        status: 'pending_signature',
        effectiveOn: null,
        endOn: null,
        governingLaw: null,
        awaitingYourSignature: true,
      },
    ]);
    expect(page.nextCursor).toBeNull();
    expect(await disclosureRows()).toEqual([
      {
        record_type: 'agreement',
        record_id: shared.id,
        view: 'list',
        partner_user_id: user.partnerUserId,
      },
    ]);
    const active = (await get('/api/v1/portal/agreements?status=active')).json();
    expect(active.items).toEqual([]);
    // A status that is never shared is bad input, not an empty page.
    await refused(
      400,
      'validation_failed',
      {
        method: 'GET',
        url: '/api/v1/portal/agreements?status=draft',
        cookie,
      },
      'status.0',
    );
  });

  it('opens one with its frozen text, its files, its signers and which one they are', async () => {
    await state.t.database.sql('DELETE FROM disclosures');
    const detail = (await get(`/api/v1/portal/agreements/${shared.id}`)).json();
    expect(detail).toMatchObject({
      id: shared.id,
      status: 'pending_signature',
      version: {
        number: 1,
        body: expect.stringContaining('The reseller shall'),
        sha256: shared.sha256,
        files: [{ fileName: 'Price list.pdf', kind: 'pdf', mediaType: 'application/pdf' }],
      },
      signers: [
        { side: 'us', name: 'A member', role: 'COO', signedAt: null, you: false },
        { side: 'partner', name: 'Partner partner_member', role: 'CEO', signedAt: null, you: true },
      ],
      signedPdf: false,
    });
    // No internal field: owner, value, the members' and contacts' ids or emails.
    for (const field of ['ownerId', 'memberId', 'contactId', 'partnerId', 'email', 'ipAddress'])
      expect(JSON.stringify(detail)).not.toContain(`"${field}"`);
    expect(await disclosureRows()).toEqual([
      {
        record_type: 'agreement',
        record_id: shared.id,
        view: 'record',
        partner_user_id: user.partnerUserId,
      },
    ]);
    const file = detail.version.files[0];
    const res = await get(`/api/v1/portal/agreements/${shared.id}/files/${file.id}`);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(samplePdf())).toBe(true);
  });

  it('answers 404 for a draft, one back in negotiation, another partner’s or workspace’s, and their files', async () => {
    const otherFile = (
      await ok({ method: 'GET', url: `${others[0]?.url}/versions/1/attachments` })
    ).json().items[0].id;
    for (const id of [draftId, renegotiated.id, ...others.map((a) => a.id)]) {
      await refused(404, 'not_found', {
        method: 'GET',
        url: `/api/v1/portal/agreements/${id}`,
        cookie,
      });
      await refused(404, 'not_found', {
        method: 'GET',
        url: `/api/v1/portal/agreements/${id}/signed.pdf`,
        cookie,
      });
    }
    await refused(404, 'not_found', {
      method: 'GET',
      url: `/api/v1/portal/agreements/${others[0]?.id}/files/${otherFile}`,
      cookie,
    });
    // Another agreement's file named under a shared one is not found either.
    await refused(404, 'not_found', {
      method: 'GET',
      url: `/api/v1/portal/agreements/${shared.id}/files/${otherFile}`,
      cookie,
    });
    // A user of partner two sees partner two's, not partner one's.
    const two = await seedPartnerUser(
      state.t.database,
      state.world.a,
      state.world.a.partners[1],
      'partner_admin',
    );
    const twoCookie = await signIn(state.t.app, two.email, two.password, '10.0.0.6');
    const list = (
      await ok({
        method: 'GET',
        url: '/api/v1/portal/agreements',
        key: undefined,
        cookie: twoCookie,
      })
    ).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([others[0]?.id]);
    await refused(404, 'not_found', {
      method: 'GET',
      url: `/api/v1/portal/agreements/${shared.id}`,
      cookie: twoCookie,
    });
  });

  it('keeps members and API keys off the portal routes', async () => {
    await refused(403, 'forbidden', {
      method: 'GET',
      url: `/api/v1/portal/agreements/${shared.id}`,
      cookie: state.memberCookie,
    });
    await refused(403, 'forbidden', {
      method: 'GET',
      url: '/api/v1/portal/agreements',
      key: state.world.a.members.admin.key,
    });
  });

  it('answers 409 not_signed for the signed PDF while signatures are awaited', async () => {
    await refused(409, 'not_signed', {
      method: 'GET',
      url: `/api/v1/portal/agreements/${shared.id}/signed.pdf`,
      cookie,
    });
  });
});
