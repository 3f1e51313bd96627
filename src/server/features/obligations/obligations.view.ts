import { isOverdue, type Obligation } from '../../../domain/obligations';
import type { CalendarDate } from '../../../domain/renewals';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { memberNames } from '../members/members.service';
import type { ObligationRow } from './obligations.queries';

/** An obligation row as the API shows it (and as audit events record it), as of `today`. */
export function toObligation(
  row: ObligationRow,
  owners: Map<string, string>,
  today: CalendarDate,
): Obligation {
  return {
    id: row.id,
    agreementId: row.agreementId,
    description: row.description,
    party: row.party as Obligation['party'],
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (owners.get(row.ownerId) ?? null) : null,
    dueOn: row.dueOn,
    rrule: row.rrule,
    startsOn: row.startsOn,
    status: row.status as Obligation['status'],
    evidenceNote: row.evidenceNote,
    doneThrough: row.doneThrough,
    nextDueOn: row.nextDueOn,
    overdue: isOverdue(row.nextDueOn, today),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Obligations as the API shows them: owners' names in one query for them all. */
export async function presentObligations(
  db: Db | Tx,
  scope: Scope,
  rows: ObligationRow[],
  today: CalendarDate,
): Promise<Obligation[]> {
  const owners = await memberNames(
    db,
    scope,
    rows.flatMap((row) => (row.ownerId ? [row.ownerId] : [])),
  );
  return rows.map((row) => toObligation(row, owners, today));
}
