import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { partnerNames } from '../partners/partners.service';
import { findMemberInteractionRows } from './interactions.queries';

/** What belongs in a calendar: things that happen at a time, not emails or notes. */
const scheduledKinds = ['meeting', 'call', 'event'] as const;

export type ScheduledInteraction = {
  id: string;
  partnerId: string;
  partnerName: string;
  kind: string;
  occurredAt: Date;
  durationMinutes: number | null;
  summary: string;
};

/** The meetings, calls and events a member takes part in, within a window, oldest first. */
export async function scheduledInteractionsOf(
  ctx: ServiceContext,
  scope: Scope,
  window: { memberId: string; from: Date; until: Date; limit: number },
): Promise<ScheduledInteraction[]> {
  const db = dbOf(ctx);
  const rows = await findMemberInteractionRows(db, scope, { ...window, kinds: scheduledKinds });
  const names = await partnerNames(
    db,
    scope,
    rows.map((row) => row.partnerId),
  );
  return rows.map((row) => ({ ...row, partnerName: names.get(row.partnerId) ?? '' }));
}
