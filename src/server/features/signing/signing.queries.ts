import { type AnyColumn, and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import {
  agreementSignatures,
  agreementSignedDocuments,
  agreementSigners,
  agreementSigningLinks,
  agreements,
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

/** The SHA-256 of an agreement's latest version (null while it is not frozen), as a subquery. */
function latestTextHash(workspaceId: AnyColumn, agreementId: AnyColumn): SQL {
  return sql`(SELECT ${agreementVersions.sha256} FROM ${agreementVersions}
    WHERE ${agreementVersions.workspaceId} = ${workspaceId}
      AND ${agreementVersions.agreementId} = ${agreementId}
    ORDER BY ${agreementVersions.number} DESC LIMIT 1)`;
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
          latestTextHash(agreementSignatures.workspaceId, agreementSignatures.agreementId),
        ),
      ),
    );
  return new Set(rows.map((r) => r.signerId));
}

/**
 * How many of a partner's agreements wait, in `pending_signature`, for a partner signer who is
 * one of these contacts and has not signed the latest text.
 */
export async function countAwaitingContacts(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  contactIds: string[],
): Promise<number> {
  if (contactIds.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(DISTINCT ${agreementSigners.agreementId})::int` })
    .from(agreementSigners)
    .innerJoin(
      agreements,
      and(
        eq(agreements.workspaceId, agreementSigners.workspaceId),
        eq(agreements.id, agreementSigners.agreementId),
      ),
    )
    .where(
      and(
        eq(agreementSigners.workspaceId, scope.workspaceId),
        eq(agreementSigners.partnerId, partnerId),
        eq(agreementSigners.side, 'partner'),
        inArray(agreementSigners.contactId, contactIds),
        eq(agreements.status, 'pending_signature'),
        sql`NOT EXISTS (SELECT 1 FROM ${agreementSignatures}
              WHERE ${agreementSignatures.workspaceId} = ${agreementSigners.workspaceId}
                AND ${agreementSignatures.signerId} = ${agreementSigners.id}
                AND ${agreementSignatures.sha256} = ${latestTextHash(agreementSigners.workspaceId, agreementSigners.agreementId)})`,
      ),
    );
  return row?.n ?? 0;
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
