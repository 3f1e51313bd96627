import { and, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { AgreementListQuery, AgreementPage, AgreementSort } from '../../../domain/agreements';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { agreements } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import {
  day,
  filters,
  type ListSpec,
  pageFrom,
  planList,
  sortsOf,
  text,
  time,
} from '../../http/list';
import { listAgreementRows } from './agreements.queries';
import { presentAgreements } from './agreements.view';

/**
 * Each sort follows an index: (workspace_id, created_at | title | end_sort, id); `end_sort` is
 * the end date with far future for none, so agreements without an end come last.
 */
const agreementListSpec: ListSpec<AgreementSort, AgreementListQuery> = {
  sorts: sortsOf(agreements.id, {
    createdAt: [time(agreements.createdAt)],
    title: [text(agreements.title)],
    endOn: [day(agreements.endSort)],
  }),
  filters: {
    partnerId: filters.anyOf(agreements.partnerId),
    ownerId: filters.anyOf(agreements.ownerId),
    status: filters.anyOf(agreements.status),
    type: filters.anyOf(agreements.type),
    currency: filters.anyOf(agreements.currency),
    // Bounds on `end_sort` follow its index; an agreement without an end date has none to bound.
    endFrom: (from) => and(gte(agreements.endSort, from), isNotNull(agreements.endOn)),
    endTo: (to) => and(lte(agreements.endSort, to), isNotNull(agreements.endOn)),
    valueMin: (min) => sql`${agreements.value} >= ${min}`,
    valueMax: (max) => sql`${agreements.value} <= ${max}`,
  },
};

export async function listAgreements(
  ctx: ServiceContext,
  scope: Scope,
  query: AgreementListQuery,
): Promise<AgreementPage> {
  const plan = planList(ctx.config.secret, agreementListSpec, query.sort, query);
  const db = dbOf(ctx);
  const page = pageFrom(
    ctx.config.secret,
    plan,
    await listAgreementRows(db, scope, plan),
    (r) => r,
  );
  return { items: await presentAgreements(db, scope, page.items), nextCursor: page.nextCursor };
}
