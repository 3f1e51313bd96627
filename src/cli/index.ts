import { AppError } from '../server/http/errors';
import { apikeyCreate } from './apikey';
import { backup } from './backup';
import { CliError, type Command, parseCommandArgs } from './command';
import { migrateCommand } from './migrate';
import { restore } from './restore';
import { seed } from './seed';
import { start } from './start';
import { workspaceCreate } from './workspace';

const commands: Command[] = [
  start,
  migrateCommand,
  workspaceCreate,
  apikeyCreate,
  seed,
  backup,
  restore,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `Usage: tandem <command> [options]

Commands:
${lines.join('\n')}

Every command takes --help and --json. Configuration comes from the environment (PORT, HOST,
TANDEM_DATA_DIR, DATABASE_URL, TANDEM_PUBLIC_URL, TANDEM_SECRET, ...). On the embedded database,
every command but start needs the server stopped.`;
}

/** Finds the command named by the first one or two words. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = commands.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined;
}

async function main(argv: string[]): Promise<void> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${overview()}\n`);
    if (first === undefined) process.exitCode = 2;
    return;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `));
    if (group.length > 0) {
      const names = group.map((c) => `tandem ${c.name}`).join(', ');
      const sub = argv[1];
      if (sub === '--help' || sub === '-h') {
        process.stdout.write(`Commands: ${names}\n`);
        return;
      }
      throw new CliError(
        sub === undefined
          ? `${first}: missing subcommand (${names})`
          : `${first}: unknown subcommand '${sub}' (${names})`,
        2,
      );
    }
    throw new CliError(`unknown command '${first}' (see tandem --help)`, 2);
  }
  const parsed = parseCommandArgs(found.command, found.rest);
  if (parsed === 'help') {
    process.stdout.write(`${found.command.help}\n`);
    return;
  }
  await found.command.run(parsed);
}

function fail(error: unknown): void {
  let message = error instanceof Error ? error.message : String(error);
  // A service's validation error names its fields; say which, as the API would.
  if (error instanceof AppError && error.fields.length > 0) {
    message = error.fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  }
  process.stderr.write(`tandem: ${message.split('\n')[0]}\n`);
  if (/^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) console.error(error);
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
}

main(process.argv.slice(2)).catch(fail);
