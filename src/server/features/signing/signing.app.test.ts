import { describe, expect, it } from 'vitest';
import { seedPartnerUser, signIn } from '../../../../test/factories';
import { signBody, signingWorld } from '../../../../test/signing';

const { state, send, ok, refused, pending, actions } = signingWorld();

describe('signing an agreement in the app', () => {
  it('lets our signer sign, once, for the text they saw, with their name', async () => {
    const a = await pending();
    const url = `${a.url}/signers/${a.us.id}/signature`;
    const name = 'A member';
    const as = (cookie: string, body: object) =>
      ({ method: 'POST', url, cookie, payload: body }) as const;
    const member = () => state.memberCookie;
    // Someone else, an API key, or the partner signer's id: refused, nothing changed.
    await refused(403, 'not_the_signer', as(state.adminCookie, signBody(a.sha256, name)));
    await refused(403, 'not_the_signer', {
      method: 'POST',
      url,
      key: state.world.a.members.member.key,
      payload: signBody(a.sha256, name),
    });
    await refused(403, 'not_the_signer', {
      ...as(member(), signBody(a.sha256, 'Pat Partner1')),
      url: `${a.url}/signers/${a.them.id}/signature`,
    });
    await refused(409, 'document_changed', as(member(), signBody('0'.repeat(64), name)), 'sha256');
    await refused(
      422,
      'typed_name_mismatch',
      as(member(), signBody(a.sha256, 'Someone Else')),
      'typedName',
    );
    const unconfirmed = { ...signBody(a.sha256, name), authorityConfirmed: false };
    await refused(400, 'validation_failed', as(member(), unconfirmed), 'authorityConfirmed');
    const signed = await send({
      ...as(member(), signBody(a.sha256, '  a   MEMBER ')),
      headers: { 'user-agent': 'Vitest browser/1.0' },
      remoteAddress: '203.0.113.9',
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const signing = signed.json();
    expect(signing.status).toBe('pending_signature');
    expect(signing.complete).toBe(false);
    expect(signing.signers[0].signature).toMatchObject({
      typedName: 'a   MEMBER',
      sha256: a.sha256,
      versionNumber: 1,
      channel: 'app',
      ipAddress: '203.0.113.9',
      userAgent: 'Vitest browser/1.0',
    });
    await refused(409, 'already_signed', as(member(), signBody(a.sha256, name)));
    expect(await actions(a.id)).toContain('agreement.signed');
    const timeline = await state.t.database.sql(
      `SELECT summary FROM timeline_entries WHERE subject_id = '${a.id}' ORDER BY id DESC LIMIT 1`,
    );
    expect((timeline.rows[0] as { summary: object }).summary).toMatchObject({
      event: 'signed',
      signer: name,
      side: 'us',
    });
  });

  it('keeps other workspaces, partner users and agreements out', async () => {
    const { world } = state;
    const a = await pending({ partnerIndex: 1 });
    const bCookie = await signIn(state.t.app, world.b.members.member.email, undefined, '10.0.0.3');
    const body = signBody(a.sha256, 'A member');
    const sign = (signerId: string, auth: { cookie: string }) =>
      ({
        method: 'POST',
        url: `${a.url}/signers/${signerId}/signature`,
        payload: body,
        ...auth,
      }) as const;
    const bKey = world.b.members.admin.key;
    await refused(404, 'not_found', sign(a.us.id, { cookie: bCookie }));
    await refused(404, 'not_found', { method: 'GET', url: `${a.url}/signing`, key: bKey });
    await refused(404, 'not_found', {
      method: 'POST',
      url: `${a.url}/signers/${a.them.id}/signing-link`,
      key: world.b.members.manager.key,
      payload: {},
    });
    await refused(404, 'not_found', { method: 'GET', url: `${a.url}/signed.pdf`, key: bKey });
    // A signer of another agreement (of the other partner) named under this one: 404.
    const other = await pending();
    await refused(404, 'not_found', sign(other.us.id, { cookie: state.memberCookie }));
    // Partner users have no internal agreement access at all: the internal routes are not theirs.
    const pu = await seedPartnerUser(
      state.t.database,
      world.a,
      world.a.partners[1],
      'partner_admin',
    );
    const puCookie = await signIn(state.t.app, pu.email, pu.password, '10.0.0.4');
    await refused(404, 'not_found', { method: 'GET', url: `${a.url}/signing`, cookie: puCookie });
    await refused(404, 'not_found', sign(a.us.id, { cookie: puCookie }));
    // Members send no links: managers and admins do.
    await refused(403, 'forbidden', {
      method: 'POST',
      url: `${a.url}/signers/${a.them.id}/signing-link`,
      key: world.a.members.member.key,
      payload: {},
    });
  });

  it('refuses signatures and the signed PDF outside pending signature', async () => {
    const payload = { partnerId: state.world.a.partners[0], type: 'reseller', title: 'Draft' };
    const agreement = (
      await ok({ method: 'POST', url: '/api/v1/agreements', payload }, 201)
    ).json();
    const url = `/api/v1/agreements/${agreement.id}`;
    const withSigner = (
      await ok({
        method: 'POST',
        url: `${url}/signers`,
        headers: { 'if-match': '"1"' },
        payload: { side: 'us', memberId: state.world.a.members.member.memberId, role: 'COO' },
      })
    ).json();
    await refused(409, 'not_pending_signature', {
      method: 'POST',
      url: `${url}/signers/${withSigner.signers[0].id}/signature`,
      cookie: state.memberCookie,
      payload: signBody('a'.repeat(64), 'A member'),
    });
    await refused(409, 'not_signed', {
      method: 'GET',
      url: `${url}/signed.pdf`,
      key: state.world.a.members.manager.key,
    });
  });
});
