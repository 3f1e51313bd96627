import { describe, expect, it } from 'vitest';
import type { Kpi } from './kpis.api';
import { scorecardRows, scorecardSummary } from './scorecard-view';

const kpi: Kpi = {
  id: '00000000-0000-4000-8000-000000000001',
  planId: '00000000-0000-4000-8000-000000000002',
  position: 0,
  name: 'New customers',
  unit: 'count',
  currency: null,
  target: 120,
  baseline: null,
  direction: 'higher',
  cadence: 'monthly',
  aggregation: 'sum',
  ownerMemberId: null,
  ownerContactId: null,
  source: 'manual',
  progress: {
    asOf: '2027-03-15',
    actual: 25,
    expected: 30,
    attainment: 25 / 120,
    pace: 25 / 30,
    runRateForecast: 100,
    trendForecast: null,
    forecastAttainment: 100 / 120,
    status: 'at_risk',
  },
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
};
const measurement = (period: string, value: number) => ({
  kpiId: kpi.id,
  period,
  value,
  source: 'manual' as const,
  note: '',
  recordedById: null,
  recordedAt: '2027-03-01T00:00:00.000Z',
});

describe('the scorecard of a KPI', () => {
  it('has a row per month with the running total, the cumulative target and the forecast', () => {
    const rows = scorecardRows(
      'FY2027',
      kpi,
      [measurement('FY2027-M01', 10), measurement('FY2027-M02', 15)],
      { fiscalYearStartMonth: 1 },
    );
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({
      period: 'FY2027-M01',
      label: 'Jan 2027',
      actual: 10,
      target: 10,
      forecast: null,
    });
    expect(rows[1]).toMatchObject({ actual: 25, target: 20, forecast: 25 });
    expect(rows[11]).toMatchObject({ actual: null, target: 120, forecast: 100 });
  });

  it('says in words where the KPI stands, or that nothing is recorded yet', () => {
    const rows = scorecardRows('FY2027', kpi, [measurement('FY2027-M02', 25)], {
      fiscalYearStartMonth: 1,
    });
    expect(scorecardSummary(kpi, rows, 1)).toBe(
      "New customers: At risk, 21 % of the target of 120. Actual to date 25 against 30 expected by now. Forecast for the period's end: 100. Values in 1 of 12 periods, the chart reaching 25 in Feb 2027.",
    );
    expect(scorecardSummary({ ...kpi, progress: { ...kpi.progress, status: null } }, rows, 0)).toBe(
      'New customers: no values recorded yet of 12 periods; the target is 120. Not due yet.',
    );
  });
});
