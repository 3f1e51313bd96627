import { and, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type {
  RenewalItem,
  RenewalListQuery,
  RenewalPage,
} from '../../../domain/agreement-renewals';
import { dateAt } from '../../../domain/periods';
import { addDays, daysBetween } from '../../../domain/renewals';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { agreements } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { filterConditions, filters, type ListSpec, pageFrom, planList } from '../../http/list';
import { getWorkspace } from '../workspaces/workspaces.service';
import { visible } from './agreements.queries';
import { presentAgreements } from './agreements.view';

type Filters = Pick<RenewalListQuery, 'partnerId' | 'ownerId' | 'type'>;

const renewalFilters = {
  partnerId: filters.anyOf(agreements.partnerId),
  ownerId: filters.anyOf(agreements.ownerId),
  type: filters.anyOf(agreements.type),
};

/** The key date that comes next on `today`: the notice deadline until it passes, then the end. */
function nextKeyOnSql(today: string): SQL {
  return sql`(CASE WHEN ${agreements.noticeDays} > 0
    AND ${agreements.endOn} - ${agreements.noticeDays} >= ${today}::date
    THEN ${agreements.endOn} - ${agreements.noticeDays} ELSE ${agreements.endOn} END)`;
}

/** Agreements in force whose next key date falls from `today` to `until`, on the caller's filters. */
function inWindow(scope: Scope, today: string, until: string, query: Filters): SQL | undefined {
  return and(
    visible(scope),
    inArray(agreements.status, ['active', 'expiring']),
    sql`${agreements.endOn} >= ${today}::date`,
    sql`${nextKeyOnSql(today)} <= ${until}::date`,
    filterConditions(renewalFilters, query),
  );
}

/**
 * The renewals view (decision 059): agreements in force whose notice deadline or end date falls
 * within the next 30, 60 or 90 days of the workspace's day, soonest key date first (keyset
 * paged), with the value at stake over the whole window summed per currency: Tandem keeps no
 * exchange rates, so sums in different currencies are not added together.
 */
export async function listRenewals(
  ctx: ServiceContext,
  scope: Scope,
  query: RenewalListQuery,
): Promise<RenewalPage> {
  const db = dbOf(ctx);
  const { workspace } = await getWorkspace(ctx, scope);
  const today = dateAt(Date.now(), workspace.timeZone);
  const until = addDays(today, Number(query.within));
  const nextKeyOn = nextKeyOnSql(today);
  const spec: ListSpec<'nextKeyOn', Filters> = {
    sorts: {
      nextKeyOn: {
        name: 'renewals',
        keys: [{ column: nextKeyOn, type: 'date' }],
        descending: false,
        id: agreements.id,
      },
    },
    filters: {},
  };
  const plan = planList(ctx.config.secret, spec, 'nextKeyOn', query);
  const where = inWindow(scope, today, until, query);
  const rows = await db
    .select({ ...getTableColumns(agreements), cursor: plan.cursor })
    .from(agreements)
    .where(and(where, plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = pageFrom(ctx.config.secret, plan, rows, (r) => r);
  const sums = await db
    .select({
      currency: agreements.currency,
      value: sql<string | null>`sum(${agreements.value})::text`,
      agreements: sql<number>`count(*)::int`,
    })
    .from(agreements)
    .where(where)
    .groupBy(agreements.currency)
    .orderBy(agreements.currency);
  const presented = await presentAgreements(db, scope, page.items);
  const items: RenewalItem[] = presented.map((agreement) => {
    const end = agreement.endOn as string;
    const deadline = agreement.noticeDays ? addDays(end, -agreement.noticeDays) : null;
    const notice = deadline !== null && deadline >= today;
    const nextOn = notice ? (deadline as string) : end;
    return {
      ...agreement,
      noticeDeadline: deadline,
      nextKeyDate: notice ? 'notice_deadline' : 'end_date',
      nextKeyOn: nextOn,
      daysLeft: daysBetween(today, nextOn),
    };
  });
  return {
    items,
    nextCursor: page.nextCursor,
    today,
    until,
    agreements: sums.reduce((n, s) => n + s.agreements, 0),
    totals: sums.flatMap((s) =>
      s.currency && s.value !== null
        ? [{ currency: s.currency, value: Number(s.value), agreements: s.agreements }]
        : [],
    ),
  };
}
