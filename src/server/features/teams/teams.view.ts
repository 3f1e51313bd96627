import type { Team, TeamMemberRef } from '../../../domain/teams';
import type { TeamRow } from './teams.queries';

/** A team row as the API shows it (and as audit events record it). */
export function toTeam(row: TeamRow, members: TeamMemberRef[]): Team {
  return {
    id: row.id,
    name: row.name,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    members,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
