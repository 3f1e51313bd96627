import { countryCodes } from '../../../domain/countries';
import type { PartnerStage } from '../../../domain/partners';

export { humanize } from '../../../domain/text';

export const stageColors: Record<PartnerStage, string> = {
  // A mid grey: the default grey dot vanishes on the dark theme's background.
  prospect: 'gray.6',
  onboarding: 'blue',
  active: 'teal',
  at_risk: 'orange',
  inactive: 'yellow',
  ended: 'red',
};

const regionNames =
  typeof Intl.DisplayNames === 'function'
    ? new Intl.DisplayNames(['en'], { type: 'region' })
    : undefined;

/** `DE` → `Germany`, falling back to the code. */
export function countryName(code: string): string {
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

// Made once: the lists call these for every row they render.
const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** Every country, by name, for pickers and filters. */
export const countryOptions = [...countryCodes]
  .map((value) => ({ value, label: countryName(value) }))
  .sort((a, b) => a.label.localeCompare(b.label));
