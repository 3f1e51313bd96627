import { describe, expect, it } from 'vitest';
import {
  ContactCadence,
  cadenceForTiers,
  daysOverdue,
  defaultContactCadence,
  effectiveCadenceDays,
  nextTouchDue,
} from './cadence';

const setting = defaultContactCadence;

describe('effective cadence', () => {
  it("takes the partner's override over its tier", () => {
    expect(effectiveCadenceDays({ tier: 'gold', contactCadenceDays: 7 }, setting)).toBe(7);
  });
  it("takes the tier's days when there is no override", () => {
    expect(effectiveCadenceDays({ tier: 'platinum', contactCadenceDays: null }, setting)).toBe(14);
    expect(effectiveCadenceDays({ tier: 'registered', contactCadenceDays: null }, setting)).toBe(
      90,
    );
  });
  it('falls back to the default without a tier or with one the setting does not list', () => {
    const custom = { default: 21, tiers: { gold: 30 } };
    expect(effectiveCadenceDays({ tier: null, contactCadenceDays: null }, custom)).toBe(21);
    expect(effectiveCadenceDays({ tier: 'renamed', contactCadenceDays: null }, custom)).toBe(21);
    // Not a key of the object's prototype either.
    expect(effectiveCadenceDays({ tier: 'constructor', contactCadenceDays: null }, custom)).toBe(
      21,
    );
  });
});

describe('touch dates', () => {
  const last = new Date('2026-01-01T10:00:00Z');
  it('is due the cadence after the last touch, and null (due now) when never touched', () => {
    expect(nextTouchDue(last, 30)?.toISOString()).toBe('2026-01-31T10:00:00.000Z');
    expect(nextTouchDue(null, 30)).toBeNull();
  });
  it('counts whole days overdue, 0 before due', () => {
    const due = new Date('2026-01-31T10:00:00Z');
    expect(daysOverdue(due, new Date('2026-01-20T00:00:00Z'))).toBe(0);
    expect(daysOverdue(due, new Date('2026-02-02T09:59:59Z'))).toBe(1);
    expect(daysOverdue(due, new Date('2026-02-02T10:00:00Z'))).toBe(2);
  });
});

describe('the setting', () => {
  it('accepts days per tier and a default, and refuses days out of range, naming the field', () => {
    expect(ContactCadence.safeParse(setting).success).toBe(true);
    const bad = ContactCadence.safeParse({ default: 0, tiers: { gold: 1.5 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'default',
      'tiers.gold',
    ]);
    expect(ContactCadence.safeParse({ default: 30, tiers: {}, extra: 1 }).success).toBe(false);
  });
  it('keeps only the listed tiers', () => {
    expect(cadenceForTiers(setting, ['gold', 'new'])).toEqual({ default: 60, tiers: { gold: 30 } });
  });
});
