import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';

/** Whether poppler's command-line tools (`pdfsig`, `pdftotext`) are installed here. */
export const hasPoppler = spawnSync('pdfsig', ['-v']).status === 0;
export const popplerMissing = 'poppler-utils (pdfsig, pdftotext) is not installed';

/** Runs `pdfsig` or `pdftotext` on the PDF's bytes and gives what it printed. */
export function poppler(tool: 'pdfsig' | 'pdftotext', pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    const args = tool === 'pdftotext' ? ['-layout', file, '-'] : [file];
    const run = spawnSync(tool, args, { encoding: 'utf8' });
    return `${run.stdout}${run.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many pages poppler sees, by rendering none: `pdftotext` separates pages with form feeds. */
export function pageCount(pdf: Buffer): number {
  return poppler('pdftotext', pdf)
    .split('\f')
    .filter((page) => page.trim() !== '').length;
}

/** A test that needs poppler: skipped, saying why in its name, where it is not installed. */
export const itWithPoppler = (name: string, fn: () => unknown) =>
  hasPoppler ? it(name, fn) : it.skip(`${name} (skipped: ${popplerMissing})`, fn);
