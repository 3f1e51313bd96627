import { type SQL, sql } from 'drizzle-orm';
import type { Database, Db, Tx } from '../../db/client';
import { agreements, auditEvents, timelineEntries, workspaces } from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import { workspaceTodaySql } from '../workspaces/workspace-day';
import { type EnqueueMail, sendRenewalReminders } from './agreements.reminders';

/** How the sweep names itself in audit events and on the timeline. */
export const sweepActor = 'job:agreement.sweep';

/** Days before the end an agreement without a notice period starts expiring. */
export const defaultExpiringDays = 30;

/**
 * Runs one set-based move and, in the same statement, its audit events and timeline entries:
 * `moved` is an UPDATE … RETURNING `workspace_id`, `id`, `partner_id`, `title`, `type`, `before`,
 * `after` (jsonb) and `event` (a jsonb of what the timeline shows).
 */
async function moveWithHistory(db: Db | Tx, action: string, moved: SQL): Promise<number> {
  const result = await db.execute(sql`
    WITH moved AS (${moved}),
    audited AS (
      INSERT INTO ${auditEvents} (id, workspace_id, actor_type, actor_id, actor_name, action,
        entity_type, entity_id, partner_id, before, after, request_id)
      SELECT ${uuidv7Sql}, moved.workspace_id, 'system', NULL, ${sweepActor}::text,
        ${action}::text, 'agreement', moved.id, moved.partner_id, moved.before, moved.after, NULL
      FROM moved
    ),
    entries AS (
      INSERT INTO ${timelineEntries} (id, workspace_id, partner_id, occurred_at, kind,
        subject_type, subject_id, actor_type, actor_id, actor_name, people, summary, visibility)
      SELECT ${uuidv7Sql}, moved.workspace_id, moved.partner_id, now(), 'agreement', 'agreement',
        moved.id, 'system', NULL, ${sweepActor}::text, '{}'::uuid[],
        jsonb_build_object('title', moved.title, 'type', moved.type) || moved.event, 'internal'
      FROM moved
    )
    SELECT count(*)::int AS n FROM moved`);
  return (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0;
}

/**
 * Auto-renewing agreements whose term ended before today roll on by whole terms, counted from
 * the end date as agreed (`end_anchor_on`), until the term contains today; they stay active.
 * Postgres adds months under the same month-end rule as `rollTerm` (Jan 31 + 1 month = Feb 28).
 */
function rollSql(now: Date): SQL {
  const today = workspaceTodaySql(now);
  return sql`
    WITH due AS (
      SELECT a.workspace_id, a.id, a.end_on AS old_end,
        coalesce(a.end_anchor_on, a.end_on) AS anchor, a.renewal_term_months AS term,
        ${today} AS today
      FROM ${agreements} a JOIN ${workspaces} ON ${workspaces.id} = a.workspace_id
      WHERE a.status IN ('active', 'expiring') AND a.auto_renew
        AND a.renewal_term_months IS NOT NULL AND a.end_on < ${today}
      FOR UPDATE OF a
    ),
    terms AS (
      -- The fewest terms from the anchor whose end is on or after today: whole months first, then one more when that lands earlier in today's month.
      SELECT due.*, CASE WHEN (anchor + make_interval(months => c * term))::date < today
        THEN c + 1 ELSE c END AS n
      FROM due, LATERAL (SELECT ceil(((extract(year FROM today) - extract(year FROM anchor)) * 12
        + extract(month FROM today) - extract(month FROM anchor)) / term)::int AS c) AS counted
    )
    UPDATE ${agreements} a
    SET end_on = (t.anchor + make_interval(months => t.n * t.term))::date,
      end_anchor_on = t.anchor, version = a.version + 1, updated_at = now()
    FROM terms t
    WHERE a.workspace_id = t.workspace_id AND a.id = t.id
    RETURNING a.workspace_id, a.id, a.partner_id, a.title, a.type,
      jsonb_build_object('endOn', t.old_end) AS before,
      jsonb_build_object('endOn', a.end_on) AS after,
      jsonb_build_object('event', 'auto_renewed', 'from', t.old_end, 'to', a.end_on) AS event`;
}

/** A status move of the rows `where` picks, from `from` to `to`. */
function statusSql(from: string, to: string, where: SQL): SQL {
  return sql`
    UPDATE ${agreements} a SET status = ${to}::text, version = a.version + 1, updated_at = now()
    FROM ${workspaces}
    WHERE ${workspaces.id} = a.workspace_id AND a.status = ${from}::text AND NOT a.auto_renew
      AND a.end_on IS NOT NULL AND ${where}
    RETURNING a.workspace_id, a.id, a.partner_id, a.title, a.type,
      jsonb_build_object('status', ${from}::text) AS before,
      jsonb_build_object('status', ${to}::text) AS after,
      jsonb_build_object('event', 'status_changed', 'from', ${from}::text, 'to', ${to}::text) AS event`;
}

/** Active agreements past their notice deadline (or within 30 days of the end without one). */
function expiringSql(now: Date): SQL {
  const today = workspaceTodaySql(now);
  return statusSql(
    'active',
    'expiring',
    sql`${today} >= a.end_on - CASE WHEN coalesce(a.notice_days, 0) > 0 THEN a.notice_days
      ELSE ${defaultExpiringDays}::int END`,
  );
}

/** Expiring agreements whose end date has passed. */
function expiredSql(now: Date): SQL {
  return statusSql('expiring', 'expired', sql`a.end_on < ${workspaceTodaySql(now)}`);
}

export type SweepResult = { renewed: number; expiring: number; expired: number; reminded: number };

/**
 * The daily renewal sweep (decision 054), every workspace at once, each by its own calendar
 * date: auto-renewing terms roll, then active agreements start expiring, then expiring ones
 * past their end expire (so one that was missed for months goes through both, as the machine
 * says). Each move is one statement that writes its audit events and timeline entries too; the
 * conditions make a second run the same day change nothing, and a missed day is caught up.
 * Last, the renewal reminders of the terms as they now stand (decision 059), their mail queued
 * through `enqueueMail` in the same transaction.
 */
export async function sweepAgreements(
  database: Pick<Database, 'transaction'>,
  now: Date,
  enqueueMail: EnqueueMail,
): Promise<SweepResult> {
  return database.transaction(async (tx) => {
    const renewed = await moveWithHistory(tx, 'agreement.auto_renewed', rollSql(now));
    const expiring = await moveWithHistory(tx, 'agreement.status_changed', expiringSql(now));
    const expired = await moveWithHistory(tx, 'agreement.status_changed', expiredSql(now));
    const reminded = await sendRenewalReminders(tx, now, enqueueMail);
    return { renewed, expiring, expired, reminded };
  });
}
