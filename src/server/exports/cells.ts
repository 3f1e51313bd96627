/**
 * What a cell of an export holds: text, a number, a yes/no, or nothing. Dates are ISO text, so
 * they read the same in every spreadsheet app and locale.
 */
export type CellValue = string | number | boolean | null;

/**
 * The characters that make a spreadsheet app read a cell as a formula (or as a command, for tab
 * and carriage return in some apps), in their ASCII and full-width forms.
 */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text cell a spreadsheet app will show as text: one that starts like a formula gets a leading
 * apostrophe, so `=HYPERLINK(…)` typed into a partner's name is never run on a reader's machine.
 */
export function escapeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/**
 * A cell as an export writes it: text escaped; numbers, yes/no and nothing as they are (a number
 * that is not finite has no cell a spreadsheet could read, so it is empty).
 */
export function cellOf(value: CellValue): CellValue {
  if (typeof value === 'string') return escapeFormula(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
