import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { WorkspaceId } from '../../../domain/ids';
import { newToken, sha256, WORKSPACE_HINT, workspaceFromHint, workspaceHint } from '../../tokens';

/**
 * A key reads `tdm_<workspace>_<id>_<secret>`; its public prefix `<workspace>_<id>` finds the row
 * with one indexed read that names the workspace (one shard once distributed), and the 256-bit
 * secret is checked against its stored SHA-256. Only the hash is kept. Keys made before keys
 * carried their workspace read `tdm_<id>_<secret>` and are still found by their prefix alone.
 */
const KEY_PATTERN = new RegExp(
  `^tdm_((?:(${WORKSPACE_HINT})_)?[A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$`,
);

export function generateApiKey(workspaceId: WorkspaceId): {
  key: string;
  prefix: string;
  secretHash: string;
} {
  const id = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const prefix = `${workspaceHint(workspaceId)}_${id}`;
  const key = `tdm_${prefix}_${newToken()}`;
  return { key, prefix, secretHash: sha256(key) };
}

export function parseApiKey(
  key: string,
): { prefix: string; workspaceId: WorkspaceId | null } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match?.[1]) return null;
  return { prefix: match[1], workspaceId: match[2] ? workspaceFromHint(match[2]) : null };
}

/** What a person sees of a key after it is made: everything but the secret. */
export function publicPrefix(prefix: string): string {
  return `tdm_${prefix}`;
}

export function apiKeyMatches(key: string, secretHash: string): boolean {
  const given = Buffer.from(sha256(key), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
