import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysInMonth,
  fromDayNumber,
  keyDates,
  noticeDeadline,
  reminderDates,
  rollTerm,
  rollUntil,
  toDayNumber,
} from './renewals';

/** Any date from 1900 to 2400, with month ends and Feb 29 drawn often. */
const date = fc
  .tuple(
    fc.integer({ min: 1900, max: 2400 }),
    fc.integer({ min: 1, max: 12 }),
    fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant(31), fc.constant(29)),
  )
  .map(([y, m, d]) => {
    const day = Math.min(d, daysInMonth(y, m));
    return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });
const term = fc.integer({ min: 1, max: 36 });
const times = fc.integer({ min: 0, max: 40 });
const days = fc.integer({ min: 0, max: 3650 });

describe('renewal date properties', () => {
  it('day numbers round-trip', () => {
    fc.assert(fc.property(date, (d) => fromDayNumber(toDayNumber(d)) === d));
  });

  it('rolling n times, one term at a time from the original end, equals rolling by n × term', () => {
    fc.assert(
      fc.property(date, term, times, (end, months, n) => {
        const anchorDay = Number(end.slice(8));
        let stepped = end;
        for (let i = 0; i < n; i++) stepped = addMonths(stepped, months, anchorDay);
        expect(stepped).toBe(rollTerm(end, months, n));
        expect(stepped).toBe(addMonths(end, months * n));
      }),
    );
  });

  it('adding months keeps the day or takes the month end, and never moves backwards', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 600 }), (d, months) => {
        const result = addMonths(d, months);
        const day = Number(d.slice(8));
        const [y, m, rd] = result.split('-').map(Number) as [number, number, number];
        expect(rd).toBe(Math.min(day, daysInMonth(y, m)));
        expect(result >= d).toBe(true);
        expect((y - Number(d.slice(0, 4))) * 12 + m - Number(d.slice(5, 7))).toBe(months);
      }),
    );
  });

  it('the notice deadline is never after the end date, and exactly the period before it', () => {
    fc.assert(
      fc.property(date, days, (end, period) => {
        const deadline = noticeDeadline(end, period);
        expect(deadline <= end).toBe(true);
        expect(addDays(deadline, period)).toBe(end);
      }),
    );
  });

  it('rolling until a day lands in the term containing it, one term after the previous end', () => {
    fc.assert(
      fc.property(date, term, fc.integer({ min: 0, max: 20_000 }), (end, months, ahead) => {
        const today = addDays(end, ahead);
        const { endDate, renewals } = rollUntil(end, months, today);
        expect(endDate >= today).toBe(true);
        expect(endDate).toBe(rollTerm(end, months, renewals));
        if (renewals > 0) expect(rollTerm(end, months, renewals - 1) < today).toBe(true);
      }),
    );
  });

  it('key dates: deadline ≤ end, and the end is the original without auto-renewal', () => {
    fc.assert(
      fc.property(date, days, term, fc.boolean(), days, (end, notice, months, auto, ahead) => {
        const today = addDays(end, ahead);
        const terms = { endDate: end, noticePeriodDays: notice, autoRenewal: auto };
        const result = keyDates({ ...terms, renewalTermMonths: months }, today);
        expect(result.noticeDeadline <= result.endDate).toBe(true);
        if (!auto) expect(result).toMatchObject({ endDate: end, renewals: 0 });
      }),
    );
  });

  it('reminders are sorted and each falls before its target', () => {
    const leads = fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 6 });
    fc.assert(
      fc.property(date, days, leads, leads, (end, notice, before, beforeEnd) => {
        const dates = { endDate: end, noticeDeadline: noticeDeadline(end, notice) };
        const reminders = reminderDates(dates, { notice_deadline: before, end_date: beforeEnd });
        expect(reminders).toHaveLength(new Set(before).size + new Set(beforeEnd).size);
        const sorted = reminders.map((r) => r.date);
        expect(sorted).toEqual([...sorted].sort());
        for (const r of reminders) {
          expect(r.date < r.targetDate).toBe(true);
          expect(addDays(r.date, r.leadDays)).toBe(r.targetDate);
        }
      }),
    );
  });
});
