import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { itWithPoppler, poppler } from '../../../../test/poppler';

let t: TestApp;
let world: World;
let memberCookie: string;
let adminCookie: string;

type Options = Parameters<typeof request>[1];
const send = (options: Options) => request(t.app, options);
const manager = () => world.a.members.manager.key;
let serial = 0;

async function ok(options: Options, status = 200) {
  const res = await send({ key: manager(), ...options });
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

const text = '# Reseller agreement\n\nThe reseller shall **resell**.';

/** An agreement sent for signature: our member signs, a contact of the partner signs. */
async function pendingAgreement(partnerIndex: 0 | 1 = 0, type = 'reseller') {
  serial += 1;
  const partnerId = world.a.partners[partnerIndex];
  const contact = (
    await ok(
      {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: {
          partnerId,
          firstName: 'Pat',
          lastName: `Partner${serial}`,
          email: `pat${serial}@partner.test`,
        },
      },
      201,
    )
  ).json();
  const agreement = (
    await ok(
      {
        method: 'POST',
        url: '/api/v1/agreements',
        payload: { partnerId, type, title: `Deal ${serial}` },
      },
      201,
    )
  ).json();
  const url = `/api/v1/agreements/${agreement.id}`;
  let etag = '"1"';
  const step = async (options: Options, status = 200) => {
    const res = await ok({ ...options, headers: { 'if-match': etag } }, status);
    if (res.headers.etag) etag = String(res.headers.etag);
    return res;
  };
  await step({ method: 'POST', url: `${url}/versions`, payload: { body: text } }, 201);
  etag = `"${(await ok({ method: 'GET', url })).json().version}"`;
  await step({
    method: 'POST',
    url: `${url}/signers`,
    payload: { side: 'us', memberId: world.a.members.member.memberId, role: 'COO' },
  });
  await step({
    method: 'POST',
    url: `${url}/signers`,
    payload: { side: 'partner', contactId: contact.id, role: 'CEO' },
  });
  await step({ method: 'POST', url: `${url}/transitions`, payload: { to: 'in_negotiation' } });
  await step({ method: 'POST', url: `${url}/transitions`, payload: { to: 'pending_signature' } });
  const signing = (await ok({ method: 'GET', url: `${url}/signing` })).json();
  const us = signing.signers.find((s: { side: string }) => s.side === 'us');
  const them = signing.signers.find((s: { side: string }) => s.side === 'partner');
  return {
    id: agreement.id as string,
    url,
    sha256: signing.version.sha256 as string,
    us,
    them,
    email: contact.email as string,
    etag,
  };
}

const signBody = (sha256: string, typedName: string) => ({
  sha256,
  typedName,
  authorityConfirmed: true,
});

async function sendLink(a: { url: string; them: { id: string } }) {
  const res = await ok(
    { method: 'POST', url: `${a.url}/signers/${a.them.id}/signing-link`, payload: {} },
    201,
  );
  const url = res.json().signingUrl as string;
  return { sent: res.json(), token: url.split('#token=')[1] ?? '' };
}

const actions = async (id: string) =>
  (
    (await t.database.sql(`SELECT action FROM audit_events WHERE entity_id = '${id}' ORDER BY id`))
      .rows as Array<{ action: string }>
  ).map((row) => row.action);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  memberCookie = await signIn(t.app, world.a.members.member.email);
  adminCookie = await signIn(t.app, world.a.members.admin.email, undefined, '10.0.0.2');
});
afterAll(() => t.close());

describe('signing an agreement', () => {
  it('lets our signer sign in the app, once, for the text they saw, with their name', async () => {
    const a = await pendingAgreement();
    const url = `${a.url}/signers/${a.us.id}/signature`;
    const name = 'A member';
    // Someone else, an API key, or the partner signer's id: refused, nothing changed.
    const other = await expectDenied(t, 403, {
      method: 'POST',
      url,
      cookie: adminCookie,
      payload: signBody(a.sha256, name),
    });
    expect(other.json()).toMatchObject({ code: 'not_the_signer' });
    await expectDenied(t, 403, {
      method: 'POST',
      url,
      key: world.a.members.member.key,
      payload: signBody(a.sha256, name),
    });
    await expectDenied(t, 403, {
      method: 'POST',
      url: `${a.url}/signers/${a.them.id}/signature`,
      cookie: memberCookie,
      payload: signBody(a.sha256, 'Pat Partner1'),
    });
    const changed = await expectDenied(t, 409, {
      method: 'POST',
      url,
      cookie: memberCookie,
      payload: signBody('0'.repeat(64), name),
    });
    expect(changed.json()).toMatchObject({
      code: 'document_changed',
      errors: [{ field: 'sha256' }],
    });
    const wrongName = await expectDenied(t, 422, {
      method: 'POST',
      url,
      cookie: memberCookie,
      payload: signBody(a.sha256, 'Someone Else'),
    });
    expect(wrongName.json()).toMatchObject({
      code: 'typed_name_mismatch',
      errors: [{ field: 'typedName' }],
    });
    const unconfirmed = await expectDenied(t, 400, {
      method: 'POST',
      url,
      cookie: memberCookie,
      payload: { ...signBody(a.sha256, name), authorityConfirmed: false },
    });
    expect(unconfirmed.json().errors[0].field).toBe('authorityConfirmed');
    const signed = await send({
      method: 'POST',
      url,
      cookie: memberCookie,
      headers: { 'user-agent': 'Vitest browser/1.0' },
      remoteAddress: '203.0.113.9',
      payload: signBody(a.sha256, '  a   MEMBER '),
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const state = signed.json();
    expect(state.status).toBe('pending_signature');
    expect(state.complete).toBe(false);
    expect(state.signers[0].signature).toMatchObject({
      typedName: 'a   MEMBER',
      sha256: a.sha256,
      versionNumber: 1,
      channel: 'app',
      ipAddress: '203.0.113.9',
      userAgent: 'Vitest browser/1.0',
    });
    const twice = await expectDenied(t, 409, {
      method: 'POST',
      url,
      cookie: memberCookie,
      payload: signBody(a.sha256, name),
    });
    expect(twice.json()).toMatchObject({ code: 'already_signed' });
    expect(await actions(a.id)).toContain('agreement.signed');
    const timeline = await t.database.sql(
      `SELECT summary FROM timeline_entries WHERE subject_id = '${a.id}' ORDER BY id DESC LIMIT 1`,
    );
    expect((timeline.rows[0] as { summary: object }).summary).toMatchObject({
      event: 'signed',
      signer: name,
      side: 'us',
    });
  });

  it('keeps other workspaces, partner users and agreements out', async () => {
    const a = await pendingAgreement(1);
    const bCookie = await signIn(t.app, world.b.members.member.email, undefined, '10.0.0.3');
    const body = signBody(a.sha256, 'A member');
    await expectDenied(t, 404, {
      method: 'POST',
      url: `${a.url}/signers/${a.us.id}/signature`,
      cookie: bCookie,
      payload: body,
    });
    await expectDenied(t, 404, {
      method: 'GET',
      url: `${a.url}/signing`,
      key: world.b.members.admin.key,
    });
    await expectDenied(t, 404, {
      method: 'POST',
      url: `${a.url}/signers/${a.them.id}/signing-link`,
      key: world.b.members.manager.key,
      payload: {},
    });
    await expectDenied(t, 404, {
      method: 'GET',
      url: `${a.url}/signed.pdf`,
      key: world.b.members.admin.key,
    });
    // A signer of another agreement (of the other partner) named under this one: 404.
    const other = await pendingAgreement(0);
    await expectDenied(t, 404, {
      method: 'POST',
      url: `${a.url}/signers/${other.us.id}/signature`,
      cookie: memberCookie,
      payload: body,
    });
    // Partner users have no internal agreement access at all: the internal routes are not theirs.
    const pu = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_admin');
    const puCookie = await signIn(t.app, pu.email, pu.password, '10.0.0.4');
    await expectDenied(t, 404, { method: 'GET', url: `${a.url}/signing`, cookie: puCookie });
    await expectDenied(t, 404, {
      method: 'POST',
      url: `${a.url}/signers/${a.us.id}/signature`,
      cookie: puCookie,
      payload: body,
    });
    // Members send no links: managers and admins do.
    await expectDenied(t, 403, {
      method: 'POST',
      url: `${a.url}/signers/${a.them.id}/signing-link`,
      key: world.a.members.member.key,
      payload: {},
    });
  });

  it('refuses signatures and links outside pending signature', async () => {
    const agreement = (
      await ok(
        {
          method: 'POST',
          url: '/api/v1/agreements',
          payload: { partnerId: world.a.partners[0], type: 'reseller', title: 'Draft' },
        },
        201,
      )
    ).json();
    const url = `/api/v1/agreements/${agreement.id}`;
    const withSigner = (
      await ok({
        method: 'POST',
        url: `${url}/signers`,
        headers: { 'if-match': '"1"' },
        payload: { side: 'us', memberId: world.a.members.member.memberId, role: 'COO' },
      })
    ).json();
    const res = await expectDenied(t, 409, {
      method: 'POST',
      url: `${url}/signers/${withSigner.signers[0].id}/signature`,
      cookie: memberCookie,
      payload: signBody('a'.repeat(64), 'A member'),
    });
    expect(res.json()).toMatchObject({ code: 'not_pending_signature' });
    expect(
      (
        await expectDenied(t, 409, { method: 'GET', url: `${url}/signed.pdf`, key: manager() })
      ).json().code,
    ).toBe('not_signed');
  });
});

describe('signing links', () => {
  it('sends a single-use link that reads only its agreement and signs it; the last signature activates it', async () => {
    const a = await pendingAgreement();
    const ours = await pendingAgreement();
    const first = await sendLink(a);
    expect(first.sent).toMatchObject({ email: a.email, mailed: false });
    expect(first.token).toMatch(/^[0-9a-f]{32}_/);
    // Stored hashed only.
    const stored = await t.database.sql(`SELECT token_hash FROM agreement_signing_links`);
    expect(JSON.stringify(stored.rows)).not.toContain(first.token.split('_')[1]);
    // Re-sending revokes the first link.
    const second = await sendLink(a);
    const revoked = await expectDenied(t, 410, {
      method: 'POST',
      url: '/api/v1/signing/view',
      payload: { token: first.token },
    });
    expect(revoked.json()).toMatchObject({
      code: 'signing_link_revoked',
      errors: [{ field: 'token' }],
    });
    const unknown = await expectDenied(t, 404, {
      method: 'POST',
      url: '/api/v1/signing/view',
      payload: { token: `${first.token.split('_')[0]}_${'x'.repeat(43)}` },
    });
    expect(unknown.json().code).toBe('signing_link_invalid');
    // The view: this agreement only.
    const view = (
      await ok({
        method: 'POST',
        url: '/api/v1/signing/view',
        key: undefined,
        payload: { token: second.token },
      })
    ).json();
    expect(view).toMatchObject({
      title: expect.stringMatching(/^Deal /),
      partner: 'A Partner One',
      version: { number: 1, body: text, sha256: a.sha256 },
      signer: { role: 'CEO', signedAt: null },
    });
    expect(JSON.stringify(view)).not.toContain(ours.id);
    expect(JSON.stringify(view)).not.toContain(a.id);
    const state = (await ok({ method: 'GET', url: `${a.url}/signing` })).json();
    expect(state.signers[1].link).toMatchObject({ state: 'sent', email: a.email });
    // Our side signs first; then the partner signer through the link.
    await ok(
      {
        method: 'POST',
        url: `${a.url}/signers/${a.us.id}/signature`,
        key: undefined,
        cookie: memberCookie,
        payload: signBody(a.sha256, 'A member'),
      },
      201,
    );
    const name = view.signer.name as string;
    const badName = await expectDenied(t, 422, {
      method: 'POST',
      url: '/api/v1/signing/signature',
      payload: { token: second.token, ...signBody(a.sha256, 'Mallory') },
    });
    expect(badName.json().code).toBe('typed_name_mismatch');
    const signed = await send({
      method: 'POST',
      url: '/api/v1/signing/signature',
      headers: { 'user-agent': 'Partner browser' },
      remoteAddress: '198.51.100.7',
      payload: { token: second.token, ...signBody(a.sha256, name) },
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().signer.signedAt).not.toBeNull();
    const used = await expectDenied(t, 410, {
      method: 'POST',
      url: '/api/v1/signing/signature',
      payload: { token: second.token, ...signBody(a.sha256, name) },
    });
    expect(used.json().code).toBe('signing_link_used');
    const done = (await ok({ method: 'GET', url: `${a.url}/signing` })).json();
    expect(done).toMatchObject({ status: 'active', complete: true, signedPdf: true });
    expect(done.signers[1].signature).toMatchObject({
      channel: 'link',
      ipAddress: '198.51.100.7',
      userAgent: 'Partner browser',
    });
    expect(done.signers[1].link.state).toBe('used');
    const audit = await actions(a.id);
    expect(audit).toEqual(
      expect.arrayContaining([
        'agreement.signing_link_sent',
        'agreement.signed',
        'agreement.signed_pdf_created',
      ]),
    );
    expect(audit.filter((x) => x === 'agreement.status_changed').length).toBe(3);
    const actors = await t.database.sql(
      `SELECT actor_name FROM audit_events WHERE entity_id = '${a.id}' AND action = 'agreement.signed' ORDER BY id`,
    );
    expect(actors.rows).toEqual([{ actor_name: 'A member' }, { actor_name: 'signing-link' }]);
  });

  it('refuses an expired link, a link of an agreement sent back to negotiation, and a token sent to a link of another agreement', async () => {
    const a = await pendingAgreement(1);
    const { token } = await sendLink(a);
    await t.database.sql(
      `UPDATE agreement_signing_links SET expires_at = now() - interval '1 minute' WHERE agreement_id = '${a.id}'`,
    );
    const expired = await expectDenied(t, 410, {
      method: 'POST',
      url: '/api/v1/signing/signature',
      payload: { token, ...signBody(a.sha256, 'Pat Partner') },
    });
    expect(expired.json().code).toBe('signing_link_expired');
    const fresh = await sendLink(a);
    expect(
      (await ok({ method: 'GET', url: `${a.url}/signing` })).json().signers[1].link.state,
    ).toBe('sent');
    await ok({
      method: 'POST',
      url: `${a.url}/transitions`,
      headers: { 'if-match': a.etag },
      payload: { to: 'in_negotiation' },
    });
    const closed = await expectDenied(t, 409, {
      method: 'POST',
      url: '/api/v1/signing/view',
      payload: { token: fresh.token },
    });
    expect(closed.json().code).toBe('signing_closed');
  });

  it('records the last signature but leaves the agreement pending while a blocking requirement is open', async () => {
    await ok(
      {
        method: 'POST',
        url: '/api/v1/compliance-requirements',
        key: world.a.members.admin.key,
        payload: { title: 'Security review', appliesTo: ['technology'], blocks: 'active' },
      },
      201,
    );
    const a = await pendingAgreement(0, 'technology');
    const { token } = await sendLink(a);
    const view = (
      await ok({ method: 'POST', url: '/api/v1/signing/view', payload: { token } })
    ).json();
    await ok(
      {
        method: 'POST',
        url: '/api/v1/signing/signature',
        payload: { token, ...signBody(a.sha256, view.signer.name) },
      },
      201,
    );
    await ok(
      {
        method: 'POST',
        url: `${a.url}/signers/${a.us.id}/signature`,
        key: undefined,
        cookie: memberCookie,
        payload: signBody(a.sha256, 'A member'),
      },
      201,
    );
    const state = (await ok({ method: 'GET', url: `${a.url}/signing` })).json();
    expect(state).toMatchObject({ status: 'pending_signature', complete: true, signedPdf: false });
    expect(
      (
        await expectDenied(t, 409, { method: 'GET', url: `${a.url}/signed.pdf`, key: manager() })
      ).json().code,
    ).toBe('not_signed');
    // Once the requirement is waived and an admin records the move, the PDF is made on first download.
    const entry = (await ok({ method: 'GET', url: `${a.url}/requirements` })).json().items[0];
    await ok({
      method: 'PATCH',
      url: `${a.url}/requirements/${entry.id}`,
      headers: { 'if-match': `"${entry.version}"` },
      payload: { status: 'waived', reason: 'Reviewed on paper' },
    });
    const version = (await ok({ method: 'GET', url: a.url })).json().version;
    await ok({
      method: 'POST',
      url: `${a.url}/transitions`,
      key: world.a.members.admin.key,
      headers: { 'if-match': `"${version}"` },
      payload: { to: 'active' },
    });
    const pdf = await ok({ method: 'GET', url: `${a.url}/signed.pdf` });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the signed PDF', () => {
  itWithPoppler('is served as a signed attachment that pdfsig finds valid', async () => {
    const a = await pendingAgreement();
    const { token } = await sendLink(a);
    await ok(
      {
        method: 'POST',
        url: `${a.url}/signers/${a.us.id}/signature`,
        key: undefined,
        cookie: memberCookie,
        payload: signBody(a.sha256, 'A member'),
      },
      201,
    );
    const view = (
      await ok({ method: 'POST', url: '/api/v1/signing/view', payload: { token } })
    ).json();
    await ok(
      {
        method: 'POST',
        url: '/api/v1/signing/signature',
        payload: { token, ...signBody(a.sha256, view.signer.name) },
      },
      201,
    );
    const res = await ok({
      method: 'GET',
      url: `${a.url}/signed.pdf`,
      key: world.a.members.viewer.key,
    });
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="tandem-signed-deal-/,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const report = poppler('pdfsig', res.rawPayload);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    const words = poppler('pdftotext', res.rawPayload);
    expect(words).toContain('Signature certificate');
    expect(words).toContain(a.sha256);
    expect(words).toContain('through an emailed link');
    const again = await ok({ method: 'GET', url: `${a.url}/signed.pdf` });
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
    // Stored once, in the blob store, under a key the store made.
    const rows = (
      await t.database.sql(
        `SELECT blob_key, size FROM agreement_signed_documents WHERE agreement_id = '${a.id}'`,
      )
    ).rows as Array<{ blob_key: string; size: number }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.size).toBe(res.rawPayload.length);
    expect(await t.ctx.files.exists(rows[0]?.blob_key as never)).toBe(true);
  });
});
