import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  previewSchedule,
  type ScheduleValues,
  scheduleOf,
  scheduleValues,
} from './obligation-schedule';

const blank: ScheduleValues = {
  repeat: 'once',
  dueOn: '',
  startsOn: '',
  monthDay: '-1',
  rrule: '',
};

describe('the recurrence picker', () => {
  it.each([
    [{ repeat: 'monthly', startsOn: '2027-01-01', monthDay: '5' }, 'FREQ=MONTHLY;BYMONTHDAY=5'],
    [{ repeat: 'quarterly', startsOn: '2027-01-01' }, 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1'],
    [{ repeat: 'yearly', startsOn: '2027-03-15' }, 'FREQ=YEARLY'],
    [
      { repeat: 'custom', startsOn: '2027-01-01', rrule: ' FREQ=WEEKLY;BYDAY=FR ' },
      'FREQ=WEEKLY;BYDAY=FR',
    ],
  ] as const)('turns %j into the rule %s and back', (values, rrule) => {
    const schedule = scheduleOf({ ...blank, ...values });
    expect(schedule).toEqual({ dueOn: null, rrule, startsOn: values.startsOn });
    expect(scheduleValues(schedule)).toMatchObject({ repeat: values.repeat });
  });

  it('sends a one-off obligation its due date only', () => {
    expect(scheduleOf({ ...blank, dueOn: '2027-02-01', startsOn: '2027-01-01' })).toEqual({
      dueOn: '2027-02-01',
      rrule: null,
      startsOn: null,
    });
  });

  it('says the schedule in words and previews the next three occurrences from today', () => {
    const values = { ...blank, repeat: 'quarterly' as const, startsOn: '2027-01-01' };
    expect(previewSchedule(values, '2027-05-10')).toEqual({
      words: 'Every quarter on the last day, from Fri 1 Jan 2027',
      next: ['Sat 31 Jul 2027', 'Sun 31 Oct 2027', 'Mon 31 Jan 2028'],
    });
    expect(
      describeSchedule({ dueOn: null, rrule: 'FREQ=MONTHLY;BYMONTHDAY=2', startsOn: '2027-01-01' }),
    ).toBe('Every month on the 2nd, from Fri 1 Jan 2027');
  });

  it('shows why a custom rule is not taken', () => {
    const preview = previewSchedule(
      { ...blank, repeat: 'custom', startsOn: '2027-01-01', rrule: 'FREQ=HOURLY' },
      '2027-01-01',
    );
    expect(preview).toEqual({ problem: expect.any(String) });
  });
});
