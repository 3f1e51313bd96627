import { and, count, eq, gt, inArray, isNull, like, lt, min, ne } from 'drizzle-orm';
import type { Database, Db, Tx } from '../../db/client';
import {
  accounts,
  members,
  partners,
  partnerUsers,
  sessions,
  signInFailures,
  users,
  verifications,
  workspaces,
} from '../../db/schema';
import { newId } from '../../ids';

/**
 * The user's one membership or partner-user row, with the workspace's name (and the partner's).
 * A partner user of an archived partner has no access until it is restored: they cannot sign
 * in, and their sessions stop working.
 */
export async function findUserAccess(db: Db | Tx, userId: string) {
  const member = await db
    .select({
      memberId: members.id,
      role: members.role,
      workspaceId: members.workspaceId,
      workspaceName: workspaces.name,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(eq(members.userId, userId))
    .limit(1);
  if (member[0])
    return { kind: 'member' as const, partnerId: null, partnerName: null, ...member[0] };
  const partner = await db
    .select({
      role: partnerUsers.role,
      workspaceId: partnerUsers.workspaceId,
      workspaceName: workspaces.name,
      partnerId: partnerUsers.partnerId,
      partnerName: partners.name,
    })
    .from(partnerUsers)
    .innerJoin(workspaces, eq(workspaces.id, partnerUsers.workspaceId))
    .innerJoin(
      partners,
      and(
        eq(partners.workspaceId, partnerUsers.workspaceId),
        eq(partners.id, partnerUsers.partnerId),
        isNull(partners.archivedAt),
      ),
    )
    .where(eq(partnerUsers.userId, userId))
    .limit(1);
  if (partner[0]) return { kind: 'partner' as const, ...partner[0] };
  return null;
}

/**
 * A live session as authentication reads it: its user, and the user's access now (the columns
 * of the membership, or else of the partner-user row, are null when there is none).
 */
export type LiveSessionRow = {
  sessionId: string;
  userId: string;
  name: string;
  email: string;
  memberId: string | null;
  memberRole: string | null;
  memberWorkspaceId: string | null;
  partnerRole: string | null;
  partnerWorkspaceId: string | null;
  partnerId: string | null;
};

/**
 * What `findUserAccess` reads, joined to the session: a member row first; otherwise a
 * partner-user row of a partner that is not archived. The workspace joins of `findUserAccess`
 * are left out: the foreign keys guarantee the workspace, and only its name needs the join.
 */
const liveSession = `SELECT s.id AS "sessionId", u.id AS "userId", u.name, u.email,
    m.id AS "memberId", m.role AS "memberRole", m.workspace_id AS "memberWorkspaceId",
    pu.role AS "partnerRole", pu.workspace_id AS "partnerWorkspaceId", pu.partner_id AS "partnerId"
  FROM sessions s JOIN users u ON u.id = s.user_id
  LEFT JOIN LATERAL (SELECT id, role, workspace_id FROM members WHERE user_id = u.id LIMIT 1) m
    ON true
  LEFT JOIN LATERAL (
    SELECT x.role, x.workspace_id, x.partner_id FROM partner_users x
    JOIN partners p ON p.workspace_id = x.workspace_id AND p.id = x.partner_id
      AND p.archived_at IS NULL
    WHERE x.user_id = u.id LIMIT 1) pu ON m.id IS NULL
  WHERE s.token = $1 AND s.expires_at > now()`;

/**
 * The session a token names, unless it has expired, with its user's access read in the same
 * statement. Every signed-in request runs this, so it goes to the driver as one fixed statement,
 * as the API-key lookup does, and makes one round trip instead of two (decision 065).
 */
export async function findLiveSession(
  database: Database,
  token: string,
): Promise<LiveSessionRow | undefined> {
  const { rows } = await database.sql(liveSession, [token]);
  return rows[0] as LiveSessionRow | undefined;
}

export function findUserByEmail(db: Db | Tx, email: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.email, email))
    .limit(1)
    .then((rows) => rows[0]);
}

/** Failures since `since` for this email and for this address, with the oldest of each. */
export async function countFailures(db: Db, email: string, ip: string, since: Date) {
  const [byEmail] = await db
    .select({ n: count(), oldest: min(signInFailures.createdAt) })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, email), gt(signInFailures.createdAt, since)));
  const [byIp] = await db
    .select({ n: count(), oldest: min(signInFailures.createdAt) })
    .from(signInFailures)
    .where(and(eq(signInFailures.ipAddress, ip), gt(signInFailures.createdAt, since)));
  return {
    email: { n: byEmail?.n ?? 0, oldest: byEmail?.oldest ?? null },
    ip: { n: byIp?.n ?? 0, oldest: byIp?.oldest ?? null },
  };
}

/** Writes one attempt, counted as a failure until it is withdrawn; answers its id. */
export async function insertFailure(db: Db, email: string, ip: string): Promise<string> {
  const id = newId();
  await db.insert(signInFailures).values({ id, email, ipAddress: ip });
  return id;
}

export function deleteFailure(db: Db, id: string) {
  return db.delete(signInFailures).where(eq(signInFailures.id, id));
}

/**
 * Deletes what no longer counts: sessions and verifications past their expiry, failures before
 * `failuresBefore`.
 */
export async function purgeExpiredAuthRows(db: Db, now: Date, failuresBefore: Date) {
  const endedSessions = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.id });
  const expired = await db
    .delete(verifications)
    .where(lt(verifications.expiresAt, now))
    .returning({ id: verifications.id });
  const failures = await db
    .delete(signInFailures)
    .where(lt(signInFailures.createdAt, failuresBefore))
    .returning({ id: signInFailures.id });
  return {
    sessions: endedSessions.length,
    verifications: expired.length,
    signInFailures: failures.length,
  };
}

/** A success forgives the account's failures; the address keeps its count. */
export function clearEmailFailures(db: Db, email: string) {
  return db.delete(signInFailures).where(eq(signInFailures.email, email));
}

export function deleteSessionByToken(db: Db, token: string) {
  return db.delete(sessions).where(eq(sessions.token, token));
}

/** Removing the user removes their member row, sessions and credentials (cascade). */
export function deleteUser(tx: Tx, userId: string) {
  return tx.delete(users).where(eq(users.id, userId));
}

/** Signs a user out everywhere: their next request has no session. */
export function deleteUserSessions(db: Db | Tx, userId: string) {
  return db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Ends every session of a user but the one given: the others were perhaps someone else's. */
export function deleteOtherSessions(db: Db | Tx, userId: string, keepToken: string) {
  return db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.token, keepToken)));
}

/** The stored password hash of a user's email+password credential. */
export function findPasswordHash(db: Db | Tx, userId: string) {
  return db
    .select({ hash: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')))
    .limit(1)
    .then((rows) => rows[0]?.hash ?? null);
}

/** Stores a reset token's hash for the user, replacing any earlier one. */
export async function insertResetToken(tx: Tx, userId: string, tokenHash: string, expiresAt: Date) {
  await tx
    .delete(verifications)
    .where(
      and(eq(verifications.value, userId), like(verifications.identifier, 'password-reset:%')),
    );
  await tx.insert(verifications).values({
    id: newId(),
    identifier: `password-reset:${tokenHash}`,
    value: userId,
    expiresAt,
  });
}

/** Whether a reset token is live now, without using it: checked before any slow hashing. */
export function findLiveResetToken(db: Db | Tx, tokenHash: string, now: Date) {
  return db
    .select({ userId: verifications.value })
    .from(verifications)
    .where(
      and(
        eq(verifications.identifier, `password-reset:${tokenHash}`),
        gt(verifications.expiresAt, now),
      ),
    )
    .limit(1)
    .then((rows) => rows[0]);
}

/** Uses a reset token up: deleted whether or not it is still valid; answers its user if it was. */
export async function takeResetToken(tx: Tx, tokenHash: string, now: Date) {
  const rows = await tx
    .delete(verifications)
    .where(eq(verifications.identifier, `password-reset:${tokenHash}`))
    .returning({ userId: verifications.value, expiresAt: verifications.expiresAt });
  const row = rows[0];
  return row && row.expiresAt > now ? row.userId : null;
}

export function setPassword(tx: Tx, userId: string, passwordHash: string) {
  return tx
    .update(accounts)
    .set({ password: passwordHash, updatedAt: new Date() })
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')))
    .returning({ id: accounts.id });
}

/** New users, each with an email+password credential, as better-auth would have made them. */
export async function insertUsersWithPasswords(
  tx: Tx,
  list: Array<{ id: string; name: string; email: string; passwordHash: string }>,
) {
  if (list.length === 0) return;
  await tx
    .insert(users)
    .values(list.map((u) => ({ id: u.id, name: u.name, email: u.email, emailVerified: true })));
  await tx.insert(accounts).values(
    list.map((u) => ({
      id: newId(),
      userId: u.id,
      accountId: u.id,
      providerId: 'credential',
      password: u.passwordHash,
    })),
  );
}

/** Which of these addresses already have an account (in any workspace). */
export async function findTakenEmails(db: Db | Tx, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.email, emails));
  return new Set(rows.map((row) => row.email));
}
