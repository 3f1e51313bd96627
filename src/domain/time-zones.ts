/**
 * Wall-clock times in IANA time zones, with the runtime's zone data: an interaction is entered
 * as "09:30 in Europe/Berlin" and stored as the instant.
 */

/** Whether the runtime knows an IANA time zone name (`Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The runtime's own spelling of a known zone (`europe/berlin` → `Europe/Berlin`, `Etc/UTC` →
 * `UTC`), so a stored setting matches the names a time zone list offers.
 */
export function canonicalTimeZone(name: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
}

type Wall = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

/**
 * One formatter per zone: building an `Intl.DateTimeFormat` costs far more than formatting with
 * it (a tenth of a millisecond, once per period on every plan and workspace read). Only zones
 * the runtime knows get one; spellings differing in case are distinct keys, hence the cap.
 */
const wallFormats = new Map<string, Intl.DateTimeFormat>();
const MAX_WALL_FORMATS = 1_000;

function wallFormat(zone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (wallFormats.size >= MAX_WALL_FORMATS) wallFormats.clear();
    wallFormats.set(zone, format);
  }
  return format;
}

/** The wall clock of an instant in a zone. */
export function wallTimeOf(instant: number, zone: string): Wall {
  const parts = wallFormat(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const utcOf = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The instant (ms) a wall-clock time in a zone names; a time skipped by DST moves forward. */
export function instantOfWallTime(wall: Wall, zone: string): number {
  const asUtc = utcOf(wall);
  const offset = (at: number) => utcOf(wallTimeOf(at, zone)) - Math.floor(at / 1000) * 1000;
  const first = asUtc - offset(asUtc);
  return asUtc - offset(first);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-05-04T09:30` (an `<input type="datetime-local">` value) of an ISO instant in a zone. */
export function localInputOf(iso: string, zone: string): string {
  const w = wallTimeOf(Date.parse(iso), zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The ISO instant of a `datetime-local` value in a zone, or null when it is not one. */
export function instantOfLocalInput(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m || !isTimeZone(zone)) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const at = instantOfWallTime(
    {
      year: year ?? 0,
      month: month ?? 1,
      day: day ?? 1,
      hour: hour ?? 0,
      minute: minute ?? 0,
      second: second ?? 0,
    },
    zone,
  );
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
