// `npm run dev`: the server from the sources, restarted by tsx on every change. Kept apart from
// main.ts so that the bundled CLI never starts a second server by importing it.
import { ConfigError } from './config';
import { runServer, StartError } from './main';

runServer().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StartError;
  process.stderr.write(`tandem: ${known ? (error as Error).message : String(error)}\n`);
  if (!known) console.error(error);
  process.exit(1);
});
