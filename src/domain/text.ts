import { z } from 'zod';
import { messages } from './messages';

/**
 * The one text type of Tandem. Names, titles, tags, tiers and search text are single-line
 * plain text; notes and descriptions may hold tabs and line breaks. Neither accepts NUL or the
 * other C0 control characters (nor DEL): PostgreSQL refuses NUL in text, and the others have
 * no place in text people read.
 */

/** What a person sees when a field refuses control characters (from the one catalogue). */
export const textMessages = {
  singleLine: messages.singleLine,
  multiLine: messages.multiLine,
} as const;

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** True when `text` holds a C0 control character or DEL, other than those `allowed`. */
export function hasControlCharacter(text: string, allowed: readonly number[] = []): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(code)) return true;
  }
  return false;
}

const lineBreaksAndTabs = [TAB, LINE_FEED, CARRIAGE_RETURN];

type Bounds = { min?: number; max: number };

function bounded(schema: z.ZodString, { min, max }: Bounds): z.ZodString {
  const withMin =
    min === undefined
      ? schema
      : schema.min(min, min === 1 ? messages.required : messages.minLength(min));
  return withMin.max(max, messages.maxLength(max));
}

/** Single-line plain text, trimmed: a name, a title, a tag, a search. */
export function singleLineText(bounds: Bounds): z.ZodString {
  return bounded(
    z
      .string()
      .refine((t) => !hasControlCharacter(t), textMessages.singleLine)
      .trim(),
    bounds,
  );
}

/** Multi-line plain text, trimmed: tabs and line breaks (`\n`, `\r\n`) are allowed. */
export function multiLineText(bounds: Bounds): z.ZodString {
  return bounded(
    z
      .string()
      .refine((t) => !hasControlCharacter(t, lineBreaksAndTabs), textMessages.multiLine)
      .trim(),
    bounds,
  );
}

/** `strategic_alliance` → `Strategic alliance`: how a stored word reads in a sentence. */
export function humanize(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
