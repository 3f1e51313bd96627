import { z } from 'zod';
import { type AgreementStatus, agreementType, signerSide } from '../agreements';
import { AttachmentKind } from '../attachments';
import { cursorParam, limitParam, multiParam, pageOf } from '../pagination';

/**
 * An agreement is shared with its partner by being sent for signature: from `pending_signature`
 * on, never while it is a draft or in negotiation (decision 063).
 */
export const sharedAgreementStatuses = [
  'pending_signature',
  'active',
  'expiring',
  'expired',
  'terminated',
  'renewed',
] as const satisfies readonly AgreementStatus[];
export const sharedAgreementStatus = z.enum(sharedAgreementStatuses);

/** An agreement as a partner user sees it: what it is and where it stands, no internal fields. */
export const PortalAgreement = z
  .object({
    id: z.uuid(),
    title: z.string(),
    type: agreementType,
    status: sharedAgreementStatus,
    effectiveOn: z.string().nullable().describe('YYYY-MM-DD'),
    endOn: z.string().nullable().describe('YYYY-MM-DD'),
    governingLaw: z.string().nullable(),
    awaitingYourSignature: z
      .boolean()
      .describe('Waiting for a signature of a signer who is the caller, on the text sent now'),
  })
  .meta({ id: 'PortalAgreement' });
export type PortalAgreement = z.infer<typeof PortalAgreement>;

export const PortalAgreementPage = pageOf(PortalAgreement).meta({ id: 'PortalAgreementPage' });
export type PortalAgreementPage = z.infer<typeof PortalAgreementPage>;

/** Newest first; `status` takes several of the shared statuses. */
export const PortalAgreementListQuery = z
  .object({
    status: multiParam(sharedAgreementStatus),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type PortalAgreementListQuery = z.infer<typeof PortalAgreementListQuery>;

export const PortalAgreementFile = z
  .object({
    id: z.uuid(),
    fileName: z.string().describe('Display text only'),
    kind: AttachmentKind,
    mediaType: z.string(),
    size: z.number().int().describe('Bytes'),
    sha256: z.string(),
  })
  .meta({ id: 'PortalAgreementFile' });
export type PortalAgreementFile = z.infer<typeof PortalAgreementFile>;

export const PortalAgreementSigner = z
  .object({
    id: z.uuid(),
    side: signerSide,
    name: z.string(),
    role: z.string(),
    signedAt: z.iso.datetime().nullable().describe('When they signed the frozen text, or null'),
    you: z
      .boolean()
      .describe(
        'Whether this signer is the caller: a partner signer whose contact has their email',
      ),
  })
  .meta({ id: 'PortalAgreementSigner' });
export type PortalAgreementSigner = z.infer<typeof PortalAgreementSigner>;

/** One agreement opened: the frozen text sent for signature, its files, who signs, the signed PDF. */
export const PortalAgreementDetail = PortalAgreement.extend({
  version: z
    .object({
      number: z.number().int(),
      body: z.string().describe('Markdown; render it without raw HTML'),
      sha256: z.string().describe('Send it back when signing'),
      frozenAt: z.iso.datetime(),
      files: z.array(PortalAgreementFile),
    })
    .nullable()
    .describe('The version sent for signature; null for an agreement made active without one'),
  signers: z.array(PortalAgreementSigner).describe('Our side first, then the partner’s'),
  signedPdf: z.boolean().describe('Whether the signed PDF can be downloaded'),
}).meta({ id: 'PortalAgreementDetail' });
export type PortalAgreementDetail = z.infer<typeof PortalAgreementDetail>;
