import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { partnerTeamEntries, teamMembers, teams } from '../../db/schema';

type TeamMemberRow = Omit<typeof teamMembers.$inferInsert, 'workspaceId'>;
type PartnerTeamEntryRow = Omit<typeof partnerTeamEntries.$inferInsert, 'workspaceId'>;

/**
 * Team memberships and partnership teams made in bulk (the demo loader), complete and valid.
 * Neither writes timeline entries, as neither does through the API.
 */
export async function importTeamPlaces(
  tx: Tx,
  scope: Scope,
  rows: { teamMembers: TeamMemberRow[]; partnerTeams: PartnerTeamEntryRow[] },
  onBatch: (written: number) => void = () => {},
) {
  const inScope = { workspaceId: scope.workspaceId };
  await insertInBatches(
    tx,
    teamMembers,
    rows.teamMembers.map((row) => ({ ...row, ...inScope })),
    onBatch,
  );
  await insertInBatches(
    tx,
    partnerTeamEntries,
    rows.partnerTeams.map((row) => ({ ...row, ...inScope })),
    onBatch,
  );
}

/** The workspace's active teams, by name: where the demo puts its members. */
export function activeTeams(tx: Tx, scope: Scope) {
  return tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.workspaceId, scope.workspaceId), isNull(teams.retiredAt)))
    .orderBy(asc(teams.createdAt), asc(teams.id));
}
