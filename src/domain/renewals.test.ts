import { describe, expect, it } from 'vitest';
import {
  addMonths,
  isCalendarDate,
  keyDates,
  noticeDeadline,
  reminderDates,
  rollTerm,
  rollUntil,
} from './renewals';

describe('month-end rule', () => {
  it('takes the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-03-31', 1)).toBe('2027-04-30');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15');
    expect(addMonths('2027-01-15', -1)).toBe('2026-12-15');
  });

  it('century years: 2100 has no Feb 29, 2000 and 2400 do', () => {
    expect(addMonths('2099-12-31', 2)).toBe('2100-02-28');
    expect(addMonths('2399-12-31', 2)).toBe('2400-02-29');
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });

  it('a term rolls from the original end date, so Jan 31 stays at month ends', () => {
    expect([1, 2, 3, 4].map((n) => rollTerm('2027-01-31', 1, n))).toEqual([
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
    ]);
  });
});

describe('key dates', () => {
  it('the notice deadline is the end date less the notice period', () => {
    expect(noticeDeadline('2027-03-31', 90)).toBe('2026-12-31');
    expect(noticeDeadline('2028-03-01', 1)).toBe('2028-02-29');
    expect(noticeDeadline('2027-03-01', 0)).toBe('2027-03-01');
    expect(() => noticeDeadline('2027-03-01', -1)).toThrow(RangeError);
    expect(() => noticeDeadline('2027-02-30', 1)).toThrow(RangeError);
  });

  it('auto-renewal rolls the term until the term that contains today', () => {
    expect(rollUntil('2025-06-30', 12, '2025-06-30')).toEqual({
      endDate: '2025-06-30',
      renewals: 0,
    });
    expect(rollUntil('2025-06-30', 12, '2025-07-01')).toEqual({
      endDate: '2026-06-30',
      renewals: 1,
    });
    expect(rollUntil('2020-02-29', 12, '2027-01-01')).toEqual({
      endDate: '2027-02-28',
      renewals: 7,
    });
    expect(rollUntil('2000-01-31', 1, '2027-03-01')).toEqual({
      endDate: '2027-03-31',
      renewals: 326,
    });
  });

  it('without auto-renewal the end date stays, even once passed', () => {
    const terms = { endDate: '2026-12-31', noticePeriodDays: 30, renewalTermMonths: 12 };
    expect(keyDates({ ...terms, autoRenewal: false }, '2027-06-01')).toEqual({
      endDate: '2026-12-31',
      noticeDeadline: '2026-12-01',
      renewals: 0,
    });
    expect(keyDates({ ...terms, autoRenewal: true }, '2027-06-01')).toEqual({
      endDate: '2027-12-31',
      noticeDeadline: '2027-12-01',
      renewals: 1,
    });
    expect(() =>
      keyDates({ ...terms, autoRenewal: true, renewalTermMonths: null }, '2027-06-01'),
    ).toThrow(RangeError);
  });
});

describe('reminders', () => {
  const dates = { noticeDeadline: '2027-01-31', endDate: '2027-03-31' };

  it('falls the lead times before each target, sorted, duplicates once', () => {
    const reminders = reminderDates(dates, {
      notice_deadline: [30, 7, 7],
      end_date: [60, 1],
    });
    expect(reminders.map((r) => [r.date, r.target, r.leadDays])).toEqual([
      ['2027-01-01', 'notice_deadline', 30],
      ['2027-01-24', 'notice_deadline', 7],
      ['2027-01-30', 'end_date', 60],
      ['2027-03-30', 'end_date', 1],
    ]);
  });

  it('from a day, only the reminders still to come', () => {
    const next = reminderDates(dates, { notice_deadline: [30, 7], end_date: [60] }, '2027-01-24');
    expect(next.map((r) => r.date)).toEqual(['2027-01-24', '2027-01-30']);
  });

  it('refuses a lead time of zero days or a fraction', () => {
    expect(() => reminderDates(dates, { notice_deadline: [0], end_date: [] })).toThrow(RangeError);
    expect(() => reminderDates(dates, { notice_deadline: [1.5], end_date: [] })).toThrow(
      RangeError,
    );
  });
});
