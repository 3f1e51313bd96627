import { eq, type SQL, sql } from 'drizzle-orm';
import type { ContactCadence } from '../../../domain/cadence';
import type { Database, Db, Tx } from '../../db/client';
import { interactions, partners, workspaces } from '../../db/schema';

/**
 * Contact cadence in SQL (decision 032), the same rule as `effectiveCadenceDays` in
 * `src/domain/cadence.ts`: keep the two together.
 */

type PartnerColumns = Pick<typeof partners, 'tier' | 'contactCadenceDays'>;
type WorkspaceColumns = Pick<typeof workspaces, 'contactCadenceDays'>;

/**
 * Effective cadence days of partner `p` in workspace `w` (joined on `w.id = p.workspace_id`):
 * the override, else the tier's days, else the default. An unknown tier finds no key and so
 * falls back to the default. Pass aliases when the query names the tables differently.
 */
export function effectiveCadenceDaysSql(
  p: PartnerColumns = partners,
  w: WorkspaceColumns = workspaces,
): SQL<number> {
  return sql<number>`coalesce(${p.contactCadenceDays}, (${w.contactCadenceDays} -> 'tiers' ->> ${p.tier})::int, (${w.contactCadenceDays} ->> 'default')::int)`;
}

/**
 * When the next touch is due: last touch plus the cadence, or the partner's creation for a
 * partner never touched (due since it was added). The cooling list orders by this.
 */
export function touchDueSql(
  lastTouchAt: SQL | typeof partners.lastTouchAt,
  p: PartnerColumns & Pick<typeof partners, 'createdAt'> = partners,
  w: WorkspaceColumns = workspaces,
): SQL<Date> {
  return sql<Date>`coalesce(${lastTouchAt} + make_interval(days => ${effectiveCadenceDaysSql(p, w)}), ${p.createdAt})`;
}

/**
 * Recomputes `last_touch_at` (the latest interaction at or before now) and `touch_due_at` from
 * the interactions, set-based, for the workspace's partners or just `partnerIds`. Callers: the
 * interaction service in its transactions, cadence or tier changes, the demo loader, and the
 * catch-up that notices scheduled interactions whose time has come. Rows already right are not
 * written; version and updated_at stay, as these are derived values, not edits.
 */
export async function refreshLastTouch(
  db: Db | Tx,
  workspaceId: string,
  partnerIds?: readonly string[],
): Promise<number> {
  if (partnerIds && partnerIds.length === 0) return 0;
  const only = partnerIds
    ? sql`AND ${partners.id} IN (${sql.join(
        partnerIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const latest = sql.raw('latest');
  const due = touchDueSql(sql`${latest}.last_touch_at`);
  const result = await db.execute(sql`
    WITH ${latest} AS (
      SELECT ${partners.id} AS id,
        (SELECT max(i.occurred_at) FROM ${interactions} i
          WHERE i.workspace_id = ${partners.workspaceId} AND i.partner_id = ${partners.id}
            AND i.occurred_at <= now()) AS last_touch_at
      FROM ${partners}
      WHERE ${partners.workspaceId} = ${workspaceId} ${only}
    )
    UPDATE ${partners}
    SET last_touch_at = ${latest}.last_touch_at, touch_due_at = ${due}
    FROM ${latest}, ${workspaces}
    WHERE ${workspaces.id} = ${partners.workspaceId}
      AND ${partners.workspaceId} = ${workspaceId} AND ${partners.id} = ${latest}.id
      AND (${partners.lastTouchAt} IS DISTINCT FROM ${latest}.last_touch_at
        OR ${partners.touchDueAt} IS DISTINCT FROM ${due})
  `);
  return rowCount(result);
}

/**
 * The hourly catch-up: an interaction logged ahead of time becomes a touch when its time comes,
 * which no write marks, so every workspace's partners are recomputed, one transaction each.
 * Answers how many partners changed.
 */
export async function catchUpLastTouch(database: Database): Promise<number> {
  const all = await database.db.select({ id: workspaces.id }).from(workspaces);
  let changed = 0;
  for (const { id } of all) {
    changed += await database.transaction((tx) => refreshLastTouch(tx, id));
  }
  return changed;
}

/** The workspace's contact cadence setting. */
export async function workspaceCadence(db: Db | Tx, workspaceId: string): Promise<ContactCadence> {
  const [row] = await db
    .select({ cadence: workspaces.contactCadenceDays })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new Error('workspace not found');
  return row.cadence;
}

/** Rows an UPDATE wrote, on either driver. */
function rowCount(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
