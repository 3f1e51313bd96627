import { describe, expect, it } from 'vitest';
import { agreementListSearch } from './agreement-list-search';

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
