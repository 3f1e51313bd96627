import { type Command, output } from './command';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply the database migrations and exit',
  help: `Usage: tandem migrate [--json]

Applies the committed SQL migrations to the configured database (on PostgreSQL under an
advisory lock, so several processes may run it at once). The server also does this at start.`,
  options: {},
  async run({ values }) {
    const { withServices } = await import('./runtime');
    const started = Date.now();
    await withServices(async () => {}, { announce: 'Applying migrations…' });
    const ms = Date.now() - started;
    output(values, { migrated: true, ms }, `Database is up to date (${ms} ms)`);
  },
};
