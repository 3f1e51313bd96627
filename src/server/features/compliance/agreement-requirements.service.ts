import { type AgreementStatus, isClosed } from '../../../domain/agreements';
import {
  type AgreementRequirement,
  type AgreementRequirementList,
  type AgreementRequirementUpdate,
  requirementUpdateProblems,
} from '../../../domain/compliance';
import { type Scope, systemActorName } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { assertOpen, visibleAgreement } from '../agreements/agreements.service';
import { actorNameSql, recordAudit } from '../audit/audit.service';
import { checklist, present } from './compliance.checklist';
import { updateAgreementRequirementRow } from './compliance.queries';

export async function listAgreementRequirements(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
): Promise<AgreementRequirementList> {
  const db = dbOf(ctx);
  const { row } = await visibleAgreement(db, scope, agreementId);
  return present(row, await checklist(db, scope, row));
}

function markingSet(scope: Scope, input: AgreementRequirementUpdate, now: Date) {
  const cleared = {
    evidence: null,
    metAt: null,
    waivedReason: null,
    waivedByMemberId: null,
    waivedByName: null,
    waivedAt: null,
  };
  if (input.status === 'met')
    return { ...cleared, status: 'met', evidence: input.evidence ?? null, metAt: now };
  if (input.status === 'waived') {
    const name = actorNameSql(scope);
    return {
      ...cleared,
      status: 'waived',
      waivedReason: input.reason ?? null,
      waivedByMemberId: scope.kind === 'member' ? scope.memberId : null,
      waivedByName: typeof name === 'string' ? systemActorName(name) : name,
      waivedAt: now,
    };
  }
  return { ...cleared, status: 'open' };
}

/**
 * Marks one of an agreement's requirements met (with evidence), waived (with a reason; who and
 * when are recorded) or open again. An ended agreement's checklist no longer changes.
 */
export async function markAgreementRequirement(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
  id: string,
  ifMatch: string | undefined,
  input: AgreementRequirementUpdate,
): Promise<AgreementRequirement> {
  return withTransaction(ctx, async (tx, ctx) => {
    const { row: agreement } = await visibleAgreement(tx, scope, agreementId, true);
    const before = await checklist(tx, scope, agreement, true);
    const item = before.find((i) => i.row.mark.id === id);
    if (!item) throw errors.notFound('requirement of this agreement');
    checkIfMatch(ifMatch, item.row.mark.version, { required: true });
    const problems = requirementUpdateProblems(input);
    if (problems.length > 0)
      throw errors.unprocessable(
        'invalid_marking',
        problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        problems,
      );
    if (isClosed(agreement.status as AgreementStatus))
      assertOpen(agreement.status as AgreementStatus);
    const mark = item.row.mark;
    const unchanged =
      mark.status === input.status &&
      (input.status === 'open' ||
        (input.status === 'met' && mark.evidence === input.evidence) ||
        (input.status === 'waived' && mark.waivedReason === input.reason));
    const previous = present(agreement, before);
    const was = previous.items.find((i) => i.id === id) as AgreementRequirement;
    if (unchanged) return was;
    await updateAgreementRequirementRow(tx, scope, id, {
      ...markingSet(scope, input, new Date()),
      version: mark.version + 1,
      updatedAt: new Date(),
    });
    const after = present(agreement, await checklist(tx, scope, agreement));
    const now = after.items.find((i) => i.id === id) as AgreementRequirement;
    await recordAudit(tx, ctx, scope, {
      action: `agreement.requirement_${input.status === 'open' ? 'reopened' : input.status}`,
      entityType: 'agreement',
      entityId: agreement.id,
      partnerId: agreement.partnerId,
      before: { requirement: was },
      after: { requirement: now },
    });
    return now;
  });
}
