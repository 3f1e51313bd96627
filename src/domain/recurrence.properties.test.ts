import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextOccurrences, occurrenceAfter, occurrences } from './recurrence';
import { addDays, daysInMonth } from './renewals';

/** Any date from 1970 to 2200, with month ends and Feb 29 drawn often. */
const date = fc
  .tuple(
    fc.integer({ min: 1970, max: 2200 }),
    fc.integer({ min: 1, max: 12 }),
    fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant(31), fc.constant(29)),
  )
  .map(([y, m, d]) => {
    const day = Math.min(d, daysInMonth(y, m));
    return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });
const monthDay = fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant(31), fc.constant(-1));
const interval = fc.integer({ min: 1, max: 12 });

describe('monthly rules', () => {
  it('fall on the day asked for, or the last day for -1, and never on another', () => {
    fc.assert(
      fc.property(date, monthDay, interval, (startsOn, day, every) => {
        const rule = { rrule: `FREQ=MONTHLY;INTERVAL=${every};BYMONTHDAY=${day}`, startsOn };
        for (const d of occurrences(rule, startsOn, addDays(startsOn, 800))) {
          const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
          expect(dd).toBe(day === -1 ? daysInMonth(y, m) : day);
          expect(d >= startsOn).toBe(true);
        }
      }),
    );
  });

  it('answer the same dates one by one as in a window, in order and without repeats', () => {
    fc.assert(
      fc.property(date, monthDay, interval, (startsOn, day, every) => {
        const rule = { rrule: `FREQ=MONTHLY;INTERVAL=${every};BYMONTHDAY=${day}`, startsOn };
        const window = occurrences(rule, startsOn, addDays(startsOn, 400));
        const stepped: string[] = [];
        let next = occurrenceAfter(rule, startsOn, true);
        while (next !== null && next <= addDays(startsOn, 400)) {
          stepped.push(next);
          next = occurrenceAfter(rule, next);
        }
        expect(stepped).toEqual(window);
        expect(nextOccurrences(rule, startsOn, window.length)).toEqual(window);
      }),
    );
  });
});

describe('daily and weekly rules', () => {
  it('step whole days and weeks, across leap days, with no time zone drift', () => {
    fc.assert(
      fc.property(date, fc.constantFrom(1, 7), interval, (startsOn, unit, every) => {
        const freq = unit === 1 ? 'DAILY' : 'WEEKLY';
        const rule = { rrule: `FREQ=${freq};INTERVAL=${every}`, startsOn };
        const dates = nextOccurrences(rule, startsOn, 20);
        expect(dates).toEqual(
          Array.from({ length: 20 }, (_, i) => addDays(startsOn, i * unit * every)),
        );
      }),
    );
  });
});
