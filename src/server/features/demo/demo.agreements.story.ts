import type { AgreementStatus, AgreementType } from '../../../domain/agreements';
import { agreementTypeLabels } from '../../../domain/clauses';
import { fillDocument, type TemplateValues } from '../../../domain/contract-text';
import { demoClauses, demoTemplates } from './demo.library';

/**
 * What a believable demo agreement holds at each point of its life (decisions 060 and 064), in
 * one place for both sets: the small set fills it in here row by row, the large set turns it
 * into lookup tables that its set-based statements join.
 */

/** How far an agreement has come: its checklist is met up to there. */
export const stageOf: Record<AgreementStatus, number> = {
  draft: 0,
  in_negotiation: 1,
  pending_signature: 2,
  active: 3,
  expiring: 3,
  expired: 3,
  terminated: 3,
  renewed: 3,
};
const blockStage = { pending_signature: 2, active: 3 } as const;

/** The clauses of a type's demo template, or a general set for the types without one. */
function clausesFor(type: AgreementType): string[] {
  const template = demoTemplates.find((t) => t.agreementType === type);
  if (template) return template.clauses;
  return type === 'technology'
    ? ['parties', 'term', 'fees', 'confidentiality', 'data', 'law']
    : ['parties', 'term', 'fees', 'confidentiality', 'law'];
}

/**
 * Version 1 as a template makes it: the demo library's clauses filled with `values` by the same
 * pure code as the template preview. A clause whose variables the agreement leaves empty (no
 * value, no end date) is left out rather than filled with a blank.
 */
export function templateText(
  values: TemplateValues,
  a: { title: string; type: AgreementType; renews: boolean },
): string {
  const parts = clausesFor(a.type).flatMap((key) => {
    const clause = demoClauses.find((c) => c.key === key);
    if (!clause) return [];
    const text = key === 'term' && !a.renews ? clause.fallbackPositions[0] : clause.text;
    return text ? [{ id: key, title: clause.title, text }] : [];
  });
  const usable = parts.filter((part) => fillDocument('', [part], values).ok);
  const filled = fillDocument(a.title, usable, values);
  if (!filled.ok) throw new Error(`demo agreement text for ${a.title} does not fill`);
  return filled.text;
}

/** Version 2: the partner's redlines, a fallback position taken and a clause added. */
export function redlined(text: string): string {
  const confidentiality = demoClauses.find((c) => c.key === 'confidentiality');
  return `${text
    .replace(confidentiality?.text ?? '\u0000', confidentiality?.fallbackPositions[0] ?? '')
    .replace(
      'payable within 30 days',
      'payable within 45 days',
    )}\n\n## Notices\n\nNotices go by email to each party’s signer named in this agreement.\n`;
}

/** A third round, when there is one: our counsel's answer to the redlines, a clause more. */
export function settled(text: string): string {
  return `${text}\n## Order of precedence\n\nWhere a statement of work and this agreement differ, this agreement prevails.\n`;
}

/** Where the demo's signatures come from: documentation addresses (RFC 5737), one browser. */
export const signatureTrail = {
  us: { channel: 'app', ipAddress: '192.0.2.10' },
  partner: { channel: 'link', ipAddress: '198.51.100.24' },
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36',
} as const;

type Requirement = {
  title: string;
  blocks: string | null;
  satisfiedBy: { type: AgreementType } | null;
};

export const waivedReason =
  'Reviewed under the previous term; a new review is booked for the renewal.';

/**
 * A checklist entry's state for an agreement in `status`: met (with evidence) as far as the
 * status needs, an expiring agreement's own review (one no other agreement satisfies) waived for
 * the old term, the rest open.
 */
export function checklistMark(requirement: Requirement, status: AgreementStatus) {
  const needed = requirement.blocks ? blockStage[requirement.blocks as keyof typeof blockStage] : 3;
  if (stageOf[status] < needed) return 'open' as const;
  if (status === 'expiring' && requirement.blocks && !requirement.satisfiedBy)
    return 'waived' as const;
  return 'met' as const;
}

/** The evidence a met entry carries: the other agreement on file, or who confirmed it when. */
export function evidenceOf(
  requirement: Requirement,
  partnerName: string,
  ownerName: string,
  day: string,
): string {
  return requirement.satisfiedBy
    ? `${agreementTypeLabels[requirement.satisfiedBy.type]} with ${partnerName} signed and on file.`
    : `${requirement.title}: confirmed by ${ownerName} on ${day}.`;
}

/** Obligations of the agreements in force or ended, by status and type: what each side owes. */
export const obligationSpecs: Array<{
  status: AgreementStatus;
  type: AgreementType;
  description: string;
  party: 'us' | 'partner' | 'both';
  /** A recurring one's rule (from the effective date); else due so many days from today. */
  rrule?: string;
  dueDays?: number;
  done?: string;
}> = [
  {
    status: 'active',
    type: 'technology',
    description: 'Deliver the integration test plan',
    party: 'us',
    dueDays: -12,
  },
  {
    status: 'active',
    type: 'technology',
    description: 'Monthly uptime report',
    party: 'partner',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
  },
  {
    status: 'active',
    type: 'sow',
    description: 'Milestone 1: integration accepted',
    party: 'both',
    dueDays: -30,
    done: 'Accepted at the steering meeting; minutes on file.',
  },
  {
    status: 'active',
    type: 'reseller',
    description: 'Quarterly sales report',
    party: 'partner',
    rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1',
  },
  {
    status: 'active',
    type: 'reseller',
    description: 'Joint business plan for the new term',
    party: 'both',
    dueDays: 30,
  },
  {
    status: 'active',
    type: 'referral',
    description: 'Pay the referral fees earned',
    party: 'us',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
  },
  {
    status: 'expiring',
    type: 'co_marketing',
    description: 'Run the joint webinar',
    party: 'both',
    dueDays: -60,
    done: 'Held with 140 attendees; recording shared.',
  },
  {
    status: 'expiring',
    type: 'technology',
    description: 'Quarterly security attestation',
    party: 'partner',
    rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1',
  },
  {
    status: 'expired',
    type: 'mou',
    description: 'Final report on the pilot',
    party: 'both',
    dueDays: -70,
    done: 'Report received and filed.',
  },
  {
    status: 'terminated',
    type: 'dpa',
    description: 'Return or delete the personal data',
    party: 'partner',
    dueDays: -20,
    done: 'Deletion certificate received.',
  },
];
