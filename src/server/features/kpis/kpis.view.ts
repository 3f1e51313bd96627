import { kpiProgress } from '../../../domain/kpi-math';
import {
  type Kpi,
  type KpiAggregation,
  type KpiCadence,
  type KpiDirection,
  type KpiSource,
  type KpiStatus,
  type KpiUnit,
  kpiCadenceKind,
  type Measurement,
} from '../../../domain/kpis';
import {
  dateAt,
  dividesInto,
  elapsedFraction,
  type FiscalSettings,
  formatPeriod,
  parsePeriod,
  subPeriods,
} from '../../../domain/periods';
import type { PlanSnapshot } from '../../../domain/plans';
import type { KpiRow, MeasurementRow, ProgressColumns } from './kpis.queries';

/** What the progress of a KPI reads about it. */
export type ProgressKpi = {
  target: number;
  baseline: number | null;
  direction: string;
  cadence: string;
  aggregation: string;
};

/** The labels of the periods a KPI of `cadence` is measured in within a plan's period, in order. */
export function measurementPeriods(planPeriod: string, cadence: KpiCadence): string[] | null {
  const period = parsePeriod(planPeriod);
  const kind = kpiCadenceKind[cadence];
  if (!period || !dividesInto(period, kind)) return null;
  return subPeriods(period, kind).map(formatPeriod);
}

const noProgress = (day: string): ProgressColumns => ({
  progressOn: day,
  actual: null,
  expected: null,
  attainment: null,
  pace: null,
  runRateForecast: null,
  trendForecast: null,
  forecastAttainment: null,
  status: null,
});

/**
 * A KPI's progress on the workspace's day of `now`: its plan period split into the cadence's
 * months or quarters, the elapsed share of it, and its values placed in them (decision 041).
 */
export function progressOf(
  kpi: ProgressKpi,
  planPeriod: string,
  measurements: ReadonlyArray<{ period: string; value: number }>,
  settings: FiscalSettings,
  now: Date,
): ProgressColumns {
  const day = dateAt(now.getTime(), settings.timeZone);
  const period = parsePeriod(planPeriod);
  const periods = measurementPeriods(planPeriod, kpi.cadence as KpiCadence);
  if (!period || !periods) return noProgress(day);
  const index = new Map(periods.map((label, i) => [label, i]));
  const progress = kpiProgress({
    target: kpi.target,
    baseline: kpi.baseline,
    direction: kpi.direction as KpiDirection,
    aggregation: kpi.aggregation as KpiAggregation,
    subPeriods: periods.length,
    elapsed: elapsedFraction(period, day, settings) * periods.length,
    measurements: measurements.flatMap((m) => {
      const at = index.get(m.period);
      return at === undefined ? [] : [{ index: at, value: m.value }];
    }),
  });
  return {
    progressOn: day,
    actual: progress.actual,
    expected: progress.expected,
    attainment: progress.attainment,
    pace: progress.pace,
    runRateForecast: progress.runRateForecast,
    trendForecast: progress.trendForecast,
    forecastAttainment: progress.forecastAttainment,
    status: progress.status,
  };
}

export function toKpi(row: KpiRow): Kpi {
  return {
    id: row.id,
    planId: row.planId,
    position: row.position,
    name: row.name,
    unit: row.unit as KpiUnit,
    currency: row.currency,
    target: row.target,
    baseline: row.baseline,
    direction: row.direction as KpiDirection,
    cadence: row.cadence as KpiCadence,
    aggregation: row.aggregation as KpiAggregation,
    ownerMemberId: row.ownerMemberId,
    ownerContactId: row.ownerContactId,
    source: row.source as KpiSource,
    progress: {
      asOf: row.progressOn,
      actual: row.actual,
      expected: row.expected,
      attainment: row.attainment,
      pace: row.pace,
      runRateForecast: row.runRateForecast,
      trendForecast: row.trendForecast,
      forecastAttainment: row.forecastAttainment,
      status: row.status as KpiStatus | null,
    },
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A KPI as the plan's agreed snapshot keeps it: the definition, not the progress. */
export function kpiSnapshotOf(row: KpiRow): PlanSnapshot['kpis'][number] {
  return {
    name: row.name,
    unit: row.unit as KpiUnit,
    currency: row.currency,
    target: row.target,
    baseline: row.baseline,
    direction: row.direction as KpiDirection,
    cadence: row.cadence as KpiCadence,
    aggregation: row.aggregation as KpiAggregation,
  };
}

export function toMeasurement(row: MeasurementRow): Measurement {
  return {
    kpiId: row.kpiId,
    period: row.period,
    value: row.value,
    source: row.source as KpiSource,
    note: row.note,
    recordedById: row.recordedBy,
    recordedAt: row.recordedAt.toISOString(),
  };
}
