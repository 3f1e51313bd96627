import { countryCodes, countryName } from '../../../domain/countries';
import type { PartnerStage } from '../../../domain/partners';

export { countryName } from '../../../domain/countries';
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
