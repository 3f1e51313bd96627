import type { ReactNode } from 'react';

/** One column of a list: a table column on wide screens, a labelled line of a card on phones. */
export type Column<T> = {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Its width on wide screens, as a CSS grid track (`minmax(160px, 2fr)`). */
  width: string;
  /** The row's title: first on a card, across its whole width, with no label. */
  primary?: boolean;
  /** Buttons acting on the row: no label on a card, placed at its end. */
  actions?: boolean;
  /** The API's ascending sort key when the column sorts (`name`; `-name` is descending). */
  sort?: string;
  /** The direction a first click sorts in: dates start with the newest. */
  sortFirst?: 'asc' | 'desc';
};

export function gridTemplate<T>(columns: readonly Column<T>[]): string {
  return columns.map((column) => column.width).join(' ');
}
