import { agreementTypeLabels } from '../../../domain/clauses';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import type { SignedAgreementEvent } from '../../documents/signed-agreement';
import type { BlobKey } from '../../files/blob-store';
import { errors } from '../../http/errors';
import { frozenVersionOf } from '../agreements/agreements.freeze';
import { visibleAgreement } from '../agreements/agreements.service';
import { versionFiles } from '../attachments/attachments.manifest';
import { entityEvents, recordAudit } from '../audit/audit.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import { signedAgreementPdf } from './signed-agreement.service';
import { findSignedDocument, insertSignedDocument } from './signing.queries';
import { signingOf } from './signing.service';

const notSigned = () =>
  errors.conflict(
    'not_signed',
    'There is no signed PDF: not every signer has signed this agreement in Tandem',
  );

type Event = Awaited<ReturnType<typeof entityEvents>>[number];
const after = (event: Event) => (event.after ?? {}) as Record<string, unknown>;

/** How each channel reads on the certificate page. */
const channelWords: Record<string, string> = {
  app: 'in Tandem',
  link: 'through an emailed link',
  portal: 'in the partner portal',
};

/** One audit event of the signing as a line of the certificate page, in words. */
function inWords(event: Event): SignedAgreementEvent {
  const data = after(event);
  const signer = (data.signer ?? {}) as { name?: string; side?: string };
  const what =
    event.action === 'agreement.signed'
      ? `${signer.name} signed (typed “${data.typedName}”, confirmed their authority) version ${data.versionNumber}, SHA-256 ${String(data.sha256).slice(0, 16)}…, ${channelWords[String(data.channel)] ?? 'in Tandem'}`
      : event.action === 'agreement.signing_link_sent'
        ? `Signing link for ${data.signerName} sent to ${data.email}, valid until ${String(data.expiresAt).slice(0, 16).replace('T', ' ')} UTC`
        : `Status changed to ${String(data.status ?? '').replace('_', ' ')}`;
  return { at: event.createdAt, who: event.actor.name, what };
}

/**
 * The signed PDF of an agreement that every signer has signed and that is in force (or was):
 * made once, stored, and served from then on. Null while it cannot be made yet.
 */
export async function ensureSignedPdf(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<BlobKey | null> {
  const db: Db = dbOf(ctx);
  const stored = await findSignedDocument(db, scope, id);
  if (stored) return stored.blobKey as BlobKey;
  const current = await visibleAgreement(db, scope, id);
  const signing = await signingOf(db, scope, current);
  const version = await frozenVersionOf(db, scope, id);
  const inForce = !['draft', 'in_negotiation', 'pending_signature'].includes(signing.status);
  if (!version || !signing.complete || !inForce) return null;
  const { agreement } = current;
  const events = await entityEvents(db, scope, { type: 'agreement', id }, [
    'agreement.status_changed',
    'agreement.signing_link_sent',
    'agreement.signed',
  ]);
  const { workspace } = await getWorkspace(ctx, scope);
  const pdf = await signedAgreementPdf(ctx, scope, {
    workspace: workspace.name,
    partner: agreement.partnerName,
    title: agreement.title,
    type: agreementTypeLabels[agreement.type],
    effectiveOn: agreement.effectiveOn,
    endOn: agreement.endOn,
    governingLaw: agreement.governingLaw,
    version: {
      number: version.number,
      body: version.body,
      files: await versionFiles(db, scope, id, version.id),
      sha256: version.sha256,
      frozenAt: version.frozenAt,
    },
    signers: signing.signers.flatMap((signer) =>
      signer.signature
        ? [
            {
              name: signer.name,
              side: signer.side,
              role: signer.role,
              signedAt: new Date(signer.signature.signedAt),
              ipAddress: signer.signature.ipAddress,
              userAgent: signer.signature.userAgent,
            },
          ]
        : [],
    ),
    trail: events.map(inWords),
    generatedAt: new Date(),
  });
  const blob = await ctx.files.put(pdf);
  const kept = await withTransaction(ctx, async (tx, ctx) => {
    const inserted = await insertSignedDocument(tx, {
      workspaceId: scope.workspaceId,
      agreementId: id,
      partnerId: agreement.partnerId,
      sha256: version.sha256,
      blobKey: blob.key,
      size: blob.size,
      pdfSha256: blob.sha256,
    });
    if (!inserted) return (await findSignedDocument(tx, scope, id))?.blobKey as BlobKey;
    await recordAudit(tx, ctx, scope, {
      action: 'agreement.signed_pdf_created',
      entityType: 'agreement',
      entityId: id,
      partnerId: agreement.partnerId,
      after: { sha256: version.sha256, pdfSha256: blob.sha256, bytes: blob.size },
    });
    return blob.key;
  });
  // Two requests made it at once: the first one's is kept, this one's blob goes.
  if (kept !== blob.key) await ctx.files.delete(blob.key);
  return kept;
}

/** The signed PDF to download, or 409 `not_signed` while not everyone has signed. */
export async function getSignedPdf(ctx: ServiceContext, scope: Scope, id: string) {
  const agreement = (await visibleAgreement(dbOf(ctx), scope, id)).agreement;
  const key = await ensureSignedPdf(ctx, scope, id);
  if (!key) throw notSigned();
  return { title: agreement.title, body: await ctx.files.get(key) };
}
