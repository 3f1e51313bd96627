import { beforeAll, describe, expect, it } from 'vitest';
import { itWithPoppler, pageCount, poppler } from '../../../test/poppler';
import { signPdf } from './sign-pdf';
import { bodySha256, renderSignedAgreement, utc } from './signed-agreement';
import { sampleSignedAgreement } from './signed-pdf.fixture';
import { forge, type MadeCertificate, makeSigningCertificate } from './signing-certificate';
import { versionHash } from './version-hash';

const input = sampleSignedAgreement(2);
let identity: MadeCertificate;
let signed: Buffer;

/** The signed byte range: `[a b c d]` covers a..a+b and c..c+d, the signature sits between. */
function byteRange(pdf: Buffer): [number, number, number, number] {
  const match = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(pdf.toString('latin1'));
  if (!match) throw new Error('no byte range');
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

beforeAll(async () => {
  identity = await makeSigningCertificate('Northwind Traders', new Date('2026-12-06T09:00:00Z'));
  const pdf = await renderSignedAgreement(input);
  signed = await signPdf(pdf, identity, {
    name: input.workspace,
    reason: 'Signed by all parties',
    signingTime: input.generatedAt,
  });
});

describe('the workspace certificate', () => {
  it('is self-signed for the workspace, RSA of 3072 bits, for signing only, for ten years', () => {
    const { pki } = forge();
    const cert = pki.certificateFromPem(identity.certificatePem);
    expect(cert.subject.getField('CN').value).toBe('Northwind Traders');
    expect(cert.issuer.getField('CN').value).toBe('Northwind Traders');
    expect(cert.verify(cert)).toBe(true);
    expect((cert.publicKey as { n: { bitLength(): number } }).n.bitLength()).toBe(3072);
    expect(cert.getExtension('keyUsage')).toMatchObject({
      digitalSignature: true,
      nonRepudiation: true,
      keyCertSign: false,
    });
    expect(cert.getExtension('basicConstraints')).toMatchObject({ cA: false });
    expect(cert.validity.notAfter.toISOString()).toBe('2036-12-06T09:00:00.000Z');
    expect(identity.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cuts a name longer than X.509 allows instead of refusing it', async () => {
    const made = await makeSigningCertificate('N'.repeat(200), new Date());
    const cert = forge().pki.certificateFromPem(made.certificatePem);
    expect(cert.subject.getField('CN').value).toHaveLength(64);
  });
});

describe('the signed agreement PDF', () => {
  itWithPoppler('is reported valid and whole by pdfsig', () => {
    const report = poppler('pdfsig', signed);
    expect(report).toContain('Signer Certificate Common Name: Northwind Traders');
    expect(report).toContain('Signing Hash Algorithm: SHA-256');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    // Self-signed: the signature holds, but no one vouches for the certificate until trusted.
    expect(report).toContain('Certificate issuer is unknown');
  });

  itWithPoppler('is reported changed when one signed byte is flipped', () => {
    const [, before, after] = byteRange(signed);
    for (const at of [Math.floor(before / 2), after + 10]) {
      const altered = Buffer.from(signed);
      altered[at] = (altered[at] ?? 0) ^ 0x01;
      const report = poppler('pdfsig', altered);
      expect(report).not.toContain('Signature is Valid');
    }
  });

  itWithPoppler('is reported not whole when bytes are added after signing', () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    const report = poppler('pdfsig', appended);
    expect(report).not.toContain('Total document signed');
  });

  itWithPoppler('shows the text, then a certificate page with signers, hash and trail', () => {
    const text = poppler('pdftotext', signed);
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    const first = pages[0] ?? '';
    expect(first).toContain('Reseller agreement 2027');
    expect(first).toContain('Acme (Europe) Ltd');
    expect(first).toContain('Clause 1');
    const certificate = pages.slice(pages.findIndex((p) => p.includes('Signature certificate')));
    const page = certificate.join('\n');
    expect(page).toContain('Dana Whitfield');
    expect(page).toContain('Jörg Ångström');
    expect(page).toContain('Head of Legal');
    expect(page).toContain(utc(input.signers[0]?.signedAt ?? new Date()));
    expect(page).toContain('203.0.113.7');
    expect(page).toContain('2001:db8::42');
    expect(page).toContain('Firefox/133.0');
    expect(page).toContain(input.version.sha256);
    expect(page).toContain('Agreement became active');
    expect(pageCount(signed)).toBe(pages.length);
  });

  it('refuses a version whose hash is not that of its text', () => {
    const wrong = { ...input.version, sha256: bodySha256('something else') };
    expect(() => renderSignedAgreement({ ...input, version: wrong })).toThrow(/SHA-256/);
  });

  it('takes a version with files by the hash of its manifest, and refuses the text hash alone', async () => {
    const files = [{ fileName: 'Price list.xlsx', size: 1234, sha256: 'ab'.repeat(32) }];
    const withFiles = { ...input.version, files };
    const text = { ...withFiles, sha256: bodySha256(input.version.body) };
    expect(() => renderSignedAgreement({ ...input, version: text })).toThrow(/SHA-256/);
    const manifest = { ...withFiles, sha256: versionHash(withFiles) };
    const pdf = await renderSignedAgreement({ ...input, version: manifest });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
