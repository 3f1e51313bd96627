import { randomBytes, timingSafeEqual } from 'node:crypto';
import { newToken, sha256 } from '../../tokens';

/**
 * A key reads `tdm_<prefix>_<secret>`: the prefix finds the row with one indexed read, the
 * 256-bit secret is checked against its stored SHA-256. Only the hash is kept.
 */
const KEY_PATTERN = /^tdm_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const secret = newToken();
  const key = `tdm_${prefix}_${secret}`;
  return { key, prefix, secretHash: sha256(key) };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match?.[1] ? { prefix: match[1] } : null;
}

export function apiKeyMatches(key: string, secretHash: string): boolean {
  const given = Buffer.from(sha256(key), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
