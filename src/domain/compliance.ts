import { z } from 'zod';
import {
  type AgreementStatus,
  type AgreementType,
  agreementStatus,
  agreementType,
} from './agreements';
import { uuid } from './ids';
import { messages } from './messages';
import { multiLineText, singleLineText } from './text';

/**
 * Compliance requirements (decision 053): per agreement type, a checklist of what must be in
 * place before an agreement goes further (an NDA, a DPA, a security review, an attestation).
 * This module holds the shapes the API reads and answers and the pure rules of what blocks a
 * move; the server keeps one row per agreement and applicable requirement.
 */

/** The statuses a requirement may block, in the order an agreement reaches them. */
export const blockableStatuses = ['pending_signature', 'active'] as const;
export const blockableStatus = z.enum(blockableStatuses);
export type BlockableStatus = z.infer<typeof blockableStatus>;

export const requirementStatuses = ['open', 'met', 'waived'] as const;
export const requirementStatus = z.enum(requirementStatuses);
export type RequirementStatus = z.infer<typeof requirementStatus>;

export const maxRequirementsPerWorkspace = 100;
const maxNote = 2000;

/** Another agreement of the same partner that meets the requirement by itself, checked live. */
export const SatisfiedBy = z
  .object({
    type: agreementType.describe('The type of the other agreement (an NDA)'),
    statuses: z
      .array(agreementStatus)
      .min(1, messages.required)
      .max(8)
      .refine((s) => new Set(s).size === s.length, messages.noRepeats)
      .describe('The statuses it must be in (`active`, `expiring`)'),
  })
  .strict()
  .meta({ id: 'RequirementSatisfiedBy' });
export type SatisfiedBy = z.infer<typeof SatisfiedBy>;

const typeList = z
  .array(agreementType)
  .min(1, messages.required)
  .max(10)
  .refine((t) => new Set(t).size === t.length, messages.noRepeats);

const fields = {
  title: singleLineText({ min: 1, max: 200 }).describe('What must be in place (“NDA signed”)'),
  description: multiLineText({ max: maxNote }).describe('Why, and what counts as evidence'),
  appliesTo: typeList.describe('The agreement types it applies to'),
  blocks: blockableStatus
    .nullable()
    .describe(
      'The status an agreement may not reach while it is open: `pending_signature` (which also holds back `active`), `active`, or null (a reminder only)',
    ),
  satisfiedBy: SatisfiedBy.nullable().describe(
    'Another agreement of the same partner that meets it by itself, or null',
  ),
};

export const ComplianceRequirementCreate = z
  .object({
    title: fields.title,
    description: fields.description.default(''),
    appliesTo: fields.appliesTo,
    blocks: fields.blocks.default(null),
    satisfiedBy: fields.satisfiedBy.default(null),
  })
  .strict()
  .meta({ id: 'ComplianceRequirementCreate' });
export type ComplianceRequirementCreate = z.infer<typeof ComplianceRequirementCreate>;
export type ComplianceRequirementCreateInput = z.input<typeof ComplianceRequirementCreate>;

export const ComplianceRequirementUpdate = z
  .object({
    title: fields.title.optional(),
    description: fields.description.optional(),
    appliesTo: fields.appliesTo.optional(),
    blocks: fields.blocks.optional(),
    satisfiedBy: fields.satisfiedBy.optional(),
    archived: z
      .boolean()
      .optional()
      .describe('`true` archives it (it no longer applies nor blocks); `false` restores it'),
  })
  .strict()
  .meta({ id: 'ComplianceRequirementUpdate' });
export type ComplianceRequirementUpdate = z.infer<typeof ComplianceRequirementUpdate>;

const timestamp = z.iso.datetime();

export const ComplianceRequirement = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    appliesTo: z.array(agreementType),
    blocks: blockableStatus.nullable(),
    satisfiedBy: SatisfiedBy.nullable(),
    archivedAt: timestamp.nullable().describe('When it was archived; null while in use'),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'ComplianceRequirement' });
export type ComplianceRequirement = z.infer<typeof ComplianceRequirement>;

export const ComplianceRequirementList = z
  .object({ items: z.array(ComplianceRequirement).describe('By title') })
  .meta({ id: 'ComplianceRequirementList' });
export type ComplianceRequirementList = z.infer<typeof ComplianceRequirementList>;

export const ComplianceRequirementListQuery = z
  .object({
    archived: z
      .enum(['false', 'true', 'any'])
      .default('false')
      .describe('`false` (default): requirements in use; `true`: archived ones; `any`: both'),
  })
  .strict();
export type ComplianceRequirementListQuery = z.infer<typeof ComplianceRequirementListQuery>;

/** Marking an agreement's requirement: met with evidence, waived with a reason, or open again. */
export const AgreementRequirementUpdate = z
  .object({
    status: requirementStatus,
    evidence: multiLineText({ min: 1, max: maxNote })
      .optional()
      .describe('What shows it is met (a document, a link, who confirmed it); required for `met`'),
    reason: multiLineText({ min: 1, max: maxNote })
      .optional()
      .describe('Why it does not apply this time; required for `waived`'),
  })
  .strict()
  .meta({ id: 'AgreementRequirementUpdate' });
export type AgreementRequirementUpdate = z.infer<typeof AgreementRequirementUpdate>;

/** The field a marking lacks or should not send, if any. */
export function requirementUpdateProblems(
  input: AgreementRequirementUpdate,
): { field: string; code: string; message: string }[] {
  const problems: { field: string; code: string; message: string }[] = [];
  if (input.status === 'met' && !input.evidence)
    problems.push({ field: 'evidence', code: 'required', message: messages.required });
  if (input.status === 'waived' && !input.reason)
    problems.push({ field: 'reason', code: 'required', message: messages.required });
  if (input.status !== 'met' && input.evidence !== undefined)
    problems.push({
      field: 'evidence',
      code: 'not_allowed',
      message: messages.evidenceOnlyWhenMet,
    });
  if (input.status !== 'waived' && input.reason !== undefined)
    problems.push({ field: 'reason', code: 'not_allowed', message: messages.reasonOnlyWhenWaived });
  return problems;
}

export const AgreementRequirement = z
  .object({
    id: z.uuid(),
    requirementId: z.uuid(),
    title: z.string(),
    description: z.string(),
    blocks: blockableStatus.nullable(),
    satisfiedBy: SatisfiedBy.nullable(),
    status: requirementStatus,
    evidence: z.string().nullable().describe('For `met`'),
    metAt: timestamp.nullable(),
    waivedReason: z.string().nullable().describe('For `waived`'),
    waivedByName: z.string().nullable().describe('Who waived it, as named when they did'),
    waivedAt: timestamp.nullable(),
    satisfiedByAgreementId: z
      .uuid()
      .nullable()
      .describe('An agreement of the same partner that meets it now (`satisfiedBy`), if any'),
    blocking: z
      .boolean()
      .describe('Whether it holds back the agreement’s next move towards `blocks` now'),
    version: z.number().int().describe('Send it back in If-Match to mark it'),
  })
  .meta({ id: 'AgreementRequirement' });
export type AgreementRequirement = z.infer<typeof AgreementRequirement>;

export const AgreementRequirementList = z
  .object({
    items: z.array(AgreementRequirement).describe('By title'),
    blockedMoves: z
      .array(
        z.object({
          to: blockableStatus,
          requirementIds: z.array(z.uuid()).describe('The open requirements that stop it'),
        }),
      )
      .describe('The moves that open requirements stop now, before anyone tries them'),
  })
  .meta({ id: 'AgreementRequirementList' });
export type AgreementRequirementList = z.infer<typeof AgreementRequirementList>;

/** One entry of an agreement's checklist, in the path. */
export const agreementRequirementParams = z.object({ id: uuid, requirementId: uuid });

/** Whether a requirement applies to an agreement of `type`. */
export function appliesToType(requirement: { appliesTo: readonly string[] }, type: AgreementType) {
  return requirement.appliesTo.includes(type);
}

/**
 * Whether a requirement that blocks `blocks` stops a move to `to`: one that blocks
 * `pending_signature` also holds back `active`, which comes after it.
 */
export function blocksMove(blocks: BlockableStatus | null, to: AgreementStatus): boolean {
  if (blocks === null) return false;
  const target = (blockableStatuses as readonly string[]).indexOf(to);
  return target >= 0 && target >= blockableStatuses.indexOf(blocks);
}

/** The other agreement of the partner that meets `satisfiedBy` now, if any. */
export function satisfyingAgreement<T extends { id: string; type: string; status: string }>(
  satisfiedBy: SatisfiedBy | null,
  partnerAgreements: readonly T[],
  selfId: string,
): T | null {
  if (!satisfiedBy) return null;
  return (
    partnerAgreements.find(
      (a) =>
        a.id !== selfId &&
        a.type === satisfiedBy.type &&
        (satisfiedBy.statuses as readonly string[]).includes(a.status),
    ) ?? null
  );
}

/** An agreement's requirement as the guard reads it. */
export type RequirementState = {
  id: string;
  title: string;
  blocks: BlockableStatus | null;
  status: RequirementStatus;
  /** Met live by another agreement of the partner (`satisfiedBy`). */
  satisfied: boolean;
};

/** Whether a requirement still holds anything back: open and not met by another agreement. */
export function isOutstanding(requirement: RequirementState): boolean {
  return requirement.status === 'open' && !requirement.satisfied;
}

/** The requirements that stop a move to `to`, by title: empty when the move may go ahead. */
export function blockingRequirements<T extends RequirementState>(
  requirements: readonly T[],
  to: AgreementStatus,
): T[] {
  return requirements
    .filter((r) => isOutstanding(r) && blocksMove(r.blocks, to))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** The default checklist of a new workspace (and of those made before requirements). */
export const defaultRequirements: readonly ComplianceRequirementCreate[] = [
  {
    title: 'NDA in place',
    description:
      'A signed non-disclosure agreement with the partner before terms are shared for signature. Met by an active NDA with the same partner.',
    appliesTo: ['reseller', 'referral', 'technology', 'co_marketing', 'joint_venture'],
    blocks: 'pending_signature',
    satisfiedBy: { type: 'nda', statuses: ['active', 'expiring'] },
  },
  {
    title: 'Data processing agreement',
    description:
      'A DPA with the partner before personal data is shared under this agreement. Met by an active DPA with the same partner.',
    appliesTo: ['technology', 'joint_venture'],
    blocks: 'active',
    satisfiedBy: { type: 'dpa', statuses: ['active', 'expiring'] },
  },
  {
    title: 'Security review',
    description:
      'Our security team has reviewed the partner’s product and practices. Evidence: the review’s reference.',
    appliesTo: ['technology'],
    blocks: 'pending_signature',
    satisfiedBy: null,
  },
  {
    title: 'Anti-bribery attestation',
    description:
      'The partner has attested to our anti-bribery and corruption policy. Evidence: the signed attestation.',
    appliesTo: ['reseller', 'referral', 'joint_venture'],
    blocks: 'active',
    satisfiedBy: null,
  },
];
