import { describe, expect, it } from 'vitest';
import {
  isScheduleProblem,
  nextRunAfter,
  type ReportSchedule,
  scheduleInWords,
  scheduleOf,
} from './report-subscriptions';

const iso = (date: Date) => date.toISOString();

describe('the next run of a weekly report', () => {
  const monday: ReportSchedule = { cadence: 'weekly', weekday: 'monday' };

  it('is the coming weekday at 07:00 in the workspace time zone', () => {
    // Sunday 6 December 2026, 12:00 UTC: Monday 7 December at 07:00 in Berlin (UTC+1) is 06:00Z.
    const after = new Date('2026-12-06T12:00:00Z');
    expect(iso(nextRunAfter(monday, after, 'Europe/Berlin'))).toBe('2026-12-07T06:00:00.000Z');
    expect(iso(nextRunAfter(monday, after, 'UTC'))).toBe('2026-12-07T07:00:00.000Z');
    expect(iso(nextRunAfter(monday, after, 'America/New_York'))).toBe('2026-12-07T12:00:00.000Z');
  });

  it('is today when 07:00 is still ahead, a week later once it has passed', () => {
    const early = new Date('2026-12-07T05:59:00Z'); // 06:59 in Berlin, a Monday
    expect(iso(nextRunAfter(monday, early, 'Europe/Berlin'))).toBe('2026-12-07T06:00:00.000Z');
    const exactly = new Date('2026-12-07T06:00:00Z');
    expect(iso(nextRunAfter(monday, exactly, 'Europe/Berlin'))).toBe('2026-12-14T06:00:00.000Z');
  });

  it("takes the weekday of the workspace's date, not of UTC", () => {
    // 23:30 UTC on Sunday is already Monday 10:30 in Auckland (UTC+13): next Monday is a week on.
    const after = new Date('2026-12-06T23:30:00Z');
    expect(iso(nextRunAfter(monday, after, 'Pacific/Auckland'))).toBe('2026-12-13T18:00:00.000Z');
    // …and still Sunday afternoon in Los Angeles: Monday 07:00 there is 15:00Z.
    expect(iso(nextRunAfter(monday, after, 'America/Los_Angeles'))).toBe(
      '2026-12-07T15:00:00.000Z',
    );
  });

  it('stays at 07:00 local across a daylight-saving change', () => {
    // Berlin moves to summer time on Sunday 29 March 2026.
    const friday: ReportSchedule = { cadence: 'weekly', weekday: 'friday' };
    const before = nextRunAfter(friday, new Date('2026-03-23T00:00:00Z'), 'Europe/Berlin');
    expect(iso(before)).toBe('2026-03-27T06:00:00.000Z');
    expect(iso(nextRunAfter(friday, before, 'Europe/Berlin'))).toBe('2026-04-03T05:00:00.000Z');
  });
});

describe('the next run of a monthly report', () => {
  const on = (dayOfMonth: number): ReportSchedule => ({ cadence: 'monthly', dayOfMonth });

  it('is the day this month when still ahead, otherwise next month', () => {
    const after = new Date('2026-12-06T12:00:00Z');
    expect(iso(nextRunAfter(on(10), after, 'UTC'))).toBe('2026-12-10T07:00:00.000Z');
    expect(iso(nextRunAfter(on(1), after, 'UTC'))).toBe('2027-01-01T07:00:00.000Z');
    expect(iso(nextRunAfter(on(6), after, 'UTC'))).toBe('2027-01-06T07:00:00.000Z');
  });

  it('reaches the 28th of February, and crosses the year end', () => {
    expect(iso(nextRunAfter(on(28), new Date('2027-01-28T08:00:00Z'), 'UTC'))).toBe(
      '2027-02-28T07:00:00.000Z',
    );
    expect(iso(nextRunAfter(on(28), new Date('2027-12-31T23:00:00Z'), 'UTC'))).toBe(
      '2028-01-28T07:00:00.000Z',
    );
  });

  it("uses the workspace's month at a month end", () => {
    // 31 January 20:00 UTC is already 1 February in Tokyo: the 1st at 07:00 there has not passed.
    const after = new Date('2027-01-31T20:00:00Z');
    expect(iso(nextRunAfter(on(1), after, 'Asia/Tokyo'))).toBe('2027-01-31T22:00:00.000Z');
    // In New York it is still 31 January: the 1st is tomorrow morning there.
    expect(iso(nextRunAfter(on(1), after, 'America/New_York'))).toBe('2027-02-01T12:00:00.000Z');
  });

  it('advances by exactly one period from a run', () => {
    let run = nextRunAfter(on(15), new Date('2026-10-01T00:00:00Z'), 'Europe/Berlin');
    const runs = [iso(run)];
    for (let i = 0; i < 3; i += 1) {
      run = nextRunAfter(on(15), run, 'Europe/Berlin');
      runs.push(iso(run));
    }
    // Summer time ends on 25 October: 07:00 is 05:00Z before, 06:00Z after.
    expect(runs).toEqual([
      '2026-10-15T05:00:00.000Z',
      '2026-11-15T06:00:00.000Z',
      '2026-12-15T06:00:00.000Z',
      '2027-01-15T06:00:00.000Z',
    ]);
  });
});

describe('a schedule from its fields', () => {
  it('needs a weekday for weekly and a day from 1 to 28 for monthly, naming the field', () => {
    expect(scheduleOf({ cadence: 'weekly', weekday: 'friday' })).toEqual({
      cadence: 'weekly',
      weekday: 'friday',
    });
    expect(scheduleOf({ cadence: 'monthly', dayOfMonth: 28 })).toEqual({
      cadence: 'monthly',
      dayOfMonth: 28,
    });
    const problems = [
      scheduleOf({ cadence: 'weekly' }),
      scheduleOf({ cadence: 'weekly', weekday: 'monday', dayOfMonth: 3 }),
      scheduleOf({ cadence: 'monthly', dayOfMonth: 29 }),
      scheduleOf({ cadence: 'monthly', dayOfMonth: 0 }),
      scheduleOf({ cadence: 'monthly' }),
      scheduleOf({ cadence: 'monthly', dayOfMonth: 3, weekday: 'monday' }),
    ];
    expect(problems.map((p) => (isScheduleProblem(p) ? p.field : 'ok'))).toEqual([
      'weekday',
      'dayOfMonth',
      'dayOfMonth',
      'dayOfMonth',
      'dayOfMonth',
      'weekday',
    ]);
  });

  it('reads as words', () => {
    expect(scheduleInWords({ cadence: 'weekly', weekday: 'monday' })).toBe('Weekly on Monday');
    expect(scheduleInWords({ cadence: 'monthly', dayOfMonth: 1 })).toBe('Monthly on the 1st');
    expect(scheduleInWords({ cadence: 'monthly', dayOfMonth: 12 })).toBe('Monthly on the 12th');
    expect(scheduleInWords({ cadence: 'monthly', dayOfMonth: 22 })).toBe('Monthly on the 22nd');
  });
});
