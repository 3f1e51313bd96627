import { z } from 'zod';
import { messages } from './messages';
import {
  type CalendarDate,
  daysBetween,
  type LeadTimes,
  type ReminderTarget,
  reminderDates,
} from './renewals';

/**
 * Renewal reminders (decision 059): how many days before an agreement's notice deadline and its
 * end date its owner is reminded, as a workspace setting, and which reminder is due on a day.
 */

/** The most lead times per date; more than a few is noise, not reminding. */
export const maxLeadTimes = 5;
export const maxLeadDays = 365;

const leadDays = z
  .array(
    z
      .number({ error: messages.wholeNumber })
      .int(messages.wholeNumber)
      .min(1, messages.minNumber(1))
      .max(maxLeadDays, messages.maxNumber(maxLeadDays)),
  )
  .max(maxLeadTimes, messages.maxItems(maxLeadTimes))
  .refine((days) => new Set(days).size === days.length, messages.noRepeatedLeadTime)
  .refine((days) => days.every((d, i) => i === 0 || (days[i - 1] as number) > d), {
    message: messages.leadTimesLongestFirst,
  });

export const RenewalReminderDays = z
  .object({
    noticeDeadline: leadDays.describe(
      'Days before the notice deadline (end date − notice period), longest first; empty for none',
    ),
    endDate: leadDays.describe('Days before the end date, longest first; empty for none'),
  })
  .strict()
  .meta({ id: 'RenewalReminderDays' });
export type RenewalReminderDays = z.infer<typeof RenewalReminderDays>;

export const defaultRenewalReminderDays: RenewalReminderDays = {
  noticeDeadline: [90, 30, 7],
  endDate: [90, 30, 7],
};

/** The setting as the domain's `LeadTimes` (keyed by reminder target). */
export function leadTimesOf(setting: RenewalReminderDays): LeadTimes {
  return { notice_deadline: setting.noticeDeadline, end_date: setting.endDate };
}

export type DueReminder = {
  target: ReminderTarget;
  targetDate: CalendarDate;
  leadDays: number;
  /** Days from `today` to the target date (0 on the day itself). */
  daysLeft: number;
};

/**
 * The reminder due on `today` for each target that has not passed: the one with the shortest
 * lead time whose day has come. After downtime that is the latest one missed, so an owner is
 * told once, not once per lead time that went by. `sentLeadDays` are the lead times already
 * sent for this term and target: a reminder with that lead or a shorter one means it is done.
 * The sweep's SQL follows this rule; the tests hold the two together.
 */
export function dueReminders(
  dates: { noticeDeadline: CalendarDate | null; endDate: CalendarDate },
  leadTimes: LeadTimes,
  today: CalendarDate,
  sentLeadDays: Partial<Record<ReminderTarget, readonly number[]>> = {},
): DueReminder[] {
  const due: DueReminder[] = [];
  const all = reminderDates(
    { noticeDeadline: dates.noticeDeadline ?? dates.endDate, endDate: dates.endDate },
    leadTimes,
  );
  for (const target of ['notice_deadline', 'end_date'] as const) {
    if (target === 'notice_deadline' && dates.noticeDeadline === null) continue;
    const reached = all.filter(
      (r) => r.target === target && r.date <= today && r.targetDate >= today,
    );
    if (reached.length === 0) continue;
    const nearest = reached.reduce((a, b) => (b.leadDays < a.leadDays ? b : a));
    if ((sentLeadDays[target] ?? []).some((sent) => sent <= nearest.leadDays)) continue;
    due.push({
      target,
      targetDate: nearest.targetDate,
      leadDays: nearest.leadDays,
      daysLeft: daysBetween(today, nearest.targetDate),
    });
  }
  return due;
}
