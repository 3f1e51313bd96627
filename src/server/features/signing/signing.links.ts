import type {
  PublicSignatureCreate,
  SigningLinkCreate,
  SigningLinkSent,
  SigningView,
} from '../../../domain/signatures';
import { type Scope, systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { AppError, errors } from '../../http/errors';
import { newId } from '../../ids';
import { signingLinkMail } from '../../mail/templates';
import { newWorkspaceToken, sha256, workspaceOfToken } from '../../tokens';
import { frozenVersionOf } from '../agreements/agreements.freeze';
import { visibleAgreement } from '../agreements/agreements.service';
import { recordAudit } from '../audit/audit.service';
import { partnerContactRefs } from '../contacts/contacts.service';
import { recordLinkDisclosure } from '../disclosures/disclosures.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import {
  findLinkByTokenHash,
  findSignatureRows,
  insertLinkRow,
  markLinkUsed,
  revokeOpenLinks,
} from './signing.queries';
import {
  type ErrorLog,
  producePdfQuietly,
  recordSignature,
  type SigningClient,
} from './signing.service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The page a signing link opens; the token is in the fragment, so no server log ever holds it. */
export const signingUrl = (publicUrl: string, token: string) => `${publicUrl}/sign#token=${token}`;

/**
 * Sends a partner signer their signing link (by mail, or answered once without SMTP), revoking
 * any link sent to them before. Only while pending signature, for a partner signer who has not
 * signed and who is still a contact of the partner with an email address.
 */
export async function sendSigningLink(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  signerId: string,
  input: SigningLinkCreate,
): Promise<SigningLinkSent> {
  const token = newWorkspaceToken(scope.workspaceId);
  const url = signingUrl(ctx.config.publicUrl, token);
  const mailed = Boolean(ctx.config.smtpUrl);
  const sent = await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    const { agreement } = current;
    const signer = agreement.signers.find((s) => s.id === signerId);
    if (!signer) throw errors.notFound('signer');
    if (signer.side !== 'partner')
      throw errors.conflict('not_partner_signer', 'Our side signs in Tandem, not by link', {}, [
        { field: 'signerId', code: 'not_partner_signer', message: 'Signs in Tandem' },
      ]);
    if (agreement.status !== 'pending_signature')
      throw errors.conflict(
        'not_pending_signature',
        `The agreement is ${agreement.status}: links are sent while it is pending signature`,
        { agreementStatus: agreement.status },
        [{ field: 'status', code: 'not_pending_signature', message: 'Not pending signature' }],
      );
    const version = await frozenVersionOf(tx, scope, id);
    if (!version) throw new Error('an agreement pending signature has no frozen version');
    const signatures = await findSignatureRows(tx, scope, id);
    if (signatures.some((s) => s.signerId === signer.id && s.sha256 === version.sha256))
      throw errors.conflict('already_signed', `${signer.name} has signed already`, {}, [
        { field: 'signerId', code: 'already_signed', message: 'Already signed' },
      ]);
    const [contact] = signer.contactId
      ? await partnerContactRefs(tx, scope, agreement.partnerId, { ids: [signer.contactId] })
      : [];
    if (!contact?.email)
      throw errors.conflict(
        'signer_no_email',
        `${signer.name} has no email address as a contact of ${agreement.partnerName}`,
        {},
        [{ field: 'signerId', code: 'signer_no_email', message: 'Add their email address' }],
      );
    const now = new Date();
    const revoked = await revokeOpenLinks(tx, scope, signer.id, now);
    const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
    await insertLinkRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      agreementId: id,
      partnerId: agreement.partnerId,
      signerId: signer.id,
      tokenHash: sha256(token),
      sha256: version.sha256,
      email: contact.email,
      createdAt: now,
      expiresAt,
    });
    if (mailed) {
      const { workspace } = await getWorkspace(ctx, scope);
      await ctx.jobs.enqueue(
        tx,
        'email.send',
        signingLinkMail(
          ctx.config.secret,
          contact.email,
          {
            workspaceName: workspace.name,
            agreementTitle: agreement.title,
            signerName: signer.name,
            expiresAt: expiresAt.toISOString(),
          },
          url,
        ),
      );
    }
    await recordAudit(tx, ctx, scope, {
      action: 'agreement.signing_link_sent',
      entityType: 'agreement',
      entityId: id,
      partnerId: agreement.partnerId,
      after: {
        signerId: signer.id,
        signerName: signer.name,
        email: contact.email,
        expiresAt: expiresAt.toISOString(),
        mailed,
        revokedLinks: revoked.length,
      },
    });
    return { signerId: signer.id, email: contact.email, expiresAt: expiresAt.toISOString() };
  });
  return { ...sent, mailed, ...(mailed ? {} : { signingUrl: url }) };
}

const linkError = (status: number, code: string, detail: string) =>
  new AppError(status, code, 'This signing link does not work', detail, [
    { field: 'token', code, message: detail },
  ]);

/**
 * The link a token names and its agreement, read in Tandem's own scope of the link's workspace.
 * Each way a link fails has its own code (decision 056): only someone who holds a link Tandem
 * made learns that it expired, was used or was replaced; any other token is 404.
 */
async function openLink(db: Db | Tx, token: string, forUpdate: boolean) {
  const workspaceId = workspaceOfToken(token);
  const link = workspaceId
    ? await findLinkByTokenHash(db, workspaceId, sha256(token), forUpdate)
    : undefined;
  if (!workspaceId || !link)
    throw linkError(404, 'signing_link_invalid', 'This is not a signing link Tandem sent');
  if (link.usedAt)
    throw linkError(410, 'signing_link_used', 'This link was used to sign; it works once');
  if (link.revokedAt)
    throw linkError(410, 'signing_link_revoked', 'A newer link was sent; ask the sender for it');
  if (link.expiresAt <= new Date())
    throw linkError(
      410,
      'signing_link_expired',
      'This link has expired; ask the sender for a new one',
    );
  const scope = systemScope(workspaceId, 'signing-link');
  const current = await visibleAgreement(db, scope, link.agreementId, forUpdate);
  const version = await frozenVersionOf(db, scope, link.agreementId);
  if (current.agreement.status !== 'pending_signature' || version?.sha256 !== link.sha256)
    throw linkError(
      409,
      'signing_closed',
      'This agreement is no longer waiting for this signature; ask the sender',
    );
  const signer = current.agreement.signers.find((s) => s.id === link.signerId);
  if (!signer)
    throw linkError(404, 'signing_link_invalid', 'This is not a signing link Tandem sent');
  return { link, scope, current, version, signer };
}

async function viewOf(
  ctx: ServiceContext,
  db: Db | Tx,
  opened: Awaited<ReturnType<typeof openLink>>,
): Promise<SigningView> {
  const { scope, current, version, signer, link } = opened;
  const { agreement } = current;
  const signed = new Map(
    (await findSignatureRows(db, scope, agreement.id))
      .filter((s) => s.sha256 === version.sha256)
      .map((s) => [s.signerId, s.signedAt.toISOString()]),
  );
  const { workspace } = await getWorkspace(ctx, scope);
  return {
    workspace: workspace.name,
    partner: agreement.partnerName,
    title: agreement.title,
    type: agreement.type,
    effectiveOn: agreement.effectiveOn,
    endOn: agreement.endOn,
    governingLaw: agreement.governingLaw,
    version: {
      number: version.number,
      body: version.body,
      sha256: version.sha256,
      frozenAt: version.frozenAt.toISOString(),
    },
    signer: { name: signer.name, role: signer.role, signedAt: signed.get(signer.id) ?? null },
    signers: agreement.signers.map((s) => ({
      side: s.side,
      name: s.name,
      role: s.role,
      signedAt: signed.get(s.id) ?? null,
    })),
    expiresAt: link.expiresAt.toISOString(),
  };
}

/** The link's signer is a partner contact being shown the agreement: the disclosure log says so. */
async function logShown(ctx: ServiceContext, opened: Awaited<ReturnType<typeof openLink>>) {
  const { scope, current, signer, link } = opened;
  await recordLinkDisclosure(ctx, scope, {
    partnerId: current.agreement.partnerId,
    contactId: signer.contactId,
    personName: signer.name,
    personEmail: link.email,
    agreement: { id: current.agreement.id, version: current.row.version },
  });
}

/** What the link's signer reads before signing: that one agreement, its frozen text and signers. */
export async function getSigningView(ctx: ServiceContext, token: string): Promise<SigningView> {
  const db = dbOf(ctx);
  const opened = await openLink(db, token, false);
  const view = await viewOf(ctx, db, opened);
  await logShown(ctx, opened);
  return view;
}

/** The partner signer signs through their link, which is used up by it. */
export async function signThroughLink(
  ctx: ServiceContext,
  input: PublicSignatureCreate & SigningClient,
  log: ErrorLog,
): Promise<SigningView> {
  const { token, ...signature } = input;
  const { activated, scope, agreementId } = await withTransaction(ctx, async (tx, ctx) => {
    const opened = await openLink(tx, token, true);
    const { activated } = await recordSignature(
      tx,
      ctx,
      opened.scope,
      opened.current,
      opened.signer,
      { ...signature, channel: 'link' },
    );
    if (!(await markLinkUsed(tx, opened.scope.workspaceId, opened.link.id, new Date())))
      throw new Error('a locked signing link was used meanwhile');
    return { activated, scope: opened.scope, agreementId: opened.current.agreement.id };
  });
  if (activated) await producePdfQuietly(ctx, scope, agreementId, log);
  // The link is used now: the answer is read once more in Tandem's scope, not through it.
  const db = dbOf(ctx);
  const current = await visibleAgreement(db, scope, agreementId);
  const version = await frozenVersionOf(db, scope, agreementId);
  if (!version) throw new Error('a signed agreement lost its frozen version');
  const opened = await findLinkByTokenHash(db, scope.workspaceId, sha256(token));
  const signer = current.agreement.signers.find((s) => s.id === opened?.signerId);
  if (!opened || !signer) throw new Error('a used signing link lost its signer');
  const signed = { link: opened, scope, current, version, signer };
  const view = await viewOf(ctx, db, signed);
  await logShown(ctx, signed);
  return view;
}
