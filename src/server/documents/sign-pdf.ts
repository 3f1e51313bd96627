import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { forge, type SigningIdentity } from './signing-certificate';

const require = createRequire(import.meta.url);
type Placeholder = typeof import('@signpdf/placeholder-plain');
type SignPdfModule = typeof import('@signpdf/signpdf');
type P12Module = typeof import('@signpdf/signer-p12');

/** What the signature says about itself, shown by a PDF reader's signature panel. */
export interface SignatureDetails {
  /** Who signs: the workspace's name, as in its certificate. */
  name: string;
  reason: string;
  /** The time written into the signature and its dictionary. */
  signingTime: Date;
  contactInfo?: string;
  location?: string;
}

/**
 * The key and certificate as a PKCS#12 in memory, the form the signer takes. The bundle never
 * leaves the process and the key is already here in the clear, so its encryption guards nothing:
 * one key-derivation round instead of 2 048 saves 0.4 s of pure-JS hashing per signature.
 */
function pkcs12Of(identity: SigningIdentity): { p12: Buffer; passphrase: string } {
  const { asn1, pkcs12, pki } = forge();
  const passphrase = randomBytes(18).toString('base64url');
  const bundle = pkcs12.toPkcs12Asn1(
    pki.privateKeyFromPem(identity.privateKeyPem),
    [pki.certificateFromPem(identity.certificatePem)],
    passphrase,
    { algorithm: 'aes256', count: 1 },
  );
  return { p12: Buffer.from(asn1.toDer(bundle).getBytes(), 'binary'), passphrase };
}

/**
 * Signs a PDF (PKCS#7 detached, SHA-256, decision 051): an incremental update adds an invisible
 * signature field whose byte range covers the whole file but the signature itself, so any reader
 * can tell the bytes have not changed since. The PDF must have a classic cross-reference table,
 * as pdfmake writes.
 */
export async function signPdf(
  pdf: Buffer,
  identity: SigningIdentity,
  details: SignatureDetails,
): Promise<Buffer> {
  const { plainAddPlaceholder } = require('@signpdf/placeholder-plain') as Placeholder;
  const signpdf = (require('@signpdf/signpdf') as SignPdfModule).default;
  const { P12Signer } = require('@signpdf/signer-p12') as P12Module;
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    name: details.name,
    reason: details.reason,
    contactInfo: details.contactInfo ?? '',
    location: details.location ?? '',
    signingTime: details.signingTime,
    appName: 'Tandem',
  });
  const { p12, passphrase } = pkcs12Of(identity);
  return signpdf.sign(withPlaceholder, new P12Signer(p12, { passphrase }), details.signingTime);
}
