import { describe, expect, it } from 'vitest';
import { messages } from './messages';
import { CurrencyCode, currencyExponent } from './money';

const issueOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('CurrencyCode', () => {
  it('takes an ISO 4217 code in any case and stores it upper-cased', () => {
    expect(CurrencyCode.parse('EUR')).toBe('EUR');
    expect(CurrencyCode.parse(' jpy ')).toBe('JPY');
  });

  it('refuses anything else with one message', () => {
    for (const bad of ['', 'EURO', 'E1R', 'XYZ', 'QQQ']) {
      expect(issueOf(CurrencyCode.safeParse(bad))).toBe('Choose a currency, such as EUR');
    }
    expect(issueOf(CurrencyCode.safeParse(978))).toBe(messages.invalid);
  });
});

describe('currencyExponent', () => {
  it('gives ISO 4217 minor units, also where the runtime shows fewer digits', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('usd')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('IQD')).toBe(3);
    expect(currencyExponent('HUF')).toBe(2);
    expect(currencyExponent('IDR')).toBe(2);
    expect(currencyExponent('CLF')).toBe(4);
  });
});
