import { createHash, randomBytes } from 'node:crypto';
import type { WorkspaceId } from '../domain/ids';

/** 256 random bits, URL-safe: setup, invitation and reset tokens and API key secrets. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What Tandem stores of a token or key: its SHA-256, in hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A workspace id as the 32 hex digits that API keys and invitation tokens carry, so the lookup
 * of a key or token can name its workspace and reach one shard of a distributed database.
 */
export function workspaceHint(workspaceId: WorkspaceId): string {
  return workspaceId.replaceAll('-', '');
}

export const WORKSPACE_HINT = '[0-9a-f]{32}';

export function workspaceFromHint(hint: string): WorkspaceId {
  const h = hint.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` as WorkspaceId;
}

/** An invitation token: `<workspace hint>_<256 random bits>`. */
export function newWorkspaceToken(workspaceId: WorkspaceId): string {
  return `${workspaceHint(workspaceId)}_${newToken()}`;
}

const WORKSPACE_TOKEN = new RegExp(`^(${WORKSPACE_HINT})_[A-Za-z0-9_-]{43}$`);

/** The workspace a token names, or null for a token made before tokens carried one. */
export function workspaceOfToken(token: string): WorkspaceId | null {
  const match = WORKSPACE_TOKEN.exec(token);
  return match?.[1] ? workspaceFromHint(match[1]) : null;
}
