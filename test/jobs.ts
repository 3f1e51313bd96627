import type { Config } from '../src/server/config';
import type { Database } from '../src/server/db/client';
import type { BlobStore } from '../src/server/files/blob-store';
import { createJobs, type JobQueue } from '../src/server/jobs/queue';
import { createMailer } from '../src/server/mail/mailer';

/**
 * The real pg-boss queue, not working by default: jobs are enqueued in the test database and
 * stay there. A test that wants them run calls `startWork()`.
 */
export function createTestJobs(
  database: Database,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'secret' | 'publicUrl'>,
  files: BlobStore,
): JobQueue {
  return createJobs(database, {
    work: false,
    files,
    mailer: createMailer(config),
    secret: config.secret,
    publicUrl: config.publicUrl,
  });
}

/** Waits until no notification mail is waiting or being sent; fails after 15 s. */
export async function mailQueueEmpty(database: Database): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { rows } = await database.sql(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notification.email' AND state IN ('created', 'retry', 'active')",
    );
    if ((rows[0] as { n: number }).n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('mail still queued');
}
