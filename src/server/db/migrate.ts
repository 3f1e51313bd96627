import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type pg from 'pg';
import { migrationsFolder } from '../paths';
import type { Database } from './client';

/**
 * Applies the committed SQL migrations. The caller holds the schema lock on PostgreSQL: start-up
 * and the CLI go through `prepareDatabase`, which takes it. Each migrator loads with its driver.
 */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'embedded') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const [{ drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  // The pending migrations run in one transaction on one pooled connection.
  await migratePg(drizzlePg({ client: pool }), { migrationsFolder });
}
