import { z } from 'zod';
import { uuid } from './ids';
import { pageOf } from './pagination';
import { countryCode, partnerTier, partnerType } from './partners';
import { instantOfWallTime, wallTimeOf } from './time-zones';

/**
 * Scheduled reports (decision 044): a member subscribes recipients to the portfolio report or a
 * plan's scorecard, weekly on a weekday or monthly on a day, delivered by mail with the PDF.
 */
export const reportKinds = ['portfolio', 'scorecard'] as const;
export const reportKind = z.enum(reportKinds);
export type ReportKind = z.infer<typeof reportKind>;

export const reportCadences = ['weekly', 'monthly'] as const;
export const reportCadence = z.enum(reportCadences);
export type ReportCadence = z.infer<typeof reportCadence>;

/** ISO order: Monday is 1, Sunday 7. */
export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export const weekday = z.enum(weekdays);
export type Weekday = z.infer<typeof weekday>;

export const subscriptionStatuses = ['active', 'paused'] as const;
export const subscriptionStatus = z.enum(subscriptionStatuses);
export type SubscriptionStatus = z.infer<typeof subscriptionStatus>;

/** Reports go out at this hour of the workspace's time zone, before the working day starts. */
export const REPORT_SEND_HOUR = 7;
/** A monthly report's day: 1 to 28, so every month has it. */
export const MAX_MONTH_DAY = 28;

/** The dashboard filters a portfolio report is made with, as arrays. */
export const ReportFilters = z
  .object({
    ownerId: z.array(uuid).max(50).optional(),
    teamId: z.array(uuid).max(50).optional(),
    type: z.array(partnerType).max(50).optional(),
    tier: z.array(partnerTier).max(50).optional(),
    country: z.array(countryCode).max(50).optional(),
  })
  .strict()
  .meta({ id: 'ReportFilters' });
export type ReportFilters = z.infer<typeof ReportFilters>;

/** When a subscription runs: weekly on a weekday, or monthly on a day of the month. */
export type ReportSchedule =
  | { cadence: 'weekly'; weekday: Weekday }
  | { cadence: 'monthly'; dayOfMonth: number };

const scheduleFields = {
  cadence: reportCadence,
  weekday: weekday.nullable().optional().describe('The weekday of a weekly report'),
  dayOfMonth: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe(`The day (1 to ${MAX_MONTH_DAY}) of a monthly report`),
};

export const ReportSubscriptionCreate = z
  .object({
    kind: reportKind,
    planId: uuid
      .nullable()
      .optional()
      .describe('The plan whose scorecard is sent; required for `scorecard`'),
    filters: ReportFilters.optional().describe('The dashboard filters of a portfolio report'),
    ...scheduleFields,
    memberIds: z.array(uuid).max(50).default([]).describe('Members who receive it'),
    contactIds: z
      .array(uuid)
      .max(50)
      .default([])
      .describe("Contacts of the scorecard's partner who receive it (scorecards only)"),
  })
  .strict()
  .meta({ id: 'ReportSubscriptionCreate' });
export type ReportSubscriptionCreate = z.infer<typeof ReportSubscriptionCreate>;
export type ReportSubscriptionCreateInput = z.input<typeof ReportSubscriptionCreate>;

export const ReportSubscriptionUpdate = z
  .object({
    cadence: reportCadence.optional(),
    weekday: scheduleFields.weekday,
    dayOfMonth: scheduleFields.dayOfMonth,
    status: subscriptionStatus.optional().describe('`paused` stops sending; `active` resumes'),
    filters: ReportFilters.optional(),
  })
  .strict()
  .meta({ id: 'ReportSubscriptionUpdate' });
export type ReportSubscriptionUpdate = z.infer<typeof ReportSubscriptionUpdate>;

export const ReportRecipientCreate = z
  .object({
    memberId: uuid.optional(),
    contactId: uuid.optional(),
  })
  .strict()
  .meta({ id: 'ReportRecipientCreate' });
export type ReportRecipientCreate = z.infer<typeof ReportRecipientCreate>;

const timestamp = z.iso.datetime();

export const ReportRecipient = z
  .object({
    id: z.uuid(),
    memberId: z.uuid().nullable(),
    contactId: z.uuid().nullable(),
    name: z.string().describe('The member or contact, by name; empty once they are gone'),
    email: z.string().nullable(),
    unsubscribedAt: timestamp
      .nullable()
      .describe('When they unsubscribed through the link in a mail; they get nothing since'),
  })
  .meta({ id: 'ReportRecipient' });
export type ReportRecipient = z.infer<typeof ReportRecipient>;

export const ReportSubscription = z
  .object({
    id: z.uuid(),
    kind: reportKind,
    title: z.string().describe('The report, as mails and the unsubscribe page name it'),
    planId: z.uuid().nullable(),
    filters: ReportFilters,
    cadence: reportCadence,
    weekday: weekday.nullable(),
    dayOfMonth: z.number().int().nullable(),
    status: subscriptionStatus,
    ownerMemberId: z.uuid().nullable().describe('Who made it; null once they have left'),
    nextRunAt: timestamp
      .nullable()
      .describe(
        `The next delivery (${REPORT_SEND_HOUR}:00 in the workspace time zone); null while paused`,
      ),
    lastSentAt: timestamp.nullable(),
    recipients: z.array(ReportRecipient),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'ReportSubscription' });
export type ReportSubscription = z.infer<typeof ReportSubscription>;

export const ReportSubscriptionPage = pageOf(ReportSubscription).meta({
  id: 'ReportSubscriptionPage',
});
export type ReportSubscriptionPage = z.infer<typeof ReportSubscriptionPage>;

export const recipientParams = z.object({ id: uuid, recipientId: uuid });

export const ReportUnsubscribe = z
  .object({ token: z.string().min(1).max(200).describe('The token of the link in the mail') })
  .strict()
  .meta({ id: 'ReportUnsubscribe' });

export const ReportUnsubscribed = z
  .object({
    report: z.string().describe('The report the recipient will no longer receive'),
    unsubscribedAt: timestamp,
  })
  .meta({ id: 'ReportUnsubscribed' });
export type ReportUnsubscribed = z.infer<typeof ReportUnsubscribed>;

/** A field at fault in a schedule, as the API and the form name it. */
export type ScheduleProblem = { field: 'weekday' | 'dayOfMonth'; message: string };

/**
 * The schedule the fields describe, or the field at fault: a weekly report needs a weekday and
 * no day, a monthly one a day from 1 to 28 (every month has it) and no weekday.
 */
export function scheduleOf(fields: {
  cadence: ReportCadence;
  weekday?: Weekday | null;
  dayOfMonth?: number | null;
}): ReportSchedule | ScheduleProblem {
  if (fields.cadence === 'weekly') {
    if (!fields.weekday) return { field: 'weekday', message: 'Choose the weekday it goes out' };
    if (fields.dayOfMonth != null) {
      return { field: 'dayOfMonth', message: 'A weekly report has no day of the month' };
    }
    return { cadence: 'weekly', weekday: fields.weekday };
  }
  if (fields.weekday != null) {
    return { field: 'weekday', message: 'A monthly report has no weekday' };
  }
  const day = fields.dayOfMonth;
  if (day == null || !Number.isInteger(day) || day < 1 || day > MAX_MONTH_DAY) {
    return { field: 'dayOfMonth', message: `Choose a day from 1 to ${MAX_MONTH_DAY}` };
  }
  return { cadence: 'monthly', dayOfMonth: day };
}

export function isScheduleProblem(
  value: ReportSchedule | ScheduleProblem,
): value is ScheduleProblem {
  return 'field' in value;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first delivery strictly after `after`: the next calendar day the schedule names, at
 * `REPORT_SEND_HOUR` on the wall clock of the workspace's time zone (so it stays at 07:00 across
 * daylight-saving changes). Pure: the same inputs give the same instant.
 */
export function nextRunAfter(schedule: ReportSchedule, after: Date, timeZone: string): Date {
  const today = wallTimeOf(after.getTime(), timeZone);
  const at = (year: number, month: number, day: number) =>
    instantOfWallTime({ year, month, day, hour: REPORT_SEND_HOUR, minute: 0, second: 0 }, timeZone);
  if (schedule.cadence === 'weekly') {
    const target = weekdays.indexOf(schedule.weekday) + 1;
    // The weekday of today's date (a calendar date, so UTC arithmetic is exact).
    const todayUtc = Date.UTC(today.year, today.month - 1, today.day);
    const isoToday = ((new Date(todayUtc).getUTCDay() + 6) % 7) + 1;
    for (let ahead = 0; ahead <= 7; ahead += 1) {
      if ((isoToday + ahead - 1) % 7 !== target - 1) continue;
      const date = new Date(todayUtc + ahead * DAY_MS);
      const run = at(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
      if (run > after.getTime()) return new Date(run);
    }
    throw new Error('no weekday found within a week');
  }
  let year = today.year;
  let month = today.month;
  for (let i = 0; i < 2; i += 1) {
    const run = at(year, month, schedule.dayOfMonth);
    if (run > after.getTime()) return new Date(run);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return new Date(at(year, month, schedule.dayOfMonth));
}

/** `Weekly on Monday`, `Monthly on the 28th`: a schedule in words. */
export function scheduleInWords(schedule: ReportSchedule): string {
  if (schedule.cadence === 'weekly') {
    return `Weekly on ${schedule.weekday[0]?.toUpperCase()}${schedule.weekday.slice(1)}`;
  }
  const d = schedule.dayOfMonth;
  const suffix =
    d % 10 === 1 && d !== 11
      ? 'st'
      : d % 10 === 2 && d !== 12
        ? 'nd'
        : d % 10 === 3 && d !== 13
          ? 'rd'
          : 'th';
  return `Monthly on the ${d}${suffix}`;
}
