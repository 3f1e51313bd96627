import { describe, expect, it } from 'vitest';
import { cellAt, gridLayout } from './grid-layout';

describe('measurement grid layout', () => {
  it('puts a quarterly KPI under three months when another KPI is monthly', () => {
    const layout = gridLayout(
      'FY2027',
      [
        { id: 'a', cadence: 'monthly' },
        { id: 'b', cadence: 'quarterly' },
      ],
      { fiscalYearStartMonth: 7 },
    );
    expect(layout.columns).toHaveLength(12);
    expect(layout.columns[0]).toEqual({ period: 'FY2027-M01', label: 'Jul 2026' });
    expect(layout.rows[0]).toHaveLength(12);
    expect(layout.rows[1]?.map((c) => [c.period, c.start, c.span])).toEqual([
      ['FY2027-Q1', 0, 3],
      ['FY2027-Q2', 3, 3],
      ['FY2027-Q3', 6, 3],
      ['FY2027-Q4', 9, 3],
    ]);
    expect(cellAt(layout.rows[1] ?? [], 4)).toBe(1);
    expect(cellAt(layout.rows[0] ?? [], 4)).toBe(4);
  });

  it('uses quarters when every KPI is quarterly, and no cells for quarters of a month', () => {
    const quarters = gridLayout('FY2027', [{ id: 'b', cadence: 'quarterly' }], null);
    expect(quarters.columns.map((c) => c.label)).toEqual([
      'Q1 FY2027',
      'Q2 FY2027',
      'Q3 FY2027',
      'Q4 FY2027',
    ]);
    const month = gridLayout(
      'FY2027-M02',
      [
        { id: 'a', cadence: 'monthly' },
        { id: 'b', cadence: 'quarterly' },
      ],
      null,
    );
    expect(month.columns.map((c) => c.period)).toEqual(['FY2027-M02']);
    expect(month.rows[1]).toEqual([]);
  });
});
