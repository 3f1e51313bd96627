import { kpiCadenceKind } from '../../../domain/kpis';
import {
  calendarMonthName,
  dividesInto,
  type FiscalYearStart,
  formatPeriod,
  type MeasurementKind,
  type Period,
  parsePeriod,
  subPeriods,
} from '../../../domain/periods';

export type GridKpi = { id: string; cadence: 'monthly' | 'quarterly' };
export type GridColumn = { period: string; label: string };
export type GridCell = { period: string; label: string; start: number; span: number };
export type GridLayout = { columns: GridColumn[]; rows: GridCell[][] };

function periodName(period: Period, settings: FiscalYearStart | null): string {
  if (period.kind === 'month') {
    return settings ? calendarMonthName(period, settings) : formatPeriod(period);
  }
  if (period.kind === 'quarter') return `Q${period.quarter} FY${period.fiscalYear}`;
  return formatPeriod(period);
}

/**
 * The grid's columns and each KPI's cells: months when any KPI is monthly, else quarters; a
 * quarterly KPI's cell then spans its quarter's three months. A KPI whose cadence does not fit
 * the plan's period (quarters of a month) has no cells.
 */
export function gridLayout(
  planPeriod: string,
  kpis: GridKpi[],
  settings: FiscalYearStart | null,
): GridLayout {
  const period = parsePeriod(planPeriod);
  if (!period) return { columns: [], rows: kpis.map(() => []) };
  const kind: MeasurementKind = kpis.some((kpi) => kpi.cadence === 'monthly') ? 'month' : 'quarter';
  const columnPeriods = dividesInto(period, kind) ? subPeriods(period, kind) : [];
  const columns = columnPeriods.map((p) => ({
    period: formatPeriod(p),
    label: periodName(p, settings),
  }));
  const rows = kpis.map((kpi) => {
    const own = kpiCadenceKind[kpi.cadence];
    if (!dividesInto(period, own)) return [];
    const span = own === kind ? 1 : 3;
    return subPeriods(period, own).map((p, index) => ({
      period: formatPeriod(p),
      label: periodName(p, settings),
      start: index * span,
      span,
    }));
  });
  return { columns, rows };
}

/** The cell of `row` under the column `column`, or the row's last cell before it. */
export function cellAt(cells: GridCell[], column: number): number {
  const index = cells.findIndex((cell) => column >= cell.start && column < cell.start + cell.span);
  if (index >= 0) return index;
  return Math.max(0, cells.length - 1);
}
