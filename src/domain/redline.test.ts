import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redline, redlineCounts, sideOf } from './redline';

describe('redline', () => {
  it('marks an inserted and a deleted word, keeping the spaces', () => {
    expect(redline('The partner shall pay', 'The reseller shall pay promptly')).toEqual([
      { op: 'same', text: 'The ' },
      { op: 'delete', text: 'partner' },
      { op: 'insert', text: 'reseller' },
      { op: 'same', text: ' shall pay' },
      { op: 'insert', text: ' promptly' },
    ]);
  });

  it('answers one same part for equal texts and nothing for two empty ones', () => {
    expect(redline('a b', 'a b')).toEqual([{ op: 'same', text: 'a b' }]);
    expect(redline('', '')).toEqual([]);
  });

  it('is all insert from an empty text and all delete to one', () => {
    expect(redline('', 'new text')).toEqual([{ op: 'insert', text: 'new text' }]);
    expect(redline('old text', '')).toEqual([{ op: 'delete', text: 'old text' }]);
  });

  it('keeps Markdown and line breaks as written', () => {
    const parts = redline('# Title\n\n1. **Term**: one year', '# Title\n\n1. **Term**: two years');
    expect(sideOf(parts, 'old')).toBe('# Title\n\n1. **Term**: one year');
    expect(sideOf(parts, 'new')).toBe('# Title\n\n1. **Term**: two years');
    expect(parts.find((p) => p.op === 'delete')?.text).toContain('one');
  });

  it('counts the words inserted and deleted', () => {
    expect(redlineCounts(redline('a b c', 'a x y c'))).toEqual({ inserted: 2, deleted: 1 });
  });
});

/** Text drawn from a small vocabulary, so two texts share words and the diff has work to do. */
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom('the', 'partner', 'shall', 'pay', '**fees**', '#', '1.', 'é', '—'),
      fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', ', ', '.'),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((words) => words.join(''));

describe('redline properties', () => {
  it('same + insert gives the new text; same + delete gives the old', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = redline(before, after);
        expect(sideOf(parts, 'new')).toBe(after);
        expect(sideOf(parts, 'old')).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('never answers an empty part nor two parts of the same kind in a row', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = redline(before, after);
        for (const [i, part] of parts.entries()) {
          expect(part.text).not.toBe('');
          if (i > 0) expect(parts[i - 1]?.op).not.toBe(part.op);
        }
      }),
    );
  });

  it('a text against itself is all same', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(redline(t, t).every((p) => p.op === 'same')).toBe(true);
      }),
    );
  });
});
