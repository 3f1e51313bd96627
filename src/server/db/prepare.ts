import { JOB_SCHEMA, jobSchemaVersion, preparedQueueNames, prepareJobs } from '../jobs/queue';
import { schedules } from '../jobs/schedules';
import { migrationsFolder } from '../paths';
import type { Database } from './client';
import { MIGRATIONS_TABLE, migrate, newestMigrationMillis } from './migrate';
import { StartAborted, underSchemaLock } from './schema-lock';

/** What `prepareDatabase` found: nothing to do, or a schema it brought up to date. */
export type Preparation = 'current' | 'prepared';

/**
 * Everything a process does to the schema before it serves: the migrations, then the job queue's
 * tables, queues and schedules, all under the one schema lock, so any number of processes may
 * start together on an empty or a migrated database. A schema already current (the usual start)
 * is recognised with one read and left alone, without the lock.
 */
export async function prepareDatabase(
  database: Database,
  signal?: AbortSignal,
  folder = migrationsFolder,
): Promise<Preparation> {
  if (signal?.aborted) throw new StartAborted();
  if (await schemaIsCurrent(database, folder)) return 'current';
  await underSchemaLock(
    database,
    async () => {
      await migrate(database, folder);
      if (signal?.aborted) throw new StartAborted();
      await prepareJobs(database);
    },
    signal,
  );
  return 'prepared';
}

/**
 * One read: are the newest migration, pg-boss's schema version, every queue and every schedule
 * (cron, time zone, data and options) there? Each is committed whole (the migrations in one
 * transaction, each queue and schedule in its own statement) and the schedules come last, so a
 * process that reads them all while another prepares sees a finished preparation. A missing table (a new database) fails the read, which
 * also means "not current"; the full path then reports any real fault.
 */
export async function schemaIsCurrent(
  database: Database,
  folder = migrationsFolder,
): Promise<boolean> {
  const query = `SELECT
    (SELECT max(created_at) FROM ${MIGRATIONS_TABLE})::float8 AS migrated_to,
    (SELECT max(version) FROM ${JOB_SCHEMA}.version)::int AS job_schema,
    (SELECT count(*) FROM ${JOB_SCHEMA}.queue WHERE name = ANY(string_to_array($1, ',')))::int AS queues,
    (SELECT count(*) FROM ${JOB_SCHEMA}.schedule s
      JOIN jsonb_to_recordset($2::jsonb) AS w(name text, cron text, options jsonb)
        ON s.name = w.name AND s.cron = w.cron AND s.options = w.options
      WHERE s.timezone = 'UTC' AND s.data = '{}')::int AS schedules`;
  let row: {
    migrated_to: number | null;
    job_schema: number | null;
    queues: number;
    schedules: number;
  };
  try {
    const { rows } = await database.sql(query, [
      preparedQueueNames.join(','),
      JSON.stringify(
        schedules.map(({ name, cron, options }) => ({ name, cron, options: options ?? {} })),
      ),
    ]);
    row = rows[0] as typeof row;
  } catch {
    return false;
  }
  return (
    row.migrated_to !== null &&
    row.migrated_to >= newestMigrationMillis(folder) &&
    row.job_schema === jobSchemaVersion &&
    row.queues === preparedQueueNames.length &&
    row.schedules === schedules.length
  );
}
