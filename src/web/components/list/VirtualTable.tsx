import { Group, Loader, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { type Column, gridTemplate } from './columns';
import { ListHeader } from './ListHeader';
import { ListRow } from './ListRow';
import classes from './list.module.css';

type Props<T> = {
  id: string;
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  sort: string;
  onSort: (sort: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** `partners`, for "Loading more partners…". */
  noun: string;
};

/**
 * A long list whose rows are virtualized against the window scroll: only the rows in view
 * exist in the DOM, so 10 000 records scroll like 50. Rows are measured, so a phone's taller
 * cards take the room they need.
 */
export function VirtualTable<T>(props: Props<T>) {
  const { id, label, rows, columns, rowKey, sort, onSort, hasMore, loadingMore, onLoadMore } =
    props;
  const phone = useMediaQuery('(max-width: 62em)') ?? false;
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
    count: rows.length,
    estimateSize: () => (phone ? 180 : 53),
    overscan: 10,
    scrollMargin,
    getItemKey: (index) => {
      const row = rows[index];
      return row ? rowKey(row) : index;
    },
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  // A change of layout changes every row's height.
  useEffect(() => {
    void phone;
    virtualizer.measure();
  }, [phone, virtualizer]);

  // Fetch the next page well before the end comes into view.
  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= rows.length - 30) onLoadMore();
  }, [last, hasMore, loadingMore, rows.length, onLoadMore]);

  const style = { '--list-columns': gridTemplate(columns) } as CSSProperties;
  return (
    <div id={id} tabIndex={-1} className={classes.frame} style={style}>
      <table
        className={classes.table}
        aria-label={label}
        aria-rowcount={hasMore ? -1 : rows.length + 1}
      >
        <ListHeader columns={columns} sort={sort} onSort={onSort} />
        <tbody
          ref={bodyRef}
          className={`${classes.body} ${classes.virtual}`}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <ListRow
                key={item.key}
                row={row}
                columns={columns}
                rowIndex={item.index + 2}
                dataIndex={item.index}
                measureRef={virtualizer.measureElement}
                style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
              />
            );
          })}
        </tbody>
      </table>
      {loadingMore ? (
        <Group justify="center" p="md" role="status">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Loading more {props.noun}…
          </Text>
        </Group>
      ) : null}
    </div>
  );
}
