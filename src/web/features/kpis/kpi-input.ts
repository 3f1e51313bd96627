import { type KpiUnit, shownValue, storedValue } from '../../../domain/kpis';

/**
 * What a person typed (`12.5`, `19,99`, `1 250`) as a number in the unit's everyday terms, or
 * null when it is not one. A lone comma is a decimal comma; spaces and a trailing % are ignored.
 */
export function parseShown(text: string): number | null {
  let cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  if (cleaned === '') return null;
  if (!cleaned.includes('.') && /^-?\d*,\d+$/.test(cleaned)) cleaned = cleaned.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** Typed text as a stored value, or why it cannot be one; blank is `{ value: null }`. */
export function typedValue(
  unit: KpiUnit,
  text: string,
  currency: string | null,
): { value: number | null } | { message: string } {
  if (text.trim() === '') return { value: null };
  const shown = parseShown(text);
  if (shown === null) return { message: 'Type a number, such as 12.5' };
  return storedValue(unit, shown, currency);
}

/** A stored value as editable text in everyday units (1250 basis points as `12.5`). */
export function editText(unit: KpiUnit, stored: number | null, currency: string | null): string {
  return stored === null ? '' : String(shownValue(unit, stored, currency));
}

/** What a field's everyday unit is, for its label. */
export function unitHint(unit: KpiUnit, currency: string | null): string {
  if (unit === 'currency') return currency ? currency.toUpperCase() : 'currency';
  if (unit === 'percent') return '%';
  if (unit === 'duration') return 'seconds';
  return 'count';
}
