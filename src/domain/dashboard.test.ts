import { describe, expect, it } from 'vitest';
import { portfolioFiltersInWords } from './dashboard';

describe('the portfolio filters in words', () => {
  const names = {
    owners: new Map([['m1', 'Ada Admin']]),
    teams: new Map([['t1', 'EMEA']]),
  };

  it('is null when no filter is applied, empty lists included', () => {
    expect(portfolioFiltersInWords({}, names)).toBeNull();
    expect(portfolioFiltersInWords({ type: [], country: [] }, names)).toBeNull();
  });

  it('names owners and teams, humanizes types, in the dashboard order', () => {
    expect(
      portfolioFiltersInWords(
        {
          country: ['DE', 'FR'],
          type: ['strategic_alliance', 'reseller'],
          tier: ['gold'],
          teamId: ['t1'],
          ownerId: ['m1'],
        },
        names,
      ),
    ).toBe(
      'Owner: Ada Admin; Team: EMEA; Type: Strategic alliance, Reseller; Tier: gold; Country: DE, FR',
    );
  });

  it('says who is gone rather than showing an id', () => {
    expect(portfolioFiltersInWords({ ownerId: ['m9'], teamId: ['t9'] }, names)).toBe(
      'Owner: a former member; Team: a retired team',
    );
  });
});
