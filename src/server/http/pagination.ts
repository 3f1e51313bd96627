import { createHmac, timingSafeEqual } from 'node:crypto';
import { asc, type Column, desc, type SQL, sql } from 'drizzle-orm';
import { errors } from './errors';

/** One column a list sorts by, and the SQL type its cursor value is cast back to. */
export type SortKey = { column: Column; type: 'text' | 'timestamptz' };

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
      { field: 'cursor', code: 'invalid_cursor', message: 'is not a valid cursor' },
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

/** The ORDER BY of a sort: its keys, then id, in one direction. */
export function orderOf(sort: SortSpec): SQL[] {
  const dir = sort.descending ? desc : asc;
  return [...sort.keys.map((k) => dir(k.column)), dir(sort.id)];
}

/** The sort values of a row as text, selected beside it to build the next cursor exactly. */
export function cursorColumns(sort: SortSpec): SQL<string[]> {
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
    ...sort.keys.map((k, i) =>
      k.type === 'timestamptz'
        ? sql`${cursor.values[i]}::timestamptz`
        : sql`${cursor.values[i]}::text`,
    ),
    sql`${cursor.id}::uuid`,
  ];
  const op = sort.descending ? sql`<` : sql`>`;
  return sql`(${sql.join(columns, sql`, `)}) ${op} (${sql.join(values, sql`, `)})`;
}

/** Cuts the extra row a list query fetched (limit + 1) and makes the next cursor from it. */
export function pageFrom<R extends { id: string; cursor: string[] }>(
  secret: string,
  sort: SortSpec,
  rows: R[],
  limit: number,
): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  if (!last) return { rows: page, nextCursor: null };
  return {
    rows: page,
    nextCursor: encodeCursor(secret, sort.name, { values: last.cursor, id: last.id }),
  };
}

/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
