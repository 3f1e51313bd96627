import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/audit';
import type { Scope } from '../../access/scope';
import { actorOf, systemActorName } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { insertInBatches } from '../../db/batches';
import type { Db, Tx } from '../../db/client';
import { apiKeys, auditEvents, users } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { uuidv7Sql } from '../../db/uuid-sql';
import type { ListPlan } from '../../http/list';
import { newId } from '../../ids';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  partnerId?: string | null;
  before?: unknown;
  after?: unknown;
  /** When it happened, for records imported with their own history; now by default. */
  at?: Date;
};

/**
 * The actor's name as the statement writes it: looked up in the same statement for a person or
 * a key, so history keeps it after they are gone; a system actor's key as is.
 */
export function actorNameSql(scope: Scope): SQL | string | null {
  const actor = actorOf(scope);
  if (actor.kind === 'system') return actor.systemActor;
  if (!actor.id) return null;
  if (actor.kind === 'api_key')
    return sql`(SELECT ${apiKeys.name} FROM ${apiKeys} WHERE ${apiKeys.id} = ${actor.id})`;
  return sql`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${actor.id})`;
}

/** Writes an audit event through the same transaction as the change it records. */
export function recordAudit(tx: Tx, ctx: ServiceContext, scope: Scope, entry: AuditEntry) {
  return recordAudits(tx, ctx, scope, [entry]);
}

/** Writes the audit events of one change, in as few statements as the parameter limit allows. */
export async function recordAudits(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  entries: AuditEntry[],
  onBatch?: (written: number) => void,
) {
  if (entries.length === 0) return;
  const actor = actorOf(scope);
  const actorName = actorNameSql(scope);
  await insertInBatches(
    tx,
    auditEvents,
    entries.map((entry) => ({
      id: newId(),
      workspaceId: scope.workspaceId,
      actorType: actor.kind,
      actorId: actor.id,
      actorName,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      partnerId: entry.partnerId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: ctx.requestId,
      ...(entry.at ? { createdAt: entry.at } : {}),
    })),
    onBatch,
  );
}

/**
 * One audit event per row of a set-based change, written by the same statement as the change:
 * `changed` is a statement (an `UPDATE … RETURNING`, a `SELECT`) yielding `entity_id`,
 * `partner_id`, `before` and `after`. Any number of rows, no parameter per row. Answers the count.
 */
export async function recordAuditsOf(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  event: { action: string; entityType: string },
  changed: SQL,
): Promise<number> {
  const actor = actorOf(scope);
  const result = await tx.execute(sql`
    WITH changed AS (${changed}),
    audited AS (
      INSERT INTO ${auditEvents} (id, workspace_id, actor_type, actor_id, actor_name, action,
        entity_type, entity_id, partner_id, before, after, request_id)
      SELECT ${uuidv7Sql}, ${scope.workspaceId}::uuid, ${actor.kind}::text, ${actor.id}::uuid,
        (${actorNameSql(scope)})::text, ${event.action}::text, ${event.entityType}::text,
        changed.entity_id, changed.partner_id, changed.before, changed.after, ${ctx.requestId}::text
      FROM changed
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM audited`);
  const rows = (result as unknown as { rows: Array<{ n: number }> }).rows;
  return rows[0]?.n ?? 0;
}

type ActorColumns = { actorType: string; actorId: string | null; actorName: string | null };

const formerActor: Record<string, string> = {
  member: 'A former member',
  partner_user: 'A former partner user',
  api_key: 'A deleted API key',
};

/** Who made a change, as history shows it. */
export function presentActor(row: ActorColumns): Actor {
  const kind = (['member', 'api_key', 'partner_user', 'system'] as const).find(
    (k) => k === row.actorType,
  );
  if (!kind) return { kind: 'member', id: row.actorId, name: row.actorName ?? 'Unknown' };
  if (kind === 'system') return { kind, id: null, name: systemActorName(row.actorName ?? '') };
  return { kind, id: row.actorId, name: row.actorName ?? formerActor[kind] ?? 'Unknown' };
}

/** A partner's history, newest first, keyset-paginated by id (UUIDv7 is time-ordered). */
export async function listPartnerHistory(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string,
  plan: ListPlan,
) {
  return dbOf(ctx)
    .select({ ...getTableColumns(auditEvents), cursor: plan.cursor })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, scope.workspaceId),
        eq(auditEvents.partnerId, partnerId),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** One record's events of the given actions, oldest first: what a certificate page retells. */
export async function entityEvents(
  db: Db | Tx,
  scope: Scope,
  entity: { type: string; id: string },
  actions: string[],
) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, scope.workspaceId),
        eq(auditEvents.entityType, entity.type),
        eq(auditEvents.entityId, entity.id),
        inArray(auditEvents.action, actions),
      ),
    )
    .orderBy(asc(auditEvents.id))
    .limit(500);
  return rows.map((row) => ({ ...row, actor: presentActor(row) }));
}
