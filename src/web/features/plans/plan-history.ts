import type { Plan, PlanStatus } from '../../../domain/plans';
import { formatDay, planStatusLabels } from './plan-labels';

/** What a plan's audit event says, in words: a title and the fields it changed. */
export type PlanHistoryEntry = { title: string; lines: string[] };

type Event = { action: string; before: unknown; after: unknown };
type PlanShape = Partial<Pick<Plan, 'summary' | 'objectives' | 'versionNumber' | 'agreement'>> & {
  status?: PlanStatus;
};

const asPlan = (value: unknown): PlanShape | null =>
  value !== null && typeof value === 'object' ? (value as PlanShape) : null;

const statusName = (status: PlanStatus | undefined) =>
  status ? planStatusLabels[status] : 'unknown';

/** Which objectives differ by position, counting added and removed ones. */
function objectiveLines(before: PlanShape, after: PlanShape): string[] {
  const old = before.objectives ?? [];
  const now = after.objectives ?? [];
  const lines: string[] = [];
  if (now.length > old.length) lines.push(`Objectives added: ${now.length - old.length}`);
  if (now.length < old.length) lines.push(`Objectives removed: ${old.length - now.length}`);
  const changed = now
    .slice(0, Math.min(old.length, now.length))
    .map((objective, index) =>
      JSON.stringify(objective) === JSON.stringify(old[index]) ? 0 : index + 1,
    )
    .filter((n) => n > 0);
  if (changed.length > 0) lines.push(`Objectives changed: ${changed.join(', ')}`);
  return lines;
}

export function describePlanEvent(event: Event): PlanHistoryEntry {
  const before = asPlan(event.before);
  const after = asPlan(event.after);
  switch (event.action) {
    case 'plan.created':
      return {
        title: 'Plan started as a draft',
        lines: after?.objectives?.length ? [`Objectives: ${after.objectives.length}`] : [],
      };
    case 'plan.updated': {
      const lines: string[] = [];
      if (before && after && before.summary !== after.summary) lines.push('Summary changed');
      if (before && after) lines.push(...objectiveLines(before, after));
      return {
        title: after?.versionNumber ? `Version ${after.versionNumber} edited` : 'Plan edited',
        lines,
      };
    }
    case 'plan.status_changed':
      return {
        title: `${statusName(before?.status)} → ${statusName(after?.status)}`,
        lines: [],
      };
    case 'plan.agreed': {
      const agreement = after?.agreement;
      return {
        title: `Version ${agreement?.versionNumber ?? after?.versionNumber ?? ''} agreed`,
        lines: agreement
          ? [`Agreed by ${agreement.agreedBy} on ${formatDay(agreement.agreedOn)}`]
          : [],
      };
    }
    case 'plan.revised':
      return {
        title: `Version ${after?.versionNumber ?? ''} started from the agreed version`,
        lines: [],
      };
    case 'plan.objective_owner_released':
      return { title: 'An objective lost its owner, who left the workspace', lines: [] };
    default:
      return { title: event.action, lines: [] };
  }
}
