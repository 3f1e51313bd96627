import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvStream, type ExportColumn, xlsxStream } from './writers';

type Row = { n: number; name: string; on: string; done: boolean; note: string | null };

const columns: ExportColumn<Row>[] = [
  { header: 'N', value: (r) => r.n },
  { header: 'Name', value: (r) => r.name },
  { header: 'On', value: (r) => r.on },
  { header: 'Done', value: (r) => r.done },
  { header: 'Note', value: (r) => r.note },
];

const row = (n: number): Row => ({
  n,
  name: n % 3 === 0 ? `=cmd|' /C calc'!A${n}` : `Société ${n}, "quoted"\nline`,
  on: '2026-12-05T10:00:00.000Z',
  done: n % 2 === 0,
  note: n % 5 === 0 ? null : `-${n}`,
});

/** `count` batches of `size` rows, counting how many batches the writer has asked for. */
function batchesOf(count: number, size: number) {
  const pulled = { batches: 0 };
  async function* batches() {
    for (let b = 0; b < count; b++) {
      pulled.batches++;
      yield Array.from({ length: size }, (_, i) => row(b * size + i + 1));
    }
  }
  return { batches: batches(), pulled };
}

async function bufferOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('csvStream', () => {
  it('writes a byte order mark, a header row and every row, escaped, that parses back', async () => {
    const { batches } = batchesOf(3, 1000);
    const csv = (await bufferOf(csvStream(columns, batches))).toString('utf8');
    expect(csv.startsWith('\uFEFFN,Name,On,Done,Note\r\n')).toBe(true);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3000);
    expect(rows[0]).toEqual({
      N: '1',
      Name: 'Société 1, "quoted"\nline',
      On: '2026-12-05T10:00:00.000Z',
      Done: 'false',
      Note: "'-1",
    });
    expect(rows[2]?.Name).toBe("'=cmd|' /C calc'!A3");
    expect(rows[4]?.Note).toBe('');
  });

  it('escapes a cell repeated from the row above as it escapes the first', async () => {
    const same = (n: number): Row => ({
      n,
      name: n < 3 ? '=SUM(A1:A9), "x"' : 'plain',
      on: '2026-12-05T10:00:00.000Z',
      done: true,
      note: n === 2 ? null : '-1',
    });
    async function* batches() {
      yield [same(1), same(2)];
      yield [same(3), same(4), same(5)];
    }
    const csv = (await bufferOf(csvStream(columns, batches()))).toString('utf8');
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.Name, r.Note])).toEqual([
      ['\'=SUM(A1:A9), "x"', "'-1"],
      ['\'=SUM(A1:A9), "x"', ''],
      ['plain', "'-1"],
      ['plain', "'-1"],
      ['plain', "'-1"],
    ]);
  });

  it('reads no further batch while the client does not take the file', async () => {
    const { batches, pulled } = batchesOf(200, 500);
    const stream = csvStream(columns, batches);
    stream.pause();
    await sleep(100);
    expect(pulled.batches).toBeLessThanOrEqual(3);
    const csv = await text(stream);
    expect(pulled.batches).toBe(200);
    expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThan(100_000);
  });

  it('stops reading when the client goes away', async () => {
    const { batches, pulled } = batchesOf(200, 500);
    const stream = csvStream(columns, batches);
    stream.once('data', () => stream.destroy());
    await new Promise((resolve) => stream.on('close', resolve));
    await sleep(20);
    expect(pulled.batches).toBeLessThanOrEqual(3);
  });

  it('writes a header row alone for an empty list', async () => {
    async function* none() {}
    const csv = (await bufferOf(csvStream(columns, none()))).toString('utf8');
    expect(csv).toBe('\uFEFFN,Name,On,Done,Note\r\n');
  });
});

describe('xlsxStream', () => {
  it('writes one sheet with a bold header, numbers as numbers and text escaped', async () => {
    const { batches } = batchesOf(3, 1000);
    const file = await bufferOf(await xlsxStream(columns, batches, 'Rows'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Rows');
    expect(sheet?.rowCount).toBe(3001);
    expect(sheet?.getRow(1).values).toEqual([undefined, 'N', 'Name', 'On', 'Done', 'Note']);
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      1,
      'Société 1, "quoted"\nline',
      '2026-12-05T10:00:00.000Z',
      false,
      "'-1",
    ]);
    expect(sheet?.getCell('B4').value).toBe("'=cmd|' /C calc'!A3");
    expect(sheet?.getCell('E6').value).toBe(null);
  });

  it('reads no further batch while the client does not take the file', async () => {
    const { batches, pulled } = batchesOf(100, 500);
    const stream = await xlsxStream(columns, batches, 'Rows');
    await sleep(300);
    expect(pulled.batches).toBeLessThanOrEqual(10);
    const file = await bufferOf(stream);
    expect(pulled.batches).toBe(100);
    expect(file.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('an empty sheet', () => {
  it('is a workbook with the header row only', async () => {
    const file = await bufferOf(await xlsxStream(columns, Readable.from([]), 'Rows'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Rows')?.rowCount).toBe(1);
  });
});
