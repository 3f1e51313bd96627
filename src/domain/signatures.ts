import { z } from 'zod';
import { agreementStatus, agreementType, signerSide } from './agreements';
import { singleLineText } from './text';

/**
 * Click-to-sign (decision 056): what a signer sends, what a signature records, the state of
 * an agreement's signing, and the public signing view a partner signer reads through a link.
 */

/** How long a signing link works unless the sender says otherwise. */
export const SIGNING_LINK_DEFAULT_DAYS = 7;
export const SIGNING_LINK_MAX_DAYS = 30;

const timestamp = z.iso.datetime();
const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/i, 'A SHA-256 in hex (64 digits)')
  .transform((hex) => hex.toLowerCase());

/**
 * A typed name matches the signer's when they read the same with case and spacing set aside:
 * `jane  SMITH` signs for Jane Smith, `J. Smith` does not.
 */
export function sameTypedName(typed: string, name: string): boolean {
  const norm = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(typed) === norm(name);
}

const signFields = {
  sha256: sha256Hex.describe(
    'The SHA-256 of the frozen text the signer was shown; another one is 409 `document_changed`',
  ),
  typedName: singleLineText({ min: 1, max: 200 }).describe(
    'The signer’s name as they type it; it must be the signer’s name (case and spacing aside)',
  ),
  authorityConfirmed: z
    .literal(true)
    .describe('The signer confirms they are authorised to sign for their side'),
};

export const AgreementSignatureCreate = z
  .object(signFields)
  .strict()
  .meta({ id: 'AgreementSignatureCreate' });
export type AgreementSignatureCreate = z.infer<typeof AgreementSignatureCreate>;

export const signingChannel = z.enum(['app', 'link', 'portal']);

export const AgreementSignature = z
  .object({
    id: z.uuid(),
    signerId: z.uuid(),
    versionNumber: z.number().int(),
    sha256: z.string().describe('The SHA-256 of the text signed'),
    typedName: z.string(),
    channel: signingChannel.describe(
      '`app`: signed in Tandem; `link`: through an emailed link; `portal`: in the partner portal',
    ),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    signedAt: timestamp,
  })
  .meta({ id: 'AgreementSignature' });
export type AgreementSignature = z.infer<typeof AgreementSignature>;

export const signingLinkStates = ['not_sent', 'sent', 'expired', 'used'] as const;
export const signingLinkState = z.enum(signingLinkStates);
export type SigningLinkState = z.infer<typeof signingLinkState>;

export const SigningSigner = z
  .object({
    id: z.uuid(),
    side: signerSide,
    memberId: z.uuid().nullable(),
    contactId: z.uuid().nullable(),
    name: z.string(),
    role: z.string(),
    signature: AgreementSignature.nullable().describe(
      'Their signature of the frozen text, or null',
    ),
    link: z
      .object({
        state: signingLinkState,
        email: z.string().nullable(),
        sentAt: timestamp.nullable(),
        expiresAt: timestamp.nullable(),
      })
      .nullable()
      .describe('Partner signers: the latest emailed link and its state; null for our side'),
  })
  .meta({ id: 'SigningSigner' });
export type SigningSigner = z.infer<typeof SigningSigner>;

export const AgreementSigning = z
  .object({
    agreementId: z.uuid(),
    status: agreementStatus,
    version: z
      .object({ number: z.number().int(), sha256: z.string(), frozenAt: timestamp })
      .nullable()
      .describe('The version sent for signature; null before it is sent'),
    signers: z.array(SigningSigner).describe('Our side first, then the partner’s'),
    complete: z.boolean().describe('Whether every signer has signed the frozen text'),
    signedPdf: z.boolean().describe('Whether the signed PDF can be downloaded'),
  })
  .meta({ id: 'AgreementSigning' });
export type AgreementSigning = z.infer<typeof AgreementSigning>;

export const SigningLinkCreate = z
  .object({
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(SIGNING_LINK_MAX_DAYS)
      .default(SIGNING_LINK_DEFAULT_DAYS)
      .describe(`Days the link works; ${SIGNING_LINK_DEFAULT_DAYS} unless given`),
  })
  .strict()
  .meta({ id: 'SigningLinkCreate' });
export type SigningLinkCreate = z.infer<typeof SigningLinkCreate>;

export const SigningLinkSent = z
  .object({
    signerId: z.uuid(),
    email: z.string(),
    expiresAt: timestamp,
    mailed: z.boolean().describe('False when the server has no SMTP: hand over `signingUrl`'),
    signingUrl: z
      .string()
      .optional()
      .describe('The link itself, only when it was not mailed; shown this once'),
  })
  .meta({ id: 'SigningLinkSent' });
export type SigningLinkSent = z.infer<typeof SigningLinkSent>;

const token = z.string().min(1).max(200).describe('The token of the signing link');

export const SigningViewRequest = z.object({ token }).strict().meta({ id: 'SigningViewRequest' });

export const PublicSignatureCreate = z
  .object({ token, ...signFields })
  .strict()
  .meta({ id: 'PublicSignatureCreate' });
export type PublicSignatureCreate = z.infer<typeof PublicSignatureCreate>;

/** What a partner signer sees through their link: that one agreement, nothing else. */
export const SigningView = z
  .object({
    workspace: z.string(),
    partner: z.string(),
    title: z.string(),
    type: agreementType,
    effectiveOn: z.string().nullable(),
    endOn: z.string().nullable(),
    governingLaw: z.string().nullable(),
    version: z.object({
      number: z.number().int(),
      body: z.string().describe('The frozen text, Markdown'),
      sha256: z.string(),
      frozenAt: timestamp,
    }),
    signer: z.object({ name: z.string(), role: z.string(), signedAt: timestamp.nullable() }),
    signers: z.array(
      z.object({
        side: signerSide,
        name: z.string(),
        role: z.string(),
        signedAt: timestamp.nullable(),
      }),
    ),
    expiresAt: timestamp,
  })
  .meta({ id: 'SigningView' });
export type SigningView = z.infer<typeof SigningView>;
