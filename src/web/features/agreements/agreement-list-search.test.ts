import { defaultStringifySearch } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import { agreementListSearch, renewalSearch, renewalWindow } from './agreement-list-search';

describe('the agreements list URL', () => {
  it('keeps known filters and drops the rest', () => {
    expect(
      agreementListSearch({
        partnerId: 'nope',
        status: ['draft', 'signed'],
        type: 'nda',
        endFrom: '2027-01-01',
        endTo: 'soon',
        sort: '-endOn',
      }),
    ).toEqual({ status: ['draft'], type: ['nda'], endFrom: '2027-01-01', sort: '-endOn' });
  });
});

describe('the renewals URL', () => {
  it('reads the window as a number, from plain and from old JSON-quoted links alike', () => {
    // TanStack Router hands over `within=60` as 60 and `within=%2260%22` as "60".
    expect(renewalSearch({ within: 60 })).toEqual({ within: 60 });
    expect(renewalSearch({ within: '90' })).toEqual({ within: 90 });
    expect(renewalSearch({ within: 45, partnerId: 'nope' })).toEqual({});
    expect(renewalWindow({})).toBe('30');
    expect(renewalWindow({ within: 60 })).toBe('60');
  });

  it('writes the window unquoted into the URL', () => {
    expect(defaultStringifySearch({ within: 60 })).toBe('?within=60');
  });
});
