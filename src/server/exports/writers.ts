import { PassThrough, Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { type CellValue, cellOf } from './cells';

/** One column of an export: its heading and the cell it takes from a row. */
export type ExportColumn<T> = { header: string; value: (row: T) => CellValue; width?: number };

/**
 * Rows in batches, as a list reads them from the database (one keyset query per batch): a
 * writer asks for the next batch only once the previous one has left for the client.
 */
export type RowBatches<T> = AsyncIterable<readonly T[]>;

export type ExportFormat = 'csv' | 'xlsx';

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const byteOrderMark = '\uFEFF';

/**
 * The batches, with the next one read while the current one is written, so the database's
 * work and the writer's overlap; never more than one batch ahead. A reader that stops early
 * waits for the batch in flight, then ends the batches (and their reads).
 */
export async function* readAhead<T>(batches: AsyncIterable<T>): AsyncGenerator<T> {
  const source = batches[Symbol.asyncIterator]();
  let pending = source.next();
  try {
    for (;;) {
      const current = await pending;
      if (current.done) return;
      pending = source.next();
      yield current.value;
    }
  } finally {
    await pending.catch(() => undefined);
    await source.return?.();
  }
}

const needsQuotes = /[",\r\n]/;
const quotes = /"/g;

/** One CSV field (RFC 4180): quoted, its quotes doubled, only when it holds `"`, `,` or a line break. */
function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return typeof value === 'boolean' ? String(value) : `${value}`;
  return needsQuotes.test(value) ? `"${value.replace(quotes, '""')}"` : value;
}

/**
 * The CSV text of rows, each line ending in CRLF: one string built by appending, with no array
 * of cells per row (an export writes millions). A cell equal to the one above it reuses that
 * cell's escaped text: neighbouring rows share most of their cells (a KPI's measurements repeat
 * its partner, plan and unit), and the escaping's two regular expressions were the writer's cost.
 */
/** No cell yet: unlike any value a column gives. */
const none = Symbol('none');

function csvText<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  const count = columns.length;
  const values = columns.map((column) => column.value);
  const above: unknown[] = new Array(count).fill(none);
  const aboveText: string[] = new Array(count).fill('');
  let text = '';
  for (const row of rows) {
    for (let c = 0; c < count; c++) {
      const value = (values[c] as ExportColumn<T>['value'])(row);
      if (value !== above[c]) {
        above[c] = value;
        aboveText[c] = csvField(cellOf(value));
      }
      text += c === 0 ? aboveText[c] : `,${aboveText[c]}`;
    }
    text += '\r\n';
  }
  return text;
}

/**
 * A CSV file (RFC 4180, UTF-8 with a byte order mark so that spreadsheet apps read accents) as
 * a stream. Each batch becomes one chunk; `Readable.from` pulls the next batch only when the
 * client has taken the last one, and a client that goes away ends the batches (and the reads).
 */
export function csvStream<T>(
  columns: readonly ExportColumn<T>[],
  batches: RowBatches<T>,
): Readable {
  async function* chunks() {
    yield `${byteOrderMark}${columns.map((column) => csvField(column.header)).join(',')}\r\n`;
    for await (const batch of readAhead(batches)) {
      if (batch.length === 0) continue;
      yield csvText(columns, batch);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * Whether a stream holds more than its high-water mark that its reader has not taken yet (read
 * from its state, as the streams exceljs and its zip library make may predate the getters).
 */
function over(stream: unknown, side: 'writable' | 'readable'): boolean {
  const state = (stream as Record<string, unknown> | undefined)?.[`_${side}State`] as
    | { length?: unknown; highWaterMark?: unknown }
    | undefined;
  return (
    typeof state?.length === 'number' &&
    typeof state.highWaterMark === 'number' &&
    state.length > state.highWaterMark
  );
}

/**
 * Whether the workbook's output is backed up anywhere: exceljs writes the sheet's XML into the
 * zip without waiting for room, so the writer looks at each stage (the sheet's stream, the zip's
 * output, the response) and waits itself.
 */
function congested(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
  out: PassThrough,
): boolean {
  const internals = workbook as unknown as { zip?: unknown };
  const sheetStream = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  return (
    out.writableNeedDrain ||
    over(internals.zip, 'readable') ||
    (sheetStream?.pipes ?? []).some((pipe) => over(pipe, 'writable'))
  );
}

/**
 * An XLSX workbook of one sheet as a stream, written by exceljs's streaming writer: rows are
 * committed as they come (no shared strings, so nothing grows with the list), and the next batch
 * is read only once the compressed output has drained to the client.
 */
export async function xlsxStream<T>(
  columns: readonly ExportColumn<T>[],
  batches: RowBatches<T>,
  sheetName: string,
): Promise<Readable> {
  // exceljs takes seconds to load: it loads with the first Excel download, not with the server.
  const { default: Excel } = await import('exceljs');
  const out = new PassThrough();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width ?? Math.max(12, Math.min(40, column.header.length + 4)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  async function write() {
    // No read-ahead here: the workbook's stages have no back-pressure of their own (see below).
    for await (const batch of batches) {
      if (out.destroyed) break;
      for (const row of batch) {
        sheet.addRow(columns.map((column) => cellOf(column.value(row)))).commit();
      }
      // A short poll: the stages have no common event, and a slow client is the only one waiting.
      while (!out.destroyed && congested(workbook, sheet, out)) await delay(2);
    }
    if (out.destroyed) return;
    sheet.commit();
    await workbook.commit();
  }
  write().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
