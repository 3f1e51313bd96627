import type {
  Agreement,
  AgreementSignerCreate,
  AgreementSignerList,
  AgreementStatus,
} from '../../../domain/agreements';
import { messages } from '../../../domain/messages';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { partnerContactRefs } from '../contacts/contacts.service';
import { usableMemberRef } from '../members/members.service';
import { isUniqueViolation } from '../partners/partners.view';
import { deleteSignerRow, insertSignerRow } from './agreements.queries';
import {
  assertOpen,
  assertTermsEditable,
  changeAgreement,
  visibleAgreement,
} from './agreements.service';

const signerExists = (field: string) =>
  errors.conflict('signer_exists', 'Already a signer of this agreement', {}, [
    { field, code: 'signer_exists', message: messages.signerExists },
  ]);

/**
 * Who signs for the side: a member of the workspace for ours (422 naming `memberId`), a contact
 * of the agreement's own partner for theirs (422 naming `contactId`), and only the one the side
 * takes.
 */
async function signerPerson(tx: Tx, scope: Scope, partnerId: string, input: AgreementSignerCreate) {
  const [wanted, other] =
    input.side === 'us'
      ? (['memberId', 'contactId'] as const)
      : (['contactId', 'memberId'] as const);
  if (input[other] !== null)
    throw errors.unprocessable('wrong_side', `A signer for side ${input.side} has no ${other}`, [
      { field: other, code: 'wrong_side', message: messages.invalid },
    ]);
  const id = input[wanted];
  if (id === null)
    throw errors.unprocessable(
      'field_required',
      `A signer for side ${input.side} needs ${wanted}`,
      [{ field: wanted, code: 'required', message: messages.required }],
    );
  if (input.side === 'us') return (await usableMemberRef(tx, scope, id, 'memberId')).name;
  const [contact] = await partnerContactRefs(tx, scope, partnerId, { ids: [id] });
  if (!contact) throw errors.invalidReference('contactId', 'contact of this partner');
  return contact.name;
}

export async function listSigners(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<AgreementSignerList> {
  return { items: (await visibleAgreement(dbOf(ctx), scope, id)).agreement.signers };
}

/**
 * Adds a signer while the terms are open (draft, in negotiation): the agreement changes, so it
 * takes the agreement's ETag in If-Match and answers the agreement with its new one.
 */
export async function addSigner(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: AgreementSignerCreate,
): Promise<Agreement> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const status = current.row.status as AgreementStatus;
    assertOpen(status);
    assertTermsEditable(status, 'side');
    const name = await signerPerson(tx, scope, current.row.partnerId, input);
    const field = input.side === 'us' ? 'memberId' : 'contactId';
    if (current.agreement.signers.some((s) => s[field] !== null && s[field] === input[field]))
      throw signerExists(field);
    await insertSignerRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      agreementId: id,
      partnerId: current.row.partnerId,
      side: input.side,
      memberId: input.memberId,
      contactId: input.contactId,
      name,
      role: input.role,
    }).catch((error: unknown) => {
      throw isUniqueViolation(error) ? signerExists(field) : error;
    });
    return changeAgreement(tx, ctx, scope, current, 'agreement.signer_added', {});
  });
}

/** Removes a signer while the terms are open; 404 for a signer not of this agreement. */
export async function removeSigner(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  signerId: string,
  ifMatch: string | undefined,
): Promise<Agreement> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    if (!current.agreement.signers.some((signer) => signer.id === signerId))
      throw errors.notFound('signer');
    const status = current.row.status as AgreementStatus;
    assertOpen(status);
    assertTermsEditable(status, 'signers');
    await deleteSignerRow(tx, scope, id, signerId);
    return changeAgreement(tx, ctx, scope, current, 'agreement.signer_removed', {});
  });
}
