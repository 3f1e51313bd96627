import { CliError, type Command, output, progress } from './command';

export const restore: Command = {
  name: 'restore',
  summary: 'Replace the database and the files by a backup',
  help: `Usage: tandem restore <file> [--keep-previous] [--json]

Replaces the embedded database in TANDEM_DATA_DIR, its secret and the stored files by the backup
in <file> (made by tandem backup). The whole file is checked first: a bad file changes nothing.
The current ones are moved aside until the restored database has opened; --keep-previous keeps
them there afterwards. Needs the server stopped. With DATABASE_URL, restores the files of a
files-only backup, checked against the database: run pg_restore first, with the servers stopped.
With TANDEM_FILES_S3_BUCKET, the files are written to the bucket and the objects the backup does
not hold are removed (kept with --keep-previous).`,
  options: { 'keep-previous': { type: 'boolean' } },
  positionals: ['file'],
  async run({ values, positionals }) {
    const file = positionals[0] ?? '';
    const { loadConfig } = await import('../server/config');
    const { restoreEmbedded, restoreFiles } = await import('../server/backup/restore');
    const { DataDirLockedError, lockDataDir } = await import('../server/db/lock');
    const { openCheckedBucket } = await import('../server/files/open');
    const config = loadConfig();
    const options = { keepPrevious: values['keep-previous'] === true, progress };
    // A bucket is checked before anything is read, so a wrong setting is said in one line.
    const target = config.filesBucket
      ? {
          bucket: await openCheckedBucket(config.filesBucket).catch((error: Error) => {
            throw new CliError(error.message);
          }),
        }
      : { dir: config.filesDir };
    if (config.databaseUrl) {
      const url = config.databaseUrl;
      const { openPostgres } = await import('../server/db/client');
      const { readFileRows } = await import('../server/backup/file-rows');
      // Connected only once the archive checked out, to read the rows its files must match.
      const rowsOf = async () => {
        const database = await openPostgres(url, { max: 1 });
        try {
          return await readFileRows(database.sql);
        } finally {
          await database.close();
        }
      };
      const result = await restoreFiles(rowsOf, target, file, options);
      output(values, { restored: true, ...result }, `Restored ${result.files} files from ${file}`);
      return;
    }
    let lock: { release(): void };
    try {
      lock = lockDataDir(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) throw new CliError(error.message);
      throw error;
    }
    try {
      const result = await restoreEmbedded(config.dataDir, target, file, options);
      const kept = result.previous ? `; the previous ones are in ${result.previous}` : '';
      output(
        values,
        { restored: true, ...result },
        `Restored ${file} (${result.files} files)${kept}`,
      );
    } finally {
      lock.release();
    }
  },
};
