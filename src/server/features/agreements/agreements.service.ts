import {
  type Agreement,
  type AgreementCreate,
  type AgreementStatus,
  type AgreementTransition,
  type AgreementUpdate,
  agreementMachine,
  alwaysEditable,
  isClosed,
  reservedFor,
  termsEditable,
  termsProblems,
} from '../../../domain/agreements';
import { messages } from '../../../domain/messages';
import type { Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { sameValue } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { assertTransition } from '../../http/transition';
import { newId } from '../../ids';
import { filesUnder, removeFiles } from '../attachments/attachments.service';
import { recordAudit, recordAuditsOf } from '../audit/audit.service';
import { fillTemplate, usableTemplate } from '../clauses/templates.fill';
import { removeCommentsOn } from '../comments/comments.service';
import {
  assertRequirementsMet,
  syncAgreementRequirements,
} from '../compliance/compliance.checklist';
import { usableMemberRef } from '../members/members.service';
import { partnerRef, usablePartnerRef } from '../partners/partners.service';
import { recordTimelineEntry } from '../timeline/timeline.service';
import { freezeForSignature } from './agreements.freeze';
import {
  type AgreementRow,
  ancestorIds,
  deleteAgreementRow,
  findAgreement,
  hasChildren,
  insertAgreementRow,
  type NewAgreementRow,
  releaseOwnerSql,
  releaseSignerContact,
  releaseSignerMember,
  updateAgreementRow,
} from './agreements.queries';
import { insertVersion } from './agreements.versions';
import { findVersionSummaries, releaseVersionMember } from './agreements.versions.queries';
import { presentAgreements } from './agreements.view';

async function present(db: Db | Tx, scope: Scope, row: AgreementRow): Promise<Agreement> {
  const [agreement] = await presentAgreements(db, scope, [row]);
  if (!agreement) throw new Error('an agreement presented as nothing');
  return agreement;
}

/** The agreement, or 404 when the caller may not see it (nor its partner). */
export async function visibleAgreement(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findAgreement(db, scope, id, { forUpdate });
  const partner = row ? await partnerRef(db, scope, row.partnerId) : null;
  if (!row || !partner) throw errors.notFound('agreement');
  return { row, agreement: await present(db, scope, row) };
}

export type VisibleAgreement = Awaited<ReturnType<typeof visibleAgreement>>;

/** The rules between fields, else 422 naming each field at fault. */
function assertTerms(terms: Parameters<typeof termsProblems>[0]) {
  const problems = termsProblems(terms);
  if (problems.length === 0) return;
  throw errors.unprocessable(
    'invalid_terms',
    problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    problems,
  );
}

/**
 * A parent the body names: an agreement of the same partner that the caller sees (else 422
 * naming `parentId`), and not the agreement itself or one under it (422 `parent_cycle`).
 */
async function assertParent(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  parentId: string | null,
  self: string | null,
) {
  if (parentId === null) return;
  const parent = await findAgreement(db, scope, parentId);
  if (!parent || parent.partnerId !== partnerId)
    throw errors.invalidReference('parentId', 'agreement of this partner');
  if (self && (await ancestorIds(db, scope, parentId)).includes(self))
    throw errors.unprocessable('parent_cycle', 'An agreement cannot fall under itself', [
      { field: 'parentId', code: 'parent_cycle', message: messages.parentCycle },
    ]);
}

/** An agreement's milestones on its partner's timeline; edits stay in its own history. */
export async function recordAgreementTimeline(
  tx: Tx,
  scope: Scope,
  agreement: Agreement,
  summary: Record<string, string | null>,
) {
  await recordTimelineEntry(tx, scope, {
    kind: 'agreement',
    subject: { type: 'agreement', id: agreement.id },
    partnerId: agreement.partnerId,
    summary: { title: agreement.title, type: agreement.type, ...summary },
  });
}

/**
 * Writes a change (a new ETag), then its audit event with the agreement before and after,
 * naming `actor` (the scope itself unless a partner user's act is written in Tandem's scope).
 */
export async function changeAgreement(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  current: VisibleAgreement,
  action: string,
  set: Partial<NewAgreementRow>,
  actor: Scope = scope,
): Promise<Agreement> {
  const row = await updateAgreementRow(tx, scope, current.row.id, {
    ...set,
    version: current.row.version + 1,
    updatedAt: new Date(),
  });
  const agreement = await present(tx, scope, row);
  await recordAudit(tx, ctx, actor, {
    action,
    entityType: 'agreement',
    entityId: row.id,
    partnerId: row.partnerId,
    before: current.agreement,
    after: agreement,
  });
  return agreement;
}

export async function createAgreement(
  ctx: ServiceContext,
  scope: Scope,
  input: AgreementCreate,
): Promise<Agreement> {
  return withTransaction(ctx, async (tx, ctx) => {
    const { templateId, ...fields } = input;
    const partner = await usablePartnerRef(tx, scope, input.partnerId);
    if (input.ownerId) await usableMemberRef(tx, scope, input.ownerId, 'ownerId');
    assertTerms(input);
    await assertParent(tx, scope, partner.id, input.parentId, null);
    const text = templateId ? await startingText(tx, ctx, scope, templateId, input) : null;
    const now = new Date();
    const row = await insertAgreementRow(tx, {
      ...fields,
      id: newId(),
      workspaceId: scope.workspaceId,
      partnerId: partner.id,
      status: 'draft',
      createdAt: now,
      updatedAt: now,
    });
    await syncAgreementRequirements(tx, scope, row);
    const agreement = await present(tx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: 'agreement.created',
      entityType: 'agreement',
      entityId: row.id,
      partnerId: row.partnerId,
      after: agreement,
    });
    await recordAgreementTimeline(tx, scope, agreement, { event: 'created' });
    if (text !== null) await insertVersion(tx, ctx, scope, { row, agreement }, 1, text);
    return agreement;
  });
}

/** The text a new agreement starts from: its template filled from the partner and the fields sent. */
async function startingText(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  templateId: string,
  input: AgreementCreate,
) {
  const template = await usableTemplate(tx, scope, templateId);
  const filled = await fillTemplate(ctx, scope, template, input.partnerId, {
    title: input.title,
    effectiveDate: input.effectiveOn,
    endDate: input.endOn,
    noticePeriodDays: input.noticeDays,
    renewalTermMonths: input.renewalTermMonths,
    value:
      input.value !== null && input.currency
        ? { amount: input.value, currency: input.currency }
        : null,
    governingLaw: input.governingLaw,
  });
  return filled.text;
}

export async function getAgreement(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<Agreement> {
  return (await visibleAgreement(dbOf(ctx), scope, id)).agreement;
}

/** An ended agreement takes no change (409 `agreement_closed`, naming `status`). */
export function assertOpen(status: AgreementStatus) {
  if (!isClosed(status)) return;
  throw errors.conflict(
    'agreement_closed',
    `The agreement is ${status}`,
    { agreementStatus: status },
    [{ field: 'status', code: 'agreement_closed', message: messages.agreementClosed }],
  );
}

/** The terms of an agreement past negotiation are settled (409 `agreement_locked`, naming the field). */
export function assertTermsEditable(status: AgreementStatus, field: string) {
  if (termsEditable(status)) return;
  throw errors.conflict(
    'agreement_locked',
    `The agreement is ${status}: its terms are settled; only the title and owner change`,
    { agreementStatus: status },
    [{ field, code: 'agreement_locked', message: messages.agreementLocked }],
  );
}

/**
 * Changes an agreement: every field while it is a draft or in negotiation, the title and owner
 * after; an ended agreement not at all. Fields sent with the value they hold change nothing.
 */
export async function updateAgreement(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: AgreementUpdate,
): Promise<Agreement> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const status = current.row.status as AgreementStatus;
    const changed = Object.fromEntries(
      Object.entries(input).filter(
        ([key, value]) =>
          value !== undefined && !sameValue(value, current.row[key as keyof AgreementRow]),
      ),
    ) as AgreementUpdate;
    const fields = Object.keys(changed);
    if (fields.length === 0) return current.agreement;
    assertOpen(status);
    for (const field of fields)
      if (!(alwaysEditable as readonly string[]).includes(field))
        assertTermsEditable(status, field);
    if (changed.ownerId) await usableMemberRef(tx, scope, changed.ownerId, 'ownerId');
    const merged = { ...current.row, ...changed } as AgreementRow;
    assertTerms({
      effectiveOn: merged.effectiveOn,
      endOn: merged.endOn,
      autoRenew: merged.autoRenew,
      renewalTermMonths: merged.renewalTermMonths,
      value: merged.value,
      currency: merged.currency,
    });
    if (changed.parentId !== undefined)
      await assertParent(tx, scope, current.row.partnerId, changed.parentId, id);
    if (changed.type) await syncAgreementRequirements(tx, scope, merged);
    return changeAgreement(tx, ctx, scope, current, 'agreement.updated', changed);
  });
}

/** Deletes a draft made by mistake; anything further along is terminated, not deleted. */
export async function deleteAgreement(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  const files = await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    if (current.row.status !== 'draft')
      throw errors.conflict(
        'agreement_not_draft',
        `The agreement is ${current.row.status}: only a draft can be deleted; terminate it instead`,
        { agreementStatus: current.row.status },
        [{ field: 'status', code: 'agreement_not_draft', message: messages.agreementNotDraft }],
      );
    if (await hasChildren(tx, scope, id))
      throw errors.conflict('agreement_has_children', 'Agreements fall under this one', {}, [
        { field: 'id', code: 'agreement_has_children', message: messages.agreementHasChildren },
      ]);
    // Its discussion goes with it: no comment is left on a version that no longer exists.
    const versions = await findVersionSummaries(tx, scope, id);
    await removeCommentsOn(
      tx,
      ctx,
      scope,
      [
        { subjectType: 'agreement', ids: [id] },
        { subjectType: 'agreement_version', ids: versions.map((v) => v.id) },
      ],
      current.row.partnerId,
    );
    const files = await filesUnder(tx, scope, { agreementId: id });
    await deleteAgreementRow(tx, scope, id);
    await recordAudit(tx, ctx, scope, {
      action: 'agreement.deleted',
      entityType: 'agreement',
      entityId: id,
      partnerId: current.row.partnerId,
      before: current.agreement,
    });
    return files;
  });
  await removeFiles(ctx, files);
}

/**
 * Moves an agreement by its machine (409 `invalid_transition`). Moves another part of Tandem
 * owns are 409 `transition_reserved` (decision 048): a signed agreement becomes active through
 * its signatures (or an admin recording a signature made outside Tandem), and the renewal
 * sweep and decisions make the rest. Tandem itself (a system scope) may make every move.
 */
export async function transitionAgreement(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: AgreementTransition,
): Promise<Agreement> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const from = current.row.status as AgreementStatus;
    assertTransition(agreementMachine, from, input.to, {}, {});
    const owner =
      scope.kind === 'system'
        ? null
        : reservedFor(from, input.to, scope.kind === 'member' ? scope.role : null);
    if (owner)
      throw errors.conflict(
        'transition_reserved',
        `Tandem moves an agreement from ${from} to ${input.to} itself (${owner.replace('_', ' ')})`,
        { from, to: input.to, owner },
        [{ field: 'to', code: 'transition_reserved', message: messages.transitionReserved }],
      );
    await assertRequirementsMet(tx, scope, current.row, input.to);
    if (input.to === 'pending_signature') await freezeForSignature(tx, scope, current.agreement);
    const agreement = await changeAgreement(tx, ctx, scope, current, 'agreement.status_changed', {
      status: input.to,
    });
    await recordAgreementTimeline(tx, scope, agreement, {
      event: 'status_changed',
      from,
      to: input.to,
    });
    return agreement;
  });
}

/** A member leaves: agreements they own become unowned (an audit event each); their signatures keep their name. */
export async function releaseMemberAgreements(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<{ releasedAgreements: number }> {
  const releasedAgreements = await recordAuditsOf(
    ctx.tx,
    ctx,
    scope,
    { action: 'agreement.owner_released', entityType: 'agreement' },
    releaseOwnerSql(scope.workspaceId, member.id),
  );
  await releaseSignerMember(ctx.tx, scope.workspaceId, member.id);
  await releaseVersionMember(ctx.tx, scope.workspaceId, member.id);
  return { releasedAgreements };
}

/** A contact is deleted: where they sign, their name and role stay. */
export async function releaseContactAgreements(tx: Tx, scope: Scope, contactId: string) {
  return (await releaseSignerContact(tx, scope, contactId)).length;
}
