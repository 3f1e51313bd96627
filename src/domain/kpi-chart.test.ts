import { describe, expect, it } from 'vitest';
import { kpiChartSeries, periodTargets } from './kpi-chart';

const progress = {
  asOf: null,
  actual: null,
  expected: null,
  attainment: null,
  pace: null,
  runRateForecast: null,
  trendForecast: null,
  forecastAttainment: null,
  status: null,
};
const quarters = ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => ({ label: `FY2027-${q}` }));

describe('the scorecard chart', () => {
  it("draws a sum's target as its running pro-rata share and its actual as a running total", () => {
    const series = kpiChartSeries({
      kpi: { target: 400, baseline: 999, direction: 'higher', aggregation: 'sum', progress },
      periods: quarters,
      measurements: [
        { period: 'FY2027-Q1', value: 90 },
        { period: 'FY2027-Q3', value: 120 },
      ],
    });
    expect(series.target).toEqual([100, 200, 300, 400]);
    expect(series.actual).toEqual([90, 90, 210, null]);
  });

  it("draws a latest value's target from its baseline, and its forecast dashed from the last value", () => {
    const series = kpiChartSeries({
      kpi: {
        target: 3000,
        baseline: 2000,
        direction: 'higher',
        aggregation: 'last',
        progress: { ...progress, trendForecast: 2800 },
      },
      periods: quarters,
      measurements: [
        { period: 'FY2027-Q1', value: 2200 },
        { period: 'FY2027-Q2', value: 2400 },
      ],
    });
    expect(series.target).toEqual([2250, 2500, 2750, 3000]);
    expect(series.actual).toEqual([2200, 2400, null, null]);
    expect(series.forecast).toEqual([null, 2400, 2600, 2800]);
  });

  it("keeps an average's and a ceiling's target flat, and draws no forecast for an average", () => {
    const average = kpiChartSeries({
      kpi: {
        target: 50,
        baseline: 10,
        direction: 'higher',
        aggregation: 'average',
        progress: { ...progress, runRateForecast: 40 },
      },
      periods: quarters,
      measurements: [{ period: 'FY2027-Q1', value: 40 }],
    });
    expect(average.target).toEqual([50, 50, 50, 50]);
    expect(average.forecast).toEqual([null, null, null, null]);
    const ceiling = kpiChartSeries({
      kpi: { target: 3600, baseline: null, direction: 'lower', aggregation: 'last', progress },
      periods: quarters,
      measurements: [],
    });
    expect(ceiling.target).toEqual([3600, 3600, 3600, 3600]);
    expect(ceiling.actual).toEqual([null, null, null, null]);
  });
});

describe("each period's own target", () => {
  it("is a sum's step of its running target, and a level's target by then", () => {
    expect(periodTargets('sum', [100, 200, 300, 400])).toEqual([100, 100, 100, 100]);
    expect(periodTargets('last', [2250, 2500, 2750, 3000])).toEqual([2250, 2500, 2750, 3000]);
    expect(periodTargets('average', [50, 50])).toEqual([50, 50]);
    // Added up, a sum's period targets are its target.
    const steps = periodTargets('sum', [1000 / 3, 2000 / 3, 1000]);
    expect(steps.reduce((a, b) => a + b, 0)).toBeCloseTo(1000, 9);
  });
});
