import type { Readable } from 'node:stream';
import {
  type Attachment,
  type AttachmentList,
  maxAttachmentsPerSubject,
} from '../../../domain/attachments';
import type { Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { type BlobKey, BlobNotFoundError, parseBlobKey } from '../../files/blob-store';
import { checkFileContent, checkFileName } from '../../files/file-check';
import { errors } from '../../http/errors';
import { newId } from '../../ids';
import { visibleAgreement } from '../agreements/agreements.service';
import { lockChangeableVersion, visibleVersionRow } from '../agreements/agreements.versions';
import { actorNameSql, recordAudit } from '../audit/audit.service';
import { getObligation } from '../obligations/obligations.service';
import {
  type AttachmentRow,
  type AttachmentSubjectRef,
  blobKeysUnder,
  countAttachments,
  deleteAttachmentRow,
  findAttachment,
  findAttachmentRows,
  insertAttachmentRow,
} from './attachments.queries';

/** What a file is attached to: a version of an agreement's text (by number) or an obligation. */
export type AttachmentSubject =
  | { type: 'agreement_version'; agreementId: string; number: number }
  | { type: 'obligation'; agreementId: string; obligationId: string };

/** An uploaded file as the route read it: the name it came with and its bytes. */
export type UploadedFile = { fileName: string; bytes: Buffer };

export function toAttachment(row: AttachmentRow): Attachment {
  const subjectId = row.versionId ?? row.obligationId;
  if (!subjectId) throw new Error('an attachment without a subject');
  return {
    id: row.id,
    agreementId: row.agreementId,
    subjectType: row.subjectType as Attachment['subjectType'],
    subjectId,
    fileName: row.fileName,
    kind: row.kind as Attachment['kind'],
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    uploadedByName: row.uploadedByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The subject in the caller's scope (404 for the agreement, version or obligation) with the
 * partner it belongs to. With `lock`, inside a transaction: the agreement row is locked, and a
 * version must be one whose files may change (409 `version_frozen`, `version_not_latest`).
 */
async function resolveSubject(
  ctx: ServiceContext,
  scope: Scope,
  subject: AttachmentSubject,
  lock?: Tx,
): Promise<{ partnerId: string; ref: AttachmentSubjectRef }> {
  if (subject.type === 'agreement_version') {
    const { current, version } = lock
      ? await lockChangeableVersion(lock, scope, subject.agreementId, { number: subject.number })
      : await visibleVersionRow(dbOf(ctx), scope, subject.agreementId, subject.number);
    return { partnerId: current.row.partnerId, ref: { versionId: version.id } };
  }
  const agreement = await visibleAgreement(lock ?? dbOf(ctx), scope, subject.agreementId, !!lock);
  const obligation = await getObligation(
    lock ? { ...ctx, tx: lock } : ctx,
    scope,
    subject.agreementId,
    subject.obligationId,
  );
  return { partnerId: agreement.row.partnerId, ref: { obligationId: obligation.id } };
}

export async function listAttachments(
  ctx: ServiceContext,
  scope: Scope,
  subject: AttachmentSubject,
): Promise<AttachmentList> {
  const { ref } = await resolveSubject(ctx, scope, subject);
  const rows = await findAttachmentRows(dbOf(ctx), scope, subject.agreementId, ref);
  return { items: rows.map(toAttachment) };
}

/**
 * Attaches a file. Everything that can refuse it is checked before a byte is stored: the name,
 * the type from the content, the kind's size limit, the subject in scope and open to change.
 * The blob is written outside the transaction (which holds database work only) and removed
 * again if the row is not written, so a refusal leaves neither a blob nor a row.
 */
export async function addAttachment(
  ctx: ServiceContext,
  scope: Scope,
  subject: AttachmentSubject,
  file: UploadedFile,
): Promise<Attachment> {
  const fileName = checkFileName(file.fileName);
  await withTransaction(ctx, (tx) => resolveSubject(ctx, scope, subject, tx));
  const checked = await checkFileContent(file.bytes, fileName, ctx.config.fileLimits);
  const stored = await ctx.files.put(file.bytes);
  try {
    return await withTransaction(ctx, async (tx, ctx) => {
      // Again under the lock: the version may have been frozen while the file was written.
      const { partnerId, ref } = await resolveSubject(ctx, scope, subject, tx);
      if ((await countAttachments(tx, scope, subject.agreementId, ref)) >= maxAttachmentsPerSubject)
        throw errors.conflict(
          'too_many_attachments',
          `A record holds ${maxAttachmentsPerSubject} files at most: remove one first`,
          { limit: maxAttachmentsPerSubject },
          [{ field: 'file', code: 'too_many_attachments', message: 'Too many files' }],
        );
      const row = await insertAttachmentRow(tx, {
        id: newId(),
        workspaceId: scope.workspaceId,
        agreementId: subject.agreementId,
        partnerId,
        subjectType: subject.type,
        versionId: 'versionId' in ref ? ref.versionId : null,
        obligationId: 'obligationId' in ref ? ref.obligationId : null,
        fileName,
        kind: checked.kind,
        mediaType: checked.mediaType,
        size: stored.size,
        sha256: stored.sha256,
        blobKey: stored.key,
        uploadedByName: actorNameSql(scope) as string | null,
        createdAt: new Date(),
      });
      const attachment = toAttachment(row);
      await recordAudit(tx, ctx, scope, {
        action: 'attachment.added',
        entityType: 'attachment',
        entityId: row.id,
        partnerId,
        after: attachment,
      });
      return attachment;
    });
  } catch (error) {
    await ctx.files.delete(stored.key);
    throw error;
  }
}

/** The attachment and a stream of its bytes, read with the caller's access to its agreement. */
export async function openAttachment(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
  id: string,
): Promise<{ attachment: Attachment; body: Readable }> {
  const db = dbOf(ctx);
  await visibleAgreement(db, scope, agreementId);
  const row = await findAttachment(db, scope, agreementId, id);
  if (!row) throw errors.notFound('attachment');
  try {
    return { attachment: toAttachment(row), body: await ctx.files.get(blobKeyOf(row)) };
  } catch (error) {
    if (error instanceof BlobNotFoundError)
      throw new Error(`attachment ${row.id} has no blob ${row.blobKey} in the file store`);
    throw error;
  }
}

/**
 * Removes an attachment: a version's only while its files may change (409 `version_frozen`),
 * an obligation's while its agreement is visible. The blob goes once the row is gone.
 */
export async function removeAttachment(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
  id: string,
): Promise<void> {
  const key = await withTransaction(ctx, async (tx, ctx: TxContext) => {
    await visibleAgreement(tx, scope, agreementId, true);
    const row = await findAttachment(tx, scope, agreementId, id);
    if (!row) throw errors.notFound('attachment');
    if (row.versionId) await lockChangeableVersion(tx, scope, agreementId, { id: row.versionId });
    await deleteAttachmentRow(tx, scope, row.id);
    await recordAudit(tx, ctx, scope, {
      action: 'attachment.removed',
      entityType: 'attachment',
      entityId: row.id,
      partnerId: row.partnerId,
      before: toAttachment(row),
    });
    return blobKeyOf(row);
  });
  await removeFiles(ctx, [key]);
}

/**
 * The files of an agreement's attachments, or of one obligation's, read inside the transaction
 * that deletes their record: the rows go with it by cascade, the bytes by `removeFiles` once it
 * has committed, so a rollback never loses a file and a commit never leaves one behind.
 */
export async function filesUnder(
  tx: Tx,
  scope: Scope,
  under: { agreementId: string } | { obligationId: string },
): Promise<BlobKey[]> {
  return (await blobKeysUnder(tx, scope, under)).map(blobKeyOf);
}

/** Removes files whose rows are gone (a missing file is not an error). */
export async function removeFiles(ctx: ServiceContext, keys: BlobKey[]): Promise<void> {
  for (const key of keys) await ctx.files.delete(key);
}

function blobKeyOf(row: Pick<AttachmentRow, 'id' | 'blobKey'>): BlobKey {
  const key = parseBlobKey(row.blobKey);
  if (!key) throw new Error(`attachment ${row.id} holds a key the store never made`);
  return key;
}
