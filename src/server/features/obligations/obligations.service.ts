import { messages } from '../../../domain/messages';
import {
  nextDueOn,
  type Obligation,
  type ObligationCreate,
  type ObligationList,
  type ObligationStatus,
  type ObligationUpdate,
  obligationMachine,
  type Schedule,
  scheduleProblems,
} from '../../../domain/obligations';
import { normalizeRule, ruleProblem } from '../../../domain/recurrence';
import type { Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { sameValue } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { assertTransition } from '../../http/transition';
import { newId } from '../../ids';
import type { VisibleAgreement } from '../agreements/agreements.service';
import { visibleAgreement } from '../agreements/agreements.service';
import { filesUnder, removeFiles } from '../attachments/attachments.service';
import { recordAudit, recordAuditsOf } from '../audit/audit.service';
import { usableMemberRef } from '../members/members.service';
import { recordTimelineEntry } from '../timeline/timeline.service';
import { workspaceToday } from '../workspaces/workspace-day';
import {
  countObligations,
  deleteObligationRow,
  findObligation,
  findObligationRows,
  insertObligationRow,
  type ObligationRow,
  releaseObligationOwnerSql,
  updateObligationRow,
} from './obligations.queries';
import { presentObligations } from './obligations.view';

/** An agreement holds this many obligations at most: its page lists them all. */
export const maxObligationsPerAgreement = 200;

function today(db: Db | Tx, scope: Scope) {
  return workspaceToday(db, scope.workspaceId);
}

async function present(db: Db | Tx, scope: Scope, row: ObligationRow): Promise<Obligation> {
  const [obligation] = await presentObligations(db, scope, [row], await today(db, scope));
  if (!obligation) throw new Error('an obligation presented as nothing');
  return obligation;
}

/** The obligation of a visible agreement, or 404 (the agreement's 404 first). */
export async function visibleObligation(tx: Tx, scope: Scope, agreementId: string, id: string) {
  const agreement = await visibleAgreement(tx, scope, agreementId, true);
  const row = await findObligation(tx, scope, agreementId, id, { forUpdate: true });
  if (!row) throw errors.notFound('obligation');
  return { agreement, row, obligation: await present(tx, scope, row) };
}

/**
 * A due date or a rule with its start (422 `invalid_schedule` naming the field), the rule one
 * Tandem takes (422 `invalid_rrule` naming `rrule`); answers the rule as stored.
 */
function checkedSchedule(schedule: Schedule): Schedule {
  const problems = scheduleProblems(schedule);
  if (problems.length > 0)
    throw errors.unprocessable(
      'invalid_schedule',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  if (schedule.rrule === null) return schedule;
  const problem = ruleProblem(schedule.rrule);
  if (problem)
    throw errors.unprocessable('invalid_rrule', problem.message, [
      { field: 'rrule', code: problem.code, message: problem.message },
    ]);
  return { ...schedule, rrule: normalizeRule(schedule.rrule) };
}

/** Milestones of an obligation on its agreement's partner timeline. */
export async function recordObligationTimeline(
  tx: Tx,
  scope: Scope,
  agreement: VisibleAgreement,
  obligation: Obligation,
  event: string,
  more: Record<string, string> = {},
) {
  await recordTimelineEntry(tx, scope, {
    kind: 'agreement',
    subject: { type: 'agreement', id: agreement.row.id },
    partnerId: agreement.row.partnerId,
    summary: {
      title: agreement.row.title,
      type: agreement.row.type,
      event,
      obligation: obligation.description.slice(0, 200),
      ...more,
    },
  });
}

export async function listObligations(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
): Promise<ObligationList> {
  const db = dbOf(ctx);
  const agreement = await visibleAgreement(db, scope, agreementId);
  const rows = await findObligationRows(db, scope, agreement.row.id);
  return { items: await presentObligations(db, scope, rows, await today(db, scope)) };
}

export async function getObligation(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
  id: string,
): Promise<Obligation> {
  const db = dbOf(ctx);
  await visibleAgreement(db, scope, agreementId);
  const row = await findObligation(db, scope, agreementId, id);
  if (!row) throw errors.notFound('obligation');
  return present(db, scope, row);
}

export async function createObligation(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
  input: ObligationCreate,
): Promise<Obligation> {
  return withTransaction(ctx, async (tx, ctx) => {
    const agreement = await visibleAgreement(tx, scope, agreementId, true);
    if (input.ownerId) await usableMemberRef(tx, scope, input.ownerId, 'ownerId');
    const schedule = checkedSchedule(input);
    if ((await countObligations(tx, scope, agreementId)) >= maxObligationsPerAgreement)
      throw errors.conflict(
        'too_many_obligations',
        `An agreement holds ${maxObligationsPerAgreement} obligations at most`,
        {},
        [{ field: 'description', code: 'too_many_obligations', message: messages.invalid }],
      );
    const now = new Date();
    const state = { ...schedule, status: 'open' as const, doneThrough: null };
    const row = await insertObligationRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      agreementId,
      description: input.description,
      party: input.party,
      ownerId: input.ownerId,
      ...schedule,
      status: 'open',
      evidenceNote: input.evidenceNote,
      nextDueOn: nextDueOn(state),
      createdAt: now,
      updatedAt: now,
    });
    const obligation = await present(tx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: 'obligation.created',
      entityType: 'obligation',
      entityId: row.id,
      partnerId: agreement.row.partnerId,
      after: obligation,
    });
    await recordObligationTimeline(tx, scope, agreement, obligation, 'obligation_added');
    return obligation;
  });
}

/**
 * Changes an obligation: the fields sent change; `status` moves by its machine (409
 * `invalid_transition`); `doneThrough` goes with a recurring obligation only (422). The next
 * due date is computed again from the result.
 */
export async function updateObligation(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
  id: string,
  ifMatch: string | undefined,
  input: ObligationUpdate,
): Promise<Obligation> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleObligation(tx, scope, agreementId, id);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const changed = Object.fromEntries(
      Object.entries(input).filter(
        ([key, value]) =>
          value !== undefined && !sameValue(value, current.row[key as keyof ObligationRow]),
      ),
    ) as ObligationUpdate;
    if (Object.keys(changed).length === 0) return current.obligation;
    const from = current.row.status as ObligationStatus;
    if (changed.status) assertTransition(obligationMachine, from, changed.status, {}, {});
    if (changed.ownerId) await usableMemberRef(tx, scope, changed.ownerId, 'ownerId');
    const merged = { ...current.row, ...changed };
    const schedule = checkedSchedule({
      dueOn: merged.dueOn,
      rrule: merged.rrule,
      startsOn: merged.startsOn,
    });
    // A one-off obligation is done by its status; only a recurring one is done through a day.
    const doneThrough = schedule.rrule === null ? null : merged.doneThrough;
    if (changed.doneThrough && schedule.rrule === null)
      throw errors.unprocessable('not_recurring', messages.obligationNotRecurring, [
        { field: 'doneThrough', code: 'not_recurring', message: messages.obligationNotRecurring },
      ]);
    const status = merged.status as ObligationStatus;
    // A new schedule's due dates are new: one that passes is announced, even on a date told before.
    const rescheduled = ['dueOn', 'rrule', 'startsOn'].some((key) => key in changed);
    const row = await updateObligationRow(tx, scope, id, {
      ...changed,
      ...schedule,
      doneThrough,
      ...(rescheduled ? { notifiedDueOn: null } : {}),
      nextDueOn: nextDueOn({ ...schedule, status, doneThrough }),
      version: current.row.version + 1,
      updatedAt: new Date(),
    });
    const obligation = await present(tx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: changed.status ? 'obligation.status_changed' : 'obligation.updated',
      entityType: 'obligation',
      entityId: id,
      partnerId: current.agreement.row.partnerId,
      before: current.obligation,
      after: obligation,
    });
    if (changed.status && changed.status !== 'open')
      await recordObligationTimeline(
        tx,
        scope,
        current.agreement,
        obligation,
        `obligation_${changed.status}`,
      );
    return obligation;
  });
}

export async function deleteObligation(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  const files = await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleObligation(tx, scope, agreementId, id);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const files = await filesUnder(tx, scope, { obligationId: id });
    await deleteObligationRow(tx, scope, id);
    await recordAudit(tx, ctx, scope, {
      action: 'obligation.deleted',
      entityType: 'obligation',
      entityId: id,
      partnerId: current.agreement.row.partnerId,
      before: current.obligation,
    });
    return files;
  });
  await removeFiles(ctx, files);
}

/** A member leaves: obligations they own become unowned (an audit event each). */
export async function releaseMemberObligations(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<{ releasedObligations: number }> {
  const releasedObligations = await recordAuditsOf(
    ctx.tx,
    ctx,
    scope,
    { action: 'obligation.owner_released', entityType: 'obligation' },
    releaseObligationOwnerSql(scope.workspaceId, member.id),
  );
  return { releasedObligations };
}
