import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sampleExe, sampleJpeg, samplePdf, samplePng } from '../../../test/file-samples';
import { makeDocx, makeZip } from '../../../test/zip';
import { fileNameProblem } from '../../domain/attachments';
import type { FileLimits } from '../config';
import { AppError } from '../http/errors';
import { checkFileContent, checkFileName, isPlainText } from './file-check';

const limits: FileLimits = {
  pdf: 1024 * 1024,
  docx: 1024 * 1024,
  xlsx: 1024 * 1024,
  png: 1024,
  jpeg: 1024,
  txt: 64,
};

async function refusal(bytes: Buffer, name: string) {
  try {
    await checkFileContent(bytes, name, limits);
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

async function sampleXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Sheet').addRow(['Quarter', 'Revenue']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('file types read from content', () => {
  it('accepts each allowed kind and gives the media type of its content', async () => {
    expect(await checkFileContent(samplePdf(), 'contract.pdf', limits)).toEqual({
      kind: 'pdf',
      mediaType: 'application/pdf',
    });
    expect((await checkFileContent(samplePng(), 'logo.png', limits)).kind).toBe('png');
    expect((await checkFileContent(sampleJpeg(), 'photo.JPG', limits)).kind).toBe('jpeg');
    expect((await checkFileContent(makeDocx(), 'terms.docx', limits)).mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect((await checkFileContent(await sampleXlsx(), 'figures.xlsx', limits)).kind).toBe('xlsx');
    expect(await checkFileContent(Buffer.from('Notes: ✓ ok\n'), 'notes.txt', limits)).toEqual({
      kind: 'txt',
      mediaType: 'text/plain; charset=utf-8',
    });
    // No ending at all is allowed: the content decides.
    expect((await checkFileContent(samplePdf(), 'scan', limits)).kind).toBe('pdf');
  });

  it('refuses a PDF renamed .png, and an EXE renamed .pdf', async () => {
    expect(await refusal(samplePdf(), 'picture.png')).toEqual({
      status: 415,
      code: 'file_type_mismatch',
    });
    expect(await refusal(sampleExe(), 'invoice.pdf')).toEqual({
      status: 415,
      code: 'unsupported_file_type',
    });
  });

  it('ignores the name’s claims beyond its ending: a PNG is a PNG whatever it is called', async () => {
    expect((await checkFileContent(samplePng(), 'not-a-pdf', limits)).mediaType).toBe('image/png');
  });

  it('takes text only as UTF-8 without NUL bytes', async () => {
    expect(isPlainText(Buffer.from('plain'))).toBe(true);
    expect(isPlainText(Buffer.from([0x61, 0x00, 0x62]))).toBe(false);
    expect(isPlainText(Buffer.from([0xc3, 0x28]))).toBe(false); // broken UTF-8
    expect(await refusal(Buffer.from([0x61, 0x00, 0x62]), 'a.txt')).toEqual({
      status: 415,
      code: 'unsupported_file_type',
    });
  });

  it('refuses an empty file and one over its kind’s limit', async () => {
    expect(await refusal(Buffer.alloc(0), 'a.txt')).toEqual({ status: 422, code: 'empty_file' });
    expect(await refusal(Buffer.from('x'.repeat(65)), 'a.txt')).toEqual({
      status: 413,
      code: 'file_too_large',
    });
    expect((await checkFileContent(Buffer.from('x'.repeat(64)), 'a.txt', limits)).kind).toBe('txt');
  });
});

describe('zip archives', () => {
  it('refuses a zip bomb by the sizes its directory declares, before inflating it', async () => {
    const bomb = makeDocx();
    const zeros = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024) },
    ]);
    expect(zeros.length).toBeLessThan(50 * 1024);
    expect(await refusal(zeros, 'bomb.docx')).toEqual({ status: 422, code: 'unsafe_archive' });
    // A small honest file with one lying entry that claims 150 MiB is refused the same way.
    const liar = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: 'x', declaredSize: 150 * 1024 * 1024 },
    ]);
    expect(await refusal(liar, 'liar.docx')).toEqual({ status: 422, code: 'unsafe_archive' });
    expect((await checkFileContent(bomb, 'fine.docx', limits)).kind).toBe('docx');
  });

  it('refuses a zip that is not an office file, and one with a path out of the archive', async () => {
    const plain = makeZip([{ name: 'readme.txt', data: 'hello' }]);
    expect(await refusal(plain, 'archive.docx')).toEqual({
      status: 415,
      code: 'unsupported_file_type',
    });
    const escaping = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: '../../etc/word/document.xml', data: 'x' },
    ]);
    expect(await refusal(escaping, 'evil.docx')).toEqual({ status: 422, code: 'unsafe_archive' });
  });
});

describe('file names', () => {
  it('keeps ordinary names, accents and spaces included', () => {
    expect(checkFileName('Master agreement – signed (v2).pdf')).toBe(
      'Master agreement – signed (v2).pdf',
    );
    expect(fileNameProblem('Überblick.xlsx')).toBeNull();
  });

  it('refuses paths, dot-dot, control and direction characters, and long names', () => {
    for (const bad of [
      '../etc/passwd',
      'folder/file.pdf',
      'C:\\Windows\\file.pdf',
      '..',
      'a..pdf',
      'line\nbreak.pdf',
      'nul\u0000.pdf',
      'tab\t.pdf',
      'invoice\u202efdp.exe',
      `${'a'.repeat(201)}.pdf`,
      '   ',
    ]) {
      expect(fileNameProblem(bad), bad).not.toBeNull();
      expect(() => checkFileName(bad)).toThrow(AppError);
    }
  });
});
