import { describe, expect, it } from 'vitest';
import {
  kpiAggregation,
  kpiCadenceKind,
  kpiStatuses,
  kpiUnit,
  maxStoredValue,
  shownValue,
  storedValue,
  validateKpiTarget,
  validateMeasurementValue,
} from './kpis';
import { messages } from './messages';
import { subPeriods } from './periods';

const issueOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('the KPI vocabulary', () => {
  it('refuses a unit or aggregation it does not know, naming the choices', () => {
    expect(kpiUnit.parse('currency')).toBe('currency');
    expect(issueOf(kpiUnit.safeParse('money'))).toBe(
      messages.oneOf(['count', 'currency', 'percent', 'duration']),
    );
    expect(kpiAggregation.safeParse('median').success).toBe(false);
    expect(kpiStatuses).toEqual(['on_track', 'at_risk', 'off_track']);
  });

  it('splits a plan’s year or quarter into the sub-periods of each cadence', () => {
    const year = { kind: 'year', fiscalYear: 2027 } as const;
    const quarter = { kind: 'quarter', fiscalYear: 2027, quarter: 2 } as const;
    expect(subPeriods(year, kpiCadenceKind.monthly)).toHaveLength(12);
    expect(subPeriods(year, kpiCadenceKind.quarterly)).toHaveLength(4);
    expect(subPeriods(quarter, kpiCadenceKind.monthly)).toHaveLength(3);
    expect(subPeriods(quarter, kpiCadenceKind.quarterly)).toHaveLength(1);
  });
});

describe('validateMeasurementValue', () => {
  it('wants a whole, finite number in every unit', () => {
    for (const unit of ['count', 'currency', 'percent', 'duration'] as const) {
      expect(validateMeasurementValue(unit, 42)).toBeNull();
      expect(validateMeasurementValue(unit, 1.5)).toBe(messages.wholeNumber);
      expect(validateMeasurementValue(unit, Number.NaN)).toBe(messages.invalid);
      expect(validateMeasurementValue(unit, Number.POSITIVE_INFINITY)).toBe(messages.invalid);
      expect(validateMeasurementValue(unit, '42')).toBe(messages.invalid);
      expect(validateMeasurementValue(unit, maxStoredValue + 2)).toBe(
        messages.maxNumber(maxStoredValue),
      );
    }
  });

  it('lets money and percentages go negative, never counts or durations', () => {
    expect(validateMeasurementValue('currency', -2500)).toBeNull();
    expect(validateMeasurementValue('percent', -150)).toBeNull();
    expect(validateMeasurementValue('count', -1)).toBe(messages.minNumber(0));
    expect(validateMeasurementValue('duration', -60)).toBe(messages.minNumber(0));
  });
});

describe('storedValue and shownValue', () => {
  it('turn everyday amounts into stored whole units and back', () => {
    expect(storedValue('currency', 19.99, 'EUR')).toEqual({ value: 1999 });
    expect(storedValue('currency', 0.29, 'EUR')).toEqual({ value: 29 });
    expect(storedValue('currency', 1500, 'JPY')).toEqual({ value: 1500 });
    expect(storedValue('currency', 1.234, 'KWD')).toEqual({ value: 1234 });
    expect(storedValue('percent', 12.5)).toEqual({ value: 1250 });
    expect(storedValue('percent', -0.001)).toEqual({ message: messages.decimalPlaces(2) });
    expect(storedValue('duration', 3600)).toEqual({ value: 3600 });
    expect(shownValue('currency', 123456, 'EUR')).toBe(1234.56);
    expect(shownValue('percent', 1250)).toBe(12.5);
    expect(shownValue('count', 7)).toBe(7);
  });

  it('says how many decimals the unit keeps, or why the value is refused', () => {
    expect(storedValue('currency', 1.234, 'EUR')).toEqual({
      message: 'Use 2 decimal places or fewer',
    });
    expect(storedValue('currency', 1.5, 'JPY')).toEqual({ message: 'Use a whole number' });
    expect(storedValue('count', 2.5)).toEqual({ message: 'Use a whole number' });
    expect(storedValue('count', -3)).toEqual({ message: messages.minNumber(0) });
    expect(storedValue('currency', Number.NaN, 'EUR')).toEqual({ message: messages.invalid });
  });
});

describe('validateKpiTarget', () => {
  const level = {
    unit: 'count',
    direction: 'higher',
    aggregation: 'last',
    target: 40,
    baseline: 10,
  } as const;

  it('wants a level to aim past its baseline in its direction', () => {
    expect(validateKpiTarget(level)).toBeNull();
    expect(validateKpiTarget({ ...level, target: 10 })).toEqual({
      field: 'target',
      message: messages.targetAboveBaseline,
    });
    expect(validateKpiTarget({ ...level, direction: 'lower' })).toEqual({
      field: 'target',
      message: messages.targetBelowBaseline,
    });
    expect(validateKpiTarget({ ...level, direction: 'lower', target: 4 })).toBeNull();
  });

  it('measures from zero without a baseline, and for every sum', () => {
    const sum = { ...level, aggregation: 'sum', baseline: 500 } as const;
    expect(validateKpiTarget(sum)).toBeNull();
    expect(validateKpiTarget({ ...sum, target: 0 })).toEqual({
      field: 'target',
      message: messages.targetAboveZero,
    });
    expect(
      validateKpiTarget({ ...level, baseline: null, direction: 'lower', target: 0 }),
    ).toBeNull();
    expect(
      validateKpiTarget({
        ...level,
        unit: 'percent',
        baseline: null,
        direction: 'lower',
        target: -5,
      }),
    ).toEqual({ field: 'target', message: messages.minNumber(0) });
  });

  it('checks both are values of the unit first', () => {
    expect(validateKpiTarget({ ...level, target: 40.5 })).toEqual({
      field: 'target',
      message: messages.wholeNumber,
    });
    expect(validateKpiTarget({ ...level, baseline: -1 })).toEqual({
      field: 'baseline',
      message: messages.minNumber(0),
    });
  });
});
