import { z } from 'zod';
import { AgreementSigner } from './agreement-signers';
import { agreementStatus } from './agreement-status';
import { uuid } from './ids';
import { messages } from './messages';
import { CurrencyCode } from './money';
import { cursorParam, limitParam, multiParam, pageOf } from './pagination';
import { singleLineText } from './text';

/**
 * Agreements (decision 048): a contract with a partner, from its draft through negotiation and
 * signature to its end. This module holds the shapes the API reads and answers; the status
 * machine and the signers live in their own modules and are re-exported here.
 */

export * from './agreement-signers';
export * from './agreement-status';

export const agreementTypes = [
  'nda',
  'reseller',
  'referral',
  'technology',
  'co_marketing',
  'joint_venture',
  'mou',
  'dpa',
  'sow',
  'other',
] as const;
export const agreementType = z.enum(agreementTypes);
export type AgreementType = z.infer<typeof agreementType>;

/** A calendar date, `YYYY-MM-DD`, never shifted by time zones. */
const dateOnly = z.iso.date({ message: messages.date });
/** The largest amount: beyond it a JavaScript number loses whole minor units. */
export const maxAgreementValue = Number.MAX_SAFE_INTEGER;
export const maxRenewalTermMonths = 120;
export const maxNoticeDays = 3650;

const terms = {
  title: singleLineText({ min: 1, max: 200 }).describe('What the agreement is called'),
  ownerId: uuid.nullable().describe('The member who owns it on our side, if any'),
  parentId: uuid
    .nullable()
    .describe('The master agreement it falls under (an SOW under a reseller agreement), if any'),
  effectiveOn: dateOnly.nullable().describe('The day it takes effect, YYYY-MM-DD'),
  endOn: dateOnly.nullable().describe('The day it ends, YYYY-MM-DD; not before `effectiveOn`'),
  autoRenew: z.boolean().describe('Whether it renews by itself for `renewalTermMonths`'),
  renewalTermMonths: z
    .number()
    .int()
    .min(1)
    .max(maxRenewalTermMonths)
    .nullable()
    .describe('How long each renewal lasts, in months; required when `autoRenew`'),
  noticeDays: z
    .number()
    .int()
    .min(0)
    .max(maxNoticeDays)
    .nullable()
    .describe('Days of notice before the end date to end or renegotiate it'),
  value: z
    .number()
    .int()
    .min(0)
    .max(maxAgreementValue)
    .nullable()
    .describe('What it is worth, in minor units of `currency` (cents for EUR, yen for JPY)'),
  currency: CurrencyCode.nullable().describe('ISO 4217 code of `value`; required with a value'),
  governingLaw: singleLineText({ min: 1, max: 200 })
    .nullable()
    .describe('The law that governs it, such as “England and Wales”'),
};

/** A new agreement, status `draft`. */
export const AgreementCreate = z
  .object({
    partnerId: uuid,
    type: agreementType,
    title: terms.title,
    ownerId: terms.ownerId.default(null),
    parentId: terms.parentId.default(null),
    effectiveOn: terms.effectiveOn.default(null),
    endOn: terms.endOn.default(null),
    autoRenew: terms.autoRenew.default(false),
    renewalTermMonths: terms.renewalTermMonths.default(null),
    noticeDays: terms.noticeDays.default(null),
    value: terms.value.default(null),
    currency: terms.currency.default(null),
    governingLaw: terms.governingLaw.default(null),
    templateId: uuid
      .nullable()
      .default(null)
      .describe('An agreement template whose filled text becomes version 1 (decision 050)'),
  })
  .strict()
  .meta({ id: 'AgreementCreate' });
export type AgreementCreate = z.infer<typeof AgreementCreate>;
export type AgreementCreateInput = z.input<typeof AgreementCreate>;

/** A change to an agreement: the fields sent change, the others stay. */
export const AgreementUpdate = z
  .object({
    type: agreementType.optional(),
    title: terms.title.optional(),
    ownerId: terms.ownerId.optional(),
    parentId: terms.parentId.optional(),
    effectiveOn: terms.effectiveOn.optional(),
    endOn: terms.endOn.optional(),
    autoRenew: terms.autoRenew.optional(),
    renewalTermMonths: terms.renewalTermMonths.optional(),
    noticeDays: terms.noticeDays.optional(),
    value: terms.value.optional(),
    currency: terms.currency.optional(),
    governingLaw: terms.governingLaw.optional(),
  })
  .strict()
  .meta({ id: 'AgreementUpdate' });
export type AgreementUpdate = z.infer<typeof AgreementUpdate>;
export type AgreementUpdateInput = z.input<typeof AgreementUpdate>;

/** The fields that stay editable once the terms are settled (pending signature, in force). */
export const alwaysEditable = ['title', 'ownerId'] as const satisfies (keyof AgreementUpdate)[];

/** The terms as the rules between fields read them. */
export type AgreementTerms = Pick<
  AgreementCreate,
  'effectiveOn' | 'endOn' | 'autoRenew' | 'renewalTermMonths' | 'value' | 'currency'
>;

/** A rule between fields that the terms break, naming the field to fix. */
export type TermsProblem = { field: keyof AgreementTerms; code: string; message: string };

/**
 * The rules between fields: the end is not before the start, a value has a currency (and a
 * currency a value), and an agreement that renews by itself says for how long.
 */
export function termsProblems(terms: AgreementTerms): TermsProblem[] {
  const problems: TermsProblem[] = [];
  if (terms.effectiveOn && terms.endOn && terms.endOn < terms.effectiveOn)
    problems.push({
      field: 'endOn',
      code: 'end_before_effective',
      message: messages.endBeforeStart,
    });
  if (terms.value !== null && terms.currency === null)
    problems.push({ field: 'currency', code: 'required', message: messages.currency });
  if (terms.value === null && terms.currency !== null)
    problems.push({ field: 'value', code: 'required', message: messages.valueForCurrency });
  if (terms.autoRenew && terms.renewalTermMonths === null)
    problems.push({ field: 'renewalTermMonths', code: 'required', message: messages.required });
  return problems;
}

export const renewalDecisions = ['renew', 'renegotiate', 'terminate'] as const;
export type RenewalDecision = (typeof renewalDecisions)[number];

/**
 * A decision on an agreement in force (decision 054): renew it into its next term on the same
 * terms, start a draft for the next term to renegotiate, or terminate it with a reason.
 */
export const AgreementRenewal = z
  .discriminatedUnion('decision', [
    z
      .object({
        decision: z.literal('renew'),
        termMonths: z
          .number()
          .int()
          .min(1)
          .max(maxRenewalTermMonths)
          .optional()
          .describe('Months of the next term; the agreement’s renewal term when left out'),
      })
      .strict(),
    z
      .object({
        decision: z.literal('renegotiate'),
        termMonths: z
          .number()
          .int()
          .min(1)
          .max(maxRenewalTermMonths)
          .optional()
          .describe('Months of the next term; the agreement’s renewal term when left out'),
      })
      .strict(),
    z
      .object({
        decision: z.literal('terminate'),
        reason: singleLineText({ min: 1, max: 1000 }).describe('Why it ends, for its history'),
      })
      .strict(),
  ])
  .meta({ id: 'AgreementRenewal' });
export type AgreementRenewal = z.infer<typeof AgreementRenewal>;

const timestamp = z.iso.datetime();

export const Agreement = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    type: agreementType,
    title: z.string(),
    status: agreementStatus,
    ownerId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    parentId: z.uuid().nullable(),
    parentTitle: z.string().nullable(),
    effectiveOn: z.string().nullable().describe('YYYY-MM-DD'),
    endOn: z.string().nullable().describe('YYYY-MM-DD'),
    autoRenew: z.boolean(),
    renewalTermMonths: z.number().int().nullable(),
    noticeDays: z.number().int().nullable(),
    value: z.number().int().nullable().describe('In minor units of `currency`'),
    currency: z.string().nullable(),
    governingLaw: z.string().nullable(),
    renewedFromId: z
      .uuid()
      .nullable()
      .describe('The agreement this one renews or renegotiates, if any'),
    signers: z.array(AgreementSigner).describe('Our side first, then the partner’s'),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof Agreement>;

export const AgreementRenewalResult = z
  .object({
    agreement: Agreement.describe('The agreement decided on, as it is now'),
    next: z
      .lazy(() => Agreement)
      .nullable()
      .describe('Its next term (renew: active; renegotiate: a draft); null when terminated'),
  })
  .meta({ id: 'AgreementRenewalResult' });
export type AgreementRenewalResult = z.infer<typeof AgreementRenewalResult>;

export const AgreementPage = pageOf(Agreement).meta({ id: 'AgreementPage' });
export type AgreementPage = z.infer<typeof AgreementPage>;

export const agreementSorts = [
  'createdAt',
  '-createdAt',
  'endOn',
  '-endOn',
  'title',
  '-title',
] as const;
export const agreementSort = z.enum(agreementSorts);
export type AgreementSort = z.infer<typeof agreementSort>;

const amount = z.coerce.number().int().min(0).max(maxAgreementValue).optional();

/** The agreements list's query; filters that take several values match any of them. */
export const AgreementListQuery = z
  .object({
    partnerId: multiParam(uuid),
    ownerId: multiParam(uuid),
    status: multiParam(agreementStatus),
    type: multiParam(agreementType),
    currency: multiParam(z.string().regex(/^[A-Z]{3}$/, messages.currency)),
    endFrom: dateOnly.optional().describe('Ends on or after this day, YYYY-MM-DD'),
    endTo: dateOnly.optional().describe('Ends on or before this day, YYYY-MM-DD'),
    valueMin: amount.describe('Worth at least this, in minor units (use with `currency`)'),
    valueMax: amount.describe('Worth at most this, in minor units (use with `currency`)'),
    sort: agreementSort.default('-createdAt'),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type AgreementListQuery = z.infer<typeof AgreementListQuery>;
