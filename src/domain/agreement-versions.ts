import { z } from 'zod';
import { type AgreementStatus, termsEditable } from './agreements';
import { uuid } from './ids';
import { redlineOps } from './redline';

/**
 * The versions of an agreement's text and their redlines (decision 050): Markdown drafts
 * numbered 1..n; only the latest changes, and only until it is frozen (sent for signature).
 */

export const maxVersionBody = 200_000;

/** Versions are made and changed while the terms are open: a draft or in negotiation. */
export function versionsEditable(status: AgreementStatus): boolean {
  return termsEditable(status);
}

const body = z
  .string()
  .max(maxVersionBody)
  .describe('The agreement’s text in Markdown, up to 200 000 characters');

export const AgreementVersionCreate = z
  .object({
    body: body.optional().describe('The text; without it, the latest version’s text is copied'),
  })
  .strict()
  .meta({ id: 'AgreementVersionCreate' });
export type AgreementVersionCreate = z.infer<typeof AgreementVersionCreate>;

export const AgreementVersionUpdate = z
  .object({ body })
  .strict()
  .meta({ id: 'AgreementVersionUpdate' });
export type AgreementVersionUpdate = z.infer<typeof AgreementVersionUpdate>;

const timestamp = z.iso.datetime();

const versionFields = {
  id: z.uuid().describe('The version’s own id: comments on it name it as their `subjectId`'),
  agreementId: z.uuid(),
  number: z.number().int().min(1).describe('1 for the first draft, then 2, 3…'),
  createdById: z.uuid().nullable().describe('The member who made it; null for a key or Tandem'),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  frozenAt: timestamp.nullable().describe('When it was sent for signature; its text is fixed'),
  sha256: z
    .string()
    .nullable()
    .describe('SHA-256 of the frozen text’s UTF-8 bytes, lowercase hex; null until frozen'),
  length: z.number().int().describe('Characters in the text'),
};

export const AgreementVersionSummary = z
  .object(versionFields)
  .meta({ id: 'AgreementVersionSummary' });
export type AgreementVersionSummary = z.infer<typeof AgreementVersionSummary>;

export const AgreementVersion = z
  .object({ ...versionFields, body: z.string().describe('Markdown') })
  .meta({ id: 'AgreementVersion' });
export type AgreementVersion = z.infer<typeof AgreementVersion>;

export const AgreementVersionList = z
  .object({
    items: z.array(AgreementVersionSummary).describe('Oldest first; the last is the latest'),
  })
  .meta({ id: 'AgreementVersionList' });
export type AgreementVersionList = z.infer<typeof AgreementVersionList>;

export const agreementVersionParams = z.object({
  id: uuid,
  number: z.coerce.number().int().min(1).max(100_000),
});

export const RedlineQuery = z
  .object({
    from: z.coerce.number().int().min(1).max(100_000).describe('The older version’s number'),
    to: z.coerce.number().int().min(1).max(100_000).describe('The newer version’s number'),
  })
  .strict();
export type RedlineQuery = z.infer<typeof RedlineQuery>;

export const Redline = z
  .object({
    agreementId: z.uuid(),
    from: z.number().int(),
    to: z.number().int(),
    parts: z
      .array(z.object({ op: z.enum(redlineOps), text: z.string() }))
      .describe('In reading order: same + insert is the `to` text, same + delete the `from` text'),
    inserted: z.number().int().describe('Words inserted'),
    deleted: z.number().int().describe('Words deleted'),
  })
  .meta({ id: 'Redline' });
export type Redline = z.infer<typeof Redline>;
