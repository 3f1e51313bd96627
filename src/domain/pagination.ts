import { z } from 'zod';
import { uuid } from './ids';
import { singleLineText } from './text';

/** Page size of every list: `?limit=` defaults to 50 and may not exceed 200. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_LIMIT)
  .default(DEFAULT_LIMIT)
  .describe(`Page size, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})`);

/** The opaque keyset cursor a previous page returned as `nextCursor`. */
export const cursorParam = z
  .string()
  .min(1)
  .max(2048)
  .optional()
  .describe('The `nextCursor` of the previous page; omit for the first page');

/**
 * Search text: matched anywhere in the record's search text, case-insensitively. Blank text
 * (`?q=`, as an emptied search box sends) means no search.
 */
export const searchParam = singleLineText({ max: 200 })
  .optional()
  .transform((text) => (text === '' ? undefined : text))
  .describe('Search text, matched anywhere in the name (and domains or email), ignoring case');

/**
 * A filter that takes several values by repeating the parameter (`?stage=a&stage=b`, as
 * openapi-fetch sends arrays); a record matches when it has any of them. Each value is checked
 * against `value` (400 naming the parameter); the document types it as `string | string[]` so
 * that a client may pass values straight from a URL.
 */
export function multiParam<T extends z.ZodType<string, string>>(value: T) {
  // The document shows each value's own schema (enum, uuid, …), which the pipe would hide.
  const { $schema: _, ...one } = z.toJSONSchema(value, { io: 'input', unrepresentable: 'any' });
  return z
    .union([z.string(), z.array(z.string())])
    .transform((raw) => (Array.isArray(raw) ? raw : [raw]))
    .pipe(z.array(value).max(50))
    .optional()
    .meta({ anyOf: [one, { type: 'array', items: one, maxItems: 50 }] });
}

/** A list answer: one page of items and the cursor of the next page (null on the last). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `?cursor=` for the next page; null at the end'),
  });
}

/** A path parameter `{id}`: anything but a UUID is a 400 naming `id`. */
export const idParams = z.object({ id: uuid });
