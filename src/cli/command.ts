import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A failure the user can act on: printed as one line, `tandem: <message>`, exit 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;
export type Parsed = { values: Values; positionals: string[] };

export interface Command {
  /** How it is typed: `backup`, `workspace create`. */
  name: string;
  summary: string;
  /** The usage line and option list shown by `--help`. */
  help: string;
  options: Options;
  /** The names of the positional arguments it requires, in order. */
  positionals?: string[];
  run(args: Parsed): Promise<void>;
}

const commonOptions: Options = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
};

/** Parses a command's arguments strictly; a mistake becomes a one-line usage error. */
export function parseCommandArgs(command: Command, argv: string[]): Parsed | 'help' {
  let parsed: Parsed;
  try {
    const result = parseArgs({
      args: argv,
      options: { ...commonOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    parsed = { values: result.values as Values, positionals: result.positionals };
  } catch (error) {
    // Node's messages add a second sentence about positionals; the first one says it all.
    const first = (error as Error).message.split(/\.\s/)[0] ?? 'bad arguments';
    throw usageError(command, first.replace(/\.$/, ''));
  }
  if (parsed.values.help) return 'help';
  const wanted = command.positionals ?? [];
  if (parsed.positionals.length < wanted.length) {
    throw usageError(command, `missing <${wanted[parsed.positionals.length]}>`);
  }
  if (parsed.positionals.length > wanted.length) {
    throw usageError(command, `unexpected argument '${parsed.positionals[wanted.length]}'`);
  }
  return parsed;
}

export function usageError(command: Command, message: string): CliError {
  return new CliError(`${command.name}: ${message} (see tandem ${command.name} --help)`, 2);
}

/** A required string option, or a usage error naming it. */
export function requireOption(command: Command, values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw usageError(command, `--${name} is required`);
  }
  return value.trim();
}

/** Progress and notes go to stderr, so stdout stays clean for `--json` and scripts. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Prints the result: JSON on one line with `--json`, else the human text. */
export function output(values: Values, json: unknown, text: string): void {
  process.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
}
