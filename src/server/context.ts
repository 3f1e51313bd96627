import type { Config } from './config';
import type { Database, Tx } from './db/client';
import type { BlobStore } from './files/blob-store';
import type { Jobs } from './jobs/jobs';

/** What the running app holds: its settings, its database, its job queue and its file store. */
export type AppContext = {
  config: Config;
  database: Database;
  jobs: Jobs;
  files: BlobStore;
  /** Printed at start while no workspace exists; the setup page needs it. Null once set up. */
  setupToken: string | null;
};

/**
 * What every service function takes first: the app context, the request's id for audit events,
 * and the unit of work, an open transaction when the caller already holds one
 * (`db/unit-of-work.ts`).
 */
export type ServiceContext = AppContext & { requestId: string | null; tx?: Tx };

/** A service context inside a transaction: `withTransaction` hands it to its callback. */
export type TxContext = ServiceContext & { tx: Tx };
