import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contains,
  elapsedFraction,
  formatPeriod,
  maxFiscalYear,
  minFiscalYear,
  nextPeriod,
  type Period,
  parsePeriod,
  periodAt,
  periodKinds,
  periodOfDate,
  periodRange,
  previousPeriod,
  subPeriods,
} from './periods';

const july = { fiscalYearStartMonth: 7 };
const january = { fiscalYearStartMonth: 1 };

/** The period a label names, failing the test when it names none. */
const p = (label: string): Period => {
  const period = parsePeriod(label);
  if (!period) throw new Error(`not a period: ${label}`);
  return period;
};
const _labels = (periods: Period[]) => periods.map(formatPeriod);
const _rangeOf = (label: string, settings = july) => periodRange(p(label), settings);
const dayMs = 86_400_000;
const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
const daysFrom = (start: string, endExclusive: string) =>
  (Date.parse(endExclusive) - Date.parse(start)) / dayMs;

const startMonth = fc.integer({ min: 1, max: 12 }).map((m) => ({ fiscalYearStartMonth: m }));
const fiscalYear = fc.integer({ min: 1900, max: 2200 });
const period: fc.Arbitrary<Period> = fc.oneof(
  fiscalYear.map((y): Period => ({ kind: 'year', fiscalYear: y })),
  fc
    .tuple(fiscalYear, fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>)
    .map(([y, quarter]): Period => ({ kind: 'quarter', fiscalYear: y, quarter })),
  fc
    .tuple(fiscalYear, fc.integer({ min: 1, max: 12 }))
    .map(([y, month]): Period => ({ kind: 'month', fiscalYear: y, month })),
);
const date = fc
  .integer({ min: Date.UTC(1900, 0, 1) / dayMs, max: Date.UTC(2200, 0, 1) / dayMs })
  .map((day) => new Date(day * dayMs).toISOString().slice(0, 10));
const kind = fc.constantFrom(...periodKinds);
const runs = { numRuns: 400 };

describe('period properties', () => {
  it('reads back every label it writes, and writes back every label it reads', () => {
    fc.assert(
      fc.property(period, (x) => {
        expect(parsePeriod(formatPeriod(x))).toEqual(x);
      }),
      runs,
    );
    const label = fc
      .tuple(
        fc.integer({ min: minFiscalYear, max: maxFiscalYear }),
        fc.constantFrom('', '-Q1', '-Q4', '-M01', '-M09', '-M10', '-M12'),
      )
      .map(([y, suffix]) => `FY${y}${suffix}`);
    fc.assert(
      fc.property(label, (l) => {
        const parsed = parsePeriod(l);
        expect(parsed).not.toBeNull();
        if (parsed) expect(formatPeriod(parsed)).toBe(l);
      }),
      runs,
    );
  });

  it('puts every date in one month, one quarter and one year, nested', () => {
    fc.assert(
      fc.property(date, startMonth, (d, settings) => {
        const [year, quarter, month] = periodKinds.map((k) => periodOfDate(d, k, settings));
        if (!year || !quarter || !month) throw new Error('missing a kind');
        for (const x of [year, quarter, month]) {
          const { start, end } = periodRange(x, settings);
          expect(start <= d && d <= end).toBe(true);
          // Its neighbours do not hold the date, so the period holding it is the only one.
          for (const other of [previousPeriod(x), nextPeriod(x)]) {
            const near = periodRange(other, settings);
            expect(near.start <= d && d <= near.end).toBe(false);
          }
        }
        expect(contains(year, quarter)).toBe(true);
        expect(contains(quarter, month)).toBe(true);
        expect(contains(year, month)).toBe(true);
      }),
      runs,
    );
  });

  it('finds each period again from its first and last day', () => {
    fc.assert(
      fc.property(period, startMonth, (x, settings) => {
        const { start, end } = periodRange(x, settings);
        expect(periodOfDate(start, x.kind, settings)).toEqual(x);
        expect(periodOfDate(end, x.kind, settings)).toEqual(x);
      }),
      runs,
    );
  });

  it('tiles time: each period ends the day before the next one starts', () => {
    fc.assert(
      fc.property(period, startMonth, (x, settings) => {
        const range = periodRange(x, settings);
        const next = periodRange(nextPeriod(x), settings);
        expect(range.start <= range.end).toBe(true);
        expect(dayAfter(range.end)).toBe(range.endExclusive);
        expect(next.start).toBe(range.endExclusive);
        expect(previousPeriod(nextPeriod(x))).toEqual(x);
      }),
      runs,
    );
  });

  it('covers a year exactly with its 12 months and its 4 quarters', () => {
    fc.assert(
      fc.property(fiscalYear, startMonth, (y, settings) => {
        const year: Period = { kind: 'year', fiscalYear: y };
        const range = periodRange(year, settings);
        const length = daysFrom(range.start, range.endExclusive);
        expect([365, 366]).toContain(length);
        for (const k of ['month', 'quarter'] as const) {
          const parts = subPeriods(year, k).map((x) => periodRange(x, settings));
          expect(parts).toHaveLength(k === 'month' ? 12 : 4);
          expect(parts[0]?.start).toBe(range.start);
          expect(parts.at(-1)?.end).toBe(range.end);
          parts.slice(1).forEach((part, i) => {
            expect(part.start).toBe(parts[i]?.endExclusive);
          });
          const total = parts.reduce((sum, r) => sum + daysFrom(r.start, r.endExclusive), 0);
          expect(total).toBe(length);
        }
        for (const quarter of subPeriods(year, 'quarter')) {
          const months = subPeriods(quarter, 'month');
          expect(months).toHaveLength(3);
          for (const month of months) expect(contains(quarter, month)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('with a January start, is the calendar: year, quarter and month of a date', () => {
    fc.assert(
      fc.property(date, (d) => {
        const calendarMonth = Number(d.slice(5, 7));
        expect(periodOfDate(d, 'year', january).fiscalYear).toBe(Number(d.slice(0, 4)));
        expect(periodOfDate(d, 'quarter', january).quarter).toBe(Math.ceil(calendarMonth / 3));
        expect(periodOfDate(d, 'month', january).month).toBe(calendarMonth);
        const y = Number(d.slice(0, 4));
        expect(periodRange({ kind: 'year', fiscalYear: y }, january)).toMatchObject({
          start: `${y}-01-01`,
          end: `${y}-12-31`,
        });
      }),
      runs,
    );
  });

  it('in UTC, puts an instant in the period of its UTC date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2150, 0, 1) }),
        kind,
        startMonth,
        (ms, k, { fiscalYearStartMonth }) => {
          const utcDate = new Date(ms).toISOString().slice(0, 10);
          const settings = { fiscalYearStartMonth, timeZone: 'UTC' };
          expect(periodAt(ms, k, settings)).toEqual(periodOfDate(utcDate, k, settings));
        },
      ),
      runs,
    );
  });

  it('elapses from 0 to 1 and never goes back as days pass', () => {
    fc.assert(
      fc.property(period, startMonth, date, date, (x, settings, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const before = elapsedFraction(x, early, settings);
        const after = elapsedFraction(x, late, settings);
        expect(before).toBeGreaterThanOrEqual(0);
        expect(after).toBeLessThanOrEqual(1);
        expect(before).toBeLessThanOrEqual(after);
        const { start, end } = periodRange(x, settings);
        expect(elapsedFraction(x, end, settings)).toBe(1);
        expect(elapsedFraction(x, start, settings)).toBeGreaterThan(0);
      }),
      runs,
    );
  });
});
