import { taskTitleOf } from '../../../domain/obligations';
import { occurrencesUpTo } from '../../../domain/recurrence';
import { type CalendarDate, fromDayNumber, toDayNumber } from '../../../domain/renewals';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { partnerNames } from '../partners/partners.service';
import { findOpenRowsOwnedBy } from './obligations.queries';

export type ObligationOccurrence = {
  obligationId: string;
  agreementId: string;
  agreementTitle: string;
  partnerName: string;
  /** The description's first line, as a task made from it would be titled. */
  title: string;
  description: string;
  on: CalendarDate;
};

/**
 * The occurrences not yet done, from `from` to `until`, of the open obligations a member answers
 * for, soonest first and at most `limit`: a one-off obligation's due date, and each day a
 * recurring one's rule falls on from its next due date on.
 */
export async function dueOccurrencesOf(
  ctx: ServiceContext,
  scope: Scope,
  window: { memberId: string; from: CalendarDate; until: CalendarDate; limit: number },
): Promise<ObligationOccurrence[]> {
  if (window.limit <= 0) return [];
  const db = dbOf(ctx);
  const rows = await findOpenRowsOwnedBy(db, scope, window);
  const names = await partnerNames(
    db,
    scope,
    rows.map((row) => row.partnerId),
  );
  const soonestFirst = (a: ObligationOccurrence, b: ObligationOccurrence) =>
    a.on.localeCompare(b.on) || a.obligationId.localeCompare(b.obligationId);
  let found: ObligationOccurrence[] = [];
  let until = window.until;
  for (const row of rows) {
    if (!row.nextDueOn) continue;
    const start = fromDayNumber(Math.max(toDayNumber(row.nextDueOn), toDayNumber(window.from)));
    const days =
      row.rrule && row.startsOn
        ? occurrencesUpTo({ rrule: row.rrule, startsOn: row.startsOn }, start, until, window.limit)
        : row.nextDueOn >= window.from && row.nextDueOn <= until
          ? [row.nextDueOn]
          : [];
    for (const on of days)
      found.push({
        obligationId: row.id,
        agreementId: row.agreementId,
        agreementTitle: row.agreementTitle,
        partnerName: names.get(row.partnerId) ?? '',
        title: taskTitleOf(row.description),
        description: row.description,
        on,
      });
    // Keep memory to twice the limit: once that many are found, later days cannot get in.
    if (found.length >= 2 * window.limit) {
      found = found.sort(soonestFirst).slice(0, window.limit);
      until = found[found.length - 1]?.on ?? until;
    }
  }
  return found.sort(soonestFirst).slice(0, window.limit);
}
