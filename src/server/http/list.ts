import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, arrayOverlaps, asc, type Column, desc, inArray, type SQL, sql } from 'drizzle-orm';
import { messages } from '../../domain/messages';
import { errors } from './errors';

/*
 * The one list builder every list uses (decision 014's companion for reads): named sorts that
 * match an index, a registry of filters keyed by query parameter, and signed keyset cursors.
 * A list declares a `ListSpec`; its service plans a page with `planList`, its query function
 * applies the plan in one plain select, and `pageFrom` cuts the page and makes the next cursor.
 */

/**
 * One column (or non-null expression over columns, matching an index) a list sorts by, and the
 * SQL type its cursor value is cast back to.
 */
export type SortKey = { column: Column | SQL; type: 'text' | 'timestamptz' | 'date' | 'integer' };

/** A list order: sort keys then the id as tie-breaker, all ascending or all descending. */
export type SortSpec = { name: string; keys: SortKey[]; descending: boolean; id: Column };

/** A decoded cursor: the last row's sort values (as text) and id. */
export type Cursor = { values: string[]; id: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`cursor:${payload}`).digest().subarray(0, 12);
}

/**
 * An opaque base64url cursor. It is signed so that a tampered cursor is refused rather than
 * silently read as another position (or fed to a cast that fails in the database).
 */
export function encodeCursor(secret: string, sort: string, cursor: Cursor): string {
  const payload = JSON.stringify([sort, cursor.values, cursor.id]);
  const signature = mac(secret, payload).toString('base64url');
  return Buffer.from(JSON.stringify([payload, signature])).toString('base64url');
}

/** Reads a cursor made for this sort, or answers 400 `invalid_cursor`. */
export function decodeCursor(
  secret: string,
  sort: Pick<SortSpec, 'name' | 'keys'>,
  text: string,
): Cursor {
  const invalid = () =>
    errors.badRequest('invalid_cursor', 'The cursor is not one this list returned', [
      { field: 'cursor', code: 'invalid_cursor', message: messages.invalidCursor },
    ]);
  let outer: unknown;
  try {
    outer = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(outer) || typeof outer[0] !== 'string' || typeof outer[1] !== 'string')
    throw invalid();
  const [payload, signature] = outer as [string, string];
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const [name, values, id] = JSON.parse(payload) as [unknown, unknown, unknown];
  if (
    name !== sort.name ||
    !Array.isArray(values) ||
    values.length !== sort.keys.length ||
    !values.every((v) => typeof v === 'string') ||
    typeof id !== 'string' ||
    !uuidPattern.test(id)
  )
    throw invalid();
  return { values: values as string[], id };
}

/**
 * Each named order of a list in both directions (`name`, `-name`), with the id as tie-breaker;
 * an order with no keys sorts by id alone (UUIDv7, so by creation).
 */
export function sortsOf<N extends string>(
  id: Column,
  orders: Record<N, SortKey[]>,
): Record<N | `-${N}`, SortSpec> {
  const specs: Record<string, SortSpec> = {};
  for (const [name, keys] of Object.entries<SortKey[]>(orders)) {
    specs[name] = { name, keys, descending: false, id };
    specs[`-${name}`] = { name: `-${name}`, keys, descending: true, id };
  }
  return specs as Record<N | `-${N}`, SortSpec>;
}

export const text = (column: Column): SortKey => ({ column, type: 'text' });
export const time = (column: Column): SortKey => ({ column, type: 'timestamptz' });
export const day = (column: Column): SortKey => ({ column, type: 'date' });
export const integer = (column: Column | SQL): SortKey => ({ column, type: 'integer' });

/** A list's filters: for each query parameter, the condition its value adds (or none). */
export type FilterRegistry<Q> = {
  [K in keyof Q]?: (value: NonNullable<Q[K]>) => SQL | undefined;
};

/** The filters lists share. */
export const filters = {
  /** The record's column holds any of the values (`?stage=a&stage=b`). */
  anyOf:
    (column: Column) =>
    (values: readonly string[]): SQL | undefined =>
      values.length > 0 ? inArray(column, [...values]) : undefined,
  /** The record's array column shares a value with the given ones. */
  overlaps:
    (column: Column) =>
    (values: readonly string[]): SQL | undefined =>
      values.length > 0 ? arrayOverlaps(column, [...values]) : undefined,
  /** Search text anywhere in the record's lower-cased search column (decision 006). */
  search:
    (column: Column) =>
    (q: string): SQL =>
      sql`${column} ILIKE ${likePattern(q.toLowerCase())}`,
};

export type ListSpec<S extends string, Q> = {
  sorts: Record<S, SortSpec>;
  filters: FilterRegistry<Q>;
};

/** A list by id alone, oldest first (`id`) or newest first (`-id`): ids are UUIDv7. */
export function byIdList<Q extends object = object>(
  id: Column,
  filterRegistry: FilterRegistry<Q> = {},
): ListSpec<'id' | '-id', Q> {
  return { sorts: sortsOf(id, { id: [] }), filters: filterRegistry };
}

/** What a list's query function applies: one select, no decisions of its own. */
export type ListPlan = {
  sort: SortSpec;
  /** The filters' conditions and the cursor's, to AND with the scope's. */
  where: SQL | undefined;
  orderBy: SQL[];
  /** Selected beside each row as `cursor`, to build the next cursor exactly. */
  cursor: SQL<string[]>;
  /** The page size plus one: the extra row, when it comes, means a next page. */
  limit: number;
};

/** Plans one page of a list: 400 `invalid_cursor` for a cursor this list and sort did not give. */
export function planList<S extends string, Q extends object>(
  secret: string,
  spec: ListSpec<S, Q>,
  sortName: S,
  query: Q & { limit: number; cursor?: string | undefined },
): ListPlan {
  const sort = spec.sorts[sortName];
  const cursor = query.cursor ? decodeCursor(secret, sort, query.cursor) : null;
  return {
    sort,
    where: and(
      filterConditions(spec.filters, query),
      cursor ? afterCursor(sort, cursor) : undefined,
    ),
    orderBy: orderOf(sort),
    cursor: cursorColumns(sort),
    limit: query.limit + 1,
  };
}

/**
 * The conditions of a list's filters for the values given, ANDed: what a list page applies, and
 * what an aggregate over the same records (a dashboard figure) applies to mean the same records.
 */
export function filterConditions<Q extends object>(
  registry: FilterRegistry<Q>,
  query: Partial<Q>,
): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  for (const key of Object.keys(registry) as Array<keyof Q>) {
    const value = query[key];
    const condition = registry[key];
    if (value !== undefined && value !== null && condition)
      conditions.push(condition(value as NonNullable<Q[keyof Q]>));
  }
  return and(...conditions);
}

/** The ORDER BY of a sort: its keys, then id, in one direction. */
export function orderOf(sort: SortSpec): SQL[] {
  const dir = sort.descending ? desc : asc;
  return [...sort.keys.map((k) => dir(k.column)), dir(sort.id)];
}

/** The sort values of a row as text, selected beside it to build the next cursor exactly. */
export function cursorColumns(sort: SortSpec): SQL<string[]> {
  if (sort.keys.length === 0) return sql<string[]>`ARRAY[]::text[]`;
  return sql<string[]>`ARRAY[${sql.join(
    sort.keys.map((k) => sql`${k.column}::text`),
    sql`, `,
  )}]`;
}

/**
 * Rows after the cursor as one row-value comparison, `(name, id) > ($1, $2)`, which the
 * (workspace_id, name, id) index serves as a range: a deep page costs what the first does.
 */
export function afterCursor(sort: SortSpec, cursor: Cursor): SQL {
  const columns = [...sort.keys.map((k) => sql`${k.column}`), sql`${sort.id}`];
  const values = [
    ...sort.keys.map((k, i) => sql`${cursor.values[i]}::${sql.raw(k.type)}`),
    sql`${cursor.id}::uuid`,
  ];
  const op = sort.descending ? sql`<` : sql`>`;
  return sql`(${sql.join(columns, sql`, `)}) ${op} (${sql.join(values, sql`, `)})`;
}

/** One page from the rows a plan fetched: the extra row, when there, makes the next cursor. */
export function pageFrom<R extends { id: string; cursor: string[] }, T>(
  secret: string,
  plan: ListPlan,
  rows: R[],
  present: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, plan.limit - 1);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor:
      rows.length >= plan.limit && last
        ? encodeCursor(secret, plan.sort.name, { values: last.cursor, id: last.id })
        : null,
  };
}

/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
