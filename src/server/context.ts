import type { Config } from './config';
import type { Database } from './db/client';
import type { Jobs } from './jobs/jobs';

/** What the running app holds: its settings, its database and its job queue. */
export type AppContext = {
  config: Config;
  database: Database;
  jobs: Jobs;
  /** Printed at start while no workspace exists; the setup page needs it. Null once set up. */
  setupToken: string | null;
};

/** The app context plus the current request's id, for audit events. */
export type ServiceContext = AppContext & { requestId: string | null };
