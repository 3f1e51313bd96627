import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import {
  agreementSignatures,
  agreementSignedDocuments,
  agreementSigningLinks,
  agreementVersions,
} from '../../db/schema';

export type SignatureRow = typeof agreementSignatures.$inferSelect;
export type NewSignatureRow = typeof agreementSignatures.$inferInsert;
export type SigningLinkRow = typeof agreementSigningLinks.$inferSelect;
export type NewSigningLinkRow = typeof agreementSigningLinks.$inferInsert;

/** Every signature of an agreement, oldest first (several texts when it went back to negotiation). */
export function findSignatureRows(db: Db | Tx, scope: Scope, agreementId: string) {
  return db
    .select()
    .from(agreementSignatures)
    .where(
      and(
        eq(agreementSignatures.workspaceId, scope.workspaceId),
        eq(agreementSignatures.agreementId, agreementId),
      ),
    )
    .orderBy(agreementSignatures.signedAt, agreementSignatures.id);
}

/**
 * Which of these signers have signed the latest version of their agreement's text: a signature
 * counts only for the hash of the text it signed.
 */
export async function findSignersOfLatestText(
  db: Db | Tx,
  scope: Scope,
  signerIds: string[],
): Promise<Set<string>> {
  if (signerIds.length === 0) return new Set();
  const rows = await db
    .select({ signerId: agreementSignatures.signerId })
    .from(agreementSignatures)
    .where(
      and(
        eq(agreementSignatures.workspaceId, scope.workspaceId),
        inArray(agreementSignatures.signerId, signerIds),
        eq(
          agreementSignatures.sha256,
          sql`(SELECT ${agreementVersions.sha256} FROM ${agreementVersions}
                WHERE ${agreementVersions.workspaceId} = ${agreementSignatures.workspaceId}
                  AND ${agreementVersions.agreementId} = ${agreementSignatures.agreementId}
                ORDER BY ${agreementVersions.number} DESC LIMIT 1)`,
        ),
      ),
    );
  return new Set(rows.map((r) => r.signerId));
}

/** The signature, or null when this signer has signed this text already (the unique index). */
export async function insertSignatureRow(tx: Tx, row: NewSignatureRow) {
  const [inserted] = await tx
    .insert(agreementSignatures)
    .values(row)
    .onConflictDoNothing()
    .returning();
  return inserted ?? null;
}

/** Every link sent for an agreement, newest first. */
export function findLinkRows(db: Db | Tx, scope: Scope, agreementId: string) {
  return db
    .select()
    .from(agreementSigningLinks)
    .where(
      and(
        eq(agreementSigningLinks.workspaceId, scope.workspaceId),
        eq(agreementSigningLinks.agreementId, agreementId),
      ),
    )
    .orderBy(desc(agreementSigningLinks.createdAt), desc(agreementSigningLinks.id));
}

export async function insertLinkRow(tx: Tx, row: NewSigningLinkRow) {
  const [inserted] = await tx.insert(agreementSigningLinks).values(row).returning();
  if (!inserted) throw new Error('a signing link insert returned nothing');
  return inserted;
}

/** Revokes the signer's links still open: a link sent again replaces them. */
export function revokeOpenLinks(tx: Tx, scope: Scope, signerId: string, at: Date) {
  return tx
    .update(agreementSigningLinks)
    .set({ revokedAt: at })
    .where(
      and(
        eq(agreementSigningLinks.workspaceId, scope.workspaceId),
        eq(agreementSigningLinks.signerId, signerId),
        isNull(agreementSigningLinks.usedAt),
        isNull(agreementSigningLinks.revokedAt),
      ),
    )
    .returning({ id: agreementSigningLinks.id });
}

/** The link a token names, locked when it is about to be used. */
export async function findLinkByTokenHash(
  db: Db | Tx,
  workspaceId: string,
  tokenHash: string,
  forUpdate = false,
) {
  const query = db
    .select()
    .from(agreementSigningLinks)
    .where(
      and(
        eq(agreementSigningLinks.workspaceId, workspaceId),
        eq(agreementSigningLinks.tokenHash, tokenHash),
      ),
    );
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function markLinkUsed(tx: Tx, workspaceId: string, id: string, at: Date) {
  const [row] = await tx
    .update(agreementSigningLinks)
    .set({ usedAt: at })
    .where(
      and(
        eq(agreementSigningLinks.workspaceId, workspaceId),
        eq(agreementSigningLinks.id, id),
        isNull(agreementSigningLinks.usedAt),
        isNull(agreementSigningLinks.revokedAt),
      ),
    )
    .returning({ id: agreementSigningLinks.id });
  return Boolean(row);
}

/** Whether the signed PDF is stored, without reading its bytes. */
export async function hasSignedDocument(db: Db | Tx, scope: Scope, agreementId: string) {
  const [row] = await db
    .select({ sha256: agreementSignedDocuments.sha256 })
    .from(agreementSignedDocuments)
    .where(
      and(
        eq(agreementSignedDocuments.workspaceId, scope.workspaceId),
        eq(agreementSignedDocuments.agreementId, agreementId),
      ),
    );
  return Boolean(row);
}

export async function findSignedDocument(db: Db | Tx, scope: Scope, agreementId: string) {
  const [row] = await db
    .select()
    .from(agreementSignedDocuments)
    .where(
      and(
        eq(agreementSignedDocuments.workspaceId, scope.workspaceId),
        eq(agreementSignedDocuments.agreementId, agreementId),
      ),
    );
  return row;
}

/** Stores the signed PDF once: when two requests made it, the first one stays. */
export async function insertSignedDocument(
  tx: Tx,
  row: typeof agreementSignedDocuments.$inferInsert,
) {
  const [inserted] = await tx
    .insert(agreementSignedDocuments)
    .values(row)
    .onConflictDoNothing()
    .returning({ agreementId: agreementSignedDocuments.agreementId });
  return Boolean(inserted);
}
