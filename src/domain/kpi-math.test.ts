import { describe, expect, it } from 'vitest';
import {
  actualToDate,
  atRiskAt,
  attainment,
  attainmentCap,
  attainmentOf,
  expectedToDate,
  type KpiGoal,
  type KpiMathInput,
  kpiProgress,
  kpiStatus,
  onTrackAt,
  runRateForecast,
  trendForecast,
} from './kpi-math';

/** Values for sub-periods 0, 1, 2 … in order. */
const inOrder = (values: number[]) => values.map((value, index) => ({ index, value }));

const revenue: KpiMathInput = {
  target: 150_000_000,
  baseline: 100_000_000,
  direction: 'higher',
  aggregation: 'sum',
  subPeriods: 12,
  elapsed: 4,
  measurements: inOrder([8_000_000, 9_000_000, 10_000_000, 11_000_000]),
};
const engineers: KpiMathInput = {
  target: 40,
  baseline: 10,
  direction: 'higher',
  aggregation: 'last',
  subPeriods: 12,
  elapsed: 6,
  measurements: inOrder([12, 14, 17, 19, 21, 24]),
};
const escalations: KpiMathInput = {
  target: 10,
  baseline: null,
  direction: 'lower',
  aggregation: 'sum',
  subPeriods: 12,
  elapsed: 6,
  measurements: inOrder([1, 2, 1, 3, 2, 2]),
};
const responseHours: KpiMathInput = {
  target: 4,
  baseline: 8,
  direction: 'lower',
  aggregation: 'average',
  subPeriods: 4,
  elapsed: 2,
  measurements: inOrder([5, 4]),
};

describe('the worked examples of docs/kpi-math.md', () => {
  it('revenue (sum): behind pace, but the trend reaches the target, so on track', () => {
    expect(kpiProgress(revenue)).toEqual({
      countedElapsed: 4,
      actual: 38_000_000,
      expected: 50_000_000,
      attainment: expect.closeTo(0.2533, 4),
      pace: expect.closeTo(0.76, 10),
      runRateForecast: 114_000_000,
      trendForecast: 162_000_000,
      trendLine: { intercept: 8_000_000, slope: 1_000_000 },
      forecastAttainment: expect.closeTo(1.08, 10),
      status: 'on_track',
    });
  });

  it('certified engineers (last, from a baseline): a little behind on both, so at risk', () => {
    const progress = kpiProgress(engineers);
    expect(progress).toMatchObject({ actual: 24, expected: 25, runRateForecast: 24 });
    expect(progress.attainment).toBeCloseTo(14 / 30, 10);
    expect(progress.pace).toBeCloseTo(14 / 15, 10);
    expect(progress.trendForecast).toBeCloseTo(37.99, 2);
    expect(progress.forecastAttainment).toBeCloseTo(0.933, 3);
    expect(progress.status).toBe('at_risk');
  });

  it('escalations (a ceiling summed over the year): past the half-year allowance, so off track', () => {
    const progress = kpiProgress(escalations);
    expect(progress).toMatchObject({ actual: 11, expected: 5, runRateForecast: 22 });
    expect(progress.attainment).toBeCloseTo(10 / 11, 10);
    expect(progress.pace).toBeCloseTo(5 / 11, 10);
    expect(progress.trendForecast).toBeCloseTo(29.2, 10);
    expect(progress.status).toBe('off_track');
  });

  it('response time (average, lower is better): improving fast enough, so on track', () => {
    const progress = kpiProgress(responseHours);
    expect(progress).toMatchObject({ actual: 4.5, expected: 4, runRateForecast: 4.5 });
    expect(progress.attainment).toBeCloseTo(0.875, 10);
    expect(progress.trendForecast).toBeCloseTo(3.5, 10);
    expect(progress.forecastAttainment).toBeCloseTo(1.125, 10);
    expect(progress.status).toBe('on_track');
  });
});

describe('actualToDate', () => {
  it('sums, takes the latest or averages by the aggregation; null with nothing recorded', () => {
    const measurements = [
      { index: 2, value: 30 },
      { index: 0, value: 10 },
      { index: 1, value: 20 },
    ];
    const base = { ...revenue, measurements };
    expect(actualToDate({ ...base, aggregation: 'sum' })).toBe(60);
    expect(actualToDate({ ...base, aggregation: 'last' })).toBe(30);
    expect(actualToDate({ ...base, aggregation: 'average' })).toBe(20);
    expect(actualToDate({ ...base, measurements: [] })).toBeNull();
  });

  it('makes one value of a sub-period recorded twice, and ignores values outside the period', () => {
    const measurements = [
      { index: 0, value: 10 },
      { index: 1, value: 20 },
      { index: 1, value: 40 },
      { index: 12, value: 1000 },
      { index: -1, value: 1000 },
      { index: 0.5, value: 1000 },
      { index: 0, value: Number.NaN },
    ];
    const base = { ...revenue, measurements };
    expect(actualToDate({ ...base, aggregation: 'sum' })).toBe(70);
    expect(actualToDate({ ...base, aggregation: 'last' })).toBe(40);
    expect(actualToDate({ ...base, aggregation: 'average' })).toBe(20);
  });
});

describe('attainment', () => {
  const goal = (over: Partial<KpiGoal>): KpiGoal => ({
    target: 100,
    baseline: null,
    direction: 'higher',
    aggregation: 'last',
    ...over,
  });

  it('measures a higher-is-better KPI from its baseline, or from zero', () => {
    expect(attainmentOf(70, goal({ baseline: 40 }))).toBeCloseTo(0.5, 10);
    expect(attainmentOf(70, goal({}))).toBeCloseTo(0.7, 10);
    expect(attainmentOf(30, goal({ baseline: 40 }))).toBe(0);
  });

  it('measures a lower-is-better KPI from its baseline, or as a ceiling', () => {
    expect(attainmentOf(60, goal({ direction: 'lower', target: 40, baseline: 80 }))).toBe(0.5);
    expect(attainmentOf(30, goal({ direction: 'lower', target: 40 }))).toBe(1);
    expect(attainmentOf(50, goal({ direction: 'lower', target: 40 }))).toBe(0.8);
    expect(attainmentOf(1, goal({ direction: 'lower', target: 0 }))).toBe(0);
    expect(attainmentOf(0, goal({ direction: 'lower', target: 0 }))).toBe(1);
  });

  it('starts every sum at zero: its baseline is last period’s total', () => {
    expect(attainmentOf(50, goal({ aggregation: 'sum', baseline: 80 }))).toBe(0.5);
    expect(attainmentOf(50, goal({ aggregation: 'sum', direction: 'lower', baseline: 200 }))).toBe(
      1,
    );
  });

  it('shows over-achievement up to the cap', () => {
    expect(attainmentOf(150, goal({}))).toBe(1.5);
    expect(attainmentOf(1e9, goal({}))).toBe(attainmentCap);
    expect(attainmentOf(-10, goal({ direction: 'lower', target: 40, baseline: 80 }))).toBe(
      attainmentCap,
    );
  });

  it('reads a target no better than its start as met or not, never NaN', () => {
    expect(attainmentOf(50, goal({ target: 50, baseline: 50 }))).toBe(1);
    expect(attainmentOf(49, goal({ target: 50, baseline: 50 }))).toBe(0);
    expect(attainmentOf(50, goal({ direction: 'lower', target: 50, baseline: 50 }))).toBe(1);
    expect(attainmentOf(51, goal({ direction: 'lower', target: 50, baseline: 50 }))).toBe(0);
    expect(attainmentOf(0, goal({ target: 0 }))).toBe(1);
    expect(attainmentOf(5, goal({ target: Number.NaN }))).toBe(1);
  });

  it('is null with nothing recorded', () => {
    expect(attainment({ ...revenue, measurements: [] })).toBeNull();
  });
});

describe('expectedToDate', () => {
  it('is the pro-rata target for a sum, the line from the start for a last value', () => {
    expect(expectedToDate({ ...revenue, elapsed: 3 })).toBe(37_500_000);
    expect(expectedToDate({ ...engineers, elapsed: 3 })).toBe(17.5);
    expect(expectedToDate({ ...engineers, baseline: null, elapsed: 3 })).toBe(10);
    expect(expectedToDate({ ...engineers, elapsed: 99 })).toBe(40);
  });

  it('is the target all along for an average and for a ceiling', () => {
    expect(expectedToDate({ ...responseHours, elapsed: 1 })).toBe(4);
    expect(expectedToDate({ ...engineers, direction: 'lower', baseline: null, target: 5 })).toBe(5);
  });
});

describe('the elapsed time counted', () => {
  const steady = (months: number[], elapsed: number): KpiMathInput => ({
    ...revenue,
    target: 1200,
    elapsed,
    measurements: months.map((index) => ({ index, value: 100 })),
  });

  it('leaves out the running sub-period until it has a value', () => {
    expect(kpiProgress(steady([0, 1], 2.5))).toMatchObject({
      countedElapsed: 2,
      expected: 200,
      pace: 1,
      runRateForecast: 1200,
      status: 'on_track',
    });
    expect(kpiProgress(steady([0, 1, 2], 2.5))).toMatchObject({
      countedElapsed: 2.5,
      expected: 250,
      pace: 1.2,
    });
  });

  it('counts a missing past sub-period as nothing done', () => {
    expect(kpiProgress(steady([0], 2.5))).toMatchObject({
      countedElapsed: 2,
      expected: 200,
      pace: 0.5,
      status: 'off_track',
    });
    expect(kpiProgress(steady([], 2.5)).countedElapsed).toBe(2);
  });
});

describe('the forecasts', () => {
  it('runs a sum at its pace so far, a level at where it stands', () => {
    expect(runRateForecast({ ...revenue, elapsed: 2.5 })).toBeCloseTo(182_400_000, 4);
    expect(runRateForecast({ ...revenue, elapsed: 0 })).toBeNull();
    expect(runRateForecast(engineers)).toBe(24);
    expect(runRateForecast({ ...engineers, aggregation: 'average' })).toBeCloseTo(107 / 6, 10);
    expect(runRateForecast({ ...engineers, measurements: [] })).toBeNull();
  });

  it('needs two sub-periods for a trend', () => {
    expect(trendForecast({ ...engineers, measurements: inOrder([12]) })).toBeNull();
    const twice = [
      { index: 3, value: 12 },
      { index: 3, value: 14 },
    ];
    expect(trendForecast({ ...engineers, measurements: twice })).toBeNull();
    expect(trendForecast({ ...engineers, measurements: inOrder([12, 14]) })).toBe(34);
  });

  it('flattens the trend when an early value is higher: the line follows the change', () => {
    const base = { ...engineers, baseline: null };
    expect(trendForecast({ ...base, measurements: inOrder([10, 20]) })).toBe(120);
    expect(trendForecast({ ...base, measurements: inOrder([15, 20]) })).toBe(70);
  });

  it('projects only the sub-periods after the latest one recorded', () => {
    const gaps = [
      { index: 0, value: 10 },
      { index: 2, value: 30 },
    ];
    // The line is 10 + 10i; sub-periods 3 … 11 add 40 + … + 120 = 720.
    expect(trendForecast({ ...revenue, measurements: gaps })).toBeCloseTo(760, 9);
    expect(trendForecast({ ...revenue, aggregation: 'average', measurements: gaps })).toBeCloseTo(
      (10 + 30 + 720) / 11,
      9,
    );
    expect(trendForecast({ ...revenue, measurements: inOrder(Array(12).fill(5)) })).toBe(60);
  });
});

describe('kpiStatus', () => {
  it('is null before anything is due, at risk once a sub-period passed with nothing recorded', () => {
    expect(kpiStatus({ ...revenue, measurements: [], elapsed: 0.5 })).toBeNull();
    expect(kpiStatus({ ...revenue, measurements: [], elapsed: 1 })).toBe('at_risk');
  });

  it('reads the better of pace and forecast against the exported thresholds', () => {
    const flat = (value: number): KpiMathInput => ({
      ...revenue,
      target: 1200,
      elapsed: 6,
      measurements: inOrder(Array(6).fill(value)),
    });
    expect(onTrackAt).toBe(0.95);
    expect(atRiskAt).toBe(0.8);
    expect(kpiStatus(flat(95))).toBe('on_track');
    expect(kpiStatus(flat(94))).toBe('at_risk');
    expect(kpiStatus(flat(80))).toBe('at_risk');
    expect(kpiStatus(flat(79))).toBe('off_track');
  });

  it('treats data recorded at the very start on the forecast and a met start-of-period', () => {
    const early = { ...revenue, elapsed: 0, measurements: inOrder([1]) };
    expect(kpiProgress(early)).toMatchObject({
      pace: 1,
      runRateForecast: null,
      status: 'on_track',
    });
  });
});
