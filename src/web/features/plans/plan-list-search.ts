import { parsePeriod } from '../../../domain/periods';
import { type PlanSort, type PlanStatus, planSorts, planStatuses } from '../../../domain/plans';

/** The plans list's filters and sort, kept in the URL so a list can be shared. */
export type PlanListSearch = {
  partnerId?: string;
  status?: PlanStatus[];
  period?: string[];
  sort?: PlanSort;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const valuesOf = (raw: unknown): unknown[] => (Array.isArray(raw) ? raw : [raw]);

export function planListSearch(raw: Record<string, unknown>): PlanListSearch {
  const search: PlanListSearch = {};
  if (typeof raw.partnerId === 'string' && uuidPattern.test(raw.partnerId)) {
    search.partnerId = raw.partnerId;
  }
  const status = valuesOf(raw.status).filter((value): value is PlanStatus =>
    (planStatuses as readonly unknown[]).includes(value),
  );
  if (status.length > 0) search.status = status;
  const period = valuesOf(raw.period).filter(
    (value): value is string => typeof value === 'string' && parsePeriod(value) !== null,
  );
  if (period.length > 0) search.period = period;
  if ((planSorts as readonly unknown[]).includes(raw.sort)) search.sort = raw.sort as PlanSort;
  return search;
}
