/**
 * The time zones a form offers, labelled with spaces so a search for "New York" finds
 * `America/New_York`. The runtime's canonical zones leave out `UTC` itself, the zone of files,
 * of many servers and of a new workspace, so it comes first.
 */
export const timeZoneOptions: Array<{ value: string; label: string }> = [
  'UTC',
  ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []),
]
  .filter((zone, i, all) => all.indexOf(zone) === i)
  .map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));

/** The browser's own time zone: where the person probably is (when they log an interaction). */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
