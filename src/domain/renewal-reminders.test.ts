import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultRenewalReminderDays,
  dueReminders,
  leadTimesOf,
  RenewalReminderDays,
} from './renewal-reminders';
import { addDays, daysInMonth, keyDates, noticeDeadline } from './renewals';

const leads = leadTimesOf(defaultRenewalReminderDays);

describe('renewal reminder settings', () => {
  it('takes positive whole days, longest first, each once, a few at most; empty is none', () => {
    expect(
      RenewalReminderDays.safeParse({ noticeDeadline: [90, 30, 7], endDate: [] }).success,
    ).toBe(true);
    const bad = [
      { noticeDeadline: [30, 90], endDate: [7] },
      { noticeDeadline: [30, 30], endDate: [7] },
      { noticeDeadline: [0], endDate: [7] },
      { noticeDeadline: [7.5], endDate: [7] },
      { noticeDeadline: [366], endDate: [7] },
      { noticeDeadline: [60, 50, 40, 30, 20, 10], endDate: [7] },
      { noticeDeadline: [7], endDate: ['7'] },
      { noticeDeadline: [7] },
      { noticeDeadline: [7], endDate: [7], extra: [1] },
    ];
    for (const value of bad) {
      const parsed = RenewalReminderDays.safeParse(value);
      expect(parsed.success, JSON.stringify(value)).toBe(false);
    }
    const unsorted = RenewalReminderDays.safeParse({ noticeDeadline: [7, 30], endDate: [] });
    expect(unsorted.error?.issues[0]).toMatchObject({
      path: ['noticeDeadline'],
      message: 'List the lead times longest first, such as 90, 30, 7',
    });
  });
});

describe('the reminder due on a day', () => {
  const dates = { noticeDeadline: '2027-02-28', endDate: '2027-03-31' };

  it('comes on the day a lead time reaches, not the day before', () => {
    // 2027-02-28 − 30 days = 2027-01-29.
    expect(dueReminders(dates, leads, '2027-01-28')[0]).toMatchObject({ leadDays: 90 });
    expect(dueReminders(dates, leads, '2027-01-29')).toEqual([
      { target: 'notice_deadline', targetDate: '2027-02-28', leadDays: 30, daysLeft: 30 },
      // The end is 61 days away: its 90-day reminder came on 2026-12-31 and is still the latest.
      { target: 'end_date', targetDate: '2027-03-31', leadDays: 90, daysLeft: 61 },
    ]);
  });

  it('counts Feb 29 in a leap year and not in others', () => {
    const leap = { noticeDeadline: '2028-03-07', endDate: '2028-03-07' };
    // 2028-03-07 − 7 days = 2028-02-29.
    expect(dueReminders(leap, leads, '2028-02-28').map((r) => r.leadDays)).toEqual([30, 30]);
    expect(dueReminders(leap, leads, '2028-02-29').map((r) => r.leadDays)).toEqual([7, 7]);
    const plain = { noticeDeadline: '2027-03-07', endDate: '2027-03-07' };
    expect(dueReminders(plain, leads, '2027-02-28').map((r) => r.leadDays)).toEqual([7, 7]);
  });

  it('after downtime sends the latest missed one only, and nothing once it or a later one went', () => {
    expect(dueReminders(dates, leads, '2027-02-25')).toMatchObject([
      { target: 'notice_deadline', leadDays: 7, daysLeft: 3 },
      { target: 'end_date', leadDays: 90, daysLeft: 34 },
    ]);
    const sent = { notice_deadline: [7], end_date: [90] };
    expect(dueReminders(dates, leads, '2027-02-26', sent)).toEqual([]);
    // The 30-day reminder went; the 7-day one is still to come.
    expect(dueReminders(dates, leads, '2027-02-21', { notice_deadline: [30] })).toMatchObject([
      { target: 'notice_deadline', leadDays: 7 },
      { target: 'end_date', leadDays: 90 },
    ]);
  });

  it('says nothing once a date has passed, and nothing for a notice deadline there is not', () => {
    expect(dueReminders(dates, leads, '2027-03-01').map((r) => r.target)).toEqual(['end_date']);
    expect(dueReminders(dates, leads, '2027-04-01')).toEqual([]);
    expect(
      dueReminders({ noticeDeadline: null, endDate: '2027-03-31' }, leads, '2027-03-30'),
    ).toEqual([{ target: 'end_date', targetDate: '2027-03-31', leadDays: 7, daysLeft: 1 }]);
  });
});

/** Any date from 1990 to 2110, with month ends and Feb 29 drawn often. */
const date = fc
  .tuple(
    fc.integer({ min: 1990, max: 2110 }),
    fc.integer({ min: 1, max: 12 }),
    fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant(31), fc.constant(29)),
  )
  .map(([y, m, d]) => {
    const day = Math.min(d, daysInMonth(y, m));
    return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });
const leadList = fc
  .uniqueArray(fc.integer({ min: 1, max: 365 }), { minLength: 1, maxLength: 5 })
  .map((days) => [...days].sort((a, b) => b - a));

describe('renewal reminder properties', () => {
  it('running every day from far ahead sends each lead time once, on its day, and nothing else', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), leadList, (end, notice, days) => {
        const deadline = noticeDeadline(end, notice);
        const lead = { notice_deadline: days, end_date: days };
        const sent: { notice_deadline: number[]; end_date: number[] } = {
          notice_deadline: [],
          end_date: [],
        };
        const start = addDays(deadline, -400);
        for (let day = start; day <= end; day = addDays(day, 1)) {
          for (const r of dueReminders(
            { noticeDeadline: deadline, endDate: end },
            lead,
            day,
            sent,
          )) {
            expect(addDays(r.targetDate, -r.leadDays)).toBe(day);
            sent[r.target].push(r.leadDays);
          }
        }
        expect(sent.notice_deadline).toEqual(days);
        expect(sent.end_date).toEqual(days);
      }),
      { numRuns: 40 },
    );
  });

  it('a day missed never loses the reminder after it: the next run sends the latest one due', () => {
    fc.assert(
      fc.property(date, leadList, fc.integer({ min: 1, max: 400 }), (end, days, gap) => {
        const lead = { notice_deadline: days, end_date: days };
        const today = addDays(end, -gap);
        const due = dueReminders({ noticeDeadline: null, endDate: end }, lead, today);
        const reached = days.filter((d) => addDays(end, -d) <= today);
        expect(due.map((r) => r.leadDays)).toEqual(reached.length ? [Math.min(...reached)] : []);
      }),
    );
  });

  it('an auto-renewing term is reminded by its rolled end, Jan 31 terms staying at month ends', () => {
    const terms = {
      endDate: '2027-01-31',
      noticePeriodDays: 0,
      autoRenewal: true,
      renewalTermMonths: 1,
    };
    const { endDate } = keyDates(terms, '2027-04-02');
    expect(endDate).toBe('2027-04-30');
    expect(dueReminders({ noticeDeadline: null, endDate }, leads, '2027-04-23')).toMatchObject([
      { target: 'end_date', targetDate: '2027-04-30', leadDays: 7, daysLeft: 7 },
    ]);
  });
});
