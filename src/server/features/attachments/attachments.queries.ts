import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { attachments } from '../../db/schema';

export type AttachmentRow = typeof attachments.$inferSelect;
export type NewAttachmentRow = typeof attachments.$inferInsert;

/** Attachments of the caller's workspace; partner users see none, as with agreements. */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(attachments.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner') return and(inWorkspace, sql`false`) as SQL;
  return inWorkspace;
}

export type AttachmentSubjectRef = { versionId: string } | { obligationId: string };

function ofSubject(subject: AttachmentSubjectRef): SQL {
  return 'versionId' in subject
    ? eq(attachments.versionId, subject.versionId)
    : eq(attachments.obligationId, subject.obligationId);
}

/** A subject's attachments, oldest first. */
export function findAttachmentRows(
  db: Db | Tx,
  scope: Scope,
  agreementId: string,
  subject: AttachmentSubjectRef,
): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(and(visible(scope), eq(attachments.agreementId, agreementId), ofSubject(subject)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function countAttachments(
  tx: Tx,
  scope: Scope,
  agreementId: string,
  subject: AttachmentSubjectRef,
): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(attachments)
    .where(and(visible(scope), eq(attachments.agreementId, agreementId), ofSubject(subject)));
  return row?.n ?? 0;
}

export async function findAttachment(
  db: Db | Tx,
  scope: Scope,
  agreementId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(visible(scope), eq(attachments.agreementId, agreementId), eq(attachments.id, id)));
  return row;
}

export async function insertAttachmentRow(tx: Tx, row: NewAttachmentRow): Promise<AttachmentRow> {
  const [inserted] = await tx.insert(attachments).values(row).returning();
  if (!inserted) throw new Error('attachment insert returned no row');
  return inserted;
}

export async function deleteAttachmentRow(tx: Tx, scope: Scope, id: string): Promise<void> {
  await tx.delete(attachments).where(and(visible(scope), eq(attachments.id, id)));
}

/** The blob keys of every attachment of an agreement, or of one of its obligations. */
export function blobKeysUnder(
  tx: Tx,
  scope: Scope,
  under: { agreementId: string } | { obligationId: string },
): Promise<Pick<AttachmentRow, 'id' | 'blobKey'>[]> {
  return tx
    .select({ id: attachments.id, blobKey: attachments.blobKey })
    .from(attachments)
    .where(
      and(
        visible(scope),
        'agreementId' in under
          ? eq(attachments.agreementId, under.agreementId)
          : eq(attachments.obligationId, under.obligationId),
      ),
    );
}
