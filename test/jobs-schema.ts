import type { Database } from '../src/server/db/client';
import { prepareJobs } from '../src/server/jobs/queue';

/** Creates the job queue's tables once, so each test file's copy already has them. */
export async function prepareJobSchema(database: Database): Promise<void> {
  await prepareJobs(database);
}
