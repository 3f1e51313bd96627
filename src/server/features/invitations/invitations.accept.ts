import type { SessionInfo } from '../../../domain/auth';
import type { MemberId, PartnerId, UserId, WorkspaceId } from '../../../domain/ids';
import { messages } from '../../../domain/messages';
import { memberRole, partnerRole } from '../../../domain/roles';
import type { MemberScope, PartnerScope, Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { newId } from '../../ids';
import { sha256, workspaceOfToken } from '../../tokens';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/auth.password';
import { signInAfterCreate } from '../auth/auth.service';
import { createUser, userByEmail } from '../auth/auth.users';
import { addMember } from '../members/members.service';
import { addPartnerUser } from '../partner-users/partner-users.service';
import { findPendingInvitation, takeInvitation } from './invitations.queries';

const invalidToken = () =>
  errors.badRequest('invalid_token', 'The invitation is not valid, used, revoked or expired', [
    { field: 'token', code: 'invalid_token', message: messages.invalidInvitation },
  ]);

/**
 * The address already has an account (here or in another workspace). Said neutrally: the
 * inviting workspace learnt nothing at invitation time, and the answer here names no workspace.
 */
const cannotAccept = () =>
  errors.conflict(
    'invitation_not_acceptable',
    'This invitation cannot be accepted with this email address; ask the person who invited you',
  );

/**
 * Sign-up by invitation: the account and its member (or partner user) row are made in one
 * transaction that also uses the invitation up; then the new user is signed in.
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  input: { token: string; name: string; password: string; headers: Headers },
): Promise<{ setCookie: string[]; info: SessionInfo }> {
  const token = { tokenHash: sha256(input.token), workspaceId: workspaceOfToken(input.token) };
  // A bad token costs one indexed read, never a hash (argon2id takes ~19 MiB each time).
  const pending = await findPendingInvitation(dbOf(ctx), token, new Date());
  if (!pending) throw invalidToken();
  if (await userByEmail(ctx, pending.email)) throw cannotAccept();
  // Hashing is slow: done before the transaction, which holds only database work.
  const passwordHash = await hashPassword(input.password);
  const email = await withTransaction(ctx, async (tx, ctx) => {
    const invitation = await takeInvitation(tx, token, new Date());
    if (!invitation) throw invalidToken();
    if (await userByEmail(ctx, invitation.email)) throw cannotAccept();
    const userId = newId<UserId>();
    await createUser(ctx, { id: userId, name: input.name, email: invitation.email, passwordHash });
    const scope = await joinAs(ctx, invitation, userId);
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

/** Makes the new user what the invitation names: a member, or a user of its partner. */
async function joinAs(
  ctx: TxContext,
  invitation: { workspaceId: string; role: string; partnerId: string | null },
  userId: UserId,
): Promise<Scope> {
  const workspaceId = invitation.workspaceId as WorkspaceId;
  const asMember = memberRole.safeParse(invitation.role);
  if (asMember.success) {
    const role = asMember.data;
    const memberId = newId<MemberId>();
    const scope: MemberScope = {
      kind: 'member',
      workspaceId,
      role,
      userId,
      memberId,
      apiKeyId: null,
    };
    await addMember(ctx, scope, { id: memberId, userId, role });
    return scope;
  }
  const asPartner = partnerRole.safeParse(invitation.role);
  if (asPartner.success && invitation.partnerId) {
    const role = asPartner.data;
    const partnerId = invitation.partnerId as PartnerId;
    const scope: PartnerScope = { kind: 'partner', workspaceId, role, userId, partnerId };
    await addPartnerUser(ctx, scope, { userId, partnerId, role });
    return scope;
  }
  throw invalidToken();
}
