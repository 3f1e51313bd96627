import type { Cell } from 'exceljs';
import {
  type KpiUnit,
  type MeasurementImport,
  maxMeasurementNote,
  storedValue,
} from '../../../domain/kpis';
import { messages } from '../../../domain/messages';
import { hasControlCharacter } from '../../../domain/text';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import {
  type MeasurementInput,
  measurementChanges,
  measurementErrors,
  measurementSource,
  planForMeasurements,
  writeMeasurements,
} from './kpis.measurements';
import { findKpiRows, type KpiRow } from './kpis.queries';
import { toKpi } from './kpis.view';

/** The rows one import takes: a year of 50 KPIs' months is 600. */
export const maxImportRows = 5000;

export const importColumns = ['kpi', 'period', 'value', 'note'] as const;
type Column = (typeof importColumns)[number];
const requiredColumns: Column[] = ['kpi', 'period', 'value'];

/** One line of the sheet: its row number as a spreadsheet shows it (the header is row 1). */
type SheetRow = { row: number; cells: Partial<Record<Column, string | number>> };

const invalidFile = (detail: string) =>
  errors.unprocessable('invalid_file', detail, [
    { field: 'body', code: 'invalid_file', message: messages.invalid },
  ]);

/** The header's columns by name (case and spaces ignored), or 422 naming each missing one. */
function columnsOf(header: ReadonlyArray<unknown>): Map<Column, number> {
  const found = new Map<Column, number>();
  header.forEach((name, index) => {
    const key = String(name ?? '')
      .trim()
      .toLowerCase() as Column;
    if ((importColumns as readonly string[]).includes(key) && !found.has(key))
      found.set(key, index);
  });
  const missing = requiredColumns.filter((column) => !found.has(column));
  if (missing.length > 0)
    throw errors.unprocessable(
      'missing_columns',
      `The first row must name the columns ${requiredColumns.join(', ')} (and optionally note)`,
      missing.map((column) => ({
        field: `columns.${column}`,
        code: 'missing_column',
        message: messages.missingColumn(column),
      })),
    );
  return found;
}

function rowsOf(lines: ReadonlyArray<{ row: number; values: ReadonlyArray<unknown> }>): SheetRow[] {
  const [header, ...body] = lines;
  if (!header) throw invalidFile('The file is empty: the first row must name the columns');
  const columns = columnsOf(header.values);
  const rows = body
    .map(({ row, values }) => {
      const cells: SheetRow['cells'] = {};
      for (const [column, index] of columns) {
        const value = values[index];
        if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== ''))
          cells[column] = typeof value === 'string' ? value.trim() : value;
      }
      return { row, cells };
    })
    .filter((line) => Object.keys(line.cells).length > 0);
  if (rows.length > maxImportRows)
    throw errors.unprocessable('too_many_rows', `An import takes ${maxImportRows} rows at most`, [
      { field: 'body', code: 'too_many_rows', message: messages.maxItems(maxImportRows) },
    ]);
  return rows;
}

/** A semicolon when the header has semicolons and no commas (spreadsheets in many locales), else a comma. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/** A CSV's records; row numbers count records, as a spreadsheet opening it shows them. */
export async function csvRows(text: string): Promise<SheetRow[]> {
  const { parse } = await import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw invalidFile(`Not a readable CSV file: ${(error as Error).message}`);
  }
  return rowsOf(records.map((values, index) => ({ row: index + 1, values })));
}

/**
 * What a cell holds as the import reads it: a number, or text. A formula counts by its result;
 * a cell formatted as a percent holds a fraction (0.125 for 12.5 %), read as the percent shown.
 */
function cellValue(cell: Cell): string | number | null {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number')
    return cell.numFmt?.includes('%') ? Number((value * 100).toPrecision(15)) : value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('result' in value) {
    const result = value.result;
    if (typeof result === 'number')
      return cell.numFmt?.includes('%') ? Number((result * 100).toPrecision(15)) : result;
    return result === undefined || result === null || typeof result === 'object'
      ? null
      : String(result);
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  return null;
}

/** The first worksheet's rows, numbered as the sheet numbers them. */
export async function xlsxRows(file: Buffer): Promise<SheetRow[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw invalidFile(`Not a readable XLSX file: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidFile('The workbook has no worksheet');
  const lines: Array<{ row: number; values: Array<string | number | null> }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values: Array<string | number | null> = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellValue(cell);
    });
    lines.push({ row: number, values });
  });
  return rowsOf(lines);
}

/** A number as a person typed it: `12.5`, `-3`, `1234.56`; a percent sign is allowed. */
function numberOf(cell: string | number): number | null {
  if (typeof cell === 'number') return cell;
  const text = cell.replace(/%$/, '').trim();
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : null;
}

/** The KPI a row names, by id or by name (case ignored); names shared by two KPIs need the id. */
function kpiFinder(kpiRows: KpiRow[]) {
  const byName = new Map<string, KpiRow[]>();
  for (const row of kpiRows) {
    const key = row.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), row]);
  }
  return (cell: string | number): KpiRow | 'ambiguous' | null => {
    const text = String(cell).trim();
    const byId = kpiRows.find((row) => row.id === text.toLowerCase());
    if (byId) return byId;
    const named = byName.get(text.toLowerCase()) ?? [];
    if (named.length > 1) return 'ambiguous';
    return named[0] ?? null;
  };
}

type Parsed = { row: number; kpi: KpiRow; item: MeasurementInput };

/** The rows as measurements in stored units, or every row's errors naming `rows.N.column`. */
function parseRows(
  rows: SheetRow[],
  kpiRows: KpiRow[],
): { parsed: Parsed[]; fields: FieldError[] } {
  const find = kpiFinder(kpiRows);
  const fields: FieldError[] = [];
  const parsed: Parsed[] = [];
  const fail = (row: number, column: Column, code: string, message: string) =>
    fields.push({ field: `rows.${row}.${column}`, code, message });
  for (const { row, cells } of rows) {
    const before = fields.length;
    for (const column of requiredColumns)
      if (cells[column] === undefined) fail(row, column, 'required', messages.required);
    const kpi = cells.kpi === undefined ? null : find(cells.kpi);
    if (cells.kpi !== undefined && kpi === null)
      fail(row, 'kpi', 'invalid_reference', messages.noSuchKpi);
    if (kpi === 'ambiguous') fail(row, 'kpi', 'ambiguous', messages.ambiguousKpi);
    const note = cells.note === undefined ? '' : String(cells.note);
    if (note.length > maxMeasurementNote)
      fail(row, 'note', 'too_long', messages.maxLength(maxMeasurementNote));
    // What the batch write's note type refuses: control characters other than tabs and line breaks.
    if (hasControlCharacter(note, [0x09, 0x0a, 0x0d]))
      fail(row, 'note', 'invalid_text', messages.multiLine);
    let value: number | null = null;
    if (cells.value !== undefined && kpi && kpi !== 'ambiguous') {
      const shown = numberOf(cells.value);
      const stored =
        shown === null
          ? { message: messages.invalid }
          : storedValue(kpi.unit as KpiUnit, shown, kpi.currency);
      if ('message' in stored) fail(row, 'value', 'invalid_value', stored.message);
      else value = stored.value;
    }
    if (fields.length > before || !kpi || kpi === 'ambiguous' || value === null) continue;
    parsed.push({
      row,
      kpi,
      item: { kpiId: kpi.id, period: String(cells.period), value, note },
    });
  }
  return { parsed, fields };
}

/**
 * Imports a sheet of measurements into a plan (decision 041): every row checked, every error
 * with its row and column; a dry run answers what would be written and writes nothing; a real
 * run writes all rows or none, with source `import`.
 */
export async function importMeasurements(
  ctx: ServiceContext,
  scope: Scope,
  planId: string,
  rows: SheetRow[],
  dryRun: boolean,
): Promise<MeasurementImport> {
  return withTransaction(ctx, async (tx, ctx) => {
    const { plan, kpiRows } = await planForMeasurements(tx, scope, planId);
    const { parsed, fields } = parseRows(rows, kpiRows);
    const columnOf = { kpiId: 'kpi', period: 'period', value: 'value', currency: 'value' };
    fields.push(
      ...measurementErrors(
        plan,
        kpiRows,
        parsed.map((p) => p.item),
        (index, field) => `rows.${parsed[index]?.row}.${columnOf[field]}`,
      ),
    );
    if (fields.length > 0)
      throw errors.unprocessable(
        'invalid_import',
        'Some rows cannot be imported; nothing was written. See errors for each row and column',
        fields.sort((a, b) => rowNumber(a.field) - rowNumber(b.field)),
      );
    const changes = await measurementChanges(
      tx,
      scope,
      parsed.map((p) => p.item),
    );
    const preview = parsed.map(({ row, kpi, item }, index) => {
      const previous = changes[index]?.previous ?? null;
      const same = previous === item.value && changes[index]?.previousNote === (item.note ?? '');
      return {
        row,
        kpiId: kpi.id,
        kpiName: kpi.name,
        period: item.period,
        value: item.value ?? 0,
        note: item.note ?? '',
        previous,
        change: previous === null ? 'add' : same ? 'unchanged' : 'replace',
      } as const;
    });
    const written = dryRun
      ? 0
      : await writeMeasurements(
          tx,
          ctx,
          scope,
          plan,
          kpiRows,
          parsed.map((p) => p.item),
          measurementSource(scope, true),
        );
    return {
      dryRun,
      rows: preview,
      written,
      kpis: (await findKpiRows(tx, scope, [planId])).map(toKpi),
    };
  });
}

const rowNumber = (field: string) => Number(field.split('.')[1] ?? 0);
