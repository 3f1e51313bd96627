import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type pg from 'pg';
import { migrationsFolder } from '../paths';
import type { Database } from './client';

/**
 * Applies the committed SQL migrations. The caller holds the schema lock on PostgreSQL: start-up
 * and the CLI go through `prepareDatabase`, which takes it. Each migrator loads with its driver.
 */
export async function migrate(database: Database, folder = migrationsFolder): Promise<void> {
  if (database.kind === 'embedded') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    return;
  }
  const [{ drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  // The pending migrations run in one transaction on one pooled connection.
  await migratePg(drizzlePg({ client: pool }), { migrationsFolder: folder });
}

/** Where drizzle records the migrations it applied. */
export const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

/**
 * The folder time of the newest committed migration, from the journal alone. Drizzle applies
 * every migration whose folder time is later than the newest recorded `created_at`, so a
 * database whose newest record is at least this one has nothing to apply.
 */
export function newestMigrationMillis(folder = migrationsFolder): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}
