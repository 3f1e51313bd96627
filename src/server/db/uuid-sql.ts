import { sql } from 'drizzle-orm';

/**
 * A UUIDv7 made by the database, for rows written set-based (`INSERT … SELECT`): the first 48
 * bits are the Unix time in milliseconds, like the application's ids, so they sort with them.
 * PostgreSQL 15 has no `uuidv7()`; this sets the version bits of a random v4 to 7.
 */
export const uuidv7Sql = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
