import { decodeCursor, encodeCursor } from '../../http/pagination';

/**
 * Members, invitations and API keys list by id alone (UUIDv7, so by creation); their cursors
 * are the shared signed cursors with no sort values.
 */
const byId = { name: 'id', keys: [] };

export function idCursor(secret: string, id: string): string {
  return encodeCursor(secret, byId.name, { values: [], id });
}

/** The id to list after, or 400 `invalid_cursor` for a cursor this list did not give. */
export function afterId(secret: string, cursor: string | undefined): string | null {
  return cursor ? decodeCursor(secret, byId, cursor).id : null;
}
