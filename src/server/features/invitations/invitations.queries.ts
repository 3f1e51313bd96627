import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { invitations } from '../../db/schema';
import type { ListPlan } from '../../http/list';

const columns = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  partnerId: invitations.partnerId,
  expiresAt: invitations.expiresAt,
  createdAt: invitations.createdAt,
};

export function insertInvitation(
  tx: Tx,
  row: {
    id: string;
    workspaceId: string;
    email: string;
    role: string;
    partnerId: string | null;
    tokenHash: string;
    invitedBy: string | null;
    expiresAt: Date;
  },
) {
  return tx
    .insert(invitations)
    .values(row)
    .returning(columns)
    .then((rows) => rows[0]);
}

/** Pending: neither accepted nor revoked nor expired. */
export function listPendingInvitations(db: Db, workspaceId: string, plan: ListPlan, now: Date) {
  return db
    .select({ ...columns, cursor: plan.cursor })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

export function revokeInvitation(tx: Tx, workspaceId: string, id: string, now: Date) {
  return tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning(columns)
    .then((rows) => rows[0]);
}

/** Gives a pending invitation a new token: the link handed out before stops working. */
export function replaceInvitationToken(
  tx: Tx,
  workspaceId: string,
  id: string,
  tokenHash: string,
  now: Date,
) {
  return tx
    .update(invitations)
    .set({ tokenHash })
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning(columns)
    .then((rows) => rows[0]);
}

/** A token's hash, and the workspace it names (null for tokens made before they named one). */
type InvitationToken = { tokenHash: string; workspaceId: string | null };

/** Pending invitations with this token, within its workspace when the token names one. */
function pendingByToken(token: InvitationToken, now: Date) {
  return [
    token.workspaceId ? eq(invitations.workspaceId, token.workspaceId) : undefined,
    eq(invitations.tokenHash, token.tokenHash),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now),
  ];
}

/** A pending invitation by its token's hash, without using it: checked before any hashing. */
export function findPendingInvitation(db: Db | Tx, token: InvitationToken, now: Date) {
  return db
    .select({ ...columns, workspaceId: invitations.workspaceId })
    .from(invitations)
    .where(and(...pendingByToken(token, now)))
    .limit(1)
    .then((rows) => rows[0]);
}

/** Uses the invitation up, atomically: a second acceptance finds nothing. */
export function takeInvitation(tx: Tx, token: InvitationToken, now: Date) {
  return tx
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(...pendingByToken(token, now)))
    .returning({ ...columns, workspaceId: invitations.workspaceId })
    .then((rows) => rows[0]);
}

/** A member who leaves is no longer named as the one who invited. */
export function forgetInviter(tx: Tx, workspaceId: string, memberId: string) {
  return tx
    .update(invitations)
    .set({ invitedBy: null })
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.invitedBy, memberId)));
}
