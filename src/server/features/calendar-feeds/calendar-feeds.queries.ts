import { and, eq } from 'drizzle-orm';
import type { WorkspaceId } from '../../../domain/ids';
import type { Db, Tx } from '../../db/client';
import { calendarFeeds } from '../../db/schema';

export function findFeedOfMember(db: Db | Tx, workspaceId: WorkspaceId, memberId: string) {
  return db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.memberId, memberId)))
    .then((rows) => rows[0]);
}

/** The feed a token opens, looked up in the workspace the token names. */
export function findFeedByTokenHash(db: Db, workspaceId: WorkspaceId, tokenHash: string) {
  return db
    .select({ memberId: calendarFeeds.memberId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.tokenHash, tokenHash)))
    .then((rows) => rows[0]);
}

/** Makes the member's feed, replacing the one they had. */
export async function replaceFeedRow(
  tx: Tx,
  row: {
    id: string;
    workspaceId: WorkspaceId;
    memberId: string;
    tokenHash: string;
    createdAt: Date;
  },
) {
  await deleteFeedRow(tx, row.workspaceId, row.memberId);
  await tx.insert(calendarFeeds).values(row);
}

export function deleteFeedRow(tx: Tx, workspaceId: WorkspaceId, memberId: string) {
  return tx
    .delete(calendarFeeds)
    .where(and(eq(calendarFeeds.workspaceId, workspaceId), eq(calendarFeeds.memberId, memberId)))
    .returning({ id: calendarFeeds.id })
    .then((rows) => rows[0]);
}
