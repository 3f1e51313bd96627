import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: setup, invitation and reset tokens and API key secrets. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What Tandem stores of a token or key: its SHA-256, in hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
