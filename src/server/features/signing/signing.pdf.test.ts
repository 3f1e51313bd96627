import { createHash } from 'node:crypto';
import { describe, expect } from 'vitest';
import { itWithPoppler, poppler } from '../../../../test/poppler';
import { signBody, signingWorld } from '../../../../test/signing';

const { state, ok, pending, sendLink, signAsMember } = signingWorld();

describe('the signed PDF', () => {
  itWithPoppler('is served as a signed attachment that pdfsig finds valid', async () => {
    const a = await pending();
    const { token } = await sendLink(a);
    await signAsMember(a);
    const view = { method: 'POST', url: '/api/v1/signing/view', payload: { token } };
    const name = (await ok(view)).json().signer.name;
    await ok(
      {
        method: 'POST',
        url: '/api/v1/signing/signature',
        payload: { token, ...signBody(a.sha256, name) },
      },
      201,
    );
    const res = await ok({
      method: 'GET',
      url: `${a.url}/signed.pdf`,
      key: state.world.a.members.viewer.key,
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
      await state.t.database.sql(
        `SELECT blob_key, size FROM agreement_signed_documents WHERE agreement_id = '${a.id}'`,
      )
    ).rows as Array<{ blob_key: string; size: number }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.size).toBe(res.rawPayload.length);
    expect(await state.t.ctx.files.exists(rows[0]?.blob_key as never)).toBe(true);
  });

  itWithPoppler(
    'is made for a version with files, listing each file the fingerprint covers',
    async () => {
      const schedule = Buffer.from('Schedule A: prices for the northern region\n');
      const a = await pending({ files: [{ name: 'Schedule A.txt', bytes: schedule }] });
      const { token } = await sendLink(a);
      await signAsMember(a);
      const view = { method: 'POST', url: '/api/v1/signing/view', payload: { token } };
      const name = (await ok(view)).json().signer.name;
      const signature = { token, ...signBody(a.sha256, name) };
      await ok({ method: 'POST', url: '/api/v1/signing/signature', payload: signature }, 201);
      const res = await ok({ method: 'GET', url: `${a.url}/signed.pdf` });
      expect(poppler('pdfsig', res.rawPayload)).toContain('Signature is Valid.');
      const words = poppler('pdftotext', res.rawPayload);
      expect(words).toContain(a.sha256);
      expect(words).toContain('Schedule A.txt');
      expect(words).toContain(createHash('sha256').update(schedule).digest('hex'));
    },
  );
});
