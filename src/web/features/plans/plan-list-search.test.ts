import { describe, expect, it } from 'vitest';
import { planListSearch } from './plan-list-search';

describe('planListSearch', () => {
  it('keeps the filters the API takes', () => {
    expect(
      planListSearch({
        partnerId: '0190a000-0000-7000-8000-000000000001',
        status: ['draft', 'agreed'],
        period: 'FY2027-Q2',
        sort: 'period',
      }),
    ).toEqual({
      partnerId: '0190a000-0000-7000-8000-000000000001',
      status: ['draft', 'agreed'],
      period: ['FY2027-Q2'],
      sort: 'period',
    });
  });

  it('drops what a hand-edited address gets wrong instead of failing the page', () => {
    expect(
      planListSearch({ partnerId: 'acme', status: ['draft', 'done'], period: 'Q2', sort: 'name' }),
    ).toEqual({ status: ['draft'] });
  });
});
