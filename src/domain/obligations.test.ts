import { describe, expect, it } from 'vitest';
import { isOverdue, nextDueOn, scheduleProblems } from './obligations';

const oneOff = { dueOn: '2027-03-31', rrule: null, startsOn: null };
const monthly = { dueOn: null, rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', startsOn: '2027-01-15' };

describe('schedules', () => {
  it('are a due date, or a rule with a start date, never both', () => {
    expect(scheduleProblems(oneOff)).toEqual([]);
    expect(scheduleProblems(monthly)).toEqual([]);
    expect(scheduleProblems({ dueOn: null, rrule: null, startsOn: null })[0]?.field).toBe('dueOn');
    expect(scheduleProblems({ ...monthly, dueOn: '2027-01-01' })[0]?.field).toBe('dueOn');
    expect(scheduleProblems({ ...monthly, startsOn: null })[0]?.field).toBe('startsOn');
    expect(scheduleProblems({ ...oneOff, startsOn: '2027-01-01' })[0]?.field).toBe('startsOn');
  });
});

describe('the next due date', () => {
  it('is the due date of an open one-off obligation, and none once closed', () => {
    expect(nextDueOn({ ...oneOff, status: 'open', doneThrough: null })).toBe('2027-03-31');
    expect(nextDueOn({ ...oneOff, status: 'done', doneThrough: null })).toBeNull();
    expect(nextDueOn({ ...oneOff, status: 'waived', doneThrough: null })).toBeNull();
  });

  it('is the first occurrence after the ones done, at month ends too', () => {
    const open = { ...monthly, status: 'open' as const };
    expect(nextDueOn({ ...open, doneThrough: null })).toBe('2027-01-31');
    expect(nextDueOn({ ...open, doneThrough: '2027-01-31' })).toBe('2027-02-28');
    expect(nextDueOn({ ...open, doneThrough: '2027-02-28' })).toBe('2027-03-31');
    const ended = { ...open, rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2' };
    expect(nextDueOn({ ...ended, doneThrough: '2027-02-28' })).toBeNull();
  });

  it('is overdue from the day after', () => {
    expect(isOverdue('2027-03-31', '2027-03-31')).toBe(false);
    expect(isOverdue('2027-03-31', '2027-04-01')).toBe(true);
    expect(isOverdue(null, '2027-04-01')).toBe(false);
  });
});
