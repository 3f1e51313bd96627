import type ICAL from 'ical.js';
import type { AddressObject } from 'mailparser';
import type { InteractionKind } from '../../../domain/interactions';
import { hasControlCharacter } from '../../../domain/text';
import { instantOfWallTime, isTimeZone } from '../../../domain/time-zones';
import { errors } from '../../http/errors';

/** What a dropped file says, before its addresses are matched to people. */
export type ReadFile = {
  kind: InteractionKind;
  occurredAt: Date | null;
  timeZone: string;
  durationMinutes: number | null;
  summary: string;
  /** Lower-cased addresses in the order the file names them, each once. */
  addresses: string[];
};

/** A dropped file holds at most 2 MB; the route's body limit refuses more before this runs. */
export const maxFileBytes = 2 * 1024 * 1024;
const maxAddresses = 200;
const maxSummary = 20_000;
const address = /^[^\s@<>"]+@[^\s@<>"]+$/;

const unreadable = (detail: string) =>
  errors.unprocessable('unreadable_file', detail, [
    { field: 'content', code: 'unreadable_file', message: detail },
  ]);

/** One line of plain text: control characters (folded or injected line breaks) become spaces. */
function oneLine(text: string): string {
  let out = '';
  for (const ch of text) out += hasControlCharacter(ch) ? ' ' : ch;
  return out.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** Text a person may read: tabs and line breaks kept, other control characters dropped. */
function plainText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n'))
    out += hasControlCharacter(ch, [0x09, 0x0a]) ? '' : ch;
  return out.trim();
}

function summaryOf(subject: string, body: string): string {
  const text = [oneLine(subject), plainText(body)].filter((part) => part !== '').join('\n\n');
  return text.length > maxSummary ? `${text.slice(0, maxSummary - 1)}…` : text;
}

function uniqueAddresses(found: string[]): string[] {
  const out = new Set<string>();
  for (const raw of found) {
    const value = raw
      .trim()
      .toLowerCase()
      .replace(/^mailto:/, '');
    if (value.length <= 254 && address.test(value)) out.add(value);
    if (out.size >= maxAddresses) break;
  }
  return [...out];
}

/** Reads an email (RFC 5322, `.eml`): its date, subject and text, and every address it names. */
export async function readEml(file: Buffer): Promise<ReadFile> {
  // Loaded when first used, like the other libraries only some requests need (a faster start).
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(file, {
    skipHtmlToText: true,
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  }).catch(() => {
    throw unreadable('The file is not an email this server can read');
  });
  const lists = [mail.from, mail.to, mail.cc, mail.bcc].flatMap((entry) =>
    entry === undefined ? [] : Array.isArray(entry) ? entry : [entry],
  ) as AddressObject[];
  const flat = (list: AddressObject['value']): string[] =>
    list.flatMap((a) => [...(a.address ? [a.address] : []), ...flat(a.group ?? [])]);
  const addresses = uniqueAddresses(lists.flatMap((list) => flat(list.value)));
  const subject = mail.subject ?? '';
  if (addresses.length === 0 && subject === '' && !mail.date)
    throw unreadable('The file has no sender, recipient, subject or date: not an email');
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  return {
    kind: 'email',
    occurredAt: date,
    timeZone: 'UTC',
    durationMinutes: null,
    summary: summaryOf(subject, mail.text ?? ''),
    addresses,
  };
}

/**
 * The instant of an iCalendar date-time: UTC (`Z`), in an IANA `TZID` (read with the runtime's
 * zone data, never a zone the file defines), or floating (read as UTC).
 */
function instantOf(property: ICAL.Property | null): { at: number; zone: string } | null {
  if (!property) return null;
  const value = property.getFirstValue() as ICAL.Time | null;
  if (!value || typeof value.year !== 'number') return null;
  const tzid = property.getParameter('tzid');
  const zone = typeof tzid === 'string' && isTimeZone(tzid) ? tzid : 'UTC';
  const at = instantOfWallTime(value, value.zone?.tzid === 'UTC' ? 'UTC' : zone);
  return Number.isNaN(at) ? null : { at, zone };
}

/** Reads a calendar event (RFC 5545, `.ics`): its first event's time, length, title and people. */
export async function readIcs(file: Buffer): Promise<ReadFile> {
  const { default: ICAL } = await import('ical.js');
  let event: ICAL.Component | null;
  try {
    const root = new ICAL.Component(ICAL.parse(file.toString('utf8')));
    event = root.name === 'vevent' ? root : root.getFirstSubcomponent('vevent');
  } catch {
    throw unreadable('The file is not a calendar this server can read');
  }
  if (!event) throw unreadable('The calendar holds no event');
  try {
    const start = instantOf(event.getFirstProperty('dtstart'));
    const end = instantOf(event.getFirstProperty('dtend'));
    const duration = event.getFirstPropertyValue('duration') as ICAL.Duration | null;
    const seconds =
      start && end ? (end.at - start.at) / 1000 : duration ? duration.toSeconds() : null;
    const minutes =
      seconds !== null && seconds >= 0 && seconds <= 7 * 24 * 3600
        ? Math.round(seconds / 60)
        : null;
    const people = ['organizer', 'attendee'].flatMap((name) =>
      event.getAllProperties(name).map((p) => String(p.getFirstValue() ?? '')),
    );
    return {
      kind: 'meeting',
      occurredAt: start ? new Date(start.at) : null,
      timeZone: start?.zone ?? 'UTC',
      durationMinutes: minutes,
      summary: summaryOf(
        String(event.getFirstPropertyValue('summary') ?? ''),
        String(event.getFirstPropertyValue('description') ?? ''),
      ),
      addresses: uniqueAddresses(people),
    };
  } catch {
    throw unreadable('The calendar event could not be read');
  }
}

/** Reads a dropped file by its name's extension: `.eml` or `.ics`; anything else is 415. */
export function readInteractionFile(fileName: string, file: Buffer): Promise<ReadFile> {
  if (file.length > maxFileBytes)
    throw errors.unprocessable('file_too_large', 'The file is larger than 2 MB', [
      { field: 'content', code: 'file_too_large', message: 'The file is larger than 2 MB' },
    ]);
  const name = fileName.toLowerCase();
  if (name.endsWith('.eml')) return readEml(file);
  if (name.endsWith('.ics')) return readIcs(file);
  throw errors.unprocessable('unsupported_file', 'Drop an .eml (email) or .ics (calendar) file', [
    { field: 'fileName', code: 'unsupported_file', message: 'Use an .eml or .ics file' },
  ]);
}
