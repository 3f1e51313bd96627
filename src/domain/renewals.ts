/**
 * Renewal key dates of an agreement (decision 049): pure calendar arithmetic, no clock, no I/O.
 *
 * - Dates are calendar dates, `YYYY-MM-DD` strings with no time and no time zone; a caller that
 *   holds an instant turns it into the workspace's date first (`dateAt` in periods.ts).
 * - **Notice deadline** = end date − notice period (days). It is the last day on which notice
 *   can be given; it is never after the end date (a notice period of 0 days gives the end date).
 * - **Month-end rule**: adding months keeps the day of the month when the target month has it
 *   and otherwise takes that month's last day: Jan 31 + 1 month = Feb 28 (Feb 29 in a leap
 *   year), Mar 31 + 1 month = Apr 30, Feb 29 + 12 months = Feb 28.
 * - **Rolling a term** counts every renewal from the original end date, not from the previous
 *   (possibly shortened) one: an agreement ending Jan 31 with a one-month term renews to Feb 28,
 *   then Mar 31, Apr 30, … — never drifting to the 28th. So rolling n times equals rolling once
 *   by n × term.
 * - **Reminders** fall a whole number of days (≥ 1) before their target (the notice deadline
 *   or the end date), sorted by date.
 */

export type CalendarDate = string;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

/** The first and last years these functions accept, so every result stays a 4-digit date. */
export const minYear = 1000;
export const maxYear = 9999;

function parts(date: CalendarDate): { year: number; month: number; day: number } {
  const match = datePattern.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new RangeError(`not a calendar date: ${date}`);
  return { year, month, day };
}

function format(year: number, month: number, day: number): CalendarDate {
  if (year < minYear || year > maxYear) throw new RangeError(`year ${year} is out of range`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether a string is a real calendar date (`2027-02-29` is not). */
export function isCalendarDate(value: string): boolean {
  try {
    parts(value);
    return true;
  } catch {
    return false;
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = parts(date);
  return Math.round(Date.UTC(year, month - 1, day) / dayMs);
}

export function fromDayNumber(days: number): CalendarDate {
  const d = new Date(days * dayMs);
  // Date.UTC maps years 0–99 to 1900–1999; our range starts at 1000, so this never applies.
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError('days must be a whole number');
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * Adds calendar months under the month-end rule. `preferredDay` is the day of the month to aim
 * for (the original end date's day when rolling a term); it defaults to the date's own day.
 */
export function addMonths(
  date: CalendarDate,
  months: number,
  preferredDay = parts(date).day,
): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError('months must be a whole number');
  const { year, month } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  if (y < minYear || y > maxYear) throw new RangeError(`year ${y} is out of range`);
  return format(y, m, Math.min(preferredDay, daysInMonth(y, m)));
}

/** The last day on which notice can be given: end date − notice period. */
export function noticeDeadline(endDate: CalendarDate, noticePeriodDays: number): CalendarDate {
  if (!Number.isInteger(noticePeriodDays) || noticePeriodDays < 0)
    throw new RangeError('the notice period is a whole number of days, 0 or more');
  return addDays(endDate, -noticePeriodDays);
}

/** The end date after `times` renewals of `termMonths` each, counted from the original end. */
export function rollTerm(endDate: CalendarDate, termMonths: number, times = 1): CalendarDate {
  if (!Number.isInteger(termMonths) || termMonths < 1)
    throw new RangeError('the renewal term is a whole number of months, 1 or more');
  if (!Number.isInteger(times) || times < 0)
    throw new RangeError('times is a whole number, 0 or more');
  return addMonths(endDate, termMonths * times);
}

/**
 * Auto-renewal up to a day: while the term has ended before `today`, it rolls on. Answers the
 * end of the term that contains `today` (or the original end when it has not passed) and how
 * many renewals that took.
 */
export function rollUntil(
  endDate: CalendarDate,
  termMonths: number,
  today: CalendarDate,
): { endDate: CalendarDate; renewals: number } {
  if (today <= endDate) return { endDate, renewals: 0 };
  // Jump close with day arithmetic (a month is at most 31 days), then step: never overshoots.
  const days = daysBetween(endDate, today);
  let renewals = Math.max(0, Math.floor(days / (31 * termMonths)) - 1);
  let current = rollTerm(endDate, termMonths, renewals);
  while (current < today) {
    renewals += 1;
    current = rollTerm(endDate, termMonths, renewals);
  }
  return { endDate: current, renewals };
}

export type RenewalTerms = {
  endDate: CalendarDate;
  noticePeriodDays: number;
  autoRenewal: boolean;
  /** Required when `autoRenewal` is true. */
  renewalTermMonths: number | null;
};

export type KeyDates = {
  /** The end of the current term: the end date, or its renewal that contains `today`. */
  endDate: CalendarDate;
  noticeDeadline: CalendarDate;
  /** How many automatic renewals have happened by `today` (0 without auto-renewal). */
  renewals: number;
};

/** The key dates of an agreement as of `today`. Without auto-renewal, the end date stays. */
export function keyDates(terms: RenewalTerms, today: CalendarDate): KeyDates {
  let current = { endDate: terms.endDate, renewals: 0 };
  if (terms.autoRenewal) {
    if (terms.renewalTermMonths === null)
      throw new RangeError('auto-renewal needs a renewal term in months');
    current = rollUntil(terms.endDate, terms.renewalTermMonths, today);
  }
  return { ...current, noticeDeadline: noticeDeadline(current.endDate, terms.noticePeriodDays) };
}

export const reminderTargets = ['notice_deadline', 'end_date'] as const;
export type ReminderTarget = (typeof reminderTargets)[number];

/** How many days ahead of each target to remind (each a whole number of days, 1 or more). */
export type LeadTimes = Record<ReminderTarget, readonly number[]>;

export type Reminder = {
  date: CalendarDate;
  target: ReminderTarget;
  targetDate: CalendarDate;
  leadDays: number;
};

/**
 * The reminders for a term's notice deadline and end date at the given lead times, sorted by
 * date (then the notice deadline first, then the longer lead). Duplicate lead times count once.
 * With `from`, only reminders on or after that day are answered (the next ones to send).
 */
export function reminderDates(
  dates: { noticeDeadline: CalendarDate; endDate: CalendarDate },
  leadTimes: LeadTimes,
  from?: CalendarDate,
): Reminder[] {
  const reminders: Reminder[] = [];
  for (const target of reminderTargets) {
    const targetDate = target === 'notice_deadline' ? dates.noticeDeadline : dates.endDate;
    for (const leadDays of new Set(leadTimes[target])) {
      if (!Number.isInteger(leadDays) || leadDays < 1)
        throw new RangeError('a lead time is a whole number of days, 1 or more');
      const date = addDays(targetDate, -leadDays);
      if (from === undefined || date >= from)
        reminders.push({ date, target, targetDate, leadDays });
    }
  }
  return reminders.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      reminderTargets.indexOf(a.target) - reminderTargets.indexOf(b.target) ||
      b.leadDays - a.leadDays,
  );
}
