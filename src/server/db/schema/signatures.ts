import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agreementSigners, agreements } from './agreements';
import { at, createdAt, tenantId } from './columns';
import { workspaces } from './workspaces';

/**
 * A signer's click-to-sign (decision 056): the SHA-256 of the frozen text they saw, the name
 * they typed, their confirmed authority, when and from where. A signature counts for the
 * version whose hash it carries, so one made before the agreement went back to negotiation
 * stays on record and does not count for a changed text.
 */
export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    signerId: uuid('signer_id').notNull(),
    versionNumber: integer('version_number').notNull(),
    sha256: text('sha256').notNull(),
    typedName: text('typed_name').notNull(),
    authorityConfirmed: boolean('authority_confirmed').notNull(),
    /** `app`: a member signed in Tandem; `link`: a partner signer through an emailed link. */
    channel: text('channel').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    signedAt: at('signed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'agreement_signatures_agreement_fk',
      columns: [t.workspaceId, t.partnerId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.partnerId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'agreement_signatures_signer_fk',
      columns: [t.workspaceId, t.signerId],
      foreignColumns: [agreementSigners.workspaceId, agreementSigners.id],
    }).onDelete('cascade'),
    // One signature per signer and text: signing the same text twice is refused by the database too.
    uniqueIndex('agreement_signatures_signer_hash_idx').on(t.workspaceId, t.signerId, t.sha256),
    index('agreement_signatures_agreement_idx').on(t.workspaceId, t.agreementId, t.partnerId),
    check('agreement_signatures_authority', sql`${t.authorityConfirmed}`),
    check('agreement_signatures_channel', sql`${t.channel} IN ('app', 'link', 'portal')`),
  ],
);

/**
 * An emailed signing link for a partner signer: only the SHA-256 of its token is kept. It
 * works once, until it expires, and a new link for the same signer revokes the one before.
 */
export const agreementSigningLinks = pgTable(
  'agreement_signing_links',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    signerId: uuid('signer_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The frozen text's hash when the link was sent: the link signs that text or nothing. */
    sha256: text('sha256').notNull(),
    email: text('email').notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'agreement_signing_links_agreement_fk',
      columns: [t.workspaceId, t.partnerId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.partnerId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'agreement_signing_links_signer_fk',
      columns: [t.workspaceId, t.signerId],
      foreignColumns: [agreementSigners.workspaceId, agreementSigners.id],
    }).onDelete('cascade'),
    // The token carries its workspace (tokens.ts), so the lookup names one shard.
    uniqueIndex('agreement_signing_links_token_idx').on(t.workspaceId, t.tokenHash),
    index('agreement_signing_links_signer_idx').on(t.workspaceId, t.signerId, t.createdAt),
    index('agreement_signing_links_agreement_idx').on(t.workspaceId, t.agreementId, t.partnerId),
  ],
);

/**
 * The signed PDF of an agreement, made once when the last signer signs (decision 056): its
 * bytes are in the blob store under a key the store made.
 */
export const agreementSignedDocuments = pgTable(
  'agreement_signed_documents',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    /** The hash of the frozen text the PDF carries. */
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull(),
    size: integer('size').notNull(),
    /** The SHA-256 of the PDF's bytes, as the blob store computed it. */
    pdfSha256: text('pdf_sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.agreementId] }),
    foreignKey({
      name: 'agreement_signed_documents_agreement_fk',
      columns: [t.workspaceId, t.partnerId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.partnerId, agreements.id],
    }).onDelete('cascade'),
    index('agreement_signed_documents_agreement_idx').on(t.workspaceId, t.partnerId, t.agreementId),
  ],
);
