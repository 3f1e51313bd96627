import { type Column, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type {
  Clause,
  ClauseCreate,
  ClauseListQuery,
  ClausePage,
  ClauseUpdate,
} from '../../../domain/clauses';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { clauses } from '../../db/schema';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { type ListSpec, pageFrom, planList, sortsOf, text } from '../../http/list';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import {
  type ClauseRow,
  findClause,
  insertClauseRow,
  listClauseRows,
  updateClauseRow,
} from './clauses.queries';
import { toClause } from './clauses.view';

export const archivedFilter =
  (column: Column) =>
  (value: 'false' | 'true' | 'any'): SQL | undefined =>
    value === 'false' ? isNull(column) : value === 'true' ? isNotNull(column) : undefined;

const clauseList: ListSpec<'title' | '-title', ClauseListQuery> = {
  sorts: sortsOf(clauses.id, { title: [text(clauses.title)] }),
  filters: {
    archived: archivedFilter(clauses.archivedAt),
    category: (value) => sql`lower(${clauses.category}) = lower(${value})`,
  },
};

export async function listClauses(
  ctx: ServiceContext,
  scope: Scope,
  query: ClauseListQuery,
): Promise<ClausePage> {
  const plan = planList(ctx.config.secret, clauseList, 'title', query);
  const page = pageFrom(
    ctx.config.secret,
    plan,
    await listClauseRows(dbOf(ctx), scope, plan),
    (row) => row,
  );
  return { items: page.items.map(toClause), nextCursor: page.nextCursor };
}

async function visibleClause(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findClause(db, scope, id, { forUpdate });
  if (!row) throw errors.notFound('clause');
  return row;
}

export async function getClause(ctx: ServiceContext, scope: Scope, id: string): Promise<Clause> {
  return toClause(await visibleClause(dbOf(ctx), scope, id));
}

export function createClause(
  ctx: ServiceContext,
  scope: Scope,
  input: ClauseCreate,
): Promise<Clause> {
  return withTransaction(ctx, async (tx, ctx) => {
    const now = new Date();
    const row = await insertClauseRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      title: input.title,
      body: input.text,
      category: input.category,
      fallbackPositions: input.fallbackPositions,
      createdAt: now,
      updatedAt: now,
    });
    const clause = toClause(row);
    await recordAudit(tx, ctx, scope, {
      action: 'clause.created',
      entityType: 'clause',
      entityId: row.id,
      after: clause,
    });
    return clause;
  });
}

/** One change to a clause under If-Match, written with its audit event; null changes nothing. */
function changeClause(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  options: { required: boolean; action: string },
  change: (row: ClauseRow) => Partial<ClauseRow> | null,
): Promise<Clause> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleClause(tx, scope, id, true);
    checkIfMatch(ifMatch, current.version, { required: options.required });
    const before = toClause(current);
    const set = change(current);
    if (!set) return before;
    const row = await updateClauseRow(tx, scope, id, {
      ...set,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    const after = toClause(row);
    await recordAudit(tx, ctx, scope, {
      action: options.action,
      entityType: 'clause',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export function updateClause(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: ClauseUpdate,
): Promise<Clause> {
  return changeClause(
    ctx,
    scope,
    id,
    ifMatch,
    { required: true, action: 'clause.updated' },
    (row) => {
      const set: Partial<ClauseRow> = {};
      if (input.title !== undefined && input.title !== row.title) set.title = input.title;
      if (input.text !== undefined && input.text !== row.body) set.body = input.text;
      if (input.category !== undefined && input.category !== row.category)
        set.category = input.category;
      if (
        input.fallbackPositions !== undefined &&
        JSON.stringify(input.fallbackPositions) !== JSON.stringify(row.fallbackPositions)
      )
        set.fallbackPositions = input.fallbackPositions;
      return Object.keys(set).length > 0 ? set : null;
    },
  );
}

/** Archives a clause (it leaves the library and cannot join a template) or restores it. */
export function setClauseArchived(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  archived: boolean,
): Promise<Clause> {
  return changeClause(
    ctx,
    scope,
    id,
    ifMatch,
    { required: false, action: archived ? 'clause.archived' : 'clause.restored' },
    (row) =>
      (row.archivedAt !== null) === archived ? null : { archivedAt: archived ? new Date() : null },
  );
}
