import { type AgreementStatus, agreementMachine } from '../../../domain/agreements';
import {
  type AgreementRequirement,
  type AgreementRequirementList,
  blockableStatuses,
  blockingRequirements,
  type SatisfiedBy,
  satisfyingAgreement,
} from '../../../domain/compliance';
import { messages } from '../../../domain/messages';
import { allowedNext } from '../../../domain/state-machine';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { errors } from '../../http/errors';
import {
  type AgreementRequirementJoin,
  copyRequirementMarkings,
  findAgreementRequirementRows,
  findPartnerAgreementStates,
  syncAgreementRequirementRows,
} from './compliance.queries';

type AgreementRef = { id: string; partnerId: string; type: string; status: string };

/** An agreement's requirements with what meets each live; the guard and the list read this. */
export async function checklist(
  db: Db | Tx,
  scope: Scope,
  agreement: AgreementRef,
  forUpdate = false,
) {
  const rows = await findAgreementRequirementRows(db, scope, agreement.id, { forUpdate });
  const others = rows.some((r) => r.requirement.satisfiedBy)
    ? await findPartnerAgreementStates(db, scope, agreement.partnerId)
    : [];
  return rows.map((row) => {
    const by = satisfyingAgreement(row.requirement.satisfiedBy ?? null, others, agreement.id);
    return { row, satisfiedByAgreementId: by?.id ?? null };
  });
}

type Checked = Awaited<ReturnType<typeof checklist>>[number];

function stateOf(item: Checked) {
  return {
    id: item.row.mark.id,
    title: item.row.requirement.title,
    blocks: item.row.requirement.blocks as (typeof blockableStatuses)[number] | null,
    status: item.row.mark.status as AgreementRequirement['status'],
    satisfied: item.satisfiedByAgreementId !== null,
  };
}

function toAgreementRequirement(item: Checked, blocking: Set<string>): AgreementRequirement {
  const { mark, requirement } = item.row as AgreementRequirementJoin;
  return {
    id: mark.id,
    requirementId: requirement.id,
    title: requirement.title,
    description: requirement.description,
    blocks: requirement.blocks as AgreementRequirement['blocks'],
    satisfiedBy: (requirement.satisfiedBy as SatisfiedBy | null) ?? null,
    status: mark.status as AgreementRequirement['status'],
    evidence: mark.evidence,
    metAt: mark.metAt?.toISOString() ?? null,
    waivedReason: mark.waivedReason,
    waivedByName: mark.waivedByName,
    waivedAt: mark.waivedAt?.toISOString() ?? null,
    satisfiedByAgreementId: item.satisfiedByAgreementId,
    blocking: blocking.has(mark.id),
    version: mark.version,
  };
}

/** The checklist as the API answers it, with the moves open requirements stop from here. */
export function present(agreement: AgreementRef, items: Checked[]): AgreementRequirementList {
  const next = allowedNext(agreementMachine, agreement.status as AgreementStatus);
  const states = items.map(stateOf);
  const blockedMoves = blockableStatuses
    .filter((to) => next.includes(to))
    .map((to) => ({ to, requirementIds: blockingRequirements(states, to).map((r) => r.id) }))
    .filter((move) => move.requirementIds.length > 0);
  const blocking = new Set(blockedMoves.flatMap((move) => move.requirementIds));
  return { items: items.map((item) => toAgreementRequirement(item, blocking)), blockedMoves };
}

/**
 * The guard of a move (decision 053): an open requirement that blocks `to`, and that no other
 * agreement of the partner meets, refuses it with 409 `requirement_open` naming each one.
 */
export async function assertRequirementsMet(
  tx: Tx,
  scope: Scope,
  agreement: AgreementRef,
  to: AgreementStatus,
): Promise<void> {
  if (!(blockableStatuses as readonly string[]).includes(to)) return;
  const blocking = blockingRequirements((await checklist(tx, scope, agreement)).map(stateOf), to);
  if (blocking.length === 0) return;
  throw errors.conflict(
    'requirement_open',
    `Before moving to ${to}: ${blocking.map((r) => messages.requirementOpen(r.title)).join('; ')}`,
    { to, requirements: blocking.map((r) => ({ id: r.id, title: r.title })) },
    blocking.map((r) => ({
      field: `requirements.${r.id}`,
      code: 'requirement_open',
      message: messages.requirementOpen(r.title),
    })),
  );
}

/** Keeps an agreement's checklist in step with its type (made, or a draft's type changed). */
export function syncAgreementRequirements(
  tx: Tx,
  scope: Scope,
  agreement: { id: string; partnerId: string; type: string },
) {
  return syncAgreementRequirementRows(tx, scope, agreement);
}

/**
 * A renewed or renegotiated term inherits its previous term's checklist markings (decision
 * 059): what was met or waived for the partnership stays so, and what was open stays open.
 */
export function carryRequirementMarkings(
  tx: Tx,
  scope: Scope,
  from: { id: string },
  to: { id: string },
) {
  return copyRequirementMarkings(tx, scope, from.id, to.id);
}
