import { join } from 'node:path';
import type { Config } from '../config';
import { type Database, openEmbedded, openPostgres } from './client';
import { lockDataDir } from './lock';

/** The embedded database lives in its own folder, beside the secret and the lock file. */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, 'database');
}

export type OpenedDatabase = {
  database: Database;
  /** Closes the database, then releases the data-directory lock. Safe to call twice. */
  close(): Promise<void>;
};

/**
 * Opens the configured database. On the embedded one it first takes the data-directory lock, so
 * a second process fails at once instead of corrupting the files.
 */
export async function openConfiguredDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl);
    let closed = false;
    return {
      database,
      async close() {
        if (closed) return;
        closed = true;
        await database.close();
      },
    };
  }
  const lock = lockDataDir(config.dataDir);
  let database: Database;
  try {
    database = await openEmbedded({ dataDir: embeddedDatabaseDir(config.dataDir) });
  } catch (error) {
    lock.release();
    throw error;
  }
  let closed = false;
  return {
    database,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        lock.release();
      }
    },
  };
}
