import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { migrationsFolder } from '../paths';
import type { Database } from './client';

/**
 * Applies the committed SQL migrations. The caller holds the schema lock on PostgreSQL: start-up
 * and the CLI go through `prepareDatabase`, which takes it.
 */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'embedded') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  // The pending migrations run in one transaction on one pooled connection.
  await migratePg(drizzlePg({ client: pool }), { migrationsFolder });
}
