import { z } from 'zod';
import { messages } from './messages';
import { isTimeZone, wallTimeOf } from './time-zones';

/**
 * Fiscal periods (decision 037): the years, quarters and months a workspace plans, measures and
 * reports in, set by its fiscal-year start month and time zone.
 *
 * - A fiscal year is named by the calendar year it ends in. Starting in July, FY2027 runs from
 *   2026-07-01 to 2027-06-30; starting in January, FY2027 is the calendar year 2027.
 * - Quarters `FY2027-Q1`…`Q4` and months `FY2027-M01`…`M12` count from the start month, so a
 *   label always names the same slice of its fiscal year: `FY2027-M01` is July 2026 in a July
 *   workspace and January 2027 in a January one. `calendarMonthName` gives "Jul 2026" to show.
 * - Dates are `YYYY-MM-DD` strings, never shifted by time zones; only `periodAt` and `dateAt`
 *   read an instant, as the wall-clock date in the workspace's time zone.
 * - A range gives its first and last day (both included) and the day after the last, so a query
 *   can say `day >= start and day < endExclusive`.
 * - Fiscal years run from FY1000 to FY9998, so every range, and the day after it, is a
 *   four-digit date; going past them is a RangeError.
 */

export const periodKinds = ['year', 'quarter', 'month'] as const;
export type PeriodKind = (typeof periodKinds)[number];
/** The periods a KPI is measured in (its cadence). */
export type MeasurementKind = Exclude<PeriodKind, 'year'>;

export type Quarter = 1 | 2 | 3 | 4;
export type YearPeriod = { kind: 'year'; fiscalYear: number };
export type QuarterPeriod = { kind: 'quarter'; fiscalYear: number; quarter: Quarter };
/** `month` is the month of the fiscal year (1 is the start month), not the calendar month. */
export type MonthPeriod = { kind: 'month'; fiscalYear: number; month: number };
export type Period = YearPeriod | QuarterPeriod | MonthPeriod;
export type PeriodOfKind<K extends PeriodKind> = Extract<Period, { kind: K }>;

export const minFiscalYear = 1000;
export const maxFiscalYear = 9998;

/** The calendar month (1 = January) the fiscal year starts in. */
export const fiscalYearStartMonth = z
  .number()
  .int(messages.wholeNumber)
  .min(1, messages.minNumber(1))
  .max(12, messages.maxNumber(12))
  .describe('The calendar month the fiscal year starts in: 1 = January … 12 = December');

export const FiscalSettings = z
  .object({
    fiscalYearStartMonth,
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isTimeZone, messages.timeZone)
      .describe('IANA time zone name that decides which day an instant falls on'),
  })
  .strict()
  .describe('The workspace settings that define its fiscal years, quarters and months');
export type FiscalSettings = z.infer<typeof FiscalSettings>;
/** What the date arithmetic needs; instants also need the time zone. */
export type FiscalYearStart = Pick<FiscalSettings, 'fiscalYearStartMonth'>;

export const defaultFiscalSettings: FiscalSettings = { fiscalYearStartMonth: 1, timeZone: 'UTC' };

const labelPattern = /^FY(\d{4})(?:-Q([1-4])|-M(0[1-9]|1[0-2]))?$/;

/** The period a label names (`FY2027`, `FY2027-Q2`, `FY2027-M05`), or null when it names none. */
export function parsePeriod(label: string): Period | null {
  const match = labelPattern.exec(label);
  if (!match) return null;
  const fiscalYear = Number(match[1]);
  if (fiscalYear < minFiscalYear || fiscalYear > maxFiscalYear) return null;
  if (match[2]) return { kind: 'quarter', fiscalYear, quarter: Number(match[2]) as Quarter };
  if (match[3]) return { kind: 'month', fiscalYear, month: Number(match[3]) };
  return { kind: 'year', fiscalYear };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The label of a period; `parsePeriod` reads it back. */
export function formatPeriod(period: Period): string {
  const year = `FY${period.fiscalYear}`;
  switch (period.kind) {
    case 'year':
      return year;
    case 'quarter':
      return `${year}-Q${period.quarter}`;
    case 'month':
      return `${year}-M${pad(period.month)}`;
  }
}

/** A period label, as plans, KPI targets and reports take it. */
export const PeriodLabel = z
  .string()
  .refine((label) => parsePeriod(label) !== null, messages.period)
  .describe(
    'A fiscal period: a year `FY2027`, a quarter `FY2027-Q2` or a month `FY2027-M05`, ' +
      'counted from the fiscal-year start month; a year is named by the calendar year it ends in',
  );

type CalendarMonth = { year: number; month: number };

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth({ year, month }: CalendarMonth): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const dateOf = (year: number, month: number, day: number) =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

function readDate(date: string): CalendarMonth & { day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = (match?.slice(1) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined) {
    throw new RangeError(`Not a date: ${date}`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth({ year, month })) {
    throw new RangeError(`Not a date: ${date}`);
  }
  return { year, month, day };
}

const dayMs = 86_400_000;
const dayNumber = (date: string) => {
  const { year, month, day } = readDate(date);
  return Date.UTC(year, month - 1, day) / dayMs;
};

function checkedYear(fiscalYear: number): number {
  if (fiscalYear < minFiscalYear || fiscalYear > maxFiscalYear) {
    throw new RangeError(`FY${fiscalYear} is outside FY${minFiscalYear}–FY${maxFiscalYear}`);
  }
  return fiscalYear;
}

/** The calendar month of a month of the fiscal year. */
function calendarMonthOf(fiscalYear: number, month: number, start: FiscalYearStart) {
  const firstYear = start.fiscalYearStartMonth === 1 ? fiscalYear : fiscalYear - 1;
  const index = start.fiscalYearStartMonth - 1 + month - 1;
  return { year: firstYear + Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The first and last month of the fiscal year a period covers. */
function monthSpan(period: Period): [number, number] {
  switch (period.kind) {
    case 'year':
      return [1, 12];
    case 'quarter':
      return [period.quarter * 3 - 2, period.quarter * 3];
    case 'month':
      return [period.month, period.month];
  }
}

function periodOf<K extends PeriodKind>(fiscalYear: number, month: number, kind: K) {
  const period: Period =
    kind === 'year'
      ? { kind: 'year', fiscalYear }
      : kind === 'quarter'
        ? { kind: 'quarter', fiscalYear, quarter: Math.ceil(month / 3) as Quarter }
        : { kind: 'month', fiscalYear, month };
  return period as PeriodOfKind<K>;
}

export interface PeriodRange {
  /** The first day. */
  start: string;
  /** The last day, included. */
  end: string;
  /** The day after the last: the next period's first day. */
  endExclusive: string;
}

/** The days a period covers under the workspace's fiscal-year start. */
export function periodRange(period: Period, settings: FiscalYearStart): PeriodRange {
  const [firstMonth, lastMonth] = monthSpan(period);
  const first = calendarMonthOf(period.fiscalYear, firstMonth, settings);
  const last = calendarMonthOf(period.fiscalYear, lastMonth, settings);
  const after =
    last.month === 12 ? { year: last.year + 1, month: 1 } : { ...last, month: last.month + 1 };
  return {
    start: dateOf(first.year, first.month, 1),
    end: dateOf(last.year, last.month, daysInMonth(last)),
    endExclusive: dateOf(after.year, after.month, 1),
  };
}

/** The year, quarter or month a `YYYY-MM-DD` date falls in. */
export function periodOfDate<K extends PeriodKind>(
  date: string,
  kind: K,
  settings: FiscalYearStart,
): PeriodOfKind<K> {
  const { year, month } = readDate(date);
  const start = settings.fiscalYearStartMonth;
  // A year starting after January ends in the next calendar year, and is named after it.
  const fiscalYear = start !== 1 && month >= start ? year + 1 : year;
  return periodOf(checkedYear(fiscalYear), ((month - start + 12) % 12) + 1, kind);
}

/** The date (`YYYY-MM-DD`) an instant falls on in a time zone: "today" for the workspace. */
export function dateAt(instant: number, timeZone: string): string {
  const wall = wallTimeOf(instant, timeZone);
  return dateOf(wall.year, wall.month, wall.day);
}

/** The period an instant falls in, by its date in the workspace's time zone. */
export function periodAt<K extends PeriodKind>(
  instant: number,
  kind: K,
  settings: FiscalSettings,
): PeriodOfKind<K> {
  return periodOfDate(dateAt(instant, settings.timeZone), kind, settings);
}

/** Whether a period splits into periods of a kind: everything does, except a month into quarters. */
export function dividesInto(period: Period, kind: MeasurementKind): boolean {
  return !(period.kind === 'month' && kind === 'quarter');
}

/**
 * The months or quarters of a period, in order; a quarter of quarters and a month of months are
 * the period itself. A month has no quarters: that is a RangeError (check with `dividesInto`).
 */
export function subPeriods<K extends MeasurementKind>(period: Period, kind: K): PeriodOfKind<K>[] {
  if (!dividesInto(period, kind)) {
    throw new RangeError(`${formatPeriod(period)} is a month and has no quarters`);
  }
  const [firstMonth, lastMonth] = monthSpan(period);
  const step = kind === 'month' ? 1 : 3;
  const parts: PeriodOfKind<K>[] = [];
  for (let month = firstMonth; month <= lastMonth; month += step) {
    parts.push(periodOf(period.fiscalYear, month, kind));
  }
  return parts;
}

/** Whether `inner` lies within `outer` (a period contains itself); no setting changes this. */
export function contains(outer: Period, inner: Period): boolean {
  if (outer.fiscalYear !== inner.fiscalYear) return false;
  const [outerFirst, outerLast] = monthSpan(outer);
  const [innerFirst, innerLast] = monthSpan(inner);
  return outerFirst <= innerFirst && innerLast <= outerLast;
}

/** The period `count` periods of the same kind after (or, negative, before) this one. */
export function addPeriods<P extends Period>(period: P, count: number): P {
  if (!Number.isInteger(count)) throw new RangeError(`Not a whole number of periods: ${count}`);
  const perYear = { year: 1, quarter: 4, month: 12 }[period.kind];
  const [firstMonth] = monthSpan(period);
  const index = period.fiscalYear * perYear + (firstMonth - 1) / (12 / perYear) + count;
  const fiscalYear = checkedYear(Math.floor(index / perYear));
  const month = (index - fiscalYear * perYear) * (12 / perYear) + 1;
  return periodOf(fiscalYear, month, period.kind) as P;
}

/** The next period of the same kind: FY2027-Q4 → FY2028-Q1. */
export const nextPeriod = <P extends Period>(period: P): P => addPeriods(period, 1);

/** The previous period of the same kind, as "copy last period's plan" reads it: FY2027 → FY2026. */
export const previousPeriod = <P extends Period>(period: P): P => addPeriods(period, -1);

/**
 * The share (0 to 1) of a period's days gone by the end of `today`: 0 before the period starts,
 * 1 on and after its last day. Run-rate forecasts divide by it.
 */
export function elapsedFraction(period: Period, today: string, settings: FiscalYearStart): number {
  const { start, endExclusive } = periodRange(period, settings);
  const first = dayNumber(start);
  const days = dayNumber(endExclusive) - first;
  const elapsed = dayNumber(today) - first + 1;
  return Math.min(1, Math.max(0, elapsed / days));
}

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** A calendar date (`YYYY-MM-DD`) as people read it, the same in every browser: “Fri 31 Jan 2027”. */
export function dayInWords(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return `${weekdayNames[day.getUTCDay()]} ${day.getUTCDate()} ${monthNames[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** The calendar name of a fiscal month, to show beside its label: `FY2027-M01` → "Jul 2026". */
export function calendarMonthName(period: MonthPeriod, settings: FiscalYearStart): string {
  const { year, month } = calendarMonthOf(period.fiscalYear, period.month, settings);
  return `${monthNames[month - 1]} ${year}`;
}
