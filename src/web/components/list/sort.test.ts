import { describe, expect, it } from 'vitest';
import { activeFilterCount, nextSort, resultCount, sortDirection } from './sort';

describe('list sorting', () => {
  it('reads the direction of a column from the sort key', () => {
    expect(sortDirection('name', 'name')).toBe('ascending');
    expect(sortDirection('-name', 'name')).toBe('descending');
    expect(sortDirection('-updatedAt', 'name')).toBe('none');
  });

  it('turns a sorted column around and starts others in their first direction', () => {
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('name', 'updatedAt', 'desc')).toBe('-updatedAt');
    expect(nextSort('-updatedAt', 'updatedAt', 'desc')).toBe('updatedAt');
    expect(nextSort('-createdAt', 'lastName')).toBe('lastName');
  });
});

describe('list filters and counts', () => {
  it('counts only filters that hold a value', () => {
    const keys = ['stage', 'tag', 'archived'] as const;
    expect(activeFilterCount({}, keys)).toBe(0);
    expect(activeFilterCount({ q: 'acme', sort: '-name' }, keys)).toBe(0);
    expect(
      activeFilterCount({ stage: ['active', 'prospect'], tag: [], archived: 'only' }, keys),
    ).toBe(2);
  });

  it('says the count the same way on every list', () => {
    expect(resultCount(1, false, ['partner', 'partners'], false)).toBe('1 partner');
    expect(resultCount(0, false, ['contact', 'contacts'], true)).toBe('0 contacts match');
    expect(resultCount(1, false, ['contact', 'contacts'], true)).toBe('1 contact matches');
    expect(resultCount(100, true, ['partner', 'partners'], false)).toBe('100+ partners');
  });
});
