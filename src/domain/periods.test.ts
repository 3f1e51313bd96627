import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messages } from './messages';
import {
  addPeriods,
  calendarMonthName,
  contains,
  dividesInto,
  elapsedFraction,
  FiscalSettings,
  formatPeriod,
  maxFiscalYear,
  minFiscalYear,
  nextPeriod,
  type Period,
  type PeriodKind,
  PeriodLabel,
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
const labels = (periods: Period[]) => periods.map(formatPeriod);
const rangeOf = (label: string, settings = july) => periodRange(p(label), settings);
const dayMs = 86_400_000;
const _dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
const _daysFrom = (start: string, endExclusive: string) =>
  (Date.parse(endExclusive) - Date.parse(start)) / dayMs;

const _startMonth = fc.integer({ min: 1, max: 12 }).map((m) => ({ fiscalYearStartMonth: m }));
const fiscalYear = fc.integer({ min: 1900, max: 2200 });
const _period: fc.Arbitrary<Period> = fc.oneof(
  fiscalYear.map((y): Period => ({ kind: 'year', fiscalYear: y })),
  fc
    .tuple(fiscalYear, fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>)
    .map(([y, quarter]): Period => ({ kind: 'quarter', fiscalYear: y, quarter })),
  fc
    .tuple(fiscalYear, fc.integer({ min: 1, max: 12 }))
    .map(([y, month]): Period => ({ kind: 'month', fiscalYear: y, month })),
);
const _date = fc
  .integer({ min: Date.UTC(1900, 0, 1) / dayMs, max: Date.UTC(2200, 0, 1) / dayMs })
  .map((day) => new Date(day * dayMs).toISOString().slice(0, 10));
const _kind = fc.constantFrom(...periodKinds);
const _runs = { numRuns: 400 };

describe('period labels', () => {
  it('reads years, quarters and months of the fiscal year', () => {
    expect(parsePeriod('FY2027')).toEqual({ kind: 'year', fiscalYear: 2027 });
    expect(parsePeriod('FY2027-Q2')).toEqual({ kind: 'quarter', fiscalYear: 2027, quarter: 2 });
    expect(parsePeriod('FY2027-M05')).toEqual({ kind: 'month', fiscalYear: 2027, month: 5 });
    expect(formatPeriod({ kind: 'month', fiscalYear: 2027, month: 5 })).toBe('FY2027-M05');
  });

  it('names nothing for other spellings or years outside the supported range', () => {
    const wrong = [
      '',
      '2027',
      'FY27',
      'fy2027',
      ' FY2027',
      'FY2027 ',
      'FY2027-Q0',
      'FY2027-Q5',
      'FY2027-M1',
      'FY2027-M00',
      'FY2027-M13',
      'FY2027-Q2-M01',
      'FY2027-H1',
      'FY0999',
      `FY${maxFiscalYear + 1}`,
      'FY１２３４',
    ];
    for (const label of wrong) expect(parsePeriod(label), label).toBeNull();
    expect(parsePeriod(`FY${minFiscalYear}`)).not.toBeNull();
  });

  it('validates labels and settings with the catalogue’s words', () => {
    expect(PeriodLabel.parse('FY2027-Q2')).toBe('FY2027-Q2');
    expect(PeriodLabel.safeParse('Q2 2027').error?.issues[0]?.message).toBe(messages.period);
    expect(FiscalSettings.parse({ fiscalYearStartMonth: 7, timeZone: 'Asia/Tokyo' })).toEqual({
      fiscalYearStartMonth: 7,
      timeZone: 'Asia/Tokyo',
    });
    const problem = (value: unknown) =>
      FiscalSettings.safeParse(value).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(problem({ fiscalYearStartMonth: 0, timeZone: 'UTC' })).toEqual([
      ['fiscalYearStartMonth', messages.minNumber(1)],
    ]);
    expect(problem({ fiscalYearStartMonth: 13, timeZone: 'UTC' })).toEqual([
      ['fiscalYearStartMonth', messages.maxNumber(12)],
    ]);
    expect(problem({ fiscalYearStartMonth: 6.5, timeZone: 'Mars/Olympus' })).toEqual([
      ['fiscalYearStartMonth', messages.wholeNumber],
      ['timeZone', messages.timeZone],
    ]);
    expect(problem({ timeZone: 'UTC' })).toEqual([['fiscalYearStartMonth', messages.required]]);
    expect(problem({ fiscalYearStartMonth: 1, timeZone: 'UTC', extra: 1 })).toEqual([
      ['', messages.unknownField],
    ]);
  });
});

describe('period ranges', () => {
  it('names a year starting in July by the calendar year it ends in', () => {
    expect(rangeOf('FY2027')).toEqual({
      start: '2026-07-01',
      end: '2027-06-30',
      endExclusive: '2027-07-01',
    });
    expect(rangeOf('FY2027-Q1')).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
    expect(rangeOf('FY2027-Q2')).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    expect(rangeOf('FY2027-Q3')).toEqual({
      start: '2027-01-01',
      end: '2027-03-31',
      endExclusive: '2027-04-01',
    });
    expect(rangeOf('FY2027-M01')).toMatchObject({ start: '2026-07-01', end: '2026-07-31' });
    expect(rangeOf('FY2027-M07')).toMatchObject({ start: '2027-01-01', end: '2027-01-31' });
    expect(rangeOf('FY2027-M12')).toMatchObject({ start: '2027-06-01', end: '2027-06-30' });
  });

  it('makes a year starting in January the calendar year, its quarters the calendar quarters', () => {
    expect(rangeOf('FY2027', january)).toEqual({
      start: '2027-01-01',
      end: '2027-12-31',
      endExclusive: '2028-01-01',
    });
    expect(rangeOf('FY2027-Q2', january)).toMatchObject({ start: '2027-04-01', end: '2027-06-30' });
    expect(rangeOf('FY2027-M12', january)).toMatchObject({
      start: '2027-12-01',
      end: '2027-12-31',
    });
  });

  it('shows a fiscal month by its calendar name', () => {
    const month = { kind: 'month', fiscalYear: 2027, month: 1 } as const;
    expect(calendarMonthName(month, july)).toBe('Jul 2026');
    expect(calendarMonthName(month, january)).toBe('Jan 2027');
    expect(calendarMonthName({ ...month, month: 12 }, july)).toBe('Jun 2027');
    expect(calendarMonthName({ ...month, month: 11 }, { fiscalYearStartMonth: 4 })).toBe(
      'Feb 2027',
    );
  });

  it('counts February 29 in leap years only (every 4th year, not centuries but every 400th)', () => {
    const march = { fiscalYearStartMonth: 3 };
    expect(rangeOf('FY2024', march)).toMatchObject({ start: '2023-03-01', end: '2024-02-29' });
    expect(rangeOf('FY2025', march)).toMatchObject({ start: '2024-03-01', end: '2025-02-28' });
    expect(rangeOf('FY2024-M12', march).end).toBe('2024-02-29');
    expect(rangeOf('FY2000-M02', january).end).toBe('2000-02-29');
    expect(rangeOf('FY2100-M02', january).end).toBe('2100-02-28');
    expect(rangeOf('FY2024-Q1', january).endExclusive).toBe('2024-04-01');
    expect(periodOfDate('2024-02-29', 'month', march)).toEqual(p('FY2024-M12'));
    expect(elapsedFraction(p('FY2024'), '2024-07-01', january)).toBe(183 / 366);
  });
});

describe('the period of a date or an instant', () => {
  it('places the last and first day of a July year', () => {
    expect(labels(periodKinds.map((k) => periodOfDate('2026-06-30', k, july)))).toEqual([
      'FY2026',
      'FY2026-Q4',
      'FY2026-M12',
    ]);
    expect(labels(periodKinds.map((k) => periodOfDate('2026-07-01', k, july)))).toEqual([
      'FY2027',
      'FY2027-Q1',
      'FY2027-M01',
    ]);
    expect(formatPeriod(periodOfDate('2027-02-14', 'quarter', july))).toBe('FY2027-Q3');
    expect(formatPeriod(periodOfDate('2026-12-31', 'quarter', january))).toBe('FY2026-Q4');
  });

  it('refuses what is not a date, and dates outside the supported years', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-01-01', 'now']) {
      expect(() => periodOfDate(bad, 'month', july), bad).toThrow(RangeError);
    }
    expect(() => periodOfDate('9998-07-01', 'year', july)).toThrow(RangeError);
    expect(formatPeriod(periodOfDate('9998-06-30', 'year', july))).toBe('FY9998');
  });

  it('reads an instant on the workspace’s calendar: 23:30 UTC on June 30 is July 1 in Tokyo', () => {
    const lateOnJune30 = Date.UTC(2026, 5, 30, 23, 30);
    const at = (timeZone: string, k: PeriodKind) =>
      formatPeriod(periodAt(lateOnJune30, k, { fiscalYearStartMonth: 7, timeZone }));
    expect(at('UTC', 'quarter')).toBe('FY2026-Q4');
    expect(at('Asia/Tokyo', 'quarter')).toBe('FY2027-Q1');
    expect(at('Asia/Tokyo', 'year')).toBe('FY2027');
    expect(at('Asia/Tokyo', 'month')).toBe('FY2027-M01');
    const earlyOnJuly1 = Date.UTC(2026, 6, 1, 3, 0);
    const inLosAngeles = { fiscalYearStartMonth: 7, timeZone: 'America/Los_Angeles' };
    expect(formatPeriod(periodAt(earlyOnJuly1, 'quarter', inLosAngeles))).toBe('FY2026-Q4');
  });
});

describe('sub-periods, containment and neighbours', () => {
  it('splits a year into months and quarters and a quarter into its months', () => {
    expect(labels(subPeriods(p('FY2027'), 'quarter'))).toEqual([
      'FY2027-Q1',
      'FY2027-Q2',
      'FY2027-Q3',
      'FY2027-Q4',
    ]);
    expect(labels(subPeriods(p('FY2027'), 'month'))).toHaveLength(12);
    expect(labels(subPeriods(p('FY2027-Q2'), 'month'))).toEqual([
      'FY2027-M04',
      'FY2027-M05',
      'FY2027-M06',
    ]);
    expect(labels(subPeriods(p('FY2027-Q2'), 'quarter'))).toEqual(['FY2027-Q2']);
    expect(labels(subPeriods(p('FY2027-M05'), 'month'))).toEqual(['FY2027-M05']);
  });

  it('refuses to split a month into quarters', () => {
    expect(dividesInto(p('FY2027-M05'), 'quarter')).toBe(false);
    expect(dividesInto(p('FY2027-M05'), 'month')).toBe(true);
    expect(dividesInto(p('FY2027-Q1'), 'quarter')).toBe(true);
    expect(() => subPeriods(p('FY2027-M05'), 'quarter')).toThrow(RangeError);
  });

  it('knows which periods lie within which', () => {
    expect(contains(p('FY2027'), p('FY2027-Q3'))).toBe(true);
    expect(contains(p('FY2027'), p('FY2027-M12'))).toBe(true);
    expect(contains(p('FY2027-Q3'), p('FY2027-M07'))).toBe(true);
    expect(contains(p('FY2027-Q3'), p('FY2027-M10'))).toBe(false);
    expect(contains(p('FY2027-Q3'), p('FY2027'))).toBe(false);
    expect(contains(p('FY2027'), p('FY2028-Q1'))).toBe(false);
    expect(contains(p('FY2027-M05'), p('FY2027-M05'))).toBe(true);
  });

  it('steps to the next and previous period of the same kind, across years', () => {
    expect(formatPeriod(nextPeriod(p('FY2027-Q4')))).toBe('FY2028-Q1');
    expect(formatPeriod(previousPeriod(p('FY2027-Q2')))).toBe('FY2027-Q1');
    expect(formatPeriod(previousPeriod(p('FY2027-Q1')))).toBe('FY2026-Q4');
    expect(formatPeriod(previousPeriod(p('FY2027')))).toBe('FY2026');
    expect(formatPeriod(previousPeriod(p('FY2027-M01')))).toBe('FY2026-M12');
    expect(formatPeriod(addPeriods(p('FY2027-M03'), 24))).toBe('FY2029-M03');
    expect(formatPeriod(addPeriods(p('FY2027-Q1'), -9))).toBe('FY2024-Q4');
    expect(() => nextPeriod(p(`FY${maxFiscalYear}-M12`))).toThrow(RangeError);
    expect(() => previousPeriod(p(`FY${minFiscalYear}`))).toThrow(RangeError);
    expect(() => addPeriods(p('FY2027'), 0.5)).toThrow(RangeError);
  });

  it('measures the share of a period elapsed by the end of a day', () => {
    const q1 = p('FY2027-Q1'); // 2026-07-01 to 2026-09-30: 92 days
    expect(elapsedFraction(q1, '2026-06-30', july)).toBe(0);
    expect(elapsedFraction(q1, '2026-07-01', july)).toBe(1 / 92);
    expect(elapsedFraction(q1, '2026-08-15', july)).toBe(0.5);
    expect(elapsedFraction(q1, '2026-09-30', july)).toBe(1);
    expect(elapsedFraction(q1, '2027-01-01', july)).toBe(1);
  });
});
