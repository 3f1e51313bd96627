import type { AgreementStatus, AgreementType } from '../../../domain/agreements';
import type { Scope } from '../../access/scope';
import type { Tx } from '../../db/client';
import { newId } from '../../ids';
import { importAgreements } from '../agreements/agreements.import';
import { currencyOf } from './demo.plans';

type Partner = { id: string; name: string; country: string | null };
type Contact = { id: string; partnerId: string; firstName: string; lastName: string };
type Member = { memberId: string; name: string; role: string };

/**
 * The small demo's agreements: every status, at the first ten partners, with dates that fit the
 * status and renewals coming up within 30, 60 and 90 days. The renewed one is the previous term
 * of the active agreement at the same partner.
 */
const specs: Array<{
  status: AgreementStatus;
  type: AgreementType;
  title: string;
  /** Which of the first partners it is with. */
  partner: number;
  /** Months from today to the start and the end (the first of the month)… */
  start: number;
  end: number | null;
  /** …or days from today to the end, for the ones close to it. */
  endDays?: number;
  noticeDays?: number;
  value: number | null;
}> = [
  { status: 'draft', type: 'nda', title: 'Mutual NDA', partner: 0, start: 1, end: 25, value: null },
  {
    status: 'in_negotiation',
    type: 'reseller',
    title: 'Reseller agreement',
    partner: 1,
    start: 2,
    end: 26,
    value: 24_000_000,
  },
  {
    status: 'pending_signature',
    type: 'referral',
    title: 'Referral agreement',
    partner: 2,
    start: 1,
    end: 13,
    value: 5_000_000,
  },
  {
    status: 'active',
    type: 'technology',
    title: 'Technology partnership',
    partner: 3,
    start: -10,
    end: 14,
    value: 12_000_000,
  },
  {
    status: 'expiring',
    type: 'co_marketing',
    title: 'Co-marketing agreement',
    partner: 4,
    start: -11,
    end: null,
    endDays: 45,
    value: 3_000_000,
  },
  {
    status: 'expired',
    type: 'mou',
    title: 'Memorandum of understanding',
    partner: 5,
    start: -24,
    end: -2,
    value: null,
  },
  {
    status: 'terminated',
    type: 'dpa',
    title: 'Data processing agreement',
    partner: 6,
    start: -18,
    end: 6,
    value: null,
  },
  {
    status: 'renewed',
    type: 'reseller',
    title: 'Reseller agreement (previous term)',
    partner: 7,
    start: -24,
    end: -1,
    value: 18_000_000,
  },
  {
    status: 'active',
    type: 'reseller',
    title: 'Reseller agreement',
    partner: 7,
    start: -1,
    end: 11,
    value: 21_000_000,
  },
  {
    status: 'active',
    type: 'referral',
    title: 'Referral agreement',
    partner: 8,
    start: -12,
    end: null,
    endDays: 80,
    noticeDays: 30,
    value: 2_500_000,
  },
  {
    status: 'expiring',
    type: 'technology',
    title: 'Technology partnership',
    partner: 9,
    start: -23,
    end: null,
    endDays: 20,
    noticeDays: 30,
    value: 8_000_000,
  },
];

/** `YYYY-MM-DD` some days from `now`. */
function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` some whole months from `now`, on the first of the month. */
function monthsFrom(now: Date, months: number): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  return day.toISOString().slice(0, 10);
}

/**
 * The small demo's agreements: every status at the first partners, the first active one with
 * an SOW under it, each with a signer for us and one for the partner where it has contacts.
 * Made here, written set-based in two INSERTs by `loadDemoAgreements`.
 */
export function demoAgreements(
  scope: Scope,
  input: { partners: Partner[]; contacts: Contact[]; members: Member[]; now: Date },
) {
  const signersOnOurSide = input.members.filter((m) => m.role === 'admin' || m.role === 'manager');
  const rows = [];
  const signers = [];
  // The previous term at each partner, which the next agreement there renews.
  const previousTerm = new Map<number, string>();
  for (const [index, spec] of specs.entries()) {
    const partner = input.partners[spec.partner];
    if (!partner) continue;
    const owner = signersOnOurSide[index % Math.max(1, signersOnOurSide.length)];
    const id = newId();
    const currency = currencyOf(partner.country);
    const end =
      spec.endDays !== undefined
        ? daysFrom(input.now, spec.endDays)
        : spec.end === null
          ? null
          : monthsFrom(input.now, spec.end);
    rows.push({
      id,
      workspaceId: scope.workspaceId,
      partnerId: partner.id,
      renewedFromId: previousTerm.get(spec.partner) ?? null,
      type: spec.type,
      title: `${spec.title} with ${partner.name}`,
      status: spec.status,
      ownerId: owner?.memberId ?? null,
      effectiveOn: monthsFrom(input.now, spec.start),
      endOn: end,
      autoRenew: spec.type === 'reseller',
      renewalTermMonths: spec.type === 'reseller' ? 12 : null,
      noticeDays: spec.noticeDays ?? 60,
      value: spec.value,
      currency: spec.value === null ? null : currency,
      governingLaw: 'England and Wales',
    });
    if (spec.status === 'renewed') previousTerm.set(spec.partner, id);
    if (owner)
      signers.push({
        id: newId(),
        workspaceId: scope.workspaceId,
        agreementId: id,
        partnerId: partner.id,
        side: 'us',
        memberId: owner.memberId,
        name: owner.name,
        role: owner.role === 'admin' ? 'Chief Executive Officer' : 'VP Partnerships',
      });
    const contact = input.contacts.find((c) => c.partnerId === partner.id);
    if (contact)
      signers.push({
        id: newId(),
        workspaceId: scope.workspaceId,
        agreementId: id,
        partnerId: partner.id,
        side: 'partner',
        contactId: contact.id,
        name: `${contact.firstName} ${contact.lastName}`,
        role: 'Head of Legal',
      });
    if (spec.status === 'active' && spec.type === 'technology')
      rows.push({
        id: newId(),
        workspaceId: scope.workspaceId,
        partnerId: partner.id,
        parentId: id,
        type: 'sow' as const,
        title: `SOW 1: integration build with ${partner.name}`,
        status: 'active',
        ownerId: owner?.memberId ?? null,
        effectiveOn: monthsFrom(input.now, -6),
        endOn: monthsFrom(input.now, 6),
        autoRenew: false,
        value: 4_500_000,
        currency,
      });
  }
  return { rows, signers, count: rows.length + signers.length };
}

export type DemoAgreements = ReturnType<typeof demoAgreements>;

/** Writes the demo's agreements and signers, set-based; answers how many rows. */
export async function loadDemoAgreements(tx: Tx, agreements: DemoAgreements): Promise<number> {
  await importAgreements(tx, agreements.rows, agreements.signers);
  return agreements.count;
}
