import {
  type ContactRole,
  type ContactSort,
  contactRoles,
  contactSorts,
} from '../../../domain/contacts';

/** The contact list's search, filters and sort, kept in the URL so a list can be shared. */
export type ContactListSearch = {
  q?: string;
  /** The contacts of one partner. */
  partnerId?: string;
  role?: ContactRole[];
  sort?: ContactSort;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function contactListSearch(raw: Record<string, unknown>): ContactListSearch {
  const search: ContactListSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim() !== '') search.q = raw.q;
  if (typeof raw.partnerId === 'string' && uuidPattern.test(raw.partnerId))
    search.partnerId = raw.partnerId;
  const roles = (Array.isArray(raw.role) ? raw.role : [raw.role]).filter(
    (role): role is ContactRole => (contactRoles as readonly unknown[]).includes(role),
  );
  if (roles.length > 0) search.role = roles;
  if ((contactSorts as readonly unknown[]).includes(raw.sort))
    search.sort = raw.sort as ContactSort;
  return search;
}
