import { describe, expect, it } from 'vitest';
import { agreementText, signBody, signingWorld } from '../../../../test/signing';

const { state, send, ok, refused, pending, sendLink, signAsMember, actions } = signingWorld();

const view = (token: string) => ({
  method: 'POST',
  url: '/api/v1/signing/view',
  payload: { token },
});
const sign = (token: string, sha256: string, name: string) => ({
  method: 'POST',
  url: '/api/v1/signing/signature',
  payload: { token, ...signBody(sha256, name) },
});

describe('signing links', () => {
  it('sends a single-use link that reads only its agreement and signs it; the last signature activates it', async () => {
    const a = await pending();
    const ours = await pending();
    const first = await sendLink(a);
    expect(first.sent).toMatchObject({ email: a.email, mailed: false });
    expect(first.token).toMatch(/^[0-9a-f]{32}_/);
    // Stored hashed only.
    // The secret is base64url and may itself hold '_', so it is taken by position after the hint.
    const [hint, secret] = [first.token.slice(0, 32), first.token.slice(33)];
    const stored = await state.t.database.sql('SELECT token_hash FROM agreement_signing_links');
    expect(JSON.stringify(stored.rows)).not.toContain(secret);
    // Re-sending revokes the first link.
    const second = await sendLink(a);
    await refused(410, 'signing_link_revoked', view(first.token), 'token');
    const forged = `${hint}_${'x'.repeat(43)}`;
    await refused(404, 'signing_link_invalid', view(forged));
    // The view: this agreement only.
    const shown = (await ok({ ...view(second.token), key: undefined })).json();
    expect(shown).toMatchObject({
      title: expect.stringMatching(/^Deal /),
      partner: 'A Partner One',
      version: { number: 1, body: agreementText, sha256: a.sha256 },
      signer: { role: 'CEO', signedAt: null },
    });
    expect(JSON.stringify(shown)).not.toContain(ours.id);
    expect(JSON.stringify(shown)).not.toContain(a.id);
    const signing = (await ok({ method: 'GET', url: `${a.url}/signing` })).json();
    expect(signing.signers[1].link).toMatchObject({ state: 'sent', email: a.email });
    // Our side signs first; then the partner signer through the link.
    await signAsMember(a);
    const name = shown.signer.name as string;
    await refused(422, 'typed_name_mismatch', sign(second.token, a.sha256, 'Mallory'));
    const signed = await send({
      ...sign(second.token, a.sha256, name),
      headers: { 'user-agent': 'Partner browser' },
      remoteAddress: '198.51.100.7',
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().signer.signedAt).not.toBeNull();
    await refused(410, 'signing_link_used', sign(second.token, a.sha256, name));
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
    const actors = await state.t.database.sql(
      `SELECT actor_name FROM audit_events WHERE entity_id = '${a.id}' AND action = 'agreement.signed' ORDER BY id`,
    );
    expect(actors.rows).toEqual([{ actor_name: 'A member' }, { actor_name: 'signing-link' }]);
  });

  it('logs what a link showed in the disclosure log, named by the contact it was sent to', async () => {
    const a = await pending({ partnerIndex: 1 });
    const { token } = await sendLink(a);
    await state.t.database.sql('DELETE FROM disclosures');
    const shown = (await ok({ ...view(token), key: undefined })).json();
    await ok({ ...sign(token, a.sha256, shown.signer.name), key: undefined }, 201);
    const rows = (
      await state.t.database.sql(
        'SELECT partner_id, partner_user_id, contact_id, person_name, person_email, record_type, record_id, view FROM disclosures ORDER BY id',
      )
    ).rows;
    const row = {
      partner_id: state.world.a.partners[1],
      partner_user_id: null,
      contact_id: a.them.contactId,
      person_name: shown.signer.name,
      person_email: a.email,
      record_type: 'agreement',
      record_id: a.id,
      view: 'signing_link',
    };
    // Once read, once answered after signing.
    expect(rows).toEqual([row, row]);
    const log = (
      await ok({
        method: 'GET',
        url: `/api/v1/disclosures?recordId=${a.id}`,
        key: state.world.a.members.admin.key,
      })
    ).json();
    expect(log.items[0]).toMatchObject({
      partnerUserId: null,
      contactId: a.them.contactId,
      personEmail: a.email,
      view: 'signing_link',
    });
    // A refused link shows nothing, so it logs nothing.
    await refused(410, 'signing_link_used', view(token));
  });

  it('refuses an expired link and a link of an agreement sent back to negotiation', async () => {
    const a = await pending({ partnerIndex: 1 });
    const { token } = await sendLink(a);
    await state.t.database.sql(
      `UPDATE agreement_signing_links SET expires_at = now() - interval '1 minute' WHERE agreement_id = '${a.id}'`,
    );
    await refused(410, 'signing_link_expired', sign(token, a.sha256, 'Pat Partner'));
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
    await refused(409, 'signing_closed', view(fresh.token));
  });

  it('records the last signature but leaves the agreement pending while a blocking requirement is open', async () => {
    const admin = state.world.a.members.admin.key;
    await ok(
      {
        method: 'POST',
        url: '/api/v1/compliance-requirements',
        key: admin,
        payload: { title: 'Security review', appliesTo: ['technology'], blocks: 'active' },
      },
      201,
    );
    const a = await pending({ type: 'technology' });
    const { token } = await sendLink(a);
    const shown = (await ok(view(token))).json();
    await ok(sign(token, a.sha256, shown.signer.name), 201);
    await signAsMember(a);
    const signing = (await ok({ method: 'GET', url: `${a.url}/signing` })).json();
    expect(signing).toMatchObject({
      status: 'pending_signature',
      complete: true,
      signedPdf: false,
    });
    await refused(409, 'not_signed', {
      method: 'GET',
      url: `${a.url}/signed.pdf`,
      key: state.world.a.members.manager.key,
    });
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
      key: admin,
      headers: { 'if-match': `"${version}"` },
      payload: { to: 'active' },
    });
    const pdf = await ok({ method: 'GET', url: `${a.url}/signed.pdf` });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
