import { and, desc, eq, lt } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import { actorOf } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Tx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import { newId } from '../../ids';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  partnerId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Writes an audit event through the same transaction as the change it records. */
export function recordAudit(tx: Tx, ctx: ServiceContext, scope: Scope, entry: AuditEntry) {
  return recordAudits(tx, ctx, scope, [entry]);
}

/** Writes several audit events of one change in a single statement. */
export async function recordAudits(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  entries: AuditEntry[],
) {
  if (entries.length === 0) return;
  const actor = actorOf(scope);
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      id: newId(),
      workspaceId: scope.workspaceId,
      actorType: actor.actorType,
      actorId: actor.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      partnerId: entry.partnerId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: ctx.requestId,
    })),
  );
}

/** A partner's history, newest first, keyset-paginated by id (UUIDv7 is time-ordered). */
export async function listPartnerHistory(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string,
  page: { limit: number; before: string | null },
) {
  return ctx.database.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, scope.workspaceId),
        eq(auditEvents.partnerId, partnerId),
        page.before ? lt(auditEvents.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
}
