import type { UserId } from '../../../domain/ids';
import type { CreateInvitation } from '../../../domain/invitations';
import { messages } from '../../../domain/messages';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import { invitations } from '../../db/schema';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { byIdList, pageFrom, planList } from '../../http/list';
import { newId } from '../../ids';
import { invitationMail } from '../../mail/templates';
import { newWorkspaceToken, sha256 } from '../../tokens';
import { recordAudit } from '../audit/audit.service';
import { accessOf } from '../auth/auth.session';
import { userByEmail } from '../auth/auth.users';
import { usablePartnerRef } from '../partners/partners.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import {
  forgetInviter,
  insertInvitation,
  listPendingInvitations,
  replaceInvitationToken,
  revokeInvitation as revokeInvitationRow,
} from './invitations.queries';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type InvitationRow = {
  id: string;
  email: string;
  role: string;
  partnerId: string | null;
  expiresAt: Date;
  createdAt: Date;
};

export function presentInvitation(row: InvitationRow) {
  return {
    id: row.id,
    email: row.email,
    role: row.role as CreateInvitation['role'],
    partnerId: row.partnerId,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export const emailTaken = () =>
  errors.conflict('email_taken', 'An account with this email already exists', {}, [
    { field: 'email', code: 'email_taken', message: messages.emailTaken },
  ]);

/**
 * Invites someone to exactly this workspace with exactly this role. The token is shown once
 * (mailed, or handed to the admin without SMTP) and stored only as its SHA-256.
 */
export async function createInvitation(ctx: ServiceContext, scope: Scope, input: CreateInvitation) {
  const partnerId = 'partnerId' in input ? input.partnerId : null;
  const token = newWorkspaceToken(scope.workspaceId);
  const url = `${ctx.config.publicUrl}/accept-invitation#token=${token}`;
  const mailed = Boolean(ctx.config.smtpUrl);
  const row = await withTransaction(ctx, async (tx, ctx) => {
    if (partnerId) await usablePartnerRef(tx, scope, partnerId);
    // Only an account of this very workspace is named: an address with an account elsewhere
    // is invited like a new one (no oracle on other tenants), and refused neutrally at accept.
    const existing = await userByEmail(ctx, input.email);
    if (existing && (await accessOf(tx, existing.id as UserId))?.workspaceId === scope.workspaceId)
      throw emailTaken();
    const { workspace } = await getWorkspace(ctx, scope);
    const created = await insertInvitation(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      email: input.email,
      role: input.role,
      partnerId,
      tokenHash: sha256(token),
      invitedBy: callerMemberId(scope),
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    if (!created) throw new Error('invitation insert returned nothing');
    if (mailed)
      await ctx.jobs.enqueue(
        tx,
        'email.send',
        invitationMail(ctx.config.secret, input.email, workspace.name, url),
      );
    await recordAudit(tx, ctx, scope, {
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: created.id,
      partnerId,
      after: { email: input.email, role: input.role, partnerId, mailed },
    });
    return created;
  });
  return { ...presentInvitation(row), mailed, ...(mailed ? {} : { inviteUrl: url }) };
}

/** Pending invitations in the order they were sent. */
const invitationList = byIdList(invitations.id);

export async function listInvitations(
  ctx: ServiceContext,
  scope: Scope,
  page: { limit: number; cursor?: string },
) {
  const plan = planList(ctx.config.secret, invitationList, 'id', page);
  const rows = await listPendingInvitations(dbOf(ctx), scope.workspaceId, plan, new Date());
  return pageFrom(ctx.config.secret, plan, rows, presentInvitation);
}

export async function revokeInvitation(ctx: ServiceContext, scope: Scope, id: string) {
  await withTransaction(ctx, async (tx, ctx) => {
    const row = await revokeInvitationRow(tx, scope.workspaceId, id, new Date());
    if (!row) throw errors.notFound('invitation');
    await recordAudit(tx, ctx, scope, {
      action: 'invitation.revoked',
      entityType: 'invitation',
      entityId: id,
      partnerId: row.partnerId,
      before: presentInvitation(row),
    });
  });
}

/**
 * A new link for an invitation not yet used, for an admin who lost the first one: only a
 * hash of each token is kept, so the link is made anew and the one before stops working.
 */
export async function renewInvitationLink(ctx: ServiceContext, scope: Scope, id: string) {
  const token = newWorkspaceToken(scope.workspaceId);
  await withTransaction(ctx, async (tx, ctx) => {
    const row = await replaceInvitationToken(tx, scope.workspaceId, id, sha256(token), new Date());
    if (!row) throw errors.notFound('invitation');
    await recordAudit(tx, ctx, scope, {
      action: 'invitation.link_renewed',
      entityType: 'invitation',
      entityId: id,
      partnerId: row.partnerId,
    });
  });
  return { inviteUrl: `${ctx.config.publicUrl}/accept-invitation#token=${token}` };
}

/** A member leaves: invitations they sent stay, without an inviter. */
export async function releaseMemberInvitations(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
) {
  await forgetInviter(ctx.tx, scope.workspaceId, member.id);
  return {};
}
