import type {
  InteractionListQuery,
  InteractionPage,
  InteractionSort,
} from '../../../domain/interactions';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { interactions } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { filters, type ListSpec, pageFrom, planList, sortsOf, time } from '../../http/list';
import { partnerNames } from '../partners/partners.service';
import { listInteractionRows } from './interactions.queries';
import { peopleOf, toInteraction } from './interactions.view';

/** Sorted by when it happened, served by (workspace_id[, partner_id], occurred_at, id). */
const interactionList: ListSpec<InteractionSort, InteractionListQuery> = {
  sorts: sortsOf(interactions.id, { occurredAt: [time(interactions.occurredAt)] }),
  filters: {
    partnerId: filters.anyOf(interactions.partnerId),
    kind: filters.anyOf(interactions.kind),
    sentiment: filters.anyOf(interactions.sentiment),
  },
};

export async function listInteractions(
  ctx: ServiceContext,
  scope: Scope,
  query: InteractionListQuery,
): Promise<InteractionPage> {
  const plan = planList(ctx.config.secret, interactionList, query.sort, query);
  const db = dbOf(ctx);
  const page = pageFrom(
    ctx.config.secret,
    plan,
    await listInteractionRows(db, scope, plan),
    (row) => row,
  );
  const names = await partnerNames(
    db,
    scope,
    page.items.map((row) => row.partnerId),
  );
  const people = await peopleOf(db, scope, page.items);
  return {
    items: page.items.map((row) =>
      toInteraction(
        row,
        names.get(row.partnerId) ?? '',
        people.get(row.id) ?? { members: [], contacts: [] },
      ),
    ),
    nextCursor: page.nextCursor,
  };
}
