import type { AgreementSigner } from '../../../domain/agreements';
import {
  type AgreementSignature,
  type AgreementSignatureCreate,
  type AgreementSigning,
  type SigningLinkState,
  sameTypedName,
} from '../../../domain/signatures';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { AppError, errors } from '../../http/errors';
import { newId } from '../../ids';
import { frozenVersionOf } from '../agreements/agreements.freeze';
import {
  changeAgreement,
  recordAgreementTimeline,
  type VisibleAgreement,
  visibleAgreement,
} from '../agreements/agreements.service';
import { recordAudit } from '../audit/audit.service';
import { assertRequirementsMet } from '../compliance/compliance.checklist';
import { ensureSignedPdf } from './signing.pdf';
import {
  findLinkRows,
  findSignatureRows,
  hasSignedDocument,
  insertSignatureRow,
  type SignatureRow,
  type SigningLinkRow,
} from './signing.queries';

/** Where a signature came from: the channel and what the request tells of the signer's client. */
export type SigningClient = { ipAddress: string | null; userAgent: string | null };

/** Where a PDF that could not be made is reported (the request's logger). */
export type ErrorLog = { error(details: object, message: string): void };

export function toSignature(row: SignatureRow): AgreementSignature {
  return {
    id: row.id,
    signerId: row.signerId,
    versionNumber: row.versionNumber,
    sha256: row.sha256,
    typedName: row.typedName,
    channel: row.channel as AgreementSignature['channel'],
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    signedAt: row.signedAt.toISOString(),
  };
}

export function linkState(link: SigningLinkRow | undefined, now: Date): SigningLinkState {
  if (!link) return 'not_sent';
  if (link.usedAt) return 'used';
  if (link.revokedAt || link.expiresAt <= now) return 'expired';
  return 'sent';
}

const notPending = (status: string) =>
  errors.conflict(
    'not_pending_signature',
    `The agreement is ${status}: it is signed only while pending signature`,
    { agreementStatus: status },
    [{ field: 'status', code: 'not_pending_signature', message: 'Not waiting for signatures' }],
  );

/** The agreement's signing: the frozen version, each signer's signature of it and their link. */
export async function signingOf(
  db: Db | Tx,
  scope: Scope,
  current: VisibleAgreement,
): Promise<AgreementSigning> {
  const { agreement } = current;
  const version = await frozenVersionOf(db, scope, agreement.id);
  const signatures = version
    ? (await findSignatureRows(db, scope, agreement.id)).filter((s) => s.sha256 === version.sha256)
    : [];
  const links = await findLinkRows(db, scope, agreement.id);
  const now = new Date();
  const signers = agreement.signers.map((signer) => {
    const signature = signatures.find((s) => s.signerId === signer.id);
    const link = links.find((l) => l.signerId === signer.id);
    return {
      id: signer.id,
      side: signer.side,
      memberId: signer.memberId,
      contactId: signer.contactId,
      name: signer.name,
      role: signer.role,
      signature: signature ? toSignature(signature) : null,
      link:
        signer.side === 'partner'
          ? {
              state: linkState(link, now),
              email: link?.email ?? null,
              sentAt: link?.createdAt.toISOString() ?? null,
              expiresAt: link?.expiresAt.toISOString() ?? null,
            }
          : null,
    };
  });
  return {
    agreementId: agreement.id,
    status: agreement.status,
    version: version
      ? {
          number: version.number,
          sha256: version.sha256,
          frozenAt: version.frozenAt.toISOString(),
        }
      : null,
    signers,
    complete: version !== null && signers.length > 0 && signers.every((s) => s.signature),
    signedPdf: await hasSignedDocument(db, scope, agreement.id),
  };
}

export async function getSigning(ctx: ServiceContext, scope: Scope, id: string) {
  const db = dbOf(ctx);
  return signingOf(db, scope, await visibleAgreement(db, scope, id));
}

/**
 * Records one signer's signature of the frozen text, in the caller's transaction, with the
 * agreement locked: only while pending signature (409 `not_pending_signature`), once per text
 * (409 `already_signed`), for the text the signer saw (409 `document_changed`), with their own
 * name typed (422 `typed_name_mismatch`). The last signature moves the agreement to active
 * unless a compliance requirement blocks it: the signature stands either way (decision 056).
 * `actor` is who the audit events name when it is not the scope the rows are read in (the portal).
 */
export async function recordSignature(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  current: VisibleAgreement,
  signer: AgreementSigner,
  input: AgreementSignatureCreate & { channel: AgreementSignature['channel'] } & SigningClient,
  actor: Scope = scope,
): Promise<{ activated: boolean; signature: AgreementSignature }> {
  const { agreement } = current;
  if (agreement.status !== 'pending_signature') throw notPending(agreement.status);
  const version = await frozenVersionOf(tx, scope, agreement.id);
  if (!version) throw notPending(agreement.status);
  const signatures = (await findSignatureRows(tx, scope, agreement.id)).filter(
    (s) => s.sha256 === version.sha256,
  );
  const alreadySigned = () =>
    errors.conflict('already_signed', `${signer.name} has signed this text already`, {}, [
      { field: 'signerId', code: 'already_signed', message: 'Already signed' },
    ]);
  if (signatures.some((s) => s.signerId === signer.id)) throw alreadySigned();
  if (input.sha256 !== version.sha256)
    throw errors.conflict(
      'document_changed',
      'The text you were shown is not the one sent for signature: reload it and read it again',
      { sha256: version.sha256 },
      [{ field: 'sha256', code: 'document_changed', message: 'The text changed' }],
    );
  if (!sameTypedName(input.typedName, signer.name))
    throw errors.unprocessable('typed_name_mismatch', `Type the signer’s name: ${signer.name}`, [
      { field: 'typedName', code: 'typed_name_mismatch', message: `Type ${signer.name}` },
    ]);
  const row = await insertSignatureRow(tx, {
    id: newId(),
    workspaceId: scope.workspaceId,
    agreementId: agreement.id,
    partnerId: agreement.partnerId,
    signerId: signer.id,
    versionNumber: version.number,
    sha256: version.sha256,
    typedName: input.typedName,
    authorityConfirmed: input.authorityConfirmed,
    channel: input.channel,
    ipAddress: input.ipAddress,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    signedAt: new Date(),
  });
  if (!row) throw alreadySigned();
  const signature = toSignature(row);
  await recordAudit(tx, ctx, actor, {
    action: 'agreement.signed',
    entityType: 'agreement',
    entityId: agreement.id,
    partnerId: agreement.partnerId,
    after: { signer: { id: signer.id, name: signer.name, side: signer.side }, ...signature },
  });
  await recordAgreementTimeline(tx, scope, agreement, {
    event: 'signed',
    signer: signer.name,
    side: signer.side,
  });
  const signedIds = new Set([...signatures.map((s) => s.signerId), signer.id]);
  if (!agreement.signers.every((s) => signedIds.has(s.id))) return { activated: false, signature };
  return { activated: await activateIfAllowed(tx, ctx, scope, current, actor), signature };
}

/** Everyone signed: to active, unless a blocking requirement is open (then an admin moves it later). */
async function activateIfAllowed(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  current: VisibleAgreement,
  actor: Scope,
): Promise<boolean> {
  try {
    await assertRequirementsMet(tx, scope, current.row, 'active');
  } catch (error) {
    if (error instanceof AppError && error.code === 'requirement_open') return false;
    throw error;
  }
  const agreement = await changeAgreement(
    tx,
    ctx,
    scope,
    current,
    'agreement.status_changed',
    { status: 'active' },
    actor,
  );
  await recordAgreementTimeline(tx, scope, agreement, {
    event: 'status_changed',
    from: 'pending_signature',
    to: 'active',
  });
  return true;
}

/**
 * A member signs for our side, as themself: signed in (an API key signs for no one), and the
 * signer the path names is them (403 `not_the_signer`); a signer of another agreement is 404.
 */
export async function signAsMember(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  signerId: string,
  input: AgreementSignatureCreate & SigningClient,
  log: ErrorLog,
) {
  const { activated } = await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    const signer = current.agreement.signers.find((s) => s.id === signerId);
    if (!signer) throw errors.notFound('signer');
    const memberId = scope.kind === 'member' ? scope.memberId : null;
    if (signer.side !== 'us' || !memberId || signer.memberId !== memberId)
      throw new AppError(
        403,
        'not_the_signer',
        'Not allowed',
        'Only the signer signs, signed in as themself; partner signers sign through their link',
      );
    return recordSignature(tx, ctx, scope, current, signer, { ...input, channel: 'app' });
  });
  if (activated) await producePdfQuietly(ctx, scope, id, log);
  return getSigning(ctx, scope, id);
}

/**
 * Makes the signed PDF after the signature's transaction (rendering takes a second or two and
 * holds no lock); when it fails, the download makes it on first request instead.
 */
export async function producePdfQuietly(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  log: ErrorLog,
) {
  try {
    await ensureSignedPdf(ctx, scope, id);
  } catch (error) {
    log.error({ err: error, agreementId: id }, 'the signed PDF was not made; its download will');
  }
}
