import { gte, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type {
  PartnerHistoryEvent,
  PartnerListQuery,
  PartnerPage,
  PartnerSort,
} from '../../../domain/partners';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { auditEvents, partners, partnerTeamEntries } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import {
  byIdList,
  type FilterRegistry,
  filters,
  integer,
  type ListSpec,
  pageFrom,
  planList,
  sortsOf,
  text,
  time,
} from '../../http/list';
import { listPartnerHistory, presentActor } from '../audit/audit.service';
import { findPartner, listPartnerRows } from './partners.queries';
import { toPartner } from './partners.view';

/** Partners with a member of one of the teams in their partnership team. */
function inTeams(teamIds: readonly string[]): SQL | undefined {
  if (teamIds.length === 0) return undefined;
  return sql`EXISTS (SELECT 1 FROM ${partnerTeamEntries} e
    WHERE e.workspace_id = ${partners.workspaceId} AND e.partner_id = ${partners.id}
      AND ${inArray(sql`e.team_id`, [...teamIds])})`;
}

/**
 * The partner list's filters by query parameter. The portfolio dashboard applies the same ones,
 * so a figure and the list it links to count the same partners.
 */
export const partnerFilters: FilterRegistry<PartnerListQuery> = {
  q: filters.search(partners.searchText),
  type: filters.anyOf(partners.type),
  tier: filters.anyOf(partners.tier),
  stage: filters.anyOf(partners.stage),
  ownerId: filters.anyOf(partners.ownerId),
  teamId: inTeams,
  country: filters.anyOf(partners.country),
  tag: filters.overlaps(partners.tags),
  archived: (archived) =>
    archived === 'false'
      ? isNull(partners.archivedAt)
      : archived === 'only'
        ? isNotNull(partners.archivedAt)
        : undefined,
  healthMin: (min) => gte(partners.healthScore, min),
  healthMax: (max) => lte(partners.healthScore, max),
};

/** Each sort matches an index on (workspace_id, key, id), so every page is an index range. */
const partnerList: ListSpec<PartnerSort, PartnerListQuery> = {
  sorts: sortsOf(partners.id, {
    name: [text(partners.name)],
    createdAt: [time(partners.createdAt)],
    updatedAt: [time(partners.updatedAt)],
    // The expression of `partners_workspace_health_idx`: unscored partners sort below 0.
    health: [integer(sql`coalesce(${partners.healthScore}, -1)`)],
  }),
  filters: partnerFilters,
};

export async function listPartners(
  ctx: ServiceContext,
  scope: Scope,
  query: PartnerListQuery,
): Promise<PartnerPage> {
  const plan = planList(ctx.config.secret, partnerList, query.sort, query);
  const rows = await listPartnerRows(dbOf(ctx), scope, plan);
  return pageFrom(ctx.config.secret, plan, rows, toPartner);
}

/** The field `actor` superseded: members and partner users were both `user`. */
function legacyActorType(kind: string): 'user' | 'api_key' | 'system' {
  return kind === 'api_key' || kind === 'system' ? kind : 'user';
}

/** History is newest first: audit events by id (UUIDv7) descending. */
const historyList = byIdList(auditEvents.id);

/** The partner's audit events and its contacts', newest first. */
export async function partnerHistory(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: PartnerHistoryEvent[]; nextCursor: string | null }> {
  if (!(await findPartner(dbOf(ctx), scope, id))) throw errors.notFound('partner');
  const plan = planList(ctx.config.secret, historyList, '-id', query);
  const rows = await listPartnerHistory(ctx, scope, id, plan);
  return pageFrom(ctx.config.secret, plan, rows, (row) => ({
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
  }));
}
