import type { Command } from './command';

export const start: Command = {
  name: 'start',
  summary: 'Serve Tandem: the API, the web app and the background jobs',
  help: `Usage: tandem start [--json]

Serves Tandem on HOST:PORT (default 127.0.0.1:3000). Without DATABASE_URL it uses the embedded
database in TANDEM_DATA_DIR (default ./data) and holds its lock while it runs. Migrations run at
start. While no workspace exists, it prints a one-time setup link. SIGTERM or Ctrl+C stops it
cleanly. --json prints one line {"url","setupUrl"} once it listens (setupUrl is null once set
up); logs follow as JSON lines.`,
  options: {},
  async run({ values }) {
    // Loaded on demand, so --help and bad input answer without loading the server.
    const { runServer } = await import('../server/main');
    await runServer({ json: values.json === true });
  },
};
