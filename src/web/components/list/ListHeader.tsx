import { UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import type { Column } from './columns';
import classes from './list.module.css';
import { nextSort, sortDirection } from './sort';

type Props<T> = {
  columns: readonly Column<T>[];
  /** The list's sort and how to change it; without them no header sorts. */
  sort?: string;
  onSort?: (sort: string) => void;
};

/** The header row: sortable columns are buttons, and say how the list is sorted. */
export function ListHeader<T>({ columns, sort, onSort }: Props<T>) {
  return (
    <thead className={classes.head}>
      <tr aria-rowindex={1} className={classes.row}>
        {columns.map((column) => {
          const key = column.sort;
          if (!key || sort === undefined || !onSort) {
            return (
              <th key={column.key} scope="col" className={classes.cell}>
                {column.actions ? (
                  <span className={classes.skip}>{column.header}</span>
                ) : (
                  column.header
                )}
              </th>
            );
          }
          const direction = sortDirection(sort, key);
          const Icon =
            direction === 'ascending'
              ? IconArrowUp
              : direction === 'descending'
                ? IconArrowDown
                : IconArrowsSort;
          return (
            <th key={column.key} scope="col" className={classes.cell} aria-sort={direction}>
              <UnstyledButton
                className={classes.sortButton}
                onClick={() => onSort(nextSort(sort, key, column.sortFirst))}
              >
                {column.header}
                <Icon size={14} aria-hidden stroke={direction === 'none' ? 1.5 : 2.5} />
              </UnstyledButton>
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
