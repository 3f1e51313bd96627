import type { AgreementStatus, AgreementType } from '../../../domain/agreements';
import type { Scope } from '../../access/scope';
import type { Tx } from '../../db/client';
import { newId } from '../../ids';
import { importAgreements } from '../agreements/agreements.service';

type Partner = { id: string; name: string };
type Contact = { id: string; partnerId: string; firstName: string; lastName: string };
type Member = { memberId: string; name: string; role: string };

/** One demo agreement per status, each at its own partner, with dates that fit the status. */
const specs: Array<{
  status: AgreementStatus;
  type: AgreementType;
  title: string;
  /** Months from today to the start and the end. */
  start: number;
  end: number | null;
  value: number | null;
}> = [
  { status: 'draft', type: 'nda', title: 'Mutual NDA', start: 1, end: 25, value: null },
  {
    status: 'in_negotiation',
    type: 'reseller',
    title: 'Reseller agreement',
    start: 2,
    end: 26,
    value: 24_000_000,
  },
  {
    status: 'pending_signature',
    type: 'referral',
    title: 'Referral agreement',
    start: 1,
    end: 13,
    value: 5_000_000,
  },
  {
    status: 'active',
    type: 'technology',
    title: 'Technology partnership',
    start: -10,
    end: 14,
    value: 12_000_000,
  },
  {
    status: 'expiring',
    type: 'co_marketing',
    title: 'Co-marketing agreement',
    start: -11,
    end: 1,
    value: 3_000_000,
  },
  {
    status: 'expired',
    type: 'mou',
    title: 'Memorandum of understanding',
    start: -24,
    end: -2,
    value: null,
  },
  {
    status: 'terminated',
    type: 'dpa',
    title: 'Data processing agreement',
    start: -18,
    end: 6,
    value: null,
  },
  {
    status: 'renewed',
    type: 'reseller',
    title: 'Reseller agreement (previous term)',
    start: -24,
    end: -1,
    value: 18_000_000,
  },
];

/** `YYYY-MM-DD` some whole months from `now`, on the first of the month. */
function monthsFrom(now: Date, months: number): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  return day.toISOString().slice(0, 10);
}

/**
 * The small demo's agreements: one in every status at the first partners, the active one with
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
  for (const [index, spec] of specs.entries()) {
    const partner = input.partners[index];
    if (!partner) break;
    const owner = signersOnOurSide[index % Math.max(1, signersOnOurSide.length)];
    const id = newId();
    const end = spec.end === null ? null : monthsFrom(input.now, spec.end);
    rows.push({
      id,
      workspaceId: scope.workspaceId,
      partnerId: partner.id,
      type: spec.type,
      title: `${spec.title} with ${partner.name}`,
      status: spec.status,
      ownerId: owner?.memberId ?? null,
      effectiveOn: monthsFrom(input.now, spec.start),
      endOn: end,
      autoRenew: spec.type === 'reseller',
      renewalTermMonths: spec.type === 'reseller' ? 12 : null,
      noticeDays: 60,
      value: spec.value,
      currency: spec.value === null ? null : 'EUR',
      governingLaw: 'England and Wales',
    });
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
    if (spec.status === 'active')
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
        currency: 'EUR',
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
