import { eq } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/client';
import { workspaceSigningKeys, workspaces } from '../../db/schema';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { makeSigningCertificate, type SigningIdentity } from '../../documents/signing-certificate';
import { seal, unseal } from '../../sealed';
import { recordAudit } from '../audit/audit.service';

/** The workspace's id is in the purpose, so a key sealed for one workspace opens for no other. */
const purposeOf = (workspaceId: string) => `workspace-signing-key:${workspaceId}`;

export interface WorkspaceSigningIdentity extends SigningIdentity {
  fingerprint: string;
  notAfter: Date;
}

async function storedKey(db: Db, workspaceId: string) {
  const [row] = await db
    .select()
    .from(workspaceSigningKeys)
    .where(eq(workspaceSigningKeys.workspaceId, workspaceId));
  return row;
}

/**
 * The workspace's signing certificate and key (decision 051), made on first need. The key pair
 * is made outside any transaction (it takes a moment); when two requests race, the first insert
 * wins, the other's key is dropped, and both sign with the stored one. Making it is audited.
 */
export async function workspaceSigningIdentity(
  ctx: ServiceContext,
  scope: Scope,
): Promise<WorkspaceSigningIdentity> {
  const { workspaceId } = scope;
  let row = await storedKey(dbOf(ctx), workspaceId);
  if (!row) {
    const [workspace] = await dbOf(ctx)
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (!workspace) throw new Error('no such workspace');
    const made = await makeSigningCertificate(workspace.name, new Date());
    row = await withTransaction(ctx, async (tx) => {
      const [inserted] = await tx
        .insert(workspaceSigningKeys)
        .values({
          workspaceId,
          certificatePem: made.certificatePem,
          sealedPrivateKey: seal(ctx.config.secret, purposeOf(workspaceId), made.privateKeyPem),
          fingerprint: made.fingerprint,
          notAfter: made.notAfter,
        })
        .onConflictDoNothing({ target: workspaceSigningKeys.workspaceId })
        .returning();
      if (inserted)
        await recordAudit(tx, ctx, scope, {
          action: 'workspace.signing_key_created',
          entityType: 'workspace',
          entityId: workspaceId,
          after: { fingerprint: made.fingerprint, notAfter: made.notAfter.toISOString() },
        });
      return inserted ?? (await storedKey(tx, workspaceId));
    });
    if (!row) throw new Error('the signing key was neither made nor found');
  }
  return {
    certificatePem: row.certificatePem,
    privateKeyPem: unseal(ctx.config.secret, purposeOf(workspaceId), row.sealedPrivateKey),
    fingerprint: row.fingerprint,
    notAfter: row.notAfter,
  };
}
