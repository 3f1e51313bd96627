import { type KpiUnit, shownValue } from '../../../domain/kpis';

/** A KPI value in stored units (cents, basis points, seconds) as a person reads it. */
export function formatKpiValue(unit: KpiUnit, stored: number, currency: string | null): string {
  const value = shownValue(unit, stored, currency);
  if (unit === 'currency' && currency) {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  }
  if (unit === 'percent') return `${new Intl.NumberFormat().format(value)} %`;
  if (unit === 'duration') {
    const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
    if (value < 3600) return `${number.format(value / 60)} min`;
    if (value < 86_400) return `${number.format(value / 3600)} h`;
    return `${number.format(value / 86_400)} days`;
  }
  return new Intl.NumberFormat().format(value);
}
