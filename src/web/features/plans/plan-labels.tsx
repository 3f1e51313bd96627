import { Badge, type BadgeProps } from '@mantine/core';
import { addPeriods, formatPeriod, parsePeriod } from '../../../domain/periods';
import type { OwnerSide, PlanStatus } from '../../../domain/plans';

export const planStatusLabels: Record<PlanStatus, string> = {
  draft: 'Draft',
  proposed: 'Proposed',
  agreed: 'Agreed',
  active: 'Active',
  closed: 'Closed',
};

/** Dot colours that show on both themes' backgrounds (a dark dot vanished in the dark theme). */
const planStatusColors: Record<PlanStatus, string> = {
  draft: 'yellow',
  proposed: 'blue',
  agreed: 'teal',
  active: 'green',
  closed: 'gray',
};

/** The status as a word beside a coloured dot, so it never rests on colour alone. */
export function PlanStatusBadge({ status, ...props }: { status: PlanStatus } & BadgeProps) {
  return (
    <Badge variant="dot" color={planStatusColors[status]} {...props}>
      {planStatusLabels[status]}
    </Badge>
  );
}

const moveLabels: Record<PlanStatus, string> = {
  draft: 'Back to draft',
  proposed: 'Propose to the partner',
  agreed: 'Record the agreement',
  active: 'Start the plan',
  closed: 'Close the plan',
};

/** The words a button says to move a plan to `to`. */
export function planMoveLabel(to: PlanStatus): string {
  return moveLabels[to];
}

export const ownerSideLabels: Record<OwnerSide, string> = {
  us: 'Us',
  partner: 'The partner',
  both: 'Both',
};

/** `FY2027-Q2` as people say it, "Q2 FY2027"; a year stays as it is. */
export function periodName(label: string): string {
  const period = parsePeriod(label);
  if (period?.kind === 'quarter') return `Q${period.quarter} FY${period.fiscalYear}`;
  if (period?.kind === 'month') return `Month ${period.month} of FY${period.fiscalYear}`;
  return label;
}

type PeriodGroup = { group: string; items: Array<{ value: string; label: string }> };

/**
 * The periods a plan is usually made for: last, this and next fiscal year, and the quarters
 * from a year back to a year ahead of the current one. `keep` stays listed even if older.
 */
export function periodOptions(
  current: { year: string; quarter: string },
  keep: readonly string[] = [],
): PeriodGroup[] {
  const year = parsePeriod(current.year);
  const quarter = parsePeriod(current.quarter);
  if (!year || !quarter) return [];
  const years = [-1, 0, 1].map((n) => formatPeriod(addPeriods(year, n)));
  const quarters = Array.from({ length: 9 }, (_, n) => formatPeriod(addPeriods(quarter, n - 4)));
  const extra = keep.filter((label) => !years.includes(label) && !quarters.includes(label));
  const option = (value: string) => ({
    value,
    label:
      value === current.year || value === current.quarter
        ? `${periodName(value)} (current)`
        : periodName(value),
  });
  return [
    { group: 'Fiscal years', items: years.map(option) },
    { group: 'Quarters', items: quarters.map(option) },
    ...(extra.length > 0 ? [{ group: 'Other', items: extra.map(option) }] : []),
  ];
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A `YYYY-MM-DD` date as people read it, the same day wherever they are. */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** Why a plan in `status` takes no edits, and what to do instead (decision 040). */
export function lockedReason(status: PlanStatus): string {
  if (status === 'closed') return 'The plan is closed: it stays as it was when it closed.';
  return `The partner agreed this version, so it stays as agreed. To change the plan, start a new version: it begins as a draft with the agreed content, and the agreed version stands until the new one is agreed.`;
}
