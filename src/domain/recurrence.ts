import * as rruleModule from 'rrule';
import { type CalendarDate, isCalendarDate } from './renewals';

/**
 * Recurrence of obligations (decision 052): an RFC 5545 RRULE evaluated on calendar dates, pure.
 *
 * - A rule is the RRULE's parts only (`FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15`); its first day
 *   is a separate `YYYY-MM-DD` start date, never a DTSTART inside the string.
 * - Only FREQ DAILY, WEEKLY, MONTHLY or YEARLY, with INTERVAL, BYMONTHDAY (MONTHLY), BYDAY
 *   (DAILY, WEEKLY; MONTHLY with an ordinal such as `-1FR`), COUNT or UNTIL. Anything else
 *   (sub-daily, BYSETPOS, BYMONTH, a time) is refused with the part named. A YEARLY rule takes
 *   no BY… part: RFC 5545 would expand `FREQ=YEARLY;BYMONTHDAY=15` to every month's 15th.
 * - RRULE is evaluated in UTC on midnights, and every answer is turned back into a date, so no
 *   time zone or daylight saving change moves an occurrence to another day.
 * - Month ends follow RFC 5545: `BYMONTHDAY=31` skips the months without a 31st;
 *   `BYMONTHDAY=-1` is the last day of every month (Feb 28, or Feb 29 in a leap year).
 */

// `rrule` ships a CommonJS main and an ES module: Node sees the first, bundlers the second.
const { RRule } = (
  'RRule' in rruleModule
    ? rruleModule
    : (rruleModule as unknown as { default: typeof rruleModule }).default
) as typeof rruleModule;

/** The most occurrences one rule may have (COUNT) and one question may answer. */
export const maxOccurrences = 10_000;
export const maxInterval = 999;
export const maxRuleLength = 200;

export const frequencies = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof frequencies)[number];
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const allowedParts = ['FREQ', 'INTERVAL', 'BYMONTHDAY', 'BYDAY', 'COUNT', 'UNTIL'] as const;
type Part = (typeof allowedParts)[number];

export type Recurrence = { rrule: string; startsOn: CalendarDate };

export type RuleProblem = { code: string; message: string };

type ParsedRule = {
  freq: Frequency;
  interval: number;
  byMonthDay: number[];
  byDay: { weekday: number; n: number | null }[];
  count: number | null;
  until: CalendarDate | null;
};

export class RuleError extends Error {
  constructor(readonly problem: RuleProblem) {
    super(problem.message);
  }
}

const fail = (code: string, message: string): never => {
  throw new RuleError({ code, message });
};

function wholeNumber(value: string, part: string, min: number, max: number): number {
  if (!/^[+-]?\d{1,6}$/.test(value)) fail('rrule_value', `${part} must be a whole number`);
  const n = Number(value);
  if (n < min || n > max) fail('rrule_value', `${part} must be between ${min} and ${max}`);
  return n;
}

function parseRule(rule: string): ParsedRule {
  if (rule.length === 0 || rule.length > maxRuleLength)
    fail('rrule_syntax', `A rule has 1 to ${maxRuleLength} characters`);
  const parts = new Map<Part, string>();
  for (const piece of rule.replace(/^RRULE:/i, '').split(';')) {
    const match = /^([A-Za-z]+)=([^=;]+)$/.exec(piece);
    if (!match) fail('rrule_syntax', `"${piece}" is not a NAME=VALUE part`);
    const name = (match?.[1] ?? '').toUpperCase();
    if (!(allowedParts as readonly string[]).includes(name))
      fail('rrule_unsupported', `${name} is not supported (only ${allowedParts.join(', ')})`);
    if (parts.has(name as Part)) fail('rrule_syntax', `${name} appears twice`);
    parts.set(name as Part, (match?.[2] ?? '').toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) fail('rrule_syntax', 'FREQ is required');
  if (!(frequencies as readonly string[]).includes(freq as string))
    fail(
      'rrule_unsupported',
      `FREQ=${freq} is not supported: repeat daily, weekly, monthly or yearly`,
    );
  const parsed: ParsedRule = {
    freq: freq as Frequency,
    interval: 1,
    byMonthDay: [],
    byDay: [],
    count: null,
    until: null,
  };
  const interval = parts.get('INTERVAL');
  if (interval !== undefined) parsed.interval = wholeNumber(interval, 'INTERVAL', 1, maxInterval);
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay !== undefined) {
    if (parsed.freq !== 'MONTHLY') fail('rrule_unsupported', 'BYMONTHDAY goes with FREQ=MONTHLY');
    parsed.byMonthDay = byMonthDay.split(',').map((d) => {
      const n = wholeNumber(d, 'BYMONTHDAY', -31, 31);
      if (n === 0) fail('rrule_value', 'BYMONTHDAY is 1 to 31, or -1 to -31 from the month end');
      return n;
    });
  }
  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    if (parsed.freq === 'YEARLY') fail('rrule_unsupported', 'BYDAY does not go with FREQ=YEARLY');
    parsed.byDay = byDay.split(',').map((d) => {
      const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
      if (!match) return fail('rrule_value', `BYDAY "${d}" is not a day such as MO or -1FR`);
      const n = match[1] === undefined ? null : Number(match[1]);
      if (n !== null && parsed.freq !== 'MONTHLY')
        fail('rrule_unsupported', 'A numbered BYDAY such as 1MO goes with FREQ=MONTHLY');
      if (n !== null && (n === 0 || n < -5 || n > 5))
        fail('rrule_value', 'A numbered BYDAY is 1 to 5, or -1 to -5 from the month end');
      return { weekday: weekdays.indexOf(match[2] as (typeof weekdays)[number]), n };
    });
  }
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined)
    fail('rrule_syntax', 'COUNT and UNTIL do not go together');
  if (count !== undefined) parsed.count = wholeNumber(count, 'COUNT', 1, maxOccurrences);
  if (until !== undefined) {
    const match = /^(\d{4})(\d{2})(\d{2})(T000000Z?)?$/.exec(until);
    const date = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
    if (!isCalendarDate(date)) fail('rrule_value', 'UNTIL is a date such as 20271231');
    parsed.until = date;
  }
  return parsed;
}

const toUtc = (date: CalendarDate) => new Date(`${date}T00:00:00.000Z`);
const toDate = (instant: Date) => instant.toISOString().slice(0, 10);

function ruleOf(parsed: ParsedRule, startsOn: CalendarDate) {
  if (!isCalendarDate(startsOn)) throw new RangeError(`not a calendar date: ${startsOn}`);
  return new RRule({
    freq: RRule[parsed.freq],
    interval: parsed.interval,
    dtstart: toUtc(startsOn),
    bymonthday: parsed.byMonthDay.length > 0 ? parsed.byMonthDay : null,
    byweekday:
      parsed.byDay.length > 0
        ? parsed.byDay.map((d) => {
            const day = RRule[weekdays[d.weekday] as (typeof weekdays)[number]];
            return d.n === null ? day : day.nth(d.n);
          })
        : null,
    count: parsed.count,
    until: parsed.until === null ? null : toUtc(parsed.until),
  });
}

/** The problem with a rule, or null when it is one Tandem takes. */
export function ruleProblem(rule: string): RuleProblem | null {
  try {
    parseRule(rule);
    return null;
  } catch (error) {
    if (error instanceof RuleError) return error.problem;
    throw error;
  }
}

/** The rule in its one written form (parts in a fixed order, upper case), for storing. */
export function normalizeRule(rule: string): string {
  const p = parseRule(rule);
  const parts = [`FREQ=${p.freq}`];
  if (p.interval !== 1) parts.push(`INTERVAL=${p.interval}`);
  if (p.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${p.byMonthDay.join(',')}`);
  if (p.byDay.length > 0)
    parts.push(`BYDAY=${p.byDay.map((d) => `${d.n ?? ''}${weekdays[d.weekday]}`).join(',')}`);
  if (p.count !== null) parts.push(`COUNT=${p.count}`);
  if (p.until !== null) parts.push(`UNTIL=${p.until.replaceAll('-', '')}`);
  return parts.join(';');
}

/**
 * The occurrences from `from` to `to`, both included, in order. More than `limit` is a
 * RangeError: a caller asks for a window it can hold.
 */
export function occurrences(
  recurrence: Recurrence,
  from: CalendarDate,
  to: CalendarDate,
  limit = maxOccurrences,
): CalendarDate[] {
  if (to < from) return [];
  const rule = ruleOf(parseRule(recurrence.rrule), recurrence.startsOn);
  const dates: CalendarDate[] = [];
  rule.between(toUtc(from), toUtc(to), true, (instant) => {
    dates.push(toDate(instant));
    if (dates.length > limit) throw new RangeError(`more than ${limit} occurrences`);
    return true;
  });
  return dates;
}

/**
 * The occurrences from `from` to `to`, both included, in order, at most `max` of them: a
 * window that holds more is cut at `max` rather than refused (a calendar feed has a size).
 */
export function occurrencesUpTo(
  recurrence: Recurrence,
  from: CalendarDate,
  to: CalendarDate,
  max: number,
): CalendarDate[] {
  if (to < from || max <= 0) return [];
  const rule = ruleOf(parseRule(recurrence.rrule), recurrence.startsOn);
  const dates: CalendarDate[] = [];
  rule.between(toUtc(from), toUtc(to), true, (instant) => {
    dates.push(toDate(instant));
    return dates.length < max;
  });
  return dates;
}

/** The first `n` occurrences on or after `from` (fewer when the rule ends first). */
export function nextOccurrences(
  recurrence: Recurrence,
  from: CalendarDate,
  n: number,
): CalendarDate[] {
  const rule = ruleOf(parseRule(recurrence.rrule), recurrence.startsOn);
  const dates: CalendarDate[] = [];
  let after = toUtc(from);
  let inclusive = true;
  while (dates.length < n) {
    const next = rule.after(after, inclusive);
    if (!next) break;
    dates.push(toDate(next));
    after = next;
    inclusive = false;
  }
  return dates;
}

/** The first occurrence after `date` (on or after it when `inclusive`), or null when none. */
export function occurrenceAfter(
  recurrence: Recurrence,
  date: CalendarDate,
  inclusive = false,
): CalendarDate | null {
  const rule = ruleOf(parseRule(recurrence.rrule), recurrence.startsOn);
  const next = rule.after(toUtc(date), inclusive);
  return next ? toDate(next) : null;
}

/** Whether a date is one of the rule's occurrences. */
export function isOccurrence(recurrence: Recurrence, date: CalendarDate): boolean {
  return occurrenceAfter(recurrence, date, true) === date;
}
