import { describe, expect, it } from 'vitest';
import { editText, parseShown, typedValue } from './kpi-input';

describe('typed KPI values', () => {
  it('reads decimal points, decimal commas, spaces and a percent sign', () => {
    expect(parseShown('12.5')).toBe(12.5);
    expect(parseShown('19,99')).toBe(19.99);
    expect(parseShown('1 250')).toBe(1250);
    expect(parseShown('12.5 %')).toBe(12.5);
    expect(parseShown('-3')).toBe(-3);
    expect(parseShown('1,250.5')).toBeNull();
    expect(parseShown('abc')).toBeNull();
    expect(parseShown('')).toBeNull();
  });

  it('converts to stored units and says why a value cannot be stored', () => {
    expect(typedValue('percent', '12.5', null)).toEqual({ value: 1250 });
    expect(typedValue('currency', '19.99', 'EUR')).toEqual({ value: 1999 });
    expect(typedValue('currency', '19.999', 'EUR')).toHaveProperty('message');
    expect(typedValue('count', '-1', null)).toHaveProperty('message');
    expect(typedValue('count', 'x', null)).toHaveProperty('message');
    expect(typedValue('count', ' ', null)).toEqual({ value: null });
  });

  it('shows stored values back in everyday units', () => {
    expect(editText('percent', 1250, null)).toBe('12.5');
    expect(editText('currency', 500, 'JPY')).toBe('500');
    expect(editText('count', null, null)).toBe('');
  });
});
