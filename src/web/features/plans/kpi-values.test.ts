import { describe, expect, it } from 'vitest';
import { formatKpiValue } from './kpi-values';

describe('formatKpiValue', () => {
  it('reads stored units as people do', () => {
    expect(formatKpiValue('percent', 1250, null)).toMatch(/^12[.,]5 %$/);
    expect(formatKpiValue('duration', 5400, null)).toMatch(/^1[.,]5 h$/);
    expect(formatKpiValue('duration', 600, null)).toBe('10 min');
    expect(formatKpiValue('currency', 123456, 'EUR')).toMatch(/1.?234[.,]56/);
    expect(formatKpiValue('count', 42, null)).toBe('42');
  });
});
