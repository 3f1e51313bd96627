import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import type { VersionContent } from '../../documents/version-hash';
import { findAttachmentRows } from './attachments.queries';

/** The files attached to a version, as its hash lists them. */
export async function versionFiles(
  tx: Db | Tx,
  scope: Scope,
  agreementId: string,
  versionId: string,
): Promise<VersionContent['files']> {
  const rows = await findAttachmentRows(tx, scope, agreementId, { versionId });
  return rows.map((r) => ({ fileName: r.fileName, size: r.size, sha256: r.sha256 }));
}
