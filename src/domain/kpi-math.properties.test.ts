import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attainmentCap,
  attainmentOf,
  type KpiGoal,
  type KpiMathInput,
  kpiProgress,
  runRateForecast,
  trendForecast,
} from './kpi-math';
import { kpiAggregations, kpiDirections, kpiStatuses } from './kpis';

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
const _engineers: KpiMathInput = {
  target: 40,
  baseline: 10,
  direction: 'higher',
  aggregation: 'last',
  subPeriods: 12,
  elapsed: 6,
  measurements: inOrder([12, 14, 17, 19, 21, 24]),
};
const _escalations: KpiMathInput = {
  target: 10,
  baseline: null,
  direction: 'lower',
  aggregation: 'sum',
  subPeriods: 12,
  elapsed: 6,
  measurements: inOrder([1, 2, 1, 3, 2, 2]),
};
const _responseHours: KpiMathInput = {
  target: 4,
  baseline: 8,
  direction: 'lower',
  aggregation: 'average',
  subPeriods: 4,
  elapsed: 2,
  measurements: inOrder([5, 4]),
};

describe('kpi math properties', () => {
  const runs = { numRuns: 300 };
  const value = fc.double({ min: -1e9, max: 1e9, noNaN: true });
  const goals: fc.Arbitrary<KpiGoal> = fc.record({
    target: value,
    baseline: fc.option(value, { nil: null }),
    direction: fc.constantFrom(...kpiDirections),
    aggregation: fc.constantFrom(...kpiAggregations),
  });
  const wholeValue = fc.integer({ min: -1_000_000, max: 1_000_000 });
  const inputs: fc.Arbitrary<KpiMathInput> = fc
    .record({
      target: wholeValue,
      baseline: fc.option(wholeValue, { nil: null }),
      direction: fc.constantFrom(...kpiDirections),
      aggregation: fc.constantFrom(...kpiAggregations),
      subPeriods: fc.integer({ min: 1, max: 24 }),
      elapsedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      // One value per sub-period, as the API records them: "improve all" then moves every
      // sub-period by the same amount.
      measurements: fc.uniqueArray(fc.record({ index: fc.nat({ max: 23 }), value: wholeValue }), {
        maxLength: 24,
        selector: (m) => m.index,
      }),
    })
    .map(({ elapsedShare, ...input }) => ({
      ...input,
      elapsed: elapsedShare * input.subPeriods,
      measurements: input.measurements.filter((m) => m.index < input.subPeriods),
    }));
  const rank = (status: string | null) => kpiStatuses.indexOf(status as never);

  it('keeps attainment between 0 and the cap for any finite numbers', () => {
    fc.assert(
      fc.property(goals, fc.double({ noNaN: true, noDefaultInfinity: true }), (goal, actual) => {
        const share = attainmentOf(actual, goal);
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(attainmentCap);
      }),
      runs,
    );
  });

  it('moves attainment with the actual in the KPI’s direction', () => {
    fc.assert(
      fc.property(goals, value, value, (goal, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const [worse, better] = goal.direction === 'higher' ? [low, high] : [high, low];
        expect(attainmentOf(better, goal)).toBeGreaterThanOrEqual(attainmentOf(worse, goal));
      }),
      runs,
    );
  });

  /** The input with the latest sub-period, or every one, moved `by` in the better direction. */
  const improve = (input: KpiMathInput, by: number, all: boolean): KpiMathInput => {
    const step = input.direction === 'higher' ? by : -by;
    const latest = Math.max(...input.measurements.map((m) => m.index));
    return {
      ...input,
      measurements: input.measurements.map((m) =>
        all || m.index === latest ? { ...m, value: m.value + step } : m,
      ),
    };
  };

  it('never gives a worse attainment, pace, outlook or status for better values', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 100_000 }), fc.boolean(), (input, by, all) => {
        const before = kpiProgress(input);
        const after = kpiProgress(improve(input, by, all));
        expect(after.attainment ?? 0).toBeGreaterThanOrEqual(before.attainment ?? 0);
        expect(after.pace ?? 0).toBeGreaterThanOrEqual(before.pace ?? 0);
        expect(after.forecastAttainment ?? 0).toBeGreaterThanOrEqual(
          (before.forecastAttainment ?? 0) - 1e-12,
        );
        expect(rank(after.status)).toBeLessThanOrEqual(rank(before.status));
      }),
      runs,
    );
  });

  it('forecasts linear data exactly', () => {
    const line = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(
        line,
        line,
        fc.integer({ min: 2, max: 24 }),
        fc.integer({ min: 2, max: 24 }),
        fc.constantFrom(...kpiAggregations),
        (a, b, recorded, length, aggregation) => {
          const subPeriods = Math.max(recorded, length);
          const values = Array.from({ length: recorded }, (_, i) => a + b * i);
          const input: KpiMathInput = {
            ...revenue,
            aggregation,
            subPeriods,
            elapsed: recorded,
            measurements: inOrder(values),
          };
          const n = subPeriods;
          const exact = {
            sum: n * a + (b * n * (n - 1)) / 2,
            last: a + b * (n - 1),
            average: a + (b * (n - 1)) / 2,
          }[aggregation];
          // Relative to the data's size; the absolute 1e-12 covers subnormal lines.
          const scale = (Math.abs(a) + Math.abs(b) * n) * (aggregation === 'sum' ? n : 1);
          const forecast = trendForecast(input);
          expect(Math.abs((forecast ?? Number.NaN) - exact)).toBeLessThanOrEqual(
            1e-9 * scale + 1e-12,
          );
        },
      ),
      runs,
    );
  });

  it('runs a steady sum exactly to its end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 24 }),
        (perSubPeriod, recorded, length) => {
          const subPeriods = Math.max(recorded, length);
          const input: KpiMathInput = {
            ...revenue,
            subPeriods,
            elapsed: recorded,
            measurements: inOrder(Array(recorded).fill(perSubPeriod)),
          };
          expect(runRateForecast(input)).toBeCloseTo(perSubPeriod * subPeriods, 6);
        },
      ),
      runs,
    );
  });

  it('answers finite numbers or null for any finite input, however odd', () => {
    const anyNumber = fc.double({ noNaN: true, min: -1e12, max: 1e12 });
    const odd: fc.Arbitrary<KpiMathInput> = fc.record({
      target: anyNumber,
      baseline: fc.option(anyNumber, { nil: null }),
      direction: fc.constantFrom(...kpiDirections),
      aggregation: fc.constantFrom(...kpiAggregations),
      subPeriods: fc.integer({ min: -2, max: 40 }),
      elapsed: anyNumber,
      measurements: fc.array(
        fc.record({ index: fc.integer({ min: -2, max: 40 }), value: anyNumber }),
        {
          maxLength: 40,
        },
      ),
    });
    fc.assert(
      fc.property(odd, (input) => {
        const progress = kpiProgress(input);
        const numbers = [
          progress.countedElapsed,
          progress.actual,
          progress.expected,
          progress.attainment,
          progress.pace,
          progress.runRateForecast,
          progress.trendForecast,
          progress.forecastAttainment,
          progress.trendLine?.intercept ?? null,
          progress.trendLine?.slope ?? null,
        ];
        for (const n of numbers) if (n !== null) expect(Number.isFinite(n)).toBe(true);
        for (const share of [progress.attainment, progress.pace, progress.forecastAttainment]) {
          if (share !== null) expect(share).toBeGreaterThanOrEqual(0);
          if (share !== null) expect(share).toBeLessThanOrEqual(attainmentCap);
        }
        expect([...kpiStatuses, null]).toContain(progress.status);
      }),
      runs,
    );
  });
});
