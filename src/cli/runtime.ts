import { loadConfig } from '../server/config';
import type { ServiceContext } from '../server/context';
import type { Database } from '../server/db/client';
import { DataDirLockedError } from '../server/db/lock';
import { openConfiguredDatabase } from '../server/db/open';
import { prepareDatabase } from '../server/db/prepare';
import { openCheckedBlobStore } from '../server/files/open';
import { createJobs } from '../server/jobs/queue';
import { CliError, progress } from './command';

/**
 * Runs `fn` on the configured, migrated database with a service context, then closes it. On the
 * embedded database this takes the data-directory lock, so it fails at once while the server runs.
 */
export async function withServices<T>(
  fn: (ctx: ServiceContext, database: Database) => Promise<T>,
  options: { migrate?: boolean; announce?: string } = {},
): Promise<T> {
  const config = loadConfig();
  // Checked first, as at the server's start: a bucket that cannot be reached is one line, not
  // a failure part way through the command.
  const files = await openCheckedBlobStore(config).catch((error: Error) => {
    throw new CliError(error.message);
  });
  let opened: Awaited<ReturnType<typeof openConfiguredDatabase>>;
  try {
    opened = await openConfiguredDatabase(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new CliError(`${lowerFirst(error.message)} (is the server running?)`);
    }
    throw error;
  }
  // The CLI only enqueues; the server's workers send what it queued.
  const jobs = createJobs(opened.database, {
    work: false,
    files,
    mailer: null,
    secret: config.secret,
  });
  try {
    // Said only once the lock is held, so a refused run prints nothing but its error.
    if (options.announce) progress(options.announce);
    if (options.migrate !== false) {
      await prepareDatabase(opened.database);
    }
    const ctx: ServiceContext = {
      config,
      database: opened.database,
      jobs,
      files,
      setupToken: null,
      requestId: null,
    };
    return await fn(ctx, opened.database);
  } finally {
    await jobs.stop();
    await opened.close();
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
