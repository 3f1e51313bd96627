import type { CalendarFeedStatus, CreatedCalendarFeed } from '../../../domain/calendar-feeds';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { newId } from '../../ids';
import { newWorkspaceToken, sha256 } from '../../tokens';
import { recordAudit } from '../audit/audit.service';
import { deleteFeedRow, findFeedOfMember, replaceFeedRow } from './calendar-feeds.queries';

/** A feed belongs to a person: a signed-in member, never an API key. */
function ownMemberId(scope: Scope): string {
  const memberId = callerMemberId(scope);
  if (!memberId) throw errors.forbidden('A calendar feed belongs to a signed-in member');
  return memberId;
}

export async function getCalendarFeedStatus(
  ctx: ServiceContext,
  scope: Scope,
): Promise<CalendarFeedStatus> {
  const feed = await findFeedOfMember(dbOf(ctx), scope.workspaceId, ownMemberId(scope));
  return { active: Boolean(feed), createdAt: feed?.createdAt.toISOString() ?? null };
}

/** Makes the caller's feed URL, replacing any earlier one, and answers it this once. */
export async function createCalendarFeed(
  ctx: ServiceContext,
  scope: Scope,
): Promise<CreatedCalendarFeed> {
  const memberId = ownMemberId(scope);
  const token = newWorkspaceToken(scope.workspaceId);
  const createdAt = new Date();
  const id = newId();
  await withTransaction(ctx, async (tx, ctx) => {
    await replaceFeedRow(tx, {
      id,
      workspaceId: scope.workspaceId,
      memberId,
      tokenHash: sha256(token),
      createdAt,
    });
    await recordAudit(tx, ctx, scope, {
      action: 'calendar_feed.created',
      entityType: 'calendar_feed',
      entityId: id,
      after: { memberId },
    });
  });
  return {
    url: `${ctx.config.publicUrl}/api/v1/calendar/${token}`,
    createdAt: createdAt.toISOString(),
  };
}

/** Ends the caller's feed at once: its URL answers 404 from then on. */
export async function revokeCalendarFeed(ctx: ServiceContext, scope: Scope): Promise<void> {
  const memberId = ownMemberId(scope);
  await withTransaction(ctx, async (tx, ctx) => {
    const deleted = await deleteFeedRow(tx, scope.workspaceId, memberId);
    if (!deleted) throw errors.notFound('calendar feed');
    await recordAudit(tx, ctx, scope, {
      action: 'calendar_feed.revoked',
      entityType: 'calendar_feed',
      entityId: deleted.id,
      before: { memberId },
    });
  });
}
