import { z } from 'zod';
import { uuid } from './ids';
import { messages } from './messages';
import { cursorParam, limitParam, multiParam, pageOf, searchParam } from './pagination';
import { multiLineText, singleLineText } from './text';

export const contactRoles = [
  'champion',
  'executive_sponsor',
  'technical',
  'sales',
  'marketing',
  'legal',
  'finance',
  'other',
] as const;
export const contactRole = z.enum(contactRoles);
export type ContactRole = z.infer<typeof contactRole>;

/** An email address, trimmed and lower-cased so one address is one contact search key. */
export const contactEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: messages.email }))
  .meta({ format: 'email', maxLength: 254 });

/** Digits with the usual separators and an optional extension: `+49 (30) 123-456 x12`. */
export const contactPhone = z
  .string()
  .trim()
  .min(3)
  .max(50)
  .regex(/^\+?[0-9 ().\-/]+((x|ext\.?)\s*[0-9]+)?$/i, messages.phone);

const contactFields = {
  firstName: singleLineText({ min: 1, max: 100 }),
  lastName: singleLineText({ min: 1, max: 100 }),
  title: singleLineText({ max: 200 }).nullable().optional(),
  email: contactEmail.nullable().optional(),
  phone: contactPhone.nullable().optional(),
  partnerId: uuid,
  role: contactRole,
  notes: multiLineText({ max: 10_000 }).nullable().optional(),
};

/** A new contact. `role` defaults to `other`. */
export const ContactCreate = z
  .object({ ...contactFields, role: contactFields.role.default('other') })
  .strict()
  .meta({ id: 'ContactCreate' });
export type ContactCreate = z.infer<typeof ContactCreate>;
export type ContactCreateInput = z.input<typeof ContactCreate>;

/** A change to a contact: only the fields given change; `null` clears an optional field. */
export const ContactUpdate = z
  .object({
    firstName: contactFields.firstName.optional(),
    lastName: contactFields.lastName.optional(),
    title: contactFields.title,
    email: contactFields.email,
    phone: contactFields.phone,
    partnerId: contactFields.partnerId.optional(),
    role: contactFields.role.optional(),
    notes: contactFields.notes,
  })
  .strict()
  .meta({ id: 'ContactUpdate' });
export type ContactUpdate = z.infer<typeof ContactUpdate>;
export type ContactUpdateInput = z.input<typeof ContactUpdate>;

const timestamp = z.iso.datetime();

/** A contact as the API returns it, with its partner's name for lists. */
export const Contact = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    role: contactRole,
    notes: z.string().nullable(),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;

export const ContactPage = pageOf(Contact).meta({ id: 'ContactPage' });
export type ContactPage = z.infer<typeof ContactPage>;

export const contactSorts = ['lastName', '-lastName', 'createdAt', '-createdAt'] as const;
export const contactSort = z.enum(contactSorts);
export type ContactSort = z.infer<typeof contactSort>;

/** The contact list's query; filters take several values (`?role=a&role=b`) and match any. */
export const ContactListQuery = z
  .object({
    q: searchParam,
    partnerId: multiParam(uuid),
    role: multiParam(contactRole),
    sort: contactSort.default('lastName'),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type ContactListQuery = z.infer<typeof ContactListQuery>;
