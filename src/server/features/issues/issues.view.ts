import { type Issue, isOverdue } from '../../../domain/issues';
import type { IssueRow } from './issues.queries';

/** Names an issue shows beside the ids it holds. */
export type IssueNames = { partnerName: string; ownerName: string | null; teamName: string | null };

/** An issue row as the API shows it (and as audit events record it), overdue as of `today`. */
export function toIssue(row: IssueRow, names: IssueNames, today: string): Issue {
  const status = row.status as Issue['status'];
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName: names.partnerName,
    title: row.title,
    description: row.description,
    kind: row.kind as Issue['kind'],
    severity: row.severity as Issue['severity'],
    status,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? names.ownerName : null,
    teamId: row.teamId,
    teamName: row.teamId ? names.teamName : null,
    dueOn: row.dueOn,
    overdue: isOverdue({ status, dueOn: row.dueOn }, today),
    resolutionNotes: row.resolutionNotes,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    visibility: row.visibility as Issue['visibility'],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
