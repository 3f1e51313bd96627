import { and, eq, notInArray } from 'drizzle-orm';
import type {
  AgreementRenewal,
  AgreementRenewalResult,
  AgreementStatus,
} from '../../../domain/agreements';
import { messages } from '../../../domain/messages';
import { addDays, addMonths, toDayNumber } from '../../../domain/renewals';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Tx } from '../../db/client';
import { agreements } from '../../db/schema';
import { withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import {
  carryRequirementMarkings,
  syncAgreementRequirements,
} from '../compliance/compliance.checklist';
import { recordTimelineEntry } from '../timeline/timeline.service';
import { type AgreementRow, insertAgreementRow } from './agreements.queries';
import { changeAgreement, type VisibleAgreement, visibleAgreement } from './agreements.service';
import { presentAgreements } from './agreements.view';

const inForce: AgreementStatus[] = ['active', 'expiring'];

/** An open next term already started from this agreement (not terminated, expired or renewed). */
async function openNextTerm(tx: Tx, scope: Scope, id: string) {
  const [row] = await tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(
      and(
        eq(agreements.workspaceId, scope.workspaceId),
        eq(agreements.renewedFromId, id),
        notInArray(agreements.status, ['terminated', 'expired']),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * The dates of the next term: it starts the day after the current end and lasts `termMonths`,
 * counted from the end as agreed (the month-end rule keeps a Jan 31 end on month ends).
 */
function nextTermDates(row: AgreementRow, termMonths: number) {
  const end = row.endOn as string;
  const anchor = row.endAnchorOn ?? end;
  // Whole months from the anchor to the current end, so the next end is one more term on.
  const [ay, am] = anchor.split('-').map(Number) as [number, number];
  const [ey, em] = end.split('-').map(Number) as [number, number];
  const elapsed = (ey - ay) * 12 + (em - am);
  let next = addMonths(anchor, elapsed + termMonths);
  if (toDayNumber(next) <= toDayNumber(end)) next = addMonths(anchor, elapsed + 2 * termMonths);
  return { effectiveOn: addDays(end, 1), endOn: next };
}

function assertRenewable(current: VisibleAgreement, decision: AgreementRenewal) {
  const status = current.row.status as AgreementStatus;
  if (!inForce.includes(status))
    throw errors.conflict(
      'agreement_not_in_force',
      `The agreement is ${status}: only an active or expiring agreement takes a renewal decision`,
      { agreementStatus: status },
      [
        {
          field: 'decision',
          code: 'agreement_not_in_force',
          message: messages.agreementNotInForce,
        },
      ],
    );
  if (decision.decision === 'terminate') return null;
  if (!current.row.endOn)
    throw errors.unprocessable('renewal_end_required', 'The agreement has no end date', [
      { field: 'decision', code: 'renewal_end_required', message: messages.renewalEndRequired },
    ]);
  const termMonths = decision.termMonths ?? current.row.renewalTermMonths;
  if (!termMonths)
    throw errors.unprocessable('renewal_term_required', 'Say how long the next term lasts', [
      { field: 'termMonths', code: 'required', message: messages.renewalTermRequired },
    ]);
  return termMonths;
}

/** Starts the next term as a copy of the terms, linked back to the agreement it follows. */
async function startNextTerm(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  row: AgreementRow,
  status: 'active' | 'draft',
  termMonths: number,
) {
  const now = new Date();
  const next = await insertAgreementRow(tx, {
    id: newId(),
    workspaceId: scope.workspaceId,
    partnerId: row.partnerId,
    parentId: row.parentId,
    renewedFromId: row.id,
    type: row.type,
    title: row.title,
    status,
    ownerId: row.ownerId,
    ...nextTermDates(row, termMonths),
    autoRenew: row.autoRenew,
    renewalTermMonths: row.renewalTermMonths,
    noticeDays: row.noticeDays,
    value: row.value,
    currency: row.currency,
    governingLaw: row.governingLaw,
    createdAt: now,
    updatedAt: now,
  });
  // The next term has its own compliance checklist, as any new agreement does, starting from
  // what the current term met or waived (so the guard does not find it empty-open).
  await syncAgreementRequirements(tx, scope, next);
  await carryRequirementMarkings(tx, scope, row, next);
  const [agreement] = await presentAgreements(tx, scope, [next]);
  if (!agreement) throw new Error('a next term presented as nothing');
  await recordAudit(tx, ctx, scope, {
    action: 'agreement.created',
    entityType: 'agreement',
    entityId: next.id,
    partnerId: next.partnerId,
    after: agreement,
  });
  await recordTimelineEntry(tx, scope, {
    kind: 'agreement',
    subject: { type: 'agreement', id: next.id },
    partnerId: next.partnerId,
    summary: { title: next.title, type: next.type, event: 'created', renewedFrom: row.id },
  });
  return agreement;
}

/**
 * A renewal decision (decision 054) on an active or expiring agreement (else 409
 * `agreement_not_in_force`): `renew` makes the next term, active, on the same terms and moves
 * this one to `renewed`; `renegotiate` starts the next term as a draft and leaves this one in
 * force until it ends; `terminate` ends it with a reason. One next term at a time (409
 * `renewal_exists`).
 */
export async function decideRenewal(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: AgreementRenewal,
): Promise<AgreementRenewalResult> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const termMonths = assertRenewable(current, input);
    const from = current.row.status;
    if (input.decision !== 'terminate' && (await openNextTerm(tx, scope, id)))
      throw errors.conflict('renewal_exists', 'A next term was already started from it', {}, [
        { field: 'decision', code: 'renewal_exists', message: messages.renewalExists },
      ]);
    // renew and renegotiate start the next term (active, or a draft to negotiate); renegotiate
    // leaves this one in force. The versions work gives the draft its first version here.
    const next =
      input.decision === 'terminate'
        ? null
        : await startNextTerm(
            tx,
            ctx,
            scope,
            current.row,
            input.decision === 'renew' ? 'active' : 'draft',
            termMonths as number,
          );
    if (input.decision === 'renegotiate') return { agreement: current.agreement, next };
    // renew and terminate end this one: one status change with its audit event and timeline entry.
    const to = input.decision === 'renew' ? 'renewed' : 'terminated';
    const agreement = await changeAgreement(tx, ctx, scope, current, `agreement.${to}`, {
      status: to,
    });
    await recordTimelineEntry(tx, scope, {
      kind: 'agreement',
      subject: { type: 'agreement', id },
      partnerId: agreement.partnerId,
      summary: {
        title: agreement.title,
        type: agreement.type,
        event: 'status_changed',
        from,
        to,
        ...(next ? { next: next.id } : {}),
        ...(input.decision === 'terminate' ? { reason: input.reason } : {}),
      },
    });
    if (input.decision === 'terminate')
      await recordAudit(tx, ctx, scope, {
        action: 'agreement.termination_reason',
        entityType: 'agreement',
        entityId: id,
        partnerId: agreement.partnerId,
        after: { reason: input.reason },
      });
    return { agreement, next };
  });
}
