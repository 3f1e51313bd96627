import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError, type Command, output, progress } from './command';

export const backup: Command = {
  name: 'backup',
  summary: 'Write the database and the files to one backup file',
  help: `Usage: tandem backup <file> [--force] [--json]

Writes the embedded database (TANDEM_DATA_DIR), its secret and every stored file to <file>, a tar
archive. Refuses to overwrite an existing file unless --force. Needs the server stopped.
With DATABASE_URL, writes the files alone: back the database up with pg_dump.`,
  options: { force: { type: 'boolean' } },
  positionals: ['file'],
  async run({ values, positionals }) {
    const file = positionals[0] ?? '';
    const { loadConfig } = await import('../server/config');
    const { backupEmbedded, backupFiles } = await import('../server/backup/backup');
    const { embeddedDatabaseDir } = await import('../server/db/open');
    const { openCheckedBlobStore } = await import('../server/files/open');
    const { withServices } = await import('./runtime');
    const config = loadConfig();
    if (existsSync(file) && values.force !== true) {
      throw new CliError(`${file} already exists; pass --force to overwrite it`);
    }
    if (!existsSync(dirname(resolve(file)))) {
      throw new CliError(`no such directory: ${dirname(file)}`);
    }
    const options = { force: values.force === true, progress };
    if (config.databaseUrl) {
      const store = await openCheckedBlobStore(config).catch((error: Error) => {
        throw new CliError(error.message);
      });
      const result = await backupFiles(store, file, options);
      output(
        values,
        result,
        `${result.files} files written to ${result.file} (${megabytes(result.bytes)}); back the database up with pg_dump`,
      );
      return;
    }
    if (!existsSync(embeddedDatabaseDir(config.dataDir))) {
      throw new CliError(`there is no database in ${config.dataDir} yet; nothing to back up`);
    }
    // The secret goes with the data it seals, unless the operator keeps it (TANDEM_SECRET).
    const secret = process.env.TANDEM_SECRET
      ? null
      : readFileSync(join(config.dataDir, 'secret'), 'utf8').trim();
    const result = await withServices(
      (ctx, database) => backupEmbedded(database, ctx.files, file, { ...options, secret }),
      { migrate: false },
    );
    output(
      values,
      result,
      `Backup written to ${result.file} (${megabytes(result.bytes)}, ${result.files} files)`,
    );
  },
};

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
