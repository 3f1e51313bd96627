import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database, Tx } from '../db/client';
import type { Mailer } from '../mail/mailer';
import type { JobName, JobPayloads, Jobs } from './jobs';

export const JOB_SCHEMA = 'pgboss';
export const queueNames: JobName[] = ['email.send'];

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

/** pg-boss options shared by the server, the CLI and the tests. */
export type RetryPolicy = { limit: number; delaySeconds: number; backoff: boolean };

/** A mail server that is down for a while: retried with growing delays for about an hour. */
export const defaultRetry: RetryPolicy = { limit: 6, delaySeconds: 30, backoff: true };

export function bossOptions(
  database: Database,
  work: boolean,
  retry: RetryPolicy = defaultRetry,
): PgBoss.ConstructorOptions {
  return {
    db: { executeSql: (text, values) => database.sql(text, values) },
    schema: JOB_SCHEMA,
    // Only a working process maintains the queue; the schema comes from `prepareJobs`.
    migrate: work,
    supervise: work,
    schedule: false,
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    expireInMinutes: 5,
  };
}

/** Creates pg-boss's tables and Tandem's queues; run at start and once for the test dump. */
export async function prepareJobs(database: Database): Promise<void> {
  const boss = new PgBoss({ ...bossOptions(database, true), supervise: false });
  boss.on('error', () => {});
  await boss.start();
  for (const name of queueNames) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name);
  }
  await boss.stop({ graceful: false, wait: true, close: false });
}

type Handlers = { [N in JobName]: (data: JobPayloads[N]) => Promise<void> };

function handlersFor(mailer: Mailer | null): Handlers {
  return {
    'email.send': async (data) => {
      // Without SMTP the links are shown to the admin; a queued mail has nowhere to go.
      if (!mailer) throw new Error('SMTP_URL is not set; cannot send mail');
      await mailer.send(data);
    },
  };
}

/**
 * The pg-boss queue on Tandem's own database (PGlite through the `db` adapter). It starts on
 * first use; `stop()` lets running jobs finish before it returns.
 */
export function createJobs(
  database: Database,
  options: {
    work: boolean;
    mailer: Mailer | null;
    onError?: (error: Error) => void;
    /** How jobs enqueued here are retried when they fail. */
    retry?: RetryPolicy;
  },
): JobQueue {
  // Made at once: sending needs no started instance, only the transaction it writes through.
  const boss = new PgBoss(bossOptions(database, options.work, options.retry));
  boss.on('error', (error) => options.onError?.(error));
  let started: Promise<PgBoss> | null = null;
  let working = false;
  const handlers = handlersFor(options.mailer);

  /** Never call from inside a transaction: on PGlite the root client would wait forever. */
  const start = (): Promise<PgBoss> => {
    started ??= (async () => {
      await boss.start();
      if (options.work) {
        for (const name of queueNames) {
          if (!(await boss.getQueue(name))) await boss.createQueue(name);
        }
      }
      return boss;
    })();
    return started;
  };

  const startWork = async () => {
    await start();
    if (working) return;
    working = true;
    for (const name of queueNames) {
      await boss.work<JobPayloads[typeof name]>(
        name,
        { pollingIntervalSeconds: 0.5, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await handlers[name](job.data);
        },
      );
    }
  };

  if (options.work) {
    // A working process starts at once; errors surface through onError.
    startWork().catch((error: Error) => options.onError?.(error));
  }

  return {
    async enqueue(tx, name, data) {
      const id = await boss.send(name, data, { db: transactionDb(tx) });
      // pg-boss answers null when the queue does not exist: fail the change, lose no mail.
      if (!id) throw new Error(`Job queue ${name} does not exist; run prepareJobs at start`);
    },
    startWork,
    start: async () => {
      await start();
    },
    boss: start,
    async stop() {
      if (started) {
        await started.catch(() => undefined);
        // Graceful: running jobs finish (or time out) before this returns.
        await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
      }
      options.mailer?.close();
    },
  };
}
