import { describe, expect, it } from 'vitest';
import { periodName, periodOptions } from './plan-labels';

describe('periodOptions', () => {
  it('offers the years around the current one and the quarters a year either side', () => {
    const groups = periodOptions({ year: 'FY2027', quarter: 'FY2027-Q1' });
    expect(groups.map((group) => group.group)).toEqual(['Fiscal years', 'Quarters']);
    expect(groups[0]?.items.map((item) => item.value)).toEqual(['FY2026', 'FY2027', 'FY2028']);
    expect(groups[1]?.items.map((item) => item.value)).toEqual([
      'FY2026-Q1',
      'FY2026-Q2',
      'FY2026-Q3',
      'FY2026-Q4',
      'FY2027-Q1',
      'FY2027-Q2',
      'FY2027-Q3',
      'FY2027-Q4',
      'FY2028-Q1',
    ]);
    expect(groups[0]?.items[1]?.label).toBe('FY2027 (current)');
  });

  it('keeps a period already chosen that lies further away', () => {
    const groups = periodOptions({ year: 'FY2027', quarter: 'FY2027-Q1' }, ['FY2020', 'FY2027']);
    expect(groups[2]).toEqual({ group: 'Other', items: [{ value: 'FY2020', label: 'FY2020' }] });
  });
});

describe('periodName', () => {
  it('names quarters as people say them', () => {
    expect(periodName('FY2027-Q2')).toBe('Q2 FY2027');
    expect(periodName('FY2027')).toBe('FY2027');
  });
});
