import type { Agreement, AgreementSigner } from '../../../domain/agreements';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { memberNames } from '../members/members.service';
import { partnerNames } from '../partners/partners.service';
import {
  type AgreementRow,
  findAgreementTitles,
  findSignerRows,
  type SignerRow,
} from './agreements.queries';

export function toSigner(row: SignerRow): AgreementSigner {
  return {
    id: row.id,
    side: row.side as AgreementSigner['side'],
    memberId: row.memberId,
    contactId: row.contactId,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}

type Names = {
  partners: Map<string, string>;
  owners: Map<string, string>;
  parents: Map<string, string>;
};

/** An agreement row as the API shows it (and as audit events record it). */
export function toAgreement(row: AgreementRow, signers: SignerRow[], names: Names): Agreement {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName: names.partners.get(row.partnerId) ?? '',
    type: row.type as Agreement['type'],
    title: row.title,
    status: row.status as Agreement['status'],
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.owners.get(row.ownerId) ?? null) : null,
    parentId: row.parentId,
    parentTitle: row.parentId ? (names.parents.get(row.parentId) ?? null) : null,
    effectiveOn: row.effectiveOn,
    endOn: row.endOn,
    autoRenew: row.autoRenew,
    renewalTermMonths: row.renewalTermMonths,
    noticeDays: row.noticeDays,
    value: row.value,
    currency: row.currency,
    governingLaw: row.governingLaw,
    renewedFromId: row.renewedFromId,
    signers: signers.map(toSigner),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Agreements as the API shows them: names and signers in a query each for the whole page. */
export async function presentAgreements(
  db: Db | Tx,
  scope: Scope,
  rows: AgreementRow[],
): Promise<Agreement[]> {
  if (rows.length === 0) return [];
  const [partners, owners, parents, signers] = await Promise.all([
    partnerNames(
      db,
      scope,
      rows.map((row) => row.partnerId),
    ),
    memberNames(
      db,
      scope,
      rows.flatMap((row) => (row.ownerId ? [row.ownerId] : [])),
    ),
    findAgreementTitles(
      db,
      scope,
      rows.flatMap((row) => (row.parentId ? [row.parentId] : [])),
    ),
    findSignerRows(
      db,
      scope,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.map((row) =>
    toAgreement(
      row,
      signers.filter((signer) => signer.agreementId === row.id),
      { partners, owners, parents },
    ),
  );
}
