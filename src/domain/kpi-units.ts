import { z } from 'zod';
import { messages } from './messages';
import { currencyExponent } from './money';
import type { MeasurementKind } from './periods';

/**
 * The KPI vocabulary (issue 9, decision 038) and how each unit stores its values. Every stored
 * value is a whole number, so sums and averages in SQL and in `kpi-math.ts` never round:
 *
 * - `count`: a whole count, never negative.
 * - `currency`: integer minor units of the KPI's ISO 4217 currency (cents for EUR, yen for JPY).
 * - `percent`: whole basis points, hundredths of a percent (12.5 % is 1250); may be negative.
 * - `duration`: whole seconds, never negative; the screens show minutes, hours or days.
 */

export const kpiUnits = ['count', 'currency', 'percent', 'duration'] as const;
export const kpiUnit = z.enum(kpiUnits);
export type KpiUnit = z.infer<typeof kpiUnit>;

export const kpiDirections = ['higher', 'lower'] as const;
export const kpiDirection = z.enum(kpiDirections);
export type KpiDirection = z.infer<typeof kpiDirection>;

export const kpiCadences = ['monthly', 'quarterly'] as const;
export const kpiCadence = z.enum(kpiCadences);
export type KpiCadence = z.infer<typeof kpiCadence>;

/** How the sub-periods' values make the period's: their sum, the latest, or their mean. */
export const kpiAggregations = ['sum', 'last', 'average'] as const;
export const kpiAggregation = z.enum(kpiAggregations);
export type KpiAggregation = z.infer<typeof kpiAggregation>;

export const kpiSources = ['manual', 'import', 'api'] as const;
export const kpiSource = z.enum(kpiSources);
export type KpiSource = z.infer<typeof kpiSource>;

/** Best first: a status later in the list is worse. */
export const kpiStatuses = ['on_track', 'at_risk', 'off_track'] as const;
export const kpiStatus = z.enum(kpiStatuses);
export type KpiStatus = z.infer<typeof kpiStatus>;

/** The periods a cadence measures in, for `subPeriods(plan period, kind)` in `periods.ts`. */
export const kpiCadenceKind: Record<KpiCadence, MeasurementKind> = {
  monthly: 'month',
  quarterly: 'quarter',
};

/** How many stored units make one shown unit: 100 cents a euro, 100 basis points a percent. */
export function valueScale(unit: KpiUnit, currency: string | null = null): number {
  if (unit === 'currency') return 10 ** currencyExponent(currency ?? '');
  if (unit === 'percent') return 100;
  return 1;
}

/** A stored value as a person reads it: 123456 cents as 1234.56, 1250 basis points as 12.5. */
export function shownValue(unit: KpiUnit, stored: number, currency: string | null = null): number {
  return stored / valueScale(unit, currency);
}

/** The largest stored value: beyond it a JavaScript number loses whole units. */
export const maxStoredValue = Number.MAX_SAFE_INTEGER;

const canBeNegative: Record<KpiUnit, boolean> = {
  count: false,
  currency: true,
  percent: true,
  duration: false,
};

/** Why a stored value is not one of the unit's, or null when it is. */
export function validateMeasurementValue(unit: KpiUnit, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return messages.invalid;
  if (!Number.isInteger(value)) return messages.wholeNumber;
  if (value > maxStoredValue) return messages.maxNumber(maxStoredValue);
  const min = canBeNegative[unit] ? -maxStoredValue : 0;
  if (value < min) return messages.minNumber(min);
  return null;
}

/**
 * The stored value of what a person typed in the unit's everyday terms (`12.5` percent, `19.99`
 * euros), or why it cannot be stored: more decimals than the unit keeps, or out of range.
 */
export function storedValue(
  unit: KpiUnit,
  shown: number,
  currency: string | null = null,
): { value: number } | { message: string } {
  if (!Number.isFinite(shown)) return { message: messages.invalid };
  const scale = valueScale(unit, currency);
  const scaled = shown * scale;
  const value = Math.round(scaled);
  // 0.29 * 100 is 28.999999999999996: allow the float's noise, not a real extra decimal.
  if (Math.abs(scaled - value) > 1e-6 * Math.max(1, Math.abs(scaled))) {
    return { message: messages.decimalPlaces(Math.round(Math.log10(scale))) };
  }
  const message = validateMeasurementValue(unit, value);
  return message === null ? { value: Object.is(value, -0) ? 0 : value } : { message };
}

/**
 * A value in stored units (cents, basis points, seconds) as a person reads it: `€1,234.56`,
 * `12.5 %`, `3.5 h`. `locale` undefined is the reader's own (the browser's; the server's in PDFs
 * unless one is given).
 */
export function formatKpiValue(
  unit: KpiUnit,
  stored: number,
  currency: string | null,
  locale?: string,
): string {
  const value = shownValue(unit, stored, currency);
  if (unit === 'currency' && currency) {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  }
  if (unit === 'percent') return `${new Intl.NumberFormat(locale).format(value)} %`;
  if (unit === 'duration') {
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    if (value < 3600) return `${number.format(value / 60)} min`;
    if (value < 86_400) return `${number.format(value / 3600)} h`;
    return `${number.format(value / 86_400)} days`;
  }
  return new Intl.NumberFormat(locale).format(value);
}
