import { expectedToDate } from './kpi-math';
import type { Kpi, KpiAggregation } from './kpis';

/** What a KPI's chart reads: the KPI with its progress, its periods in order and its values. */
export interface KpiChartInput {
  kpi: Pick<Kpi, 'target' | 'baseline' | 'direction' | 'aggregation' | 'progress'>;
  /** The KPI's months or quarters in the plan's period, in order, by label (`FY2027-M03`). */
  periods: ReadonlyArray<{ label: string }>;
  measurements: ReadonlyArray<{ period: string; value: number }>;
}

export interface KpiChartSeries {
  /** The actual: a running total for a sum, each value otherwise; null after the last value. */
  actual: Array<number | null>;
  /** The forecast from the last value to the period's end; null elsewhere and for an average. */
  forecast: Array<number | null>;
  /** What the actual should be by the end of each period (`expectedToDate`): the target line. */
  target: number[];
}

/**
 * What the scorecard's chart draws, on screen and in the PDF alike (decision 046): the actual
 * (running total for a sum, each value otherwise), for a sum or a latest value the forecast from
 * the last value to the period's end, and the target as it stands at each period's end: a sum's
 * cumulative pro-rata share, a latest value's line from its start, an average's target all along.
 */
export function kpiChartSeries(item: KpiChartInput): KpiChartSeries {
  const { kpi } = item;
  const byPeriod = new Map(item.measurements.map((m) => [m.period, m.value]));
  const running = kpi.aggregation === 'sum';
  const last = item.periods.reduce((found, { label }, i) => (byPeriod.has(label) ? i : found), -1);
  let total = 0;
  const actual = item.periods.map(({ label }, i) => {
    if (i > last) return null;
    // A sum's month without a value inside the measured run keeps the running total.
    if (running) {
      total += byPeriod.get(label) ?? 0;
      return total;
    }
    return byPeriod.get(label) ?? null;
  });
  // An average's forecast is the whole period's mean, not a last point: it is told, not drawn.
  const forecast =
    kpi.aggregation === 'average'
      ? null
      : (kpi.progress.trendForecast ?? kpi.progress.runRateForecast);
  const end = item.periods.length - 1;
  const from = actual[last];
  const projected: Array<number | null> = item.periods.map(() => null);
  if (forecast !== null && last >= 0 && last < end && from != null) {
    for (let i = last; i <= end; i++) {
      projected[i] = from + ((forecast - from) * (i - last)) / (end - last);
    }
  }
  const goal = {
    target: kpi.target,
    baseline: kpi.baseline,
    direction: kpi.direction,
    aggregation: kpi.aggregation,
    subPeriods: item.periods.length,
    measurements: [],
  };
  const target = item.periods.map((_, i) => expectedToDate({ ...goal, elapsed: i + 1 }));
  return { actual, forecast: projected, target };
}

/**
 * Each period's own target, beside its own value: a sum's share of the period (the step of its
 * running target), a latest value's or an average's target by then.
 */
export function periodTargets(aggregation: KpiAggregation, targetByThen: number[]): number[] {
  if (aggregation !== 'sum') return targetByThen;
  return targetByThen.map((total, i) => total - (i === 0 ? 0 : (targetByThen[i - 1] ?? 0)));
}
