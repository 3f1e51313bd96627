import { kpiChartSeries } from '../../../domain/kpi-chart';
import { formatKpiValue, type KpiStatus, shownValue } from '../../../domain/kpis';
import type { FiscalYearStart } from '../../../domain/periods';
import { gridLayout } from './grid-layout';
import type { Kpi, Measurement } from './kpis.api';

/** One period of a KPI's chart and of its text alternative, values in stored units. */
export type ScorecardRow = {
  period: string;
  label: string;
  actual: number | null;
  target: number;
  forecast: number | null;
};

export const statusLabels: Record<KpiStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
};

/** The KPI's months or quarters in the plan's period, each with what the chart draws there. */
export function scorecardRows(
  planPeriod: string,
  kpi: Kpi,
  measurements: Measurement[],
  settings: FiscalYearStart | null,
): ScorecardRow[] {
  const cells = gridLayout(planPeriod, [kpi], settings).rows[0] ?? [];
  const series = kpiChartSeries({
    kpi,
    periods: cells.map((cell) => ({ label: cell.period })),
    measurements,
  });
  return cells.map((cell, i) => ({
    period: cell.period,
    label: cell.label,
    actual: series.actual[i] ?? null,
    target: series.target[i] ?? kpi.target,
    forecast: series.forecast[i] ?? null,
  }));
}

export const value = (kpi: Kpi, stored: number | null): string =>
  stored === null ? '—' : formatKpiValue(kpi.unit, Math.round(stored), kpi.currency);

export const percent = (share: number | null): string =>
  share === null ? '—' : `${Math.round(share * 100)} %`;

export const forecastOf = (kpi: Kpi): number | null =>
  kpi.progress.trendForecast ?? kpi.progress.runRateForecast;

/** An axis tick, short: `€1.2M`, `45 %`, `12 h`, `3.4K`. */
export function axisValue(kpi: Kpi, stored: number): string {
  const shown = shownValue(kpi.unit, stored, kpi.currency);
  const compact = (n: number, options: Intl.NumberFormatOptions = {}) =>
    new Intl.NumberFormat(undefined, { notation: 'compact', ...options }).format(n);
  if (kpi.unit === 'currency' && kpi.currency) {
    return compact(shown, { style: 'currency', currency: kpi.currency });
  }
  if (kpi.unit === 'percent') return `${compact(shown)} %`;
  if (kpi.unit === 'duration') return `${compact(shown / 3600)} h`;
  return compact(shown);
}

/**
 * The chart in one paragraph, for screen readers and anyone who prefers words: where the KPI
 * stands, against what, where it is heading, and how many periods have values.
 */
export function scorecardSummary(kpi: Kpi, rows: ScorecardRow[], measured: number): string {
  const status = kpi.progress.status ? statusLabels[kpi.progress.status] : 'Not due yet';
  if (measured === 0) {
    return `${kpi.name}: no values recorded yet of ${rows.length} periods; the target is ${value(kpi, kpi.target)}. ${status}.`;
  }
  const latest = [...rows].reverse().find((row) => row.actual !== null);
  const forecast = forecastOf(kpi);
  const parts = [
    `${kpi.name}: ${status}, ${percent(kpi.progress.attainment)} of the target of ${value(kpi, kpi.target)}.`,
    `Actual to date ${value(kpi, kpi.progress.actual)} against ${value(kpi, kpi.progress.expected)} expected by now.`,
    forecast === null ? '' : `Forecast for the period's end: ${value(kpi, forecast)}.`,
    `Values in ${measured} of ${rows.length} periods${latest ? `, the chart reaching ${value(kpi, latest.actual)} in ${latest.label}` : ''}.`,
  ];
  return parts.filter(Boolean).join(' ');
}
