import { CliError, type Command, output, progress } from './command';

export const restore: Command = {
  name: 'restore',
  summary: 'Replace the embedded database by a backup file',
  help: `Usage: tandem restore <file> [--keep-previous] [--json]

Replaces the embedded database in TANDEM_DATA_DIR by the backup in <file> (made by tandem
backup). The file is checked first: a bad file changes nothing. The current database is moved
aside until the restored one has opened; --keep-previous keeps it there afterwards. Needs the
server stopped. With DATABASE_URL, use pg_restore or psql instead.`,
  options: { 'keep-previous': { type: 'boolean' } },
  positionals: ['file'],
  async run({ values, positionals }) {
    const file = positionals[0] ?? '';
    const { loadConfig } = await import('../server/config');
    const { restoreEmbedded } = await import('../server/db/backup');
    const { DataDirLockedError, lockDataDir } = await import('../server/db/lock');
    const config = loadConfig();
    if (config.databaseUrl) {
      throw new CliError(
        'restore works on the embedded database only; with DATABASE_URL use pg_restore',
      );
    }
    let lock: { release(): void };
    try {
      lock = lockDataDir(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) throw new CliError(error.message);
      throw error;
    }
    try {
      const result = await restoreEmbedded(config.dataDir, file, {
        keepPrevious: values['keep-previous'] === true,
        progress,
      });
      const kept = result.previous ? `; the previous database is in ${result.previous}` : '';
      output(values, { restored: true, previous: result.previous }, `Restored ${file}${kept}`);
    } finally {
      lock.release();
    }
  },
};
