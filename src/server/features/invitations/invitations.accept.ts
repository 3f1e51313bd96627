import type { SessionInfo } from '../../../domain/auth';
import type { PartnerId, UserId, WorkspaceId } from '../../../domain/ids';
import { memberRole, partnerRole } from '../../../domain/roles';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { newId } from '../../ids';
import { sha256 } from '../../tokens';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/auth.password';
import { findUserByEmail, insertUserWithPassword } from '../auth/auth.queries';
import { signInAfterCreate } from '../auth/auth.service';
import { insertMember, insertPartnerUser } from '../members/members.queries';
import { takeInvitation } from './invitations.queries';
import { emailTaken } from './invitations.service';

const invalidToken = () =>
  errors.badRequest('invalid_token', 'The invitation is not valid, used, revoked or expired', [
    { field: 'token', code: 'invalid_token', message: 'is not a valid invitation' },
  ]);

/**
 * Sign-up by invitation: the account and its member (or partner user) row are made in one
 * transaction that also uses the invitation up; then the new user is signed in.
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  input: { token: string; name: string; password: string; headers: Headers },
): Promise<{ setCookie: string[]; info: SessionInfo }> {
  // Hashing is slow: done before the transaction, which holds only database work.
  const passwordHash = await hashPassword(input.password);
  const email = await withTransaction(ctx, async (tx, ctx) => {
    const invitation = await takeInvitation(tx, sha256(input.token), new Date());
    if (!invitation) throw invalidToken();
    if (await findUserByEmail(tx, invitation.email)) throw emailTaken();
    const userId = newId<UserId>();
    const workspaceId = invitation.workspaceId as WorkspaceId;
    await insertUserWithPassword(tx, {
      id: userId,
      name: input.name,
      email: invitation.email,
      passwordHash,
    });
    let scope: Scope;
    const asMember = memberRole.safeParse(invitation.role);
    const asPartner = partnerRole.safeParse(invitation.role);
    if (asMember.success) {
      await insertMember(tx, { id: newId(), workspaceId, userId, role: asMember.data });
      scope = { kind: 'member', workspaceId, role: asMember.data, userId, apiKeyId: null };
    } else if (asPartner.success && invitation.partnerId) {
      const partnerId = invitation.partnerId as PartnerId;
      await insertPartnerUser(tx, {
        id: newId(),
        workspaceId,
        partnerId,
        userId,
        role: asPartner.data,
      });
      scope = { kind: 'partner', workspaceId, role: asPartner.data, userId, partnerId };
    } else {
      throw invalidToken();
    }
    await recordAudit(tx, ctx, scope, {
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: invitation.id,
      partnerId: invitation.partnerId,
      after: { userId, email: invitation.email, role: invitation.role },
    });
    return invitation.email;
  });
  return signInAfterCreate(ctx, { email, password: input.password, headers: input.headers });
}
