import type { Schedule } from '../../../domain/obligations';
import { dayInWords } from '../../../domain/periods';
import { nextOccurrences, ruleProblem } from '../../../domain/recurrence';

/**
 * The recurrence picker's choices (decision 052): a due date, or a repeat monthly, quarterly or
 * yearly from a start date, or any RRULE Tandem takes. Monthly and quarterly fall on a day 1–28
 * or the month's last day, so nobody picks a 31st that skips short months by accident.
 */
export const repeats = ['once', 'monthly', 'quarterly', 'yearly', 'custom'] as const;
export type Repeat = (typeof repeats)[number];

export const repeatLabels: Record<Repeat, string> = {
  once: 'Once, by a due date',
  monthly: 'Every month',
  quarterly: 'Every quarter',
  yearly: 'Every year',
  custom: 'Custom rule (RRULE)',
};

export type ScheduleValues = {
  repeat: Repeat;
  dueOn: string;
  startsOn: string;
  /** '1'…'28' or '-1' for the last day. */
  monthDay: string;
  rrule: string;
};

export const monthDays = [
  ...Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: ordinal(i + 1) })),
  { value: '-1', label: 'Last day' },
];

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

/** The schedule the API takes for the picker's values (blank dates as null). */
export function scheduleOf(values: ScheduleValues): Schedule {
  if (values.repeat === 'once') return { dueOn: values.dueOn || null, rrule: null, startsOn: null };
  const byDay = `BYMONTHDAY=${values.monthDay}`;
  const rrule = {
    monthly: `FREQ=MONTHLY;${byDay}`,
    quarterly: `FREQ=MONTHLY;INTERVAL=3;${byDay}`,
    yearly: 'FREQ=YEARLY',
    custom: values.rrule.trim(),
  }[values.repeat];
  return { dueOn: null, rrule, startsOn: values.startsOn || null };
}

/** The picker's values for a stored schedule: a rule it offers is shown as that choice. */
export function scheduleValues(schedule: Schedule | null): ScheduleValues {
  const blank = { dueOn: '', startsOn: '', monthDay: '-1', rrule: '' };
  if (!schedule) return { repeat: 'once', ...blank };
  if (schedule.rrule === null) return { repeat: 'once', ...blank, dueOn: schedule.dueOn ?? '' };
  const startsOn = schedule.startsOn ?? '';
  const monthly = /^FREQ=MONTHLY;(INTERVAL=3;)?BYMONTHDAY=(-1|[1-9]|1\d|2[0-8])$/.exec(
    schedule.rrule,
  );
  if (monthly)
    return {
      ...blank,
      repeat: monthly[1] ? 'quarterly' : 'monthly',
      startsOn,
      monthDay: monthly[2] ?? '-1',
    };
  if (schedule.rrule === 'FREQ=YEARLY') return { ...blank, repeat: 'yearly', startsOn };
  return { ...blank, repeat: 'custom', startsOn, rrule: schedule.rrule };
}

/** How a schedule reads in plain words, such as “Every quarter on the last day”. */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.rrule === null) return schedule.dueOn ? `Due ${dayInWords(schedule.dueOn)}` : '';
  const values = scheduleValues(schedule);
  const day = values.monthDay === '-1' ? 'the last day' : `the ${ordinal(Number(values.monthDay))}`;
  const from = schedule.startsOn ? `, from ${dayInWords(schedule.startsOn)}` : '';
  if (values.repeat === 'monthly') return `Every month on ${day}${from}`;
  if (values.repeat === 'quarterly') return `Every quarter on ${day}${from}`;
  if (values.repeat === 'yearly') return `Every year on the start date${from}`;
  return `${schedule.rrule}${from}`;
}

export type Preview = { words: string; next: string[] } | { problem: string };

/**
 * What the picker shows under itself: the schedule in words and its next three occurrences
 * from `today` (or from the start, when that is later), or why the rule is not taken.
 */
export function previewSchedule(values: ScheduleValues, today: string): Preview | null {
  const schedule = scheduleOf(values);
  if (schedule.rrule === null)
    return schedule.dueOn ? { words: describeSchedule(schedule), next: [] } : null;
  if (!schedule.rrule || !schedule.startsOn) return null;
  const problem = ruleProblem(schedule.rrule);
  if (problem) return { problem: problem.message };
  const from = schedule.startsOn > today ? schedule.startsOn : today;
  const next = nextOccurrences({ rrule: schedule.rrule, startsOn: schedule.startsOn }, from, 3);
  return { words: describeSchedule(schedule), next: next.map(dayInWords) };
}
