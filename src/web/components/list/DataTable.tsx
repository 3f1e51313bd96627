import type { CSSProperties } from 'react';
import { type Column, gridTemplate } from './columns';
import { ListHeader } from './ListHeader';
import { ListRow } from './ListRow';
import classes from './list.module.css';

type Props<T> = {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  sort?: string;
  onSort?: (sort: string) => void;
};

/**
 * A short list (settings, a partner's contacts): every row rendered, a table on wide screens
 * and cards on phones, like the long lists.
 */
export function DataTable<T>({ label, rows, columns, rowKey, sort, onSort }: Props<T>) {
  const style = { '--list-columns': gridTemplate(columns) } as CSSProperties;
  return (
    <div className={classes.frame} style={style}>
      <table className={classes.table} aria-label={label}>
        <ListHeader columns={columns} sort={sort} onSort={onSort} />
        <tbody className={classes.body}>
          {rows.map((row, index) => (
            <ListRow key={rowKey(row)} row={row} columns={columns} rowIndex={index + 2} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
