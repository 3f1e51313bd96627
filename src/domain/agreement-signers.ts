import { z } from 'zod';
import { uuid } from './ids';
import { singleLineText } from './text';

/** The people who sign an agreement: members on our side, the partner's contacts on theirs. */

export const signerSides = ['us', 'partner'] as const;
export const signerSide = z.enum(signerSides);
export type SignerSide = z.infer<typeof signerSide>;

/** A signer to add: a member for our side, a contact of the agreement's partner for theirs. */
export const AgreementSignerCreate = z
  .object({
    side: signerSide.describe('`us` (a member signs) or `partner` (a contact of the partner)'),
    memberId: uuid.nullable().default(null).describe('The member who signs; for side `us`'),
    contactId: uuid
      .nullable()
      .default(null)
      .describe('The contact of the agreement’s partner who signs; for side `partner`'),
    role: singleLineText({ min: 1, max: 200 }).describe(
      'Their role or title as the agreement names it (“CEO”, “Head of Legal”)',
    ),
  })
  .strict()
  .meta({ id: 'AgreementSignerCreate' });
export type AgreementSignerCreate = z.infer<typeof AgreementSignerCreate>;
export type AgreementSignerCreateInput = z.input<typeof AgreementSignerCreate>;

const timestamp = z.iso.datetime();

export const AgreementSigner = z
  .object({
    id: z.uuid(),
    side: signerSide,
    memberId: z.uuid().nullable().describe('Null when the member has left'),
    contactId: z.uuid().nullable().describe('Null when the contact was deleted'),
    name: z.string().describe('Their name when they were added'),
    role: z.string(),
    createdAt: timestamp,
  })
  .meta({ id: 'AgreementSigner' });
export type AgreementSigner = z.infer<typeof AgreementSigner>;

export const AgreementSignerList = z
  .object({ items: z.array(AgreementSigner).describe('Our side first, then the partner’s') })
  .meta({ id: 'AgreementSignerList' });
export type AgreementSignerList = z.infer<typeof AgreementSignerList>;

/** A signer of an agreement, in the path. */
export const agreementSignerParams = z.object({ id: uuid, signerId: uuid });
