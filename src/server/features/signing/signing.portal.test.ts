import { beforeAll, describe, expect, it } from 'vitest';
import { type SeededPartnerUser, seedPartnerUser, signIn } from '../../../../test/factories';
import { signBody, signingWorld } from '../../../../test/signing';

const { state, send, ok, refused, pending, signAsMember, actions } = signingWorld();

/** The partner user who is a signer (their contact has their email), and one who is not. */
let signer: SeededPartnerUser;
let signerCookie: string;
let colleagueCookie: string;

const signUrl = (a: { id: string; them: { id: string } }) =>
  `/api/v1/portal/agreements/${a.id}/signers/${a.them.id}/signature`;
const sign = (a: { id: string; them: { id: string } }, body: object, cookie = signerCookie) =>
  ({ method: 'POST', url: signUrl(a), cookie, payload: body }) as const;
const name = 'Partner partner_member';

/** How many agreements the portal's overview says wait for this partner user's signature. */
const toSignIn = async (cookie: string) =>
  (await ok({ method: 'GET', url: '/api/v1/portal/overview', key: undefined, cookie })).json()
    .agreementsAwaitingYourSignature;

/** Whether the portal's list marks the agreement as waiting for this partner user's signature. */
const awaitsIn = async (cookie: string, id: string) =>
  (await ok({ method: 'GET', url: '/api/v1/portal/agreements?limit=100', key: undefined, cookie }))
    .json()
    .items.find((item: { id: string }) => item.id === id)?.awaitingYourSignature;

/** An agreement of partner one sent for signature, whose partner signer is `signer`. */
const theirs = (type?: string) =>
  pending({
    type,
    contact: { firstName: 'Partner', lastName: 'partner_member', email: signer.email },
  });

beforeAll(async () => {
  const { world } = state;
  signer = await seedPartnerUser(state.t.database, world.a, world.a.partners[0], 'partner_member');
  signerCookie = await signIn(state.t.app, signer.email, signer.password, '10.0.1.1');
  const colleague = await seedPartnerUser(
    state.t.database,
    world.a,
    world.a.partners[0],
    'partner_admin',
  );
  colleagueCookie = await signIn(state.t.app, colleague.email, colleague.password, '10.0.1.2');
});

describe('signing in the portal', () => {
  it('lets the partner user who is the signer sign, once, with the rules of every signature', async () => {
    const before = await toSignIn(signerCookie);
    const a = await theirs();
    // Marked in the list and counted as waiting for the signer, not for their colleague.
    expect(await awaitsIn(signerCookie, a.id)).toBe(true);
    expect(await awaitsIn(colleagueCookie, a.id)).toBe(false);
    expect(await toSignIn(signerCookie)).toBe(before + 1);
    expect(await toSignIn(colleagueCookie)).toBe(0);
    await refused(409, 'document_changed', sign(a, signBody('0'.repeat(64), name)), 'sha256');
    await refused(
      422,
      'typed_name_mismatch',
      sign(a, signBody(a.sha256, 'Someone Else')),
      'typedName',
    );
    await refused(
      400,
      'validation_failed',
      sign(a, { ...signBody(a.sha256, name), authorityConfirmed: false }),
      'authorityConfirmed',
    );
    const signed = await send({
      ...sign(a, signBody(a.sha256, 'partner  PARTNER_member')),
      headers: { 'user-agent': 'Portal browser/2.0' },
      remoteAddress: '198.51.100.20',
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({
      status: 'pending_signature',
      awaitingYourSignature: false,
      signers: [{ signedAt: null }, { you: true, signedAt: expect.any(String) }],
    });
    expect(await awaitsIn(signerCookie, a.id)).toBe(false);
    expect(await toSignIn(signerCookie)).toBe(before);
    await refused(409, 'already_signed', sign(a, signBody(a.sha256, name)));
    const signing = (await ok({ method: 'GET', url: `${a.url}/signing` })).json();
    expect(signing.signers[1].signature).toMatchObject({
      channel: 'portal',
      sha256: a.sha256,
      typedName: 'partner  PARTNER_member',
      ipAddress: '198.51.100.20',
      userAgent: 'Portal browser/2.0',
    });
    // The audit event names the partner user, not Tandem.
    const audit = await state.t.database.sql(
      `SELECT actor_type, actor_id FROM audit_events WHERE entity_id = '${a.id}' AND action = 'agreement.signed'`,
    );
    expect(audit.rows).toEqual([{ actor_type: 'partner_user', actor_id: signer.userId }]);
    // Our side signs last: active, and the partner downloads the signed PDF in the portal.
    await signAsMember(a);
    const detail = (
      await ok({
        method: 'GET',
        url: `/api/v1/portal/agreements/${a.id}`,
        key: undefined,
        cookie: signerCookie,
      })
    ).json();
    expect(detail).toMatchObject({ status: 'active', signedPdf: true });
    const pdf = await ok({
      method: 'GET',
      url: `/api/v1/portal/agreements/${a.id}/signed.pdf`,
      key: undefined,
      cookie: colleagueCookie,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Active now: signing is over.
    await refused(409, 'not_pending_signature', sign(a, signBody(a.sha256, name)), 'status');
  });

  it('waits for the signer again when a changed text is sent after they signed', async () => {
    const a = await theirs();
    const signed = await send(sign(a, signBody(a.sha256, name)));
    expect(signed.statusCode, signed.body).toBe(201);
    expect(await awaitsIn(signerCookie, a.id)).toBe(false);
    const counted = await toSignIn(signerCookie);
    const move = async (options: { url: string; payload: object }, status = 200) => {
      const etag = `"${(await ok({ method: 'GET', url: a.url })).json().version}"`;
      await ok({ method: 'POST', headers: { 'if-match': etag }, ...options }, status);
    };
    await move({ url: `${a.url}/transitions`, payload: { to: 'in_negotiation' } });
    await move({ url: `${a.url}/versions`, payload: { body: 'The changed terms.' } }, 201);
    await move({ url: `${a.url}/transitions`, payload: { to: 'pending_signature' } });
    // The signature stays on record for the first text; the new one waits for them.
    expect(await awaitsIn(signerCookie, a.id)).toBe(true);
    expect(await toSignIn(signerCookie)).toBe(counted + 1);
  });

  it('makes the agreement active when the partner user signs last, the same way as the other paths', async () => {
    const a = await theirs();
    await signAsMember(a);
    await ok({ ...sign(a, signBody(a.sha256, name)), key: undefined }, 201);
    const signing = (await ok({ method: 'GET', url: `${a.url}/signing` })).json();
    expect(signing).toMatchObject({ status: 'active', complete: true, signedPdf: true });
    const audit = await actions(a.id);
    expect(audit.filter((x) => x === 'agreement.status_changed')).toHaveLength(3);
    expect(audit).toContain('agreement.signed_pdf_created');
  });

  it('leaves the agreement pending while a blocking requirement is open, though a partner scope cannot read it', async () => {
    await ok(
      {
        method: 'POST',
        url: '/api/v1/compliance-requirements',
        key: state.world.a.members.admin.key,
        payload: { title: 'Security review', appliesTo: ['technology'], blocks: 'active' },
      },
      201,
    );
    const a = await theirs('technology');
    await signAsMember(a);
    await ok({ ...sign(a, signBody(a.sha256, name)), key: undefined }, 201);
    const signing = (await ok({ method: 'GET', url: `${a.url}/signing` })).json();
    expect(signing).toMatchObject({
      status: 'pending_signature',
      complete: true,
      signedPdf: false,
    });
  });

  it('refuses a colleague who is not the signer, other partners and workspaces, our side’s signer and a wrong status', async () => {
    const { world } = state;
    const a = await theirs();
    const body = signBody(a.sha256, name);
    await refused(403, 'not_the_signer', sign(a, body, colleagueCookie));
    // Our side's signer is not theirs to sign for.
    await refused(403, 'not_the_signer', {
      ...sign(a, body),
      url: `/api/v1/portal/agreements/${a.id}/signers/${a.us.id}/signature`,
    });
    // Another partner's user, and a partner user of workspace B: not found.
    const two = await seedPartnerUser(
      state.t.database,
      world.a,
      world.a.partners[1],
      'partner_admin',
    );
    await refused(
      404,
      'not_found',
      sign(a, body, await signIn(state.t.app, two.email, two.password, '10.0.1.3')),
    );
    const b = await seedPartnerUser(
      state.t.database,
      world.b,
      world.b.partners[0],
      'partner_admin',
    );
    await refused(
      404,
      'not_found',
      sign(a, body, await signIn(state.t.app, b.email, b.password, '10.0.1.4')),
    );
    // A signer of another agreement named under this one: not found.
    const other = await theirs();
    await refused(404, 'not_found', {
      ...sign(a, body),
      url: `/api/v1/portal/agreements/${a.id}/signers/${other.them.id}/signature`,
    });
    // Members sign in the app, not in the portal.
    await refused(403, 'forbidden', sign(a, body, state.memberCookie));
    // Back in negotiation, the agreement is not shared any more: not found.
    await ok({
      method: 'POST',
      url: `${a.url}/transitions`,
      headers: { 'if-match': a.etag },
      payload: { to: 'in_negotiation' },
    });
    await refused(404, 'not_found', sign(a, body));
  });
});
