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
