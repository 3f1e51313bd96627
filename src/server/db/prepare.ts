import { prepareJobs } from '../jobs/queue';
import type { Database } from './client';
import { migrate } from './migrate';
import { StartAborted, underSchemaLock } from './schema-lock';

/**
 * Everything a process does to the schema before it serves: the migrations, then the job queue's
 * tables, queues and schedules, all under the one schema lock, so any number of processes may
 * start together on an empty or a migrated database.
 */
export async function prepareDatabase(database: Database, signal?: AbortSignal): Promise<void> {
  await underSchemaLock(
    database,
    async () => {
      await migrate(database);
      if (signal?.aborted) throw new StartAborted();
      await prepareJobs(database);
    },
    signal,
  );
}
