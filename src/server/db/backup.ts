import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type Database, openPGlite } from './client';
import { embeddedDatabaseDir } from './open';

/** A backup or restore that cannot go ahead; its message is one line for the user. */
export class BackupError extends Error {}

/** Writes the embedded database as a gzipped PGlite dump; never leaves a half-written file. */
export async function backupEmbedded(
  database: Database,
  file: string,
  options: { force?: boolean; progress?: (line: string) => void } = {},
): Promise<{ file: string; bytes: number }> {
  const say = options.progress ?? (() => {});
  const target = resolve(file);
  if (!database.pglite) {
    throw new BackupError(
      'backup works on the embedded database only; use pg_dump with DATABASE_URL',
    );
  }
  if (existsSync(target) && !options.force) {
    throw new BackupError(`${file} already exists; pass --force to overwrite it`);
  }
  if (!existsSync(dirname(target))) throw new BackupError(`no such directory: ${dirname(file)}`);
  say('Dumping the database…');
  const dump = await database.pglite.dumpDataDir('gzip');
  const bytes = Buffer.from(await dump.arrayBuffer());
  say(`Writing ${(bytes.length / 1024 / 1024).toFixed(1)} MB to ${file}…`);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, bytes, { flag: 'w', mode: 0o600 });
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
  return { file: target, bytes: bytes.length };
}

/** Opens a database (from a dump, or a folder as it is) and checks it is a Tandem one. */
async function openAndCheck(options: { dump?: Blob; dataDir?: string }): Promise<void> {
  let client: PGlite | undefined;
  try {
    client = await openPGlite({ dataDir: options.dataDir, loadDataDir: options.dump });
    const { rows } = await client.query<{ found: string | null }>(
      "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS found",
    );
    if (!rows[0]?.found) throw new BackupError('the file is a database, but not a Tandem one');
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the file is not a readable Tandem backup (${firstLine(error)})`);
  } finally {
    await client?.close().catch(() => {});
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown';
}

/**
 * Replaces the embedded database in `dataDir` by the dump in `file`. The caller holds the data
 * directory lock. A bad file changes nothing: it is opened in memory first, then loaded into a
 * staging folder, and only then swapped in; the previous database is kept until the new one opens.
 */
export async function restoreEmbedded(
  dataDir: string,
  file: string,
  options: { keepPrevious?: boolean; progress?: (line: string) => void } = {},
): Promise<{ previous: string | null }> {
  const say = options.progress ?? (() => {});
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const dump = new Blob([readFileSync(file)]);
  say('Checking the backup…');
  await openAndCheck({ dump });

  const current = embeddedDatabaseDir(dataDir);
  const staging = `${current}.restoring`;
  rmSync(staging, { recursive: true, force: true });
  say('Loading it into the data directory…');
  try {
    await openAndCheck({ dump, dataDir: staging });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = existsSync(current) ? `${current}.before-restore-${stamp}` : null;
  if (aside) renameSync(current, aside);
  renameSync(staging, current);
  try {
    say('Opening the restored database…');
    await openAndCheck({ dataDir: current });
  } catch (error) {
    rmSync(current, { recursive: true, force: true });
    if (aside) renameSync(aside, current);
    throw new BackupError(
      `the restored database did not open; nothing changed (${firstLine(error)})`,
    );
  }
  if (aside && !options.keepPrevious) {
    rmSync(aside, { recursive: true, force: true });
    return { previous: null };
  }
  return { previous: aside };
}
