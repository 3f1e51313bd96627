import { describe, expect, it } from 'vitest';
import {
  isOccurrence,
  maxOccurrences,
  nextOccurrences,
  normalizeRule,
  occurrenceAfter,
  occurrences,
  occurrencesUpTo,
  ruleProblem,
} from './recurrence';

const monthly31 = { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', startsOn: '2027-01-01' };
const lastDay = { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', startsOn: '2027-01-01' };

describe('occurrences', () => {
  it('skip the months without a 31st for BYMONTHDAY=31, as RFC 5545 says', () => {
    expect(occurrences(monthly31, '2027-01-01', '2027-12-31')).toEqual([
      '2027-01-31',
      '2027-03-31',
      '2027-05-31',
      '2027-07-31',
      '2027-08-31',
      '2027-10-31',
      '2027-12-31',
    ]);
  });

  it('take every month’s last day for BYMONTHDAY=-1, Feb 29 in a leap year', () => {
    expect(occurrences(lastDay, '2027-01-01', '2027-04-30')).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    expect(occurrences(lastDay, '2028-02-01', '2028-03-01')).toEqual(['2028-02-29']);
  });

  it('repeat a yearly Feb 29 only in leap years', () => {
    const rule = { rrule: 'FREQ=YEARLY', startsOn: '2028-02-29' };
    expect(occurrences(rule, '2028-01-01', '2036-12-31')).toEqual([
      '2028-02-29',
      '2032-02-29',
      '2036-02-29',
    ]);
  });

  it('are quarterly with INTERVAL=3 and include both ends of the window', () => {
    const quarterly = { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', startsOn: '2027-01-10' };
    expect(occurrences(quarterly, '2027-01-15', '2027-10-15')).toEqual([
      '2027-01-15',
      '2027-04-15',
      '2027-07-15',
      '2027-10-15',
    ]);
  });

  it('keep to weekdays, numbered weekdays, COUNT and UNTIL', () => {
    expect(
      occurrences(
        { rrule: 'FREQ=WEEKLY;BYDAY=MO,FR', startsOn: '2027-03-01' },
        '2027-03-01',
        '2027-03-12',
      ),
    ).toEqual(['2027-03-01', '2027-03-05', '2027-03-08', '2027-03-12']);
    expect(
      occurrences(
        { rrule: 'FREQ=MONTHLY;BYDAY=-1FR', startsOn: '2027-01-01' },
        '2027-01-01',
        '2027-03-31',
      ),
    ).toEqual(['2027-01-29', '2027-02-26', '2027-03-26']);
    expect(
      occurrences(
        { rrule: 'FREQ=DAILY;COUNT=3', startsOn: '2027-12-30' },
        '2027-01-01',
        '2028-12-31',
      ),
    ).toEqual(['2027-12-30', '2027-12-31', '2028-01-01']);
    expect(
      occurrences(
        { rrule: 'FREQ=WEEKLY;UNTIL=20270115', startsOn: '2027-01-01' },
        '2027-01-01',
        '2027-12-31',
      ),
    ).toEqual(['2027-01-01', '2027-01-08', '2027-01-15']);
  });

  it('refuse a window with more than the limit', () => {
    const daily = { rrule: 'FREQ=DAILY', startsOn: '2000-01-01' };
    expect(() => occurrences(daily, '2000-01-01', '2099-12-31')).toThrow(RangeError);
    expect(occurrences(daily, '2000-01-01', '2000-01-10', 10)).toHaveLength(10);
    expect(maxOccurrences).toBe(10_000);
  });

  it('answer the next ones and whether a day is an occurrence', () => {
    expect(nextOccurrences(lastDay, '2027-02-01', 3)).toEqual([
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    expect(occurrenceAfter(lastDay, '2027-02-28')).toBe('2027-03-31');
    expect(occurrenceAfter(lastDay, '2027-02-28', true)).toBe('2027-02-28');
    expect(
      occurrenceAfter({ rrule: 'FREQ=DAILY;COUNT=1', startsOn: '2027-01-01' }, '2027-01-01'),
    ).toBeNull();
    expect(isOccurrence(lastDay, '2027-02-28')).toBe(true);
    expect(isOccurrence(lastDay, '2027-02-27')).toBe(false);
  });
});

describe('occurrencesUpTo', () => {
  it('cuts a window at its limit instead of refusing it, and is the same below it', () => {
    const daily = { rrule: 'FREQ=DAILY', startsOn: '2027-01-01' };
    expect(occurrencesUpTo(daily, '2027-01-10', '2099-12-31', 3)).toEqual([
      '2027-01-10',
      '2027-01-11',
      '2027-01-12',
    ]);
    expect(occurrencesUpTo(lastDay, '2027-01-01', '2027-04-30', 10)).toEqual(
      occurrences(lastDay, '2027-01-01', '2027-04-30'),
    );
    expect(occurrencesUpTo(daily, '2027-01-10', '2027-01-09', 3)).toEqual([]);
    expect(occurrencesUpTo(daily, '2027-01-10', '2027-01-20', 0)).toEqual([]);
  });
});

describe('rules', () => {
  it('take the allowed parts, in any case and order, and write them one way', () => {
    expect(ruleProblem('FREQ=MONTHLY;BYMONTHDAY=5')).toBeNull();
    expect(normalizeRule('bymonthday=5;interval=3;freq=monthly')).toBe(
      'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=5',
    );
    expect(normalizeRule('RRULE:FREQ=WEEKLY;BYDAY=mo;UNTIL=20271231T000000Z')).toBe(
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=20271231',
    );
  });

  it.each([
    ['', 'rrule_syntax'],
    ['FREQ=HOURLY', 'rrule_unsupported'],
    ['FREQ=MINUTELY;INTERVAL=5', 'rrule_unsupported'],
    ['FREQ=DAILY;BYHOUR=9', 'rrule_unsupported'],
    ['FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO', 'rrule_unsupported'],
    ['DTSTART=20270101;FREQ=DAILY', 'rrule_unsupported'],
    ['INTERVAL=2', 'rrule_syntax'],
    ['FREQ=DAILY;FREQ=WEEKLY', 'rrule_syntax'],
    ['FREQ=DAILY;INTERVAL=0', 'rrule_value'],
    ['FREQ=DAILY;INTERVAL=1.5', 'rrule_value'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'rrule_value'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'rrule_value'],
    ['FREQ=WEEKLY;BYMONTHDAY=3', 'rrule_unsupported'],
    ['FREQ=YEARLY;BYDAY=MO', 'rrule_unsupported'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'rrule_unsupported'],
    ['FREQ=MONTHLY;BYDAY=XX', 'rrule_value'],
    ['FREQ=DAILY;COUNT=10001', 'rrule_value'],
    ['FREQ=DAILY;COUNT=2;UNTIL=20270101', 'rrule_syntax'],
    ['FREQ=DAILY;UNTIL=20270230', 'rrule_value'],
    ['FREQ=DAILY;', 'rrule_syntax'],
  ])('refuse %j (%s)', (rule, code) => {
    expect(ruleProblem(rule)?.code).toBe(code);
  });
});
