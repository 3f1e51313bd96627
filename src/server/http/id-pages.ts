import { decodeCursor, encodeCursor } from './pagination';

/**
 * Members, partner users, invitations and API keys list by id alone (UUIDv7, so by creation);
 * their cursors are the shared signed cursors with no sort values.
 */
const byId = { name: 'id', keys: [] };

/** The id to list after, or 400 `invalid_cursor` for a cursor this list did not give. */
export function afterId(secret: string, cursor: string | undefined): string | null {
  return cursor ? decodeCursor(secret, byId, cursor).id : null;
}

/** One page from rows fetched with limit + 1: the extra row, when there, means a next page. */
export function pageById<R extends { id: string }, T>(
  secret: string,
  rows: R[],
  limit: number,
  present: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(present),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(secret, byId.name, { values: [], id: last.id })
        : null,
  };
}
