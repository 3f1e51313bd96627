import { type IssueStatus, issueMachine } from '../../../domain/issues';
import { moveBetween } from '../../../domain/state-machine';
import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Tx } from '../../db/client';
import { issues } from '../../db/schema';
import { importTimelineEntries, type MemberActor } from '../timeline/timeline.service';
import type { IssueRow } from './issues.queries';
import { issueTimelineInput } from './issues.service';

/** One move of an issue's history: to which status, when, by whom. */
export type IssueMove = { to: IssueStatus; at: Date; by: MemberActor };

/** An issue made in bulk: its row as its last move left it, and the moves that led there. */
export type ImportedIssue = { row: IssueRow; by: MemberActor; moves: IssueMove[] };

/**
 * Issues made in bulk (the demo loader) with the timeline entries the issues service writes:
 * raised, then each move. Every move must be one the issue machine allows, and the last must
 * leave the issue in the status its row says.
 */
export async function importIssues(
  tx: Tx,
  scope: Scope,
  items: ImportedIssue[],
  onBatch: (written: number) => void = () => {},
) {
  const entries = items.flatMap(({ row, by, moves }) => {
    const raised = {
      ...issueTimelineInput(row, { event: 'created', to: 'open' }),
      occurredAt: row.createdAt,
      by,
    };
    let from: IssueStatus = 'open';
    const moved = moves.map((move) => {
      if (!moveBetween(issueMachine, from, move.to))
        throw new Error(`an imported issue moves from ${from} to ${move.to}`);
      const entry = {
        ...issueTimelineInput(row, { event: 'status_changed', from, to: move.to }),
        occurredAt: move.at,
        by: move.by,
      };
      from = move.to;
      return entry;
    });
    if (from !== row.status) throw new Error(`an imported issue ends ${from}, not ${row.status}`);
    return [raised, ...moved];
  });
  await insertInBatches(
    tx,
    issues,
    items.map(({ row }) => ({ ...row, workspaceId: scope.workspaceId })),
    onBatch,
  );
  await importTimelineEntries(tx, scope, entries, onBatch);
}
