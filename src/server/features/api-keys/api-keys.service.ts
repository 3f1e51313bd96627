import type { ApiKeyId } from '../../../domain/ids';
import type { MemberRole } from '../../../domain/roles';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import { apiKeys } from '../../db/schema';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { byIdList, pageFrom, planList } from '../../http/list';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import {
  findActiveKey,
  forgetKeyCreator,
  insertKey,
  listActiveKeys,
  revokeKeyChain,
  revokeKeysCreatedBy,
} from './api-keys.queries';
import { generateApiKey, publicPrefix } from './api-keys.secret';

type KeyRow = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  lastUsedAt: Date | null;
  createdAt: Date;
};

export function presentKey(row: KeyRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role as MemberRole,
    prefix: publicPrefix(row.prefix),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Makes a workspace API key; the secret is in the answer once and stored only as SHA-256.
 * The CLI (`tandem apikey create`) calls it with a system Scope.
 */
export async function createApiKey(
  ctx: ServiceContext,
  scope: Scope,
  input: { name: string; role: MemberRole },
) {
  const { key, prefix, secretHash } = generateApiKey(scope.workspaceId);
  const row = await withTransaction(ctx, async (tx, ctx) => {
    await getWorkspace(ctx, scope); // 404 for a workspace id the command line got wrong
    const created = await insertKey(tx, {
      id: newId<ApiKeyId>(),
      workspaceId: scope.workspaceId,
      name: input.name,
      role: input.role,
      prefix,
      secretHash,
      createdBy: callerMemberId(scope),
      // A key made by a key keeps a link to it, so revoking the root revokes the whole chain.
      createdByKeyId: scope.kind === 'member' ? scope.apiKeyId : null,
    });
    if (!created) throw new Error('api key insert returned nothing');
    await recordAudit(tx, ctx, scope, {
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: created.id,
      after: { name: input.name, role: input.role, prefix: publicPrefix(prefix) },
    });
    return created;
  });
  return { ...presentKey(row), key };
}

/** Live keys in the order they were made. */
const keyList = byIdList(apiKeys.id);

export async function listApiKeys(
  ctx: ServiceContext,
  scope: Scope,
  page: { limit: number; cursor?: string },
) {
  const plan = planList(ctx.config.secret, keyList, 'id', page);
  const rows = await listActiveKeys(dbOf(ctx), scope.workspaceId, plan);
  return pageFrom(ctx.config.secret, plan, rows, presentKey);
}

/**
 * Revoked keys fail on their very next request: authentication reads `revoked_at`. Keys made
 * by this key, and by those, are revoked with it.
 */
export async function revokeApiKey(ctx: ServiceContext, scope: Scope, id: string) {
  await withTransaction(ctx, async (tx, ctx) => {
    const row = await findActiveKey(tx, scope.workspaceId, id);
    if (!row) throw errors.notFound('API key');
    const revoked = await revokeKeyChain(tx, scope.workspaceId, id, new Date());
    await recordAudit(tx, ctx, scope, {
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: id,
      before: presentKey(row),
      after: { revokedApiKeys: revoked.map((k) => k.id) },
    });
  });
}

/** A member loses access (demoted or leaving): the keys they made stop working at once. */
export async function revokeMemberKeys(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<{ revokedApiKeys: string[] }> {
  const revoked = await revokeKeysCreatedBy(ctx.tx, scope.workspaceId, member.id, new Date());
  return { revokedApiKeys: revoked.map((key) => key.id) };
}

/** A member leaves: their keys are revoked and no longer name them as creator. */
export async function releaseMemberKeys(ctx: TxContext, scope: Scope, member: { id: string }) {
  const result = await revokeMemberKeys(ctx, scope, member);
  await forgetKeyCreator(ctx.tx, scope.workspaceId, member.id);
  return result;
}
