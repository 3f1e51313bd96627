import { z } from 'zod';
import { uuid } from './ids';
import { cursorParam, limitParam, pageOf } from './pagination';

/** The kinds of record the portal shows, each logged when shown. */
export const disclosureRecordTypes = ['interaction', 'issue', 'agreement'] as const;
export const disclosureRecordType = z.enum(disclosureRecordTypes);
export type DisclosureRecordType = z.infer<typeof disclosureRecordType>;

/**
 * `list`: a row of a portal page; `record`: the record opened on its own in the portal;
 * `signing_link`: the agreement a signing link opened for the contact it was sent to.
 */
export const disclosureViews = ['list', 'record', 'signing_link'] as const;
export type DisclosureView = (typeof disclosureViews)[number];

/** One record shown to one person (a partner user, or a signer through their link), once. */
export const Disclosure = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    partnerUserId: z.uuid().nullable().describe('The partner user; null when a link showed it'),
    contactId: z
      .uuid()
      .nullable()
      .describe('The contact a signing link was sent to, when a link showed it'),
    personName: z.string().describe('The person, as named when it was shown'),
    personEmail: z.string(),
    recordType: disclosureRecordType,
    recordId: z.uuid(),
    recordVersion: z
      .number()
      .int()
      .describe("The record's version shown; its history tells what it said"),
    view: z.enum(disclosureViews),
    shownAt: z.iso.datetime(),
  })
  .meta({ id: 'Disclosure' });
export type Disclosure = z.infer<typeof Disclosure>;

export const DisclosurePage = pageOf(Disclosure).meta({ id: 'DisclosurePage' });
export type DisclosurePage = z.infer<typeof DisclosurePage>;

/** Newest first; each filter narrows to one partner, one record or one partner user. */
export const DisclosureListQuery = z
  .object({
    partnerId: uuid.optional(),
    recordId: uuid.optional(),
    partnerUserId: uuid.optional(),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type DisclosureListQuery = z.infer<typeof DisclosureListQuery>;
