import { z } from 'zod';
import { messages } from './messages';

/**
 * Money (DESIGN §11): integer minor units plus an ISO 4217 code. What a code is and how many
 * minor units make a major one, for every feature that holds an amount.
 */

// The runtime's list; an old browser without it leaves the check to the server.
const knownCurrencies: ReadonlySet<string> | null =
  typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : null;

/** Whether the runtime knows an upper-case ISO 4217 code (`EUR`, `JPY`). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && (knownCurrencies === null || knownCurrencies.has(code));
}

/** ISO 4217 alphabetic code, upper-cased (`eur` is stored as `EUR`). */
export const CurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, messages.currency)
  .meta({ description: 'ISO 4217 currency code, such as `EUR` (lower case is accepted)' });
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/**
 * ISO 4217 minor-unit exponents other than 2. A fixed table, not `Intl`: ICU shows some
 * currencies with fewer digits than ISO (HUF, IDR with none, IQD with none instead of 3) and
 * differs between runtimes, and a stored amount must mean the same in every browser.
 */
const minorUnitExponents: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** The decimal places of a currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyExponent(code: string): number {
  return minorUnitExponents[code.toUpperCase()] ?? 2;
}
