import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns most tables share: an application-made UUIDv7 key and UTC timestamps. */
export const id = () => uuid('id').primaryKey();
/**
 * A tenant table's own id. Its primary key is `(workspace_id, id)` and every foreign key to it
 * carries `workspace_id` too (decision 012), so the database refuses a cross-workspace reference.
 */
export const tenantId = () => uuid('id').notNull();
/** Optimistic concurrency: bumped by every change, the record's ETag. */
export const version = () => integer('version').notNull().default(1);
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
