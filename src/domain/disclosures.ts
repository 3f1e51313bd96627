import { z } from 'zod';
import { uuid } from './ids';
import { cursorParam, limitParam, pageOf } from './pagination';

/** The kinds of record the portal shows, each logged when shown. */
export const disclosureRecordTypes = ['interaction', 'issue'] as const;
export const disclosureRecordType = z.enum(disclosureRecordTypes);
export type DisclosureRecordType = z.infer<typeof disclosureRecordType>;

/** `list`: a row of a portal page; `record`: the record opened on its own. */
export const disclosureViews = ['list', 'record'] as const;
export type DisclosureView = (typeof disclosureViews)[number];

/** One record shown to one partner user, once. */
export const Disclosure = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    partnerUserId: z.uuid(),
    personName: z.string().describe('The partner user, as named when it was shown'),
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
