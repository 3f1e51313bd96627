import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { EmailLink, Truncated } from '../../components/list/ListParts';
import { VirtualTable } from '../../components/list/VirtualTable';
import { humanize } from '../partners/partner-labels';
import { type Contact, contactName } from './contacts.api';

const nameColumn: Column<Contact> = {
  key: 'name',
  header: 'Name',
  width: 'minmax(160px, 1.6fr)',
  primary: true,
  sort: 'lastName',
  cell: (contact) => (
    <AnchorLink
      to="/contacts/$contactId"
      params={{ contactId: contact.id }}
      fw={600}
      truncate="end"
      title={contactName(contact)}
    >
      {contactName(contact)}
    </AnchorLink>
  ),
};

/** The columns every list of contacts shows; a partner's own list leaves out the partner. */
export const contactColumns = (withPartner: boolean): Column<Contact>[] => [
  nameColumn,
  ...(withPartner
    ? [
        {
          key: 'partner',
          header: 'Partner',
          width: 'minmax(140px, 1.4fr)',
          cell: (contact: Contact) => (
            <AnchorLink
              to="/partners/$partnerId"
              params={{ partnerId: contact.partnerId }}
              size="sm"
              truncate="end"
              display="block"
              title={contact.partnerName}
            >
              {contact.partnerName}
            </AnchorLink>
          ),
        },
      ]
    : []),
  {
    key: 'title',
    header: 'Title',
    width: 'minmax(120px, 1.2fr)',
    cell: (contact) => <Truncated>{contact.title}</Truncated>,
  },
  {
    key: 'role',
    header: 'Role',
    width: 'minmax(100px, 0.9fr)',
    cell: (contact) => <Truncated>{humanize(contact.role)}</Truncated>,
  },
  {
    key: 'email',
    header: 'Email',
    width: 'minmax(160px, 1.5fr)',
    cell: (contact) => <EmailLink email={contact.email} />,
  },
  {
    key: 'phone',
    header: 'Phone',
    width: 'minmax(110px, 1fr)',
    cell: (contact) => <Truncated>{contact.phone}</Truncated>,
  },
];

type Props = {
  id: string;
  contacts: Contact[];
  sort: string;
  onSort: (sort: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

/** All contacts, virtualized like the partner list. */
export function ContactTable({ contacts, ...props }: Props) {
  return (
    <VirtualTable
      {...props}
      label="Contacts"
      noun="contacts"
      rows={contacts}
      rowKey={(contact) => contact.id}
      columns={contactColumns(true)}
    />
  );
}
