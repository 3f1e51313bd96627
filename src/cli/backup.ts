import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError, type Command, output, progress } from './command';

export const backup: Command = {
  name: 'backup',
  summary: 'Write the embedded database to a file',
  help: `Usage: tandem backup <file> [--force] [--json]

Writes the embedded database (TANDEM_DATA_DIR) to <file> as a gzipped PGlite dump. Refuses to
overwrite an existing file unless --force. Needs the server stopped. With DATABASE_URL, use
pg_dump instead.`,
  options: { force: { type: 'boolean' } },
  positionals: ['file'],
  async run({ values, positionals }) {
    const file = positionals[0] ?? '';
    const { loadConfig } = await import('../server/config');
    const { backupEmbedded } = await import('../server/db/backup');
    const { withServices } = await import('./runtime');
    if (loadConfig().databaseUrl) {
      throw new CliError(
        'backup works on the embedded database only; with DATABASE_URL use pg_dump',
      );
    }
    const { embeddedDatabaseDir } = await import('../server/db/open');
    const config = loadConfig();
    if (existsSync(file) && values.force !== true) {
      throw new CliError(`${file} already exists; pass --force to overwrite it`);
    }
    if (!existsSync(dirname(resolve(file)))) {
      throw new CliError(`no such directory: ${dirname(file)}`);
    }
    if (!existsSync(embeddedDatabaseDir(config.dataDir))) {
      throw new CliError(`there is no database in ${config.dataDir} yet; nothing to back up`);
    }
    const result = await withServices(
      async (_ctx, database) =>
        backupEmbedded(database, file, { force: values.force === true, progress }),
      { migrate: false },
    );
    const size = `${(result.bytes / 1024 / 1024).toFixed(1)} MB`;
    output(values, result, `Backup written to ${result.file} (${size})`);
  },
};
