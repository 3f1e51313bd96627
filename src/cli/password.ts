import { CliError } from './command';

/** Reads all of standard input; a password piped in ends at its first line break. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError('cancelled', 130));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The password from standard input, or asked twice on a terminal. Never from argv. */
export async function readPassword(what: string): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden(`${what}: `);
    const again = await askHidden(`${what} (again): `);
    if (first !== again) throw new CliError('the two passwords differ');
    if (first === '') throw new CliError('the password is empty');
    return first;
  }
  const text = await readStdin();
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password === '') throw new CliError('no password on standard input');
  return password;
}
