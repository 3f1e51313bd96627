import { addDays, type CalendarDate, type ReminderTarget } from '../../../domain/renewals';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { partnerNames } from '../partners/partners.service';
import { findOwnedInForceRows } from './agreements.queries';

export type AgreementKeyDate = {
  agreementId: string;
  title: string;
  partnerName: string;
  target: ReminderTarget;
  on: CalendarDate;
  autoRenew: boolean;
};

/**
 * The notice deadlines and end dates, from `from` to `until`, of the agreements in force
 * (active or expiring) a member owns, soonest first and at most `limit`: what their calendar
 * shows of their agreements. An ended agreement has none; an auto-renewing one shows the end of
 * its current term, which the renewal sweep rolls on.
 */
export async function keyDatesOwnedBy(
  ctx: ServiceContext,
  scope: Scope,
  window: { memberId: string; from: CalendarDate; until: CalendarDate; limit: number },
): Promise<AgreementKeyDate[]> {
  if (window.limit <= 0) return [];
  const db = dbOf(ctx);
  const rows = await findOwnedInForceRows(db, scope, window);
  const names = await partnerNames(
    db,
    scope,
    rows.map((row) => row.partnerId),
  );
  const dates: AgreementKeyDate[] = [];
  for (const row of rows) {
    if (!row.endOn) continue;
    const head = {
      agreementId: row.id,
      title: row.title,
      partnerName: names.get(row.partnerId) ?? '',
      autoRenew: row.autoRenew,
    };
    if (row.noticeDays) {
      const deadline = addDays(row.endOn, -row.noticeDays);
      if (deadline >= window.from) dates.push({ ...head, target: 'notice_deadline', on: deadline });
    }
    if (row.endOn <= window.until) dates.push({ ...head, target: 'end_date', on: row.endOn });
  }
  return dates
    .sort((a, b) => a.on.localeCompare(b.on) || a.agreementId.localeCompare(b.agreementId))
    .slice(0, window.limit);
}
