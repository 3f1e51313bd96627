import ical from 'ical-generator';
import type { CalendarFeedStatus, CreatedCalendarFeed } from '../../../domain/calendar-feeds';
import { roleCan } from '../../../domain/permissions';
import { memberRole } from '../../../domain/roles';
import { callerMemberId, type MemberScope, type Scope, systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { newId } from '../../ids';
import { newWorkspaceToken, sha256, workspaceOfToken } from '../../tokens';
import { recordAudit } from '../audit/audit.service';
import { scheduledInteractionsOf } from '../interactions/interactions.calendar';
import { getMember } from '../members/members.service';
import { myWork } from '../tasks/tasks.list';
import {
  deleteFeedRow,
  findFeedByTokenHash,
  findFeedOfMember,
  replaceFeedRow,
} from './calendar-feeds.queries';

/** How far back and ahead a feed reaches, and how many entries it holds at most. */
const feedWindow = { pastDays: 90, futureDays: 365, limit: 2000 };
const day = 24 * 60 * 60 * 1000;

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

/**
 * The member's feed as RFC 5545 text: their meetings, calls and events, and their open tasks'
 * due dates. Their access is checked again on every fetch, with their
 * role as it is now: a member who has left has no feed, and one who may no longer read
 * interactions gets nothing.
 */
export async function renderCalendarFeed(ctx: ServiceContext, token: string): Promise<string> {
  const workspaceId = workspaceOfToken(token);
  const feed = workspaceId && (await findFeedByTokenHash(dbOf(ctx), workspaceId, sha256(token)));
  if (!workspaceId || !feed) throw errors.notFound('calendar feed');
  const member = await getMember(ctx, systemScope(workspaceId, 'calendar-feed'), feed.memberId);
  const role = memberRole.safeParse(member.role);
  if (!role.success || !roleCan(role.data, 'interaction.read')) {
    throw errors.notFound('calendar feed');
  }
  const scope: MemberScope = {
    kind: 'member',
    workspaceId,
    role: role.data,
    userId: member.userId as MemberScope['userId'],
    memberId: feed.memberId as MemberScope['memberId'],
    apiKeyId: null,
  };
  const now = Date.now();
  const scheduled = await scheduledInteractionsOf(ctx, scope, {
    memberId: feed.memberId,
    from: new Date(now - feedWindow.pastDays * day),
    until: new Date(now + feedWindow.futureDays * day),
    limit: feedWindow.limit,
  });
  const calendar = ical({ name: 'Tandem', prodId: '//Tandem//Tandem//EN', ttl: 60 * 60 });
  for (const entry of scheduled) {
    const minutes = entry.durationMinutes ?? 30;
    calendar.createEvent({
      id: `${entry.id}@tandem`,
      start: entry.occurredAt,
      end: new Date(entry.occurredAt.getTime() + minutes * 60_000),
      // Names and summaries are text: the library escapes them, so a line break cannot start
      // a property of its own.
      summary: `${entry.kind[0]?.toUpperCase()}${entry.kind.slice(1)} with ${entry.partnerName}`,
      description: entry.summary,
      url: `${ctx.config.publicUrl}/partners/${entry.partnerId}`,
    });
  }
  // Open tasks on their due day: what the member's "my work" lists, as all-day entries.
  const work = await myWork(ctx, scope);
  for (const task of [...work.overdue, ...work.thisWeek, ...work.later]) {
    if (!task.dueDate) continue;
    calendar.createEvent({
      id: `${task.id}@tandem`,
      allDay: true,
      start: new Date(`${task.dueDate}T00:00:00Z`),
      summary: `Due: ${task.title}`,
      url: `${ctx.config.publicUrl}/my-work`,
    });
  }
  return calendar.toString();
}
