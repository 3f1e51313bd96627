import { can } from '../../access/permissions';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import type { LinkTarget } from '../../links/registry';
import { findAgreementHeads } from './agreements.queries';
import { findVersionHeads } from './agreements.versions.queries';

/** Agreements a link points at, for the link registry: the title and the partner. */
export async function agreementLinks(
  db: Db | Tx,
  scope: Scope,
  ids: string[],
): Promise<Map<string, LinkTarget>> {
  if (ids.length === 0 || !can(scope, 'agreement.read')) return new Map();
  const rows = await findAgreementHeads(db, scope, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, { label: row.title, partnerId: row.partnerId }]));
}

/**
 * Versions a link points at: "Reseller agreement with Acme, version 2", shown on (and
 * notified as) the agreement's page, which holds its versions.
 */
export async function agreementVersionLinks(
  db: Db | Tx,
  scope: Scope,
  ids: string[],
): Promise<Map<string, LinkTarget>> {
  if (ids.length === 0 || !can(scope, 'agreement.read')) return new Map();
  const rows = await findVersionHeads(db, scope, [...new Set(ids)]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        label: `${row.title}, version ${row.number}`,
        partnerId: row.partnerId,
        page: { type: 'agreement', id: row.agreementId },
      },
    ]),
  );
}
