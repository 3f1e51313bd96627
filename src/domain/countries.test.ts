import { describe, expect, it } from 'vitest';
import { countryCodes, countryName } from './countries';

describe('countryName', () => {
  it('names a country in English', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('CI')).toBe('Côte d’Ivoire');
  });

  it('falls back to what it was given when that is no region code', () => {
    expect(countryName('not a code')).toBe('not a code');
  });

  it('names every code a partner may hold', () => {
    for (const code of countryCodes) expect(countryName(code)).not.toBe('');
  });
});
