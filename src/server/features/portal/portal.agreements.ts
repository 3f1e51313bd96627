import type { Readable } from 'node:stream';
import type { Attachment } from '../../../domain/attachments';
import type {
  PortalAgreementDetail,
  PortalAgreementListQuery,
  PortalAgreementPage,
} from '../../../domain/portal/agreements';
import type { AgreementSignatureCreate } from '../../../domain/signatures';
import { type PartnerScope, systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { frozenVersionOf } from '../agreements/agreements.freeze';
import { listAgreements } from '../agreements/agreements.list';
import { visibleAgreement } from '../agreements/agreements.service';
import { listAttachments, openAttachment } from '../attachments/attachments.service';
import { recordDisclosures } from '../disclosures/disclosures.service';
import { getSignedPdf } from '../signing/signing.pdf';
import { awaitingSignatureOf, signerIdsOf, signInPortal } from '../signing/signing.portal';
import { type ErrorLog, type SigningClient, signingOf } from '../signing/signing.service';
import { toPortalAgreement, toPortalFile } from './portal.view';

/*
 * Agreements shared with a partner user: their partner's, from `pending_signature` on. The
 * agreements' own queries hold that filter for a partner scope; what only Tandem's scope reads
 * (the frozen version's files, the signatures, the signed PDF) is read after that scope found
 * the agreement (decision 063).
 */

const tandemOf = (scope: PartnerScope) => systemScope(scope.workspaceId, 'portal');

export async function sharedAgreements(
  ctx: ServiceContext,
  scope: PartnerScope,
  email: string,
  query: PortalAgreementListQuery,
): Promise<PortalAgreementPage> {
  const page = await listAgreements(ctx, scope, { ...query, sort: '-createdAt' });
  const awaiting = await awaitingSignatureOf(dbOf(ctx), scope, email, page.items);
  await recordDisclosures(ctx, scope, 'agreement', 'list', page.items);
  return {
    items: page.items.map((a) => toPortalAgreement(a, awaiting.has(a.id))),
    nextCursor: page.nextCursor,
  };
}

/** The agreement the partner scope sees (404 otherwise), with its frozen version and files. */
async function sharedWithFiles(ctx: ServiceContext, scope: PartnerScope, id: string) {
  const db = dbOf(ctx);
  const current = await visibleAgreement(db, scope, id);
  const version = await frozenVersionOf(db, scope, id);
  const files = version
    ? (
        await listAttachments(ctx, tandemOf(scope), {
          type: 'agreement_version',
          agreementId: id,
          number: version.number,
        })
      ).items
    : [];
  return { current, version, files };
}

export async function sharedAgreement(
  ctx: ServiceContext,
  scope: PartnerScope,
  email: string,
  id: string,
): Promise<PortalAgreementDetail> {
  const { current, version, files } = await sharedWithFiles(ctx, scope, id);
  const signing = await signingOf(dbOf(ctx), tandemOf(scope), current);
  const yours = await signerIdsOf(dbOf(ctx), scope, email, current.agreement.signers);
  await recordDisclosures(ctx, scope, 'agreement', 'record', [current.agreement]);
  const awaiting =
    current.agreement.status === 'pending_signature' &&
    signing.signers.some((s) => yours.has(s.id) && !s.signature);
  return {
    ...toPortalAgreement(current.agreement, awaiting),
    version: version
      ? {
          number: version.number,
          body: version.body,
          sha256: version.sha256,
          frozenAt: version.frozenAt.toISOString(),
          files: files.map(toPortalFile),
        }
      : null,
    signers: signing.signers.map((s) => ({
      id: s.id,
      side: s.side,
      name: s.name,
      role: s.role,
      signedAt: s.signature?.signedAt ?? null,
      you: yours.has(s.id),
    })),
    signedPdf: signing.signedPdf,
  };
}

/** A file of the frozen version only: a file of a draft or of an obligation is 404. */
export async function sharedAgreementFile(
  ctx: ServiceContext,
  scope: PartnerScope,
  id: string,
  fileId: string,
): Promise<{ attachment: Attachment; body: Readable }> {
  const { current, files } = await sharedWithFiles(ctx, scope, id);
  if (!files.some((f) => f.id === fileId)) throw errors.notFound('file');
  await recordDisclosures(ctx, scope, 'agreement', 'record', [current.agreement]);
  return openAttachment(ctx, tandemOf(scope), id, fileId);
}

/** The signed PDF, once everyone has signed and the agreement is in force (409 `not_signed`). */
export async function sharedSignedPdf(ctx: ServiceContext, scope: PartnerScope, id: string) {
  const { agreement } = await visibleAgreement(dbOf(ctx), scope, id);
  const pdf = await getSignedPdf(ctx, tandemOf(scope), id);
  await recordDisclosures(ctx, scope, 'agreement', 'record', [agreement]);
  return pdf;
}

/** Signs as the caller's signer, then answers the agreement as it now stands. */
export async function signShared(
  ctx: ServiceContext,
  scope: PartnerScope,
  email: string,
  id: string,
  signerId: string,
  input: AgreementSignatureCreate & SigningClient,
  log: ErrorLog,
): Promise<PortalAgreementDetail> {
  await signInPortal(ctx, scope, email, id, signerId, input, log);
  return sharedAgreement(ctx, scope, email, id);
}
