import { createRequire } from 'node:module';
import { type SQL, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Database, Tx } from '../db/client';
import type { BlobStore } from '../files/blob-store';
import type { Mailer } from '../mail/mailer';
import { handlersFor } from './handlers';
import type { JobName, JobPayloads, Jobs } from './jobs';
import { schedules } from './schedules';

export const JOB_SCHEMA = 'pgboss';
export const queueNames: JobName[] = [
  'agreement.sweep',
  'cadence.catch-up',
  'email.send',
  'maintenance.purge',
  'notification.email',
  'notification.digest',
  'notification.overdue',
  'obligation.overdue',
  'health.snapshot',
  'kpi.refresh',
  'report.due',
  'report.send',
];
/** pg-boss's own queue for scheduled jobs: made under the schema lock like Tandem's. */
const SCHEDULE_QUEUE = '__pgboss__send-it';
/** Every queue `prepareJobs` makes. */
export const preparedQueueNames: string[] = [...queueNames, SCHEDULE_QUEUE];
/** The schema version this build's pg-boss installs and, at its start, insists on. */
export const jobSchemaVersion = (
  createRequire(import.meta.url)('pg-boss/version.json') as { schema: number }
).schema;

/** The queue plus what main.ts and tests need beyond enqueueing. */
export type JobQueue = Jobs & {
  /** Starts the workers (idempotent); a queue made with `work: false` only enqueues. */
  startWork(): Promise<void>;
  /** Resolves once pg-boss has started (it starts on first use otherwise). */
  start(): Promise<void>;
  boss(): Promise<PgBoss>;
};

/** pg-boss's `$1`-style statement as a drizzle SQL object, so it runs on the transaction. */
export function toDrizzleSql(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    const index = match.index ?? 0;
    chunks.push(sql.raw(text.slice(last, index)));
    const value = values[Number(match[1]) - 1];
    // Plain objects travel as JSON text; pg-boss casts them (`$3::jsonb`).
    const param =
      value !== null &&
      typeof value === 'object' &&
      !(value instanceof Date) &&
      !Array.isArray(value)
        ? JSON.stringify(value)
        : value;
    chunks.push(sql`${sql.param(param ?? null)}`);
    last = index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

function transactionDb(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = (await tx.execute(toDrizzleSql(text, values ?? []))) as unknown as {
        rows: unknown[];
      };
      return { rows: result.rows };
    },
  };
}

/**
 * pg-boss and what it loads (pg, cron-parser, luxon) load on the first enqueue or start, not
 * with the server: a start on a current schema needs none of it before it listens.
 */
async function loadPgBoss(): Promise<typeof PgBoss> {
  return (await import('pg-boss')).default;
}

/** pg-boss options shared by the server, the CLI and the tests. */
export type RetryPolicy = { limit: number; delaySeconds: number; backoff: boolean };

/**
 * A mail server that is down for a while: retried with growing delays (5 s, 10 s, 20 s, … each
 * up to twice that with pg-boss's jitter) for one to two hours. The first retry comes soon, so a
 * job whose worker died runs again about a minute later (see `jobTimings`).
 */
export const defaultRetry: RetryPolicy = { limit: 10, delaySeconds: 5, backoff: true };

/**
 * How long a dead worker can hold a job: it expires `expireSeconds` after it started, the next
 * maintenance (every `maintenanceSeconds`, in whichever process gets there first) fails it, and
 * its retry starts after the retry delay: at most 30 + 15 + 10 s. A job that really runs longer
 * than the expiry would run twice, so senders keep their own time-outs below it (mailer.ts).
 */
export const jobTimings = { expireSeconds: 30, maintenanceSeconds: 15 };

export function bossOptions(
  database: Database,
  work: boolean,
  retry: RetryPolicy = defaultRetry,
): PgBoss.ConstructorOptions {
  return {
    db: { executeSql: (text, values) => database.sql(text, values) },
    schema: JOB_SCHEMA,
    // The schema, queues and schedules come from `prepareJobs`, under the schema lock; working
    // processes send the scheduled jobs when they fall due.
    migrate: false,
    supervise: work,
    schedule: work,
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    expireInSeconds: jobTimings.expireSeconds,
    maintenanceIntervalSeconds: jobTimings.maintenanceSeconds,
  };
}

/**
 * Installs or upgrades pg-boss's tables and creates Tandem's queues. The caller holds the schema
 * lock (`prepareDatabase`): pg-boss's own install races with itself when processes start together.
 */
export async function prepareJobs(database: Database): Promise<void> {
  const PgBossClass = await loadPgBoss();
  const boss = new PgBossClass({ ...bossOptions(database, false), migrate: true });
  boss.on('error', () => {});
  await boss.start();
  for (const name of preparedQueueNames) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name);
  }
  for (const { name, cron, options } of schedules) await boss.schedule(name, cron, {}, options);
  await boss.stop({ graceful: false, wait: true, close: false });
}

/** Mail goes out within a second; the hourly purge can wait a minute for a worker. */
const pollingSeconds: Record<JobName, number> = {
  'agreement.sweep': 60,
  'cadence.catch-up': 60,
  'email.send': 0.5,
  'maintenance.purge': 60,
  'notification.email': 0.5,
  'notification.digest': 60,
  'notification.overdue': 60,
  'obligation.overdue': 60,
  'health.snapshot': 60,
  'kpi.refresh': 60,
  'report.due': 60,
  'report.send': 2,
};

/**
 * Jobs one worker takes per fetch. pg-boss waits its polling interval after a fetch unless told
 * more are waiting, which a full batch does (see `workOn`): a burst (a sweep, many mentions) goes
 * out in batches back to back. A batch stays well inside the job expiry: a failure stops it.
 */
const batchSizes: Record<JobName, number> = {
  'agreement.sweep': 1,
  'cadence.catch-up': 1,
  'email.send': 10,
  'maintenance.purge': 1,
  'notification.email': 10,
  'notification.digest': 1,
  'notification.overdue': 1,
  'obligation.overdue': 1,
  'health.snapshot': 1,
  'kpi.refresh': 1,
  'report.due': 1,
  // A report is a PDF and a mail per recipient: one at a time.
  'report.send': 1,
};

/**
 * The pg-boss queue on Tandem's own database (PGlite through the `db` adapter). It starts on
 * first use; `stop()` lets running jobs finish before it returns.
 */
export function createJobs(
  database: Database,
  options: {
    work: boolean;
    /** The app's file store, for jobs that read or write files. */
    files: BlobStore;
    mailer: Mailer | null;
    /** The server secret: mail links wait sealed with it in the queue. */
    secret: string;
    onError?: (error: Error) => void;
    /** How jobs enqueued here are retried when they fail. */
    retry?: RetryPolicy;
    /** Links in mail start with it (the config's publicUrl). */
    publicUrl?: string;
  },
): JobQueue {
  // Made on first use: sending needs no started instance, only the transaction it writes through.
  let made: Promise<PgBoss> | null = null;
  const instance = (): Promise<PgBoss> => {
    made ??= loadPgBoss().then((PgBossClass) => {
      const boss = new PgBossClass(bossOptions(database, options.work, options.retry));
      boss.on('error', (error) => options.onError?.(error));
      return boss;
    });
    return made;
  };
  let started: Promise<PgBoss> | null = null;
  let working = false;
  const enqueue: Jobs['enqueue'] = async (tx, name, data) => {
    const boss = await instance();
    const id = await boss.send(name, data, { db: transactionDb(tx) });
    // pg-boss answers null when the queue does not exist: fail the change, lose no mail.
    if (!id) throw new Error(`Job queue ${name} does not exist; run prepareJobs at start`);
  };
  const enqueueMany: Jobs['enqueueMany'] = async (tx, name, data) => {
    if (data.length === 0) return;
    // pg-boss's batch insert answers nothing; the queues exist from `prepareJobs` at start.
    const boss = await instance();
    await boss.insert(
      data.map((item) => ({ name, data: item })),
      { db: transactionDb(tx) },
    );
  };
  const handlers = handlersFor(
    database,
    options.files,
    options.mailer,
    options.secret,
    options.publicUrl ?? '',
    enqueue,
    enqueueMany,
  );

  /** Never call from inside a transaction: on PGlite the root client would wait forever. */
  const start = (): Promise<PgBoss> => {
    started ??= instance().then((boss) => boss.start());
    return started;
  };

  const startWork = async () => {
    await start();
    if (working) return;
    working = true;
    for (const name of queueNames) await workOn(name);
  };

  async function workOn<N extends JobName>(name: N) {
    const handler = handlers[name] as (data: JobPayloads[N], jobId: string) => Promise<void>;
    const boss = await start();
    // Known once `work` answers; a first batch handled before then simply waits its interval.
    let workerId: string | undefined;
    workerId = await boss.work<JobPayloads[N]>(
      name,
      { pollingIntervalSeconds: pollingSeconds[name], batchSize: batchSizes[name] },
      async (jobs) => {
        for (const [index, job] of jobs.entries()) {
          try {
            await handler(job.data, job.id);
          } catch (error) {
            // The failed job and the rest of its batch retry later, each on its own count; those
            // sent before it are done. A mail server that fails once is not tried again at once.
            const message = error instanceof Error ? error.message : String(error);
            for (const rest of jobs.slice(index)) {
              await boss.fail(
                name,
                rest.id,
                rest === job ? { message } : { notTriedAfter: job.id },
              );
            }
            return;
          }
        }
        // A full batch says more may be waiting: fetch again at once rather than after the
        // polling interval, so a burst goes out as fast as it is handled.
        if (workerId && jobs.length === batchSizes[name]) boss.notifyWorker(workerId);
      },
    );
  }

  if (options.work) {
    // A working process starts at once; errors surface through onError.
    startWork().catch((error: Error) => options.onError?.(error));
  }

  return {
    enqueue,
    enqueueMany,
    startWork,
    start: async () => {
      await start();
    },
    boss: start,
    async stop() {
      if (started) {
        const boss = await started.catch(() => undefined);
        // Graceful: running jobs finish (or time out) before this returns.
        await boss?.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
      }
      options.mailer?.close();
    },
  };
}
