import type { CSSProperties, Ref } from 'react';
import type { Column } from './columns';
import classes from './list.module.css';

type Props<T> = {
  row: T;
  columns: readonly Column<T>[];
  rowIndex: number;
  style?: CSSProperties;
  measureRef?: Ref<HTMLTableRowElement>;
  dataIndex?: number;
};

/** One record: a table row on wide screens, a card whose lines carry their labels on phones. */
export function ListRow<T>({ row, columns, rowIndex, style, measureRef, dataIndex }: Props<T>) {
  return (
    <tr
      ref={measureRef}
      data-index={dataIndex}
      aria-rowindex={rowIndex}
      className={classes.row}
      style={style}
    >
      {columns.map((column) => {
        const kind = column.primary ? classes.primary : column.actions ? classes.actions : '';
        return (
          <td
            key={column.key}
            className={`${classes.cell} ${kind}`}
            data-label={column.primary || column.actions ? undefined : column.header}
          >
            {column.cell(row)}
          </td>
        );
      })}
    </tr>
  );
}
