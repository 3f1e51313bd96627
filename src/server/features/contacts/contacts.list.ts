import type { ContactListQuery, ContactPage, ContactSort } from '../../../domain/contacts';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { contacts } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { decodeCursor, pageFrom, type SortKey, type SortSpec } from '../../http/pagination';
import { partnerNames } from '../partners/partners.service';
import { listContactRows } from './contacts.queries';
import { toContact } from './contacts.view';

const byName: SortKey[] = [
  { column: contacts.lastName, type: 'text' },
  { column: contacts.firstName, type: 'text' },
];
const byCreated: SortKey[] = [{ column: contacts.createdAt, type: 'timestamptz' }];

/** Each sort follows an index: (workspace_id, last_name, first_name, id) or (…, created_at, id). */
const sorts: Record<ContactSort, SortSpec> = {
  lastName: { name: 'lastName', keys: byName, descending: false, id: contacts.id },
  '-lastName': { name: '-lastName', keys: byName, descending: true, id: contacts.id },
  createdAt: { name: 'createdAt', keys: byCreated, descending: false, id: contacts.id },
  '-createdAt': { name: '-createdAt', keys: byCreated, descending: true, id: contacts.id },
};

export async function listContacts(
  ctx: ServiceContext,
  scope: Scope,
  query: ContactListQuery,
): Promise<ContactPage> {
  const sort = sorts[query.sort];
  const secret = ctx.config.secret;
  const cursor = query.cursor ? decodeCursor(secret, sort, query.cursor) : null;
  const db = dbOf(ctx);
  const page = pageFrom(
    secret,
    sort,
    await listContactRows(db, scope, query, sort, cursor),
    query.limit,
  );
  const names = await partnerNames(
    db,
    scope,
    page.rows.map((row) => row.partnerId),
  );
  return {
    items: page.rows.map((row) => toContact(row, names.get(row.partnerId) ?? '')),
    nextCursor: page.nextCursor,
  };
}
