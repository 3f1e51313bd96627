import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt } from './columns';
import { workspaces } from './workspaces';

/**
 * The certificate a workspace signs its PDFs with (decision 051): one per workspace, made on
 * first need. The private key is sealed with the server secret, so a backup or a copy of the
 * database alone cannot sign in the workspace's name.
 */
export const workspaceSigningKeys = pgTable('workspace_signing_keys', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  certificatePem: text('certificate_pem').notNull(),
  sealedPrivateKey: text('sealed_private_key').notNull(),
  /** The certificate's SHA-256 fingerprint (hex), what a reader shows to compare with. */
  fingerprint: text('fingerprint').notNull(),
  notAfter: at('not_after').notNull(),
  createdAt: createdAt(),
});
