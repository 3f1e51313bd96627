import { describe, expect, it } from 'vitest';
import { partnerSearchOf, portfolioSearch } from './dashboard-search';

describe('the dashboard URL', () => {
  it('keeps the known filters, one or many values, and drops the rest', () => {
    expect(
      portfolioSearch({ type: 'reseller', country: ['DE', 'FR', ''], stage: 'active', tier: '' }),
    ).toEqual({ type: ['reseller'], country: ['DE', 'FR'] });
  });

  it("makes a figure's link the partner list's URL, a score range its band", () => {
    expect(
      partnerSearchOf({
        list: 'partners',
        query: { teamId: ['t'], stage: ['active'], healthMin: ['40'], healthMax: ['69'] },
      }),
    ).toEqual({ teamId: ['t'], stage: ['active'], health: 'fair' });
    expect(partnerSearchOf({ list: 'partners', query: {} })).toEqual({});
  });
});
