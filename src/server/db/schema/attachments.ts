import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agreements, agreementVersions } from './agreements';
import { createdAt, tenantId } from './columns';
import { agreementObligations } from './obligations';
import { workspaces } from './workspaces';

/**
 * Files attached to an agreement version or an obligation (decision 057). The bytes are in the
 * blob store under `blob_key`; the subject is one of the two typed references (its row's
 * deletion takes the attachment with it), named again by `subject_type` for the API's link.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    subjectType: text('subject_type').notNull(),
    versionId: uuid('version_id'),
    obligationId: uuid('obligation_id'),
    fileName: text('file_name').notNull(),
    kind: text('kind').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull(),
    /** The uploader's name as it was (a member, or an API key's name). */
    uploadedByName: text('uploaded_by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('attachments_blob_key_idx').on(t.workspaceId, t.blobKey),
    foreignKey({
      name: 'attachments_agreement_fk',
      columns: [t.workspaceId, t.partnerId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.partnerId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'attachments_version_fk',
      columns: [t.workspaceId, t.versionId],
      foreignColumns: [agreementVersions.workspaceId, agreementVersions.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'attachments_obligation_fk',
      columns: [t.workspaceId, t.obligationId],
      foreignColumns: [agreementObligations.workspaceId, agreementObligations.id],
    }).onDelete('cascade'),
    index('attachments_agreement_idx').on(t.workspaceId, t.agreementId, t.partnerId),
    index('attachments_version_idx').on(t.workspaceId, t.versionId, t.createdAt),
    index('attachments_obligation_idx').on(t.workspaceId, t.obligationId, t.createdAt),
    check(
      'attachments_subject',
      sql`(${t.subjectType} = 'agreement_version' AND ${t.versionId} IS NOT NULL AND ${t.obligationId} IS NULL) OR (${t.subjectType} = 'obligation' AND ${t.obligationId} IS NOT NULL AND ${t.versionId} IS NULL)`,
    ),
    check('attachments_kind', sql`${t.kind} IN ('pdf', 'docx', 'xlsx', 'png', 'jpeg', 'txt')`),
    check('attachments_file_name_length', sql`char_length(${t.fileName}) BETWEEN 1 AND 200`),
    check('attachments_size', sql`${t.size} > 0`),
  ],
);
