import type { ApiKeyId, WorkspaceId } from '../../../domain/ids';
import { memberRole } from '../../../domain/roles';
import type { MemberScope } from '../../access/scope';
import type { AppContext } from '../../context';
import { findActiveKeyByPrefix, touchKey } from './api-keys.queries';
import { apiKeyMatches, parseApiKey } from './api-keys.secret';

/** The scope an API key grants, or null when the key is unknown, wrong or revoked. */
export async function scopeForApiKey(ctx: AppContext, key: string): Promise<MemberScope | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const row = await findActiveKeyByPrefix(ctx.database, parsed);
  if (!row || !apiKeyMatches(key, row.secretHash)) return null;
  const role = memberRole.safeParse(row.role);
  if (!role.success) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await touchKey(ctx.database.db, row, now);
  }
  return {
    kind: 'member',
    workspaceId: row.workspaceId as WorkspaceId,
    role: role.data,
    userId: null,
    memberId: null,
    apiKeyId: row.id as ApiKeyId,
  };
}
