import type { AgreementType } from '../../../domain/agreements';
import type { ClauseCreate } from '../../../domain/clauses';
import type { Scope } from '../../access/scope';
import type { TxContext } from '../../context';
import { createClause } from '../clauses/clauses.service';
import { createTemplate } from '../clauses/templates.service';

/** The demo's clause library: a few common clauses, most with fallback positions. */
export const demoClauses: Array<ClauseCreate & { key: string }> = [
  {
    key: 'parties',
    title: 'Parties',
    category: 'General',
    text: 'This {{agreement.type}} is made between {{workspace.name}} and {{partner.name}} ({{partner.domain}}).',
    fallbackPositions: [],
  },
  {
    key: 'term',
    title: 'Term and renewal',
    category: 'Term',
    text: 'This agreement takes effect on {{agreement.effective_date}} and ends on {{agreement.end_date}}. It renews for {{agreement.renewal_term_months}} months at a time unless either party gives notice by {{agreement.notice_deadline}}.',
    fallbackPositions: [
      'This agreement takes effect on {{agreement.effective_date}} and ends on {{agreement.end_date}}, without renewal.',
    ],
  },
  {
    key: 'confidentiality',
    title: 'Confidentiality',
    category: 'Confidentiality',
    text: 'Each party keeps the other’s confidential information secret for **five years** after this agreement ends and uses it only for the partnership.',
    fallbackPositions: [
      'Each party keeps the other’s confidential information secret for three years after this agreement ends.',
      'Each party keeps the other’s confidential information secret for two years after disclosure.',
    ],
  },
  {
    key: 'fees',
    title: 'Fees and payment',
    category: 'Commercial',
    text: 'The committed value of this agreement is {{agreement.value}}. Invoices are payable within 30 days.',
    fallbackPositions: [
      'Invoices are payable within 45 days.',
      'Invoices are payable within 60 days.',
    ],
  },
  {
    key: 'data',
    title: 'Data protection',
    category: 'Data protection',
    text: '{{partner.name}} processes personal data only on the documented instructions of {{workspace.name}} and assists with data subjects’ requests.',
    fallbackPositions: [],
  },
  {
    key: 'law',
    title: 'Governing law',
    category: 'Legal',
    text: 'This agreement is governed by the law of {{agreement.governing_law}}.',
    fallbackPositions: ['This agreement is governed by the law of the defendant’s country.'],
  },
];

/** Templates made of those clauses, in order. */
export const demoTemplates: Array<{
  name: string;
  agreementType: AgreementType;
  clauses: string[];
}> = [
  {
    name: 'Mutual NDA',
    agreementType: 'nda',
    clauses: ['parties', 'confidentiality', 'term', 'law'],
  },
  {
    name: 'Reseller agreement',
    agreementType: 'reseller',
    clauses: ['parties', 'term', 'fees', 'confidentiality', 'law'],
  },
  {
    name: 'Data processing agreement',
    agreementType: 'dpa',
    clauses: ['parties', 'data', 'term', 'law'],
  },
];

/** Writes the demo's clause library and templates through their service, audit events included. */
export async function importDemoLibrary(ctx: TxContext, scope: Scope): Promise<void> {
  const ids = new Map<string, string>();
  for (const { key, ...clause } of demoClauses)
    ids.set(key, (await createClause(ctx, scope, clause)).id);
  for (const template of demoTemplates)
    await createTemplate(ctx, scope, {
      name: template.name,
      agreementType: template.agreementType,
      clauseIds: template.clauses.map((key) => ids.get(key) ?? ''),
    });
}
