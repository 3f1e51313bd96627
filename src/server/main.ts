import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { loadConfig } from './config';
import type { AppContext } from './context';
import { DataDirLockedError } from './db/lock';
import { openConfiguredDatabase } from './db/open';
import { prepareDatabase } from './db/prepare';
import { StartAborted } from './db/schema-lock';
import { anyWorkspaceExists } from './features/workspaces/workspaces.queries';
import { openCheckedBlobStore } from './files/open';
import { createJobs, type JobQueue } from './jobs/queue';
import { createMailer } from './mail/mailer';
import { newToken } from './tokens';

export type RunningServer = {
  app: FastifyInstance;
  ctx: AppContext;
  /** Stops accepting, finishes in-flight requests, drains jobs, closes the database. */
  stop(): Promise<void>;
};

/** How long after listening the job workers start polling. */
const WORKERS_DELAY_MS = 1_000;

/** A failure to start that needs no stack trace: printed as one line. */
export class StartError extends Error {}

/**
 * Reads the configuration, opens and prepares the database, starts the jobs, and listens. An
 * aborted `signal` (a stop signal while starting) ends the start with `StartAborted`.
 */
export async function startServer(
  options: { json?: boolean; signal?: AbortSignal } = {},
): Promise<RunningServer> {
  const config = loadConfig();
  // Checked first: a bucket that cannot be reached stops the start before anything is opened.
  const files = await openCheckedBlobStore(config).catch((error: Error) => {
    throw new StartError(error.message);
  });
  let opened: Awaited<ReturnType<typeof openConfiguredDatabase>>;
  try {
    opened = await openConfiguredDatabase(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new StartError(error.message);
    throw error;
  }
  const { database } = opened;
  let jobs: JobQueue | undefined;
  let app: FastifyInstance | undefined;
  let workersStart: NodeJS.Timeout | undefined;
  const stop = async () => {
    clearTimeout(workersStart);
    // Order matters: no new requests, then no new jobs, then the database they both use.
    await app?.close();
    await jobs?.stop();
    await opened.close();
  };
  try {
    await prepareDatabase(database, options.signal);
    if (options.signal?.aborted) throw new StartAborted();
    // Workers start after the server listens, so that building the routes does not wait behind
    // the job queue's start-up queries (the embedded database answers one query at a time).
    jobs = createJobs(database, {
      work: false,
      files,
      mailer: createMailer(config),
      secret: config.secret,
      publicUrl: config.publicUrl,
      onError: (error) => app?.log.error({ err: error }, 'job queue error'),
    });
    const setupToken = (await anyWorkspaceExists(database.db)) ? null : newToken();
    const ctx: AppContext = { config, database, jobs, files, setupToken };
    app = await buildApp(ctx);
    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        throw new StartError(`port ${config.port} on ${config.host} is already in use (PORT)`);
      }
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
        throw new StartError(`cannot listen on HOST ${config.host}: ${code}`);
      }
      throw error;
    }
    // The workers' first polls are one cold query per queue (a quarter of a second in all on
    // the embedded database, whose one connection the first requests would wait behind), so
    // they start a moment after the server answers.
    const working = jobs;
    workersStart = setTimeout(() => {
      working
        .startWork()
        .catch((error: Error) => app?.log.error({ err: error }, 'job queue error'));
    }, WORKERS_DELAY_MS);
    const setupUrl = setupToken ? `${config.publicUrl}/setup#token=${setupToken}` : null;
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ url: config.publicUrl, setupUrl })}\n`);
    } else {
      if (setupUrl) process.stdout.write(`Tandem is not set up yet. Open ${setupUrl}\n`);
      process.stdout.write(`Tandem is listening on ${config.publicUrl}\n`);
    }
    return { app, ctx, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

function shutDown(server: RunningServer): void {
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`tandem: shutdown failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}

/**
 * Starts the server for `tandem start` and `npm run dev`, and stops it cleanly on SIGTERM or
 * SIGINT. A signal while it is still starting (waiting for another process's migrations, say)
 * ends the start at the next step and exits 0; a second signal forces the exit.
 */
export async function runServer(options: { json?: boolean } = {}): Promise<void> {
  let server: RunningServer | undefined;
  let stopping = false;
  const starting = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`tandem: ${signal} again, exiting without a clean shutdown\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`tandem: ${signal} received, shutting down\n`);
    if (server) shutDown(server);
    else starting.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    server = await startServer({ ...options, signal: starting.signal });
  } catch (error) {
    if (!starting.signal.aborted) throw error;
    // startServer has closed what it opened; the stop was asked for, so it is not a failure.
    process.exit(0);
  }
  if (stopping) shutDown(server);
}
