import type { CustomTableLayout } from 'pdfmake/interfaces';

/** The app's colours (src/web/app/theme.ts) on paper: teal 9 as primary, AA-contrast greys. */
export const colors = {
  primary: '#087f5b',
  text: '#212529',
  dimmed: '#495057',
  rule: '#dee2e6',
  band: '#f1f3f5',
  good: '#2b8a3e',
  warning: '#b35900',
  bad: '#c92a2a',
  forecast: '#1971c2',
} as const;

/** Thin rules between rows, none between columns: how the app's tables look. */
export const ruledTable: CustomTableLayout = {
  hLineWidth: (row, node) => (row === 0 || row === node.table.body.length ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => colors.rule,
  paddingLeft: (column) => (column === 0 ? 0 : 6),
  paddingRight: () => 6,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};
