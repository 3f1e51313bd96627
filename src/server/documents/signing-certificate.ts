import { createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
type Forge = typeof import('node-forge');
let loaded: Forge | undefined;

/** node-forge is loaded with the first signature, not at start, as pdfmake is. */
export function forge(): Forge {
  loaded ??= require('node-forge') as Forge;
  return loaded;
}

/** A certificate and its private key, both PEM: what a PDF is signed with. */
export interface SigningIdentity {
  certificatePem: string;
  privateKeyPem: string;
}

export interface MadeCertificate extends SigningIdentity {
  /** SHA-256 of the certificate's DER bytes, hex, what a person compares in a PDF reader. */
  fingerprint: string;
  notAfter: Date;
}

/** X.509 caps a common name at 64 characters; a longer workspace name is cut, not refused. */
const COMMON_NAME_MAX = 64;
const VALIDITY_YEARS = 10;

/** 3072-bit RSA: 2048 is the floor, and the certificate is meant to outlive 2030. */
const RSA_BITS = 3072;

const makeKeyPair = promisify(generateKeyPair);

/**
 * A self-signed certificate whose subject is the workspace, for signing its documents only (key
 * usage digitalSignature and nonRepudiation, not a CA). The key pair is made by Node's crypto,
 * off the event loop; node-forge only writes the certificate.
 */
export async function makeSigningCertificate(
  workspaceName: string,
  now: Date,
): Promise<MadeCertificate> {
  const { privateKey, publicKey } = await makeKeyPair('rsa', {
    modulusLength: RSA_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const { asn1, md, pki } = forge();
  const cert = pki.createCertificate();
  cert.publicKey = pki.publicKeyFromPem(publicKey);
  // A positive 127-bit serial: random, so two workspaces never share one.
  cert.serialNumber = `0${randomBytes(16).toString('hex').slice(1)}`;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  cert.validity.notBefore = now;
  cert.validity.notAfter = notAfter;
  const subject = [
    { name: 'commonName', value: workspaceName.trim().slice(0, COMMON_NAME_MAX) || 'Workspace' },
    { name: 'organizationalUnitName', value: 'Document signing (Tandem)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(pki.privateKeyFromPem(privateKey), md.sha256.create());
  const der = asn1.toDer(pki.certificateToAsn1(cert)).getBytes();
  return {
    certificatePem: pki.certificateToPem(cert),
    privateKeyPem: privateKey,
    fingerprint: createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex'),
    notAfter,
  };
}
