import { Badge, Group, Loader, Text } from '@mantine/core';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { AnchorLink } from '../../components/links';
import type { Member } from '../settings/settings.api';
import classes from './PartnerTable.module.css';
import { countryName, formatDate, humanize } from './partner-labels';
import type { Partner } from './partners.api';
import { StageBadge } from './StageBadge';

const ROW_HEIGHT = 52;

type Props = {
  partners: Partner[];
  members: Map<string, Member>;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

/**
 * The partner list as an ARIA table whose rows are virtualized against the window scroll:
 * only the rows in view exist in the DOM, so 10 000 partners scroll like 50.
 */
export function PartnerTable({ partners, members, hasMore, loadingMore, onLoadMore }: Props) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      const top = bodyRef.current?.getBoundingClientRect().top ?? 0;
      setScrollMargin(top + window.scrollY);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: partners.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1];

  // Fetch the next page well before the end comes into view.
  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= partners.length - 30) onLoadMore();
  }, [last, hasMore, loadingMore, partners.length, onLoadMore]);

  return (
    <div className={classes.table}>
      <table aria-label="Partners" aria-rowcount={hasMore ? -1 : partners.length + 1}>
        <thead className={classes.head}>
          <tr aria-rowindex={1} className={classes.row}>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Tier</th>
            <th scope="col">Stage</th>
            <th scope="col" className={classes.optional}>
              Country
            </th>
            <th scope="col" className={classes.optional}>
              Owner
            </th>
            <th scope="col" className={classes.optional}>
              Tags
            </th>
            <th scope="col" className={classes.optional}>
              Updated
            </th>
          </tr>
        </thead>
        <tbody
          ref={bodyRef}
          className={classes.body}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {rows.map((item) => {
            const partner = partners[item.index];
            if (!partner) return null;
            const owner = partner.ownerId ? members.get(partner.ownerId) : undefined;
            return (
              <tr
                key={partner.id}
                aria-rowindex={item.index + 2}
                className={classes.row}
                style={{
                  transform: `translateY(${item.start - scrollMargin}px)`,
                  height: ROW_HEIGHT,
                }}
              >
                <td className={classes.name}>
                  <AnchorLink
                    to="/partners/$partnerId"
                    params={{ partnerId: partner.id }}
                    fw={600}
                    truncate="end"
                  >
                    {partner.name}
                  </AnchorLink>
                  {partner.archivedAt || partner.domains[0] ? (
                    <Text size="xs" c="dimmed" truncate="end">
                      {partner.archivedAt ? 'Archived · ' : ''}
                      {partner.domains[0]}
                    </Text>
                  ) : null}
                </td>
                <td>
                  <Text size="sm" truncate="end">
                    {humanize(partner.type)}
                  </Text>
                </td>
                <td>
                  <Text size="sm" truncate="end">
                    {partner.tier ? humanize(partner.tier) : '—'}
                  </Text>
                </td>
                <td>
                  <StageBadge stage={partner.stage} />
                </td>
                <td className={classes.optional}>
                  <Text size="sm" truncate="end">
                    {partner.country ? countryName(partner.country) : '—'}
                  </Text>
                </td>
                <td className={classes.optional}>
                  <Text size="sm" truncate="end">
                    {owner?.name ?? '—'}
                  </Text>
                </td>
                <td className={classes.optional}>
                  <Group gap={4} wrap="nowrap" className={classes.tags}>
                    {partner.tags.slice(0, 3).map((tag) => (
                      <Badge key={tag} variant="default" size="sm" radius="sm" tt="none" fw={500}>
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                </td>
                <td className={classes.optional}>
                  <Text size="sm" c="dimmed">
                    {formatDate(partner.updatedAt)}
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
            Loading more partners…
          </Text>
        </Group>
      ) : null}
    </div>
  );
}
