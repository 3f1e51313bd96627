import type { ContactListQuery, ContactPage, ContactSort } from '../../../domain/contacts';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { contacts } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { filters, type ListSpec, pageFrom, planList, sortsOf, text, time } from '../../http/list';
import { partnerNames } from '../partners/partners.service';
import { listContactRows } from './contacts.queries';
import { toContact } from './contacts.view';

/** Each sort follows an index: (workspace_id, last_name, first_name, id) or (…, created_at, id). */
const contactList: ListSpec<ContactSort, ContactListQuery> = {
  sorts: sortsOf(contacts.id, {
    lastName: [text(contacts.lastName), text(contacts.firstName)],
    createdAt: [time(contacts.createdAt)],
  }),
  filters: {
    q: filters.search(contacts.searchText),
    partnerId: filters.anyOf(contacts.partnerId),
    role: filters.anyOf(contacts.role),
  },
};

export async function listContacts(
  ctx: ServiceContext,
  scope: Scope,
  query: ContactListQuery,
): Promise<ContactPage> {
  const plan = planList(ctx.config.secret, contactList, query.sort, query);
  const db = dbOf(ctx);
  const page = pageFrom(
    ctx.config.secret,
    plan,
    await listContactRows(db, scope, plan),
    (row) => row,
  );
  const names = await partnerNames(
    db,
    scope,
    page.items.map((row) => row.partnerId),
  );
  return {
    items: page.items.map((row) => toContact(row, names.get(row.partnerId) ?? '')),
    nextCursor: page.nextCursor,
  };
}
