import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, escapeFormula } from './cells';

const starts = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
const startsLikeFormula = (text: string) => starts.some((c) => text.startsWith(c));

describe('escapeFormula', () => {
  it.each(starts)('puts an apostrophe before a cell starting with %j', (start) => {
    expect(escapeFormula(`${start}SUM(A1:A9)`)).toBe(`'${start}SUM(A1:A9)`);
  });

  it('leaves other text alone, including a formula character later in the text', () => {
    for (const text of ['Acme', '', ' =1+1', "'=1", 'a=b', '2026-12-05', 'Café Müller', '1-2'])
      expect(escapeFormula(text)).toBe(text);
  });

  it('escapes a link formula typed into a name', () => {
    expect(escapeFormula('=HYPERLINK("https://evil.test","x")')).toBe(
      '\'=HYPERLINK("https://evil.test","x")',
    );
  });

  it('never leaves a cell starting like a formula, and changes only that', () => {
    const text = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom(...starts), fc.string()).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(text, (value) => {
        const escaped = escapeFormula(value);
        expect(startsLikeFormula(escaped)).toBe(false);
        if (startsLikeFormula(value)) expect(escaped).toBe(`'${value}`);
        else expect(escaped).toBe(value);
      }),
    );
  });
});

describe('cellOf', () => {
  it('keeps numbers, yes/no and nothing as they are; a number that is not finite is empty', () => {
    expect(cellOf(-12.5)).toBe(-12.5);
    expect(cellOf(0)).toBe(0);
    expect(cellOf(true)).toBe(true);
    expect(cellOf(null)).toBe(null);
    expect(cellOf(Number.NaN)).toBe(null);
    expect(cellOf(Number.POSITIVE_INFINITY)).toBe(null);
    expect(cellOf('-5 off')).toBe("'-5 off");
  });
});
