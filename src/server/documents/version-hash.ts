import { createHash } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What a frozen version's hash covers: its text's hash and each attached file's. */
export type VersionContent = {
  body: string;
  files: Array<{ fileName: string; size: number; sha256: string }>;
};

/**
 * The SHA-256 a version is known by once frozen (decision 057). Without files it is the hash of
 * the text alone (as decision 050 has it); with files, the hash of a manifest listing the text's
 * hash and, in upload order, each file's hash, size and URL-encoded name, one per line:
 *
 *     tandem-version/1
 *     text <sha256 of the text>
 *     file <sha256> <size> <name>
 *
 * so anyone holding the text and the files can recompute it, and no file can change unseen.
 */
export function versionHash(content: VersionContent): string {
  if (content.files.length === 0) return sha256(content.body);
  const lines = [
    'tandem-version/1',
    `text ${sha256(content.body)}`,
    ...content.files.map((f) => `file ${f.sha256} ${f.size} ${encodeURIComponent(f.fileName)}`),
  ];
  return sha256(`${lines.join('\n')}\n`);
}
