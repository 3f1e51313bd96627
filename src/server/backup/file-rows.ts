import type { SqlRunner } from '../db/client';

/**
 * Every row that owns a file of the blob store, with the SHA-256 its bytes must have. A table
 * that gains a `blob_key` column belongs here (a test fails until it is).
 */
export const fileRowsSql = `
  SELECT blob_key AS key, sha256, 'attachment ' || id AS owner FROM attachments
  UNION ALL
  SELECT blob_key, pdf_sha256, 'signed PDF of agreement ' || agreement_id FROM agreement_signed_documents`;

/** The tables `fileRowsSql` reads, for the test that looks for others. */
export const tablesOwningFiles = ['attachments', 'agreement_signed_documents'];

export type FileRow = { key: string; sha256: string; owner: string };

export async function readFileRows(run: SqlRunner): Promise<Map<string, FileRow>> {
  const { rows } = await run(fileRowsSql);
  return new Map((rows as FileRow[]).map((row) => [row.key, row]));
}
