import { Group, Loader, Text } from '@mantine/core';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { AnchorLink } from '../../components/links';
import table from '../partners/PartnerTable.module.css';
import { humanize } from '../partners/partner-labels';
import classes from './ContactTable.module.css';
import { type Contact, contactName } from './contacts.api';

const ROW_HEIGHT = 52;

type Props = {
  contacts: Contact[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

/** All contacts, rows virtualized against the window scroll like the partner list. */
export function ContactTable({ contacts, hasMore, loadingMore, onLoadMore }: Props) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const measure = () =>
      setScrollMargin((bodyRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: contacts.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1];
  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= contacts.length - 30) onLoadMore();
  }, [last, hasMore, loadingMore, contacts.length, onLoadMore]);

  return (
    <div className={table.table}>
      <table aria-label="Contacts" aria-rowcount={hasMore ? -1 : contacts.length + 1}>
        <thead className={table.head}>
          <tr aria-rowindex={1} className={`${table.row} ${classes.row}`}>
            <th scope="col">Name</th>
            <th scope="col">Partner</th>
            <th scope="col" className={table.optional}>
              Title
            </th>
            <th scope="col">Role</th>
            <th scope="col" className={table.optional}>
              Email
            </th>
            <th scope="col" className={table.optional}>
              Phone
            </th>
          </tr>
        </thead>
        <tbody ref={bodyRef} className={table.body} style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((item) => {
            const contact = contacts[item.index];
            if (!contact) return null;
            return (
              <tr
                key={contact.id}
                aria-rowindex={item.index + 2}
                className={`${table.row} ${classes.row}`}
                style={{
                  transform: `translateY(${item.start - scrollMargin}px)`,
                  height: ROW_HEIGHT,
                }}
              >
                <td className={table.name}>
                  <AnchorLink
                    to="/contacts/$contactId/edit"
                    params={{ contactId: contact.id }}
                    fw={600}
                    truncate="end"
                  >
                    {contactName(contact)}
                  </AnchorLink>
                </td>
                <td className={table.name}>
                  <AnchorLink
                    to="/partners/$partnerId"
                    params={{ partnerId: contact.partnerId }}
                    size="sm"
                    truncate="end"
                  >
                    {contact.partnerName}
                  </AnchorLink>
                </td>
                <td className={table.optional}>
                  <Text size="sm" truncate="end">
                    {contact.title ?? '—'}
                  </Text>
                </td>
                <td>
                  <Text size="sm" truncate="end">
                    {humanize(contact.role)}
                  </Text>
                </td>
                <td className={table.optional}>
                  <Text size="sm" truncate="end">
                    {contact.email ?? '—'}
                  </Text>
                </td>
                <td className={table.optional}>
                  <Text size="sm" truncate="end">
                    {contact.phone ?? '—'}
                  </Text>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {loadingMore ? (
        <Group justify="center" p="md" role="status">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Loading more contacts…
          </Text>
        </Group>
      ) : null}
    </div>
  );
}
