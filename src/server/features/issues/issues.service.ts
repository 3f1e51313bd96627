import type { SQL } from 'drizzle-orm';
import {
  dueFor,
  type Issue,
  type IssueCreate,
  type IssueStatus,
  type IssueTransition,
  type IssueUpdate,
  issueMachine,
  issueSeverities,
  issueStatuses,
  reopens,
} from '../../../domain/issues';
import { dateAt } from '../../../domain/periods';
import { searchText } from '../../../domain/search-text';
import type { Scope } from '../../access/scope';
import { callerMemberId } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { changedIn, patchOf } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { assertTransition } from '../../http/transition';
import { newId } from '../../ids';
import { recordAudit, recordAuditsOf } from '../audit/audit.service';
import { memberNames, usableMemberRef } from '../members/members.service';
import { notify } from '../notifications/notifications.service';
import { partnerRef, usablePartnerRef } from '../partners/partners.service';
import { teamNames, usableTeamRef } from '../teams/teams.service';
import {
  recordTimelineEntry,
  removeTimelineEntries,
  updateTimelineEntries,
} from '../timeline/timeline.service';
import { workspaceToday } from '../workspaces/workspace-day';
import { issueDueSettings } from '../workspaces/workspaces.service';
import {
  countIssueRowsByStatus,
  deleteIssueRow,
  findIssue,
  findIssueTitles,
  type IssueRow,
  insertIssueRow,
  overdueIssueNoticesSql,
  releaseOwnedIssuesSql,
  updateIssueRow,
} from './issues.queries';
import { toIssue } from './issues.view';

/** What a partner's timeline shows of an issue event: its title and severity, and the move. */
export function issueTimelineInput(
  row: Pick<IssueRow, 'id' | 'partnerId' | 'ownerId' | 'title' | 'severity' | 'visibility'>,
  summary: Record<string, string>,
) {
  return {
    kind: 'issue' as const,
    subject: { type: 'issue', id: row.id },
    partnerId: row.partnerId,
    people: row.ownerId ? [row.ownerId] : [],
    summary: { title: row.title, severity: row.severity, ...summary },
    visibility: row.visibility as Issue['visibility'],
  };
}

const rankOf = (severity: string) => issueSeverities.indexOf(severity as Issue['severity']);

/** The owner a body names: a member of the caller's workspace (422 naming `ownerId` if not). */
async function ownerName(db: Db | Tx, scope: Scope, ownerId: string | null) {
  if (ownerId === null) return null;
  return (await usableMemberRef(db, scope, ownerId, 'ownerId')).name;
}

/** The issue and the names it shows, or 404 when the caller may not see it. */
async function visibleIssue(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findIssue(db, scope, id, { forUpdate });
  const partner = row ? await partnerRef(db, scope, row.partnerId) : null;
  if (!row || !partner) throw errors.notFound('issue');
  const ownerName = row.ownerId
    ? ((await memberNames(db, scope, [row.ownerId])).get(row.ownerId) ?? null)
    : null;
  const teamName = row.teamId
    ? ((await teamNames(db, scope, [row.teamId])).get(row.teamId) ?? null)
    : null;
  return { row, names: { partnerName: partner.name, ownerName, teamName } };
}

export async function createIssue(
  ctx: ServiceContext,
  scope: Scope,
  input: IssueCreate,
): Promise<Issue> {
  return withTransaction(ctx, async (tx, ctx) => {
    const partner = await usablePartnerRef(tx, scope, input.partnerId);
    const ownerId = input.ownerId === undefined ? callerMemberId(scope) : input.ownerId;
    const owner = await ownerName(tx, scope, ownerId);
    const team = input.teamId ? await usableTeamRef(tx, scope, input.teamId) : null;
    const now = new Date();
    const { responseDays, timeZone } = await issueDueSettings(tx, scope);
    const today = dateAt(now.getTime(), timeZone);
    const dueOn = input.dueOn ?? dueFor(today, input.severity, responseDays);
    const row = await insertIssueRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      partnerId: partner.id,
      ownerId,
      teamId: team?.id ?? null,
      title: input.title,
      description: input.description || null,
      kind: input.kind,
      severity: input.severity,
      severityRank: rankOf(input.severity),
      status: 'open',
      visibility: input.visibility,
      dueOn,
      searchText: searchText(input.title),
      createdAt: now,
      updatedAt: now,
    });
    const names = { partnerName: partner.name, ownerName: owner, teamName: team?.name ?? null };
    const issue = toIssue(row, names, today);
    await recordAudit(tx, ctx, scope, {
      action: 'issue.created',
      entityType: 'issue',
      entityId: row.id,
      partnerId: row.partnerId,
      after: issue,
    });
    await recordTimelineEntry(tx, scope, issueTimelineInput(row, { event: 'created', to: 'open' }));
    await notifyOwner(tx, ctx, scope, row);
    return issue;
  });
}

/** Tells the owner the issue is theirs now (the notification module never tells oneself). */
async function notifyOwner(tx: Tx, ctx: ServiceContext, scope: Scope, row: IssueRow) {
  if (!row.ownerId) return;
  await notify(tx, ctx, scope, {
    recipientId: row.ownerId,
    kind: 'assignment',
    subjectType: 'issue',
    subjectId: row.id,
    title: `Issue assigned to you: ${row.title}`,
  });
}

/** How many issues the caller sees in each status: a partner user, only those shared with them. */
export async function countIssuesByStatus(
  ctx: ServiceContext,
  scope: Scope,
): Promise<Record<IssueStatus, number>> {
  const counts = Object.fromEntries(issueStatuses.map((s) => [s, 0])) as Record<
    IssueStatus,
    number
  >;
  for (const row of await countIssueRowsByStatus(dbOf(ctx), scope))
    counts[row.status as IssueStatus] = row.n;
  return counts;
}

export async function getIssue(ctx: ServiceContext, scope: Scope, id: string): Promise<Issue> {
  const db = dbOf(ctx);
  const [{ row, names }, today] = await Promise.all([
    visibleIssue(db, scope, id),
    workspaceToday(db, scope.workspaceId),
  ]);
  return toIssue(row, names, today);
}

/**
 * Changes an issue's fields. A new severity without a due date of its own moves the due date
 * to that severity's response target, counted from the day the issue was raised.
 */
export async function updateIssue(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: IssueUpdate,
): Promise<Issue> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleIssue(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const { responseDays, timeZone } = await issueDueSettings(tx, scope);
    const today = dateAt(Date.now(), timeZone);
    const set = patchOf<IssueRow>(input);
    if (set.severity !== undefined && set.severity !== current.row.severity) {
      set.severityRank = rankOf(set.severity);
      if (input.dueOn === undefined)
        set.dueOn = dueFor(
          dateAt(current.row.createdAt.getTime(), timeZone),
          set.severity as Issue['severity'],
          responseDays,
        );
    }
    if (changedIn(set, current.row).length === 0) return toIssue(current.row, current.names, today);
    const names = { ...current.names };
    if (set.partnerId !== undefined && set.partnerId !== current.row.partnerId)
      names.partnerName = (await usablePartnerRef(tx, scope, set.partnerId)).name;
    if (set.ownerId !== undefined && set.ownerId !== current.row.ownerId)
      names.ownerName = await ownerName(tx, scope, set.ownerId);
    if (set.teamId !== undefined && set.teamId !== current.row.teamId)
      names.teamName = set.teamId ? (await usableTeamRef(tx, scope, set.teamId)).name : null;
    const next = { ...current.row, ...set };
    const row = await updateIssueRow(tx, scope, id, {
      ...set,
      searchText: searchText(next.title),
      version: current.row.version + 1,
      updatedAt: new Date(),
    });
    const issue = toIssue(row, names, today);
    const change = {
      entityType: 'issue',
      entityId: id,
      before: toIssue(current.row, current.names, today),
      after: issue,
    };
    await recordAudit(tx, ctx, scope, {
      ...change,
      action: 'issue.updated',
      partnerId: row.partnerId,
    });
    if (row.visibility !== current.row.visibility)
      await updateTimelineEntries(
        tx,
        scope,
        { type: 'issue', id },
        {
          visibility: row.visibility as Issue['visibility'],
        },
      );
    // An issue moved to another partner leaves a trace in the old partner's history too.
    if (current.row.partnerId !== row.partnerId)
      await recordAudit(tx, ctx, scope, {
        ...change,
        action: 'issue.moved_away',
        partnerId: current.row.partnerId,
      });
    if (row.ownerId !== current.row.ownerId) await notifyOwner(tx, ctx, scope, row);
    return issue;
  });
}

/**
 * Moves an issue to another status by the issue machine (409 `invalid_transition`, 422 when
 * resolving without notes). Resolving records the notes and when; reopening clears both.
 */
export async function transitionIssue(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: IssueTransition,
): Promise<Issue> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleIssue(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const from = current.row.status as Issue['status'];
    assertTransition(issueMachine, from, input.to, current.row, input);
    const now = new Date();
    const resolution =
      input.to === 'resolved'
        ? { resolutionNotes: input.resolutionNotes ?? current.row.resolutionNotes, resolvedAt: now }
        : reopens(from, input.to)
          ? { resolutionNotes: null, resolvedAt: null }
          : {};
    const row = await updateIssueRow(tx, scope, id, {
      status: input.to,
      ...resolution,
      version: current.row.version + 1,
      updatedAt: now,
    });
    const today = await workspaceToday(tx, scope.workspaceId);
    const issue = toIssue(row, current.names, today);
    await recordAudit(tx, ctx, scope, {
      action: 'issue.status_changed',
      entityType: 'issue',
      entityId: id,
      partnerId: row.partnerId,
      before: toIssue(current.row, current.names, today),
      after: issue,
    });
    await recordTimelineEntry(
      tx,
      scope,
      issueTimelineInput(row, { event: 'status_changed', from, to: input.to }),
    );
    return issue;
  });
}

/** Deletes an issue for real; its audit event keeps the deleted record in `before`. */
export async function deleteIssue(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleIssue(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: false });
    await deleteIssueRow(tx, scope, id);
    await removeTimelineEntries(tx, scope, { type: 'issue', id });
    await recordAudit(tx, ctx, scope, {
      action: 'issue.deleted',
      entityType: 'issue',
      entityId: id,
      partnerId: current.row.partnerId,
      before: toIssue(current.row, current.names, await workspaceToday(tx, scope.workspaceId)),
    });
  });
}

/** A member leaves: the issues they own become unowned, each with its audit event. */
export async function releaseMemberIssues(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<{ releasedIssues: number }> {
  const changed = releaseOwnedIssuesSql(scope.workspaceId, member.id, new Date());
  const releasedIssues = await recordAuditsOf(
    ctx.tx,
    ctx,
    scope,
    { action: 'issue.updated', entityType: 'issue' },
    changed,
  );
  return { releasedIssues };
}

/** Links to issues, for the link registry: the title and the partner. */
export async function issueLinks(db: Db | Tx, scope: Scope, ids: string[]) {
  const rows = ids.length === 0 ? [] : await findIssueTitles(db, scope, ids);
  return new Map(rows.map((row) => [row.id, { label: row.title, partnerId: row.partnerId }]));
}

/** Overdue issues as rows for the notifications feature's overdue sweep (set-based, all workspaces). */
export function overdueIssueNotices(now: Date): SQL {
  return overdueIssueNoticesSql(now);
}
