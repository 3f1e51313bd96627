import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  instantOfLocalInput,
  isTimeZone,
  localInputOf,
  wallTimeOf,
} from './time-zones';

describe('time zones', () => {
  it('reads a wall-clock time in its zone, across summer time', () => {
    expect(instantOfLocalInput('2026-05-04T09:30', 'Europe/Berlin')).toBe(
      '2026-05-04T07:30:00.000Z',
    );
    expect(instantOfLocalInput('2026-01-04T09:30', 'Europe/Berlin')).toBe(
      '2026-01-04T08:30:00.000Z',
    );
    expect(instantOfLocalInput('2026-05-04T09:30', 'America/New_York')).toBe(
      '2026-05-04T13:30:00.000Z',
    );
    expect(instantOfLocalInput('2026-05-04T09:30', 'Mars/Olympus')).toBeNull();
    expect(instantOfLocalInput('yesterday', 'UTC')).toBeNull();
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
  });

  it('shows an instant in a zone as the wall-clock time that reads back to it', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/Los_Angeles',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const minute = Math.floor(ms / 60_000) * 60_000;
          const iso = new Date(minute).toISOString();
          const back = instantOfLocalInput(localInputOf(iso, zone), zone);
          // An hour repeated when clocks go back reads as one of its two instants.
          expect(Math.abs(Date.parse(back ?? '') - minute) % 1_800_000).toBe(0);
        },
      ),
    );
  });

  it('keeps each zone to its own clock when zones take turns', () => {
    const noonUtc = Date.UTC(2026, 6, 1, 12);
    const hours = ['Europe/Berlin', 'Asia/Tokyo', 'europe/berlin', 'UTC', 'Asia/Tokyo'].map(
      (zone) => wallTimeOf(noonUtc, zone).hour,
    );
    expect(hours).toEqual([14, 21, 14, 12, 21]);
  });

  it('spells a known zone the way the runtime lists it', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(() => canonicalTimeZone('Mars/Olympus')).toThrow(RangeError);
  });
});
