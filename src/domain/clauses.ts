import { z } from 'zod';
import { type AgreementType, agreementType } from './agreements';
import { inspectText } from './contract-text';
import { uuid } from './ids';
import { messages } from './messages';
import { cursorParam, limitParam, pageOf } from './pagination';
import { multiLineText, singleLineText } from './text';

/** How each type reads in a contract (`{{agreement.type}}`) and on screen. */
export const agreementTypeLabels: Record<AgreementType, string> = {
  nda: 'Non-disclosure agreement',
  reseller: 'Reseller agreement',
  referral: 'Referral agreement',
  technology: 'Technology partnership agreement',
  co_marketing: 'Co-marketing agreement',
  joint_venture: 'Joint venture agreement',
  mou: 'Memorandum of understanding',
  dpa: 'Data processing agreement',
  sow: 'Statement of work',
  other: 'Agreement',
};

export const MAX_FALLBACK_POSITIONS = 10;
export const MAX_TEMPLATE_CLAUSES = 100;

/** Contract text with `{{variables}}`: every tag must be a plain, known variable. */
const contractText = (max: number, min = 1) =>
  multiLineText({ min, max }).superRefine((text, ctx) => {
    for (const problem of inspectText(text).problems)
      ctx.addIssue({ code: 'custom', message: problem.message });
  });
const clauseTitle = singleLineText({ min: 1, max: 200 }).superRefine((text, ctx) => {
  for (const problem of inspectText(text).problems)
    ctx.addIssue({ code: 'custom', message: problem.message });
});
const timestamp = z.iso.datetime();

const clauseFields = {
  title: clauseTitle,
  text: contractText(50_000).describe(
    'Markdown with `{{variables}}` from the documented set; no sections, partials or unescaped tags',
  ),
  category: singleLineText({ min: 1, max: 100 }).describe('Free text: Confidentiality, Term…'),
  fallbackPositions: z
    .array(contractText(50_000))
    .max(MAX_FALLBACK_POSITIONS, messages.maxItems(MAX_FALLBACK_POSITIONS))
    .describe('Alternative texts to fall back to in negotiation, most preferred first'),
};

export const ClauseCreate = z
  .object({ ...clauseFields, fallbackPositions: clauseFields.fallbackPositions.default([]) })
  .strict()
  .meta({ id: 'ClauseCreate' });
export type ClauseCreate = z.infer<typeof ClauseCreate>;
export type ClauseCreateInput = z.input<typeof ClauseCreate>;

export const ClauseUpdate = z
  .object({
    title: clauseFields.title.optional(),
    text: clauseFields.text.optional(),
    category: clauseFields.category.optional(),
    fallbackPositions: clauseFields.fallbackPositions.optional(),
  })
  .strict()
  .meta({ id: 'ClauseUpdate' });
export type ClauseUpdate = z.infer<typeof ClauseUpdate>;

export const Clause = z
  .object({
    id: z.uuid(),
    title: z.string(),
    text: z.string(),
    category: z.string(),
    fallbackPositions: z.array(z.string()),
    variables: z.array(z.string()).describe('The variables the title, text and fallbacks use'),
    archivedAt: timestamp.nullable().describe('When archived; null while in the library'),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Clause' });
export type Clause = z.infer<typeof Clause>;

export const ClausePage = pageOf(Clause).meta({ id: 'ClausePage' });
export type ClausePage = z.infer<typeof ClausePage>;

const archivedParam = z
  .enum(['false', 'true', 'any'])
  .default('false')
  .describe('`false` (default): in use; `true`: archived; `any`: both');

export const ClauseListQuery = z
  .object({
    archived: archivedParam,
    category: singleLineText({ max: 100 }).optional().describe('Exact category, ignoring case'),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type ClauseListQuery = z.infer<typeof ClauseListQuery>;

const clauseIds = z
  .array(uuid)
  .max(MAX_TEMPLATE_CLAUSES, messages.maxItems(MAX_TEMPLATE_CLAUSES))
  .describe('The clauses in the order the agreement shows them; a clause may appear once');

export const AgreementTemplateCreate = z
  .object({
    name: singleLineText({ min: 1, max: 200 }),
    agreementType,
    clauseIds: clauseIds.default([]),
  })
  .strict()
  .meta({ id: 'AgreementTemplateCreate' });
export type AgreementTemplateCreate = z.infer<typeof AgreementTemplateCreate>;
export type AgreementTemplateCreateInput = z.input<typeof AgreementTemplateCreate>;

export const AgreementTemplateUpdate = z
  .object({
    name: singleLineText({ min: 1, max: 200 }).optional(),
    agreementType: agreementType.optional(),
    clauseIds: clauseIds.optional(),
  })
  .strict()
  .meta({ id: 'AgreementTemplateUpdate' });
export type AgreementTemplateUpdate = z.infer<typeof AgreementTemplateUpdate>;

export const TemplateClauseRef = z
  .object({
    id: z.uuid(),
    title: z.string(),
    category: z.string(),
    archived: z.boolean(),
  })
  .meta({ id: 'TemplateClauseRef' });

export const AgreementTemplate = z
  .object({
    id: z.uuid(),
    name: z.string(),
    agreementType,
    clauses: z.array(TemplateClauseRef).describe('In order'),
    archivedAt: timestamp.nullable(),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'AgreementTemplate' });
export type AgreementTemplate = z.infer<typeof AgreementTemplate>;

export const AgreementTemplatePage = pageOf(AgreementTemplate).meta({
  id: 'AgreementTemplatePage',
});
export type AgreementTemplatePage = z.infer<typeof AgreementTemplatePage>;

export const AgreementTemplateListQuery = z
  .object({
    archived: archivedParam,
    agreementType: agreementType.optional(),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type AgreementTemplateListQuery = z.infer<typeof AgreementTemplateListQuery>;

const calendarDate = z.iso.date();

/** The agreement's fields a preview fills the template with; any may be missing. */
export const TemplatePreviewRequest = z
  .object({
    partnerId: uuid,
    title: singleLineText({ max: 200 }).optional(),
    effectiveDate: calendarDate.optional(),
    endDate: calendarDate.optional(),
    noticePeriodDays: z.number().int().min(0).max(3650).optional(),
    renewalTermMonths: z.number().int().min(1).max(120).optional(),
    value: z
      .object({
        amount: z.number().int().min(0).describe('In minor units (cents)'),
        currency: z.string().regex(/^[A-Z]{3}$/, 'Three capital letters, such as EUR'),
      })
      .strict()
      .optional(),
    governingLaw: singleLineText({ max: 200 }).optional(),
  })
  .strict()
  .meta({ id: 'TemplatePreviewRequest' });
export type TemplatePreviewRequest = z.infer<typeof TemplatePreviewRequest>;

export const TemplatePreview = z
  .object({
    text: z.string().describe('The filled agreement in Markdown'),
    variables: z.array(z.string()).describe('The variables it used'),
  })
  .meta({ id: 'TemplatePreview' });
export type TemplatePreview = z.infer<typeof TemplatePreview>;
