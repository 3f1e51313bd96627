import { describe, expect, it } from 'vitest';
import { changedIn, patchOf, sameValue } from './patch';

type Row = { name: string; tags: string[]; website: string | null; at: Date | null };
const row: Row = { name: 'Acme', tags: ['a', 'b'], website: null, at: new Date(0) };

describe('patch → diff', () => {
  it('keeps the fields given and clears empty text to null', () => {
    expect(patchOf<Row>({ name: 'Acme', website: '', tags: undefined })).toEqual({
      name: 'Acme',
      website: null,
    });
  });

  it('compares by one rule: arrays by content, dates by instant, undefined as null', () => {
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['b', 'a'], ['a', 'b'])).toBe(false);
    expect(sameValue(new Date(0), new Date(0))).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(changedIn<Row>({ tags: ['a', 'b'], website: null, at: new Date(0) }, row)).toEqual([]);
    expect(changedIn<Row>({ tags: ['a'], name: 'Acme' }, row)).toEqual(['tags']);
  });
});
