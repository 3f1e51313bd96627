import { describe, expect, it } from 'vitest';
import { barChartSvg, escapeXml, lineChartSvg, niceTicks } from './charts';
import { isAllowedLink, markdownToPdf } from './markdown-pdf';
import { renderPdf, tandemDocument } from './pdf';

const meta = {
  title: 'Scorecard',
  subject: 'Acme',
  workspace: 'Northwind',
  generated: '5 December 2026',
};

describe('charts', () => {
  it('steps round numbers from low to high, covering both', () => {
    expect(niceTicks(0, 1000)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(0, 0.9)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(-50, 120).at(0)).toBeLessThanOrEqual(-50);
    expect(niceTicks(-50, 120).at(-1)).toBeGreaterThanOrEqual(120);
    expect(niceTicks(5, 5)).toEqual([5]);
  });

  it('escapes every text a user could have typed', () => {
    const svg = lineChartSvg({
      width: 300,
      height: 120,
      labels: ['<b>Jan</b>', 'Feb'],
      series: [{ name: 'Revenue "&" <script>', values: [1, 2], color: '#000' }],
      format: String,
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain(escapeXml('Revenue "&" <script>'));
    const bars = barChartSvg([{ label: '</svg><svg onload=x>', value: 2 }], 300);
    expect(bars).not.toContain('</svg><svg');
  });

  it('breaks a line where a value is missing instead of drawing through it', () => {
    const svg = lineChartSvg({
      width: 300,
      height: 120,
      labels: ['a', 'b', 'c', 'd', 'e'],
      series: [{ name: 'Actual', values: [1, 2, null, 4, 5], color: '#000' }],
      format: String,
    });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
  });
});

describe('markdown in PDFs', () => {
  it('keeps HTML as text and drops links that are not to the web or mail', () => {
    const content = JSON.stringify(
      markdownToPdf(
        'Hello <b>bold</b> [x](javascript:alert(1)) [ok](https://example.com) **strong**',
      ),
    );
    expect(content).toContain('<b>bold</b>');
    expect(content).not.toContain('"link":"javascript');
    expect(content).toContain('"link":"https://example.com"');
    expect(content).toContain('"bold":true');
    expect(isAllowedLink('mailto:a@b.co')).toBe(true);
    expect(isAllowedLink('file:///etc/passwd')).toBe(false);
  });

  it('makes lists, nested lists and headings', () => {
    const content = markdownToPdf('# Goals\n\n- one\n- two\n  1. two a\n');
    expect(content[0]).toMatchObject({ bold: true });
    const list = content[1] as { ul: unknown[] };
    expect(list.ul).toHaveLength(3);
    expect(list.ul[2]).toHaveProperty('ol');
  });
});

describe('renderPdf', () => {
  it('renders a real PDF with its title, fonts embedded and one page per page break', async () => {
    const doc = tandemDocument(meta, [
      { text: 'First', style: 'title' },
      { svg: barChartSvg([{ label: 'Active', value: 3 }], 400) },
      { text: 'Second', pageBreak: 'before' },
    ]);
    const pdf = await renderPdf({ ...doc, compress: false });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(text).toContain('/FontFile2');
    expect(text).toContain('(Scorecard)');
  });

  it('fetches nothing a document names: no URL, no local file', async () => {
    const image = tandemDocument(meta, [{ image: 'https://example.com/x.png' }]);
    await expect(renderPdf(image)).rejects.toThrow();
    const local = tandemDocument(meta, [{ image: '/etc/hostname' }]);
    await expect(renderPdf(local)).rejects.toThrow();
  });
});
