import type {
  PartnerHistoryEvent,
  PartnerListQuery,
  PartnerPage,
  PartnerSort,
} from '../../../domain/partners';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { partners } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { decodeCursor, encodeCursor, pageFrom, type SortSpec } from '../../http/pagination';
import { listPartnerHistory, presentActor } from '../audit/audit.service';
import { findPartner, listPartnerRows } from './partners.queries';
import { toPartner } from './partners.view';

/** Each sort matches an index on (workspace_id, key, id), so every page is an index range. */
const sorts: Record<PartnerSort, SortSpec> = {
  name: {
    name: 'name',
    keys: [{ column: partners.name, type: 'text' }],
    descending: false,
    id: partners.id,
  },
  '-name': {
    name: '-name',
    keys: [{ column: partners.name, type: 'text' }],
    descending: true,
    id: partners.id,
  },
  createdAt: {
    name: 'createdAt',
    keys: [{ column: partners.createdAt, type: 'timestamptz' }],
    descending: false,
    id: partners.id,
  },
  '-createdAt': {
    name: '-createdAt',
    keys: [{ column: partners.createdAt, type: 'timestamptz' }],
    descending: true,
    id: partners.id,
  },
  updatedAt: {
    name: 'updatedAt',
    keys: [{ column: partners.updatedAt, type: 'timestamptz' }],
    descending: false,
    id: partners.id,
  },
  '-updatedAt': {
    name: '-updatedAt',
    keys: [{ column: partners.updatedAt, type: 'timestamptz' }],
    descending: true,
    id: partners.id,
  },
};

export async function listPartners(
  ctx: ServiceContext,
  scope: Scope,
  query: PartnerListQuery,
): Promise<PartnerPage> {
  const sort = sorts[query.sort];
  const secret = ctx.config.secret;
  const cursor = query.cursor ? decodeCursor(secret, sort, query.cursor) : null;
  const rows = await listPartnerRows(dbOf(ctx), scope, query, sort, cursor);
  const page = pageFrom(secret, sort, rows, query.limit);
  return { items: page.rows.map(toPartner), nextCursor: page.nextCursor };
}

/** The field `actor` superseded: members and partner users were both `user`. */
function legacyActorType(kind: string): 'user' | 'api_key' | 'system' {
  return kind === 'api_key' || kind === 'system' ? kind : 'user';
}

const historyOrder = { name: 'history', keys: [] };

/** The partner's audit events and its contacts', newest first. */
export async function partnerHistory(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: PartnerHistoryEvent[]; nextCursor: string | null }> {
  if (!(await findPartner(dbOf(ctx), scope, id))) throw errors.notFound('partner');
  const secret = ctx.config.secret;
  const cursor = query.cursor ? decodeCursor(secret, historyOrder, query.cursor) : null;
  const rows = await listPartnerHistory(ctx, scope, id, {
    limit: query.limit,
    before: cursor?.id ?? null,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      actorType: legacyActorType(row.actorType),
      actorId: row.actorId,
      actor: presentActor(row),
      before: row.before,
      after: row.after,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(secret, historyOrder.name, { values: [], id: last.id })
        : null,
  };
}
