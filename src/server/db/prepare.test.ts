import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../test/global-setup';
import { openTestDatabase } from '../../../test/harness';
import { preparedQueueNames } from '../jobs/queue';
import { migrationsFolder } from '../paths';
import { type Database, openPostgres } from './client';
import { prepareDatabase } from './prepare';
import { SCHEMA_LOCK, StartAborted } from './schema-lock';

/** A copy of the migrations with one more, newer than all: what an upgrade brings. */
function withOneMoreMigration(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  const last = journal.entries.at(-1);
  const tag = '9999_upgrade_probe';
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1_000, tag });
  writeFileSync(journalFile, JSON.stringify(journal));
  writeFileSync(join(dir, `${tag}.sql`), 'CREATE TABLE upgrade_probe (id integer);');
  return dir;
}

describe('starting on a schema that may already be current', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterEach(async () => {
    await drop();
  });

  const schedules = async () =>
    (await database.sql('SELECT name, cron, updated_on FROM pgboss.schedule ORDER BY name')).rows;

  it('leaves a current schema alone', async () => {
    const before = await schedules();
    expect(await prepareDatabase(database)).toBe('current');
    // The full path rewrites every schedule, which moves its updated_on.
    expect(await schedules()).toEqual(before);
  });

  it('applies a migration the database lacks, then finds it current', async () => {
    const folder = withOneMoreMigration();
    try {
      const probe = "SELECT to_regclass('upgrade_probe')::text AS name";
      expect((await database.sql(probe)).rows).toEqual([{ name: null }]);
      expect(await prepareDatabase(database, undefined, folder)).toBe('prepared');
      expect((await database.sql(probe)).rows).toEqual([{ name: 'upgrade_probe' }]);
      expect(await prepareDatabase(database, undefined, folder)).toBe('current');
      // A build one migration behind has nothing to apply, as drizzle's migrator decides too.
      expect(await prepareDatabase(database)).toBe('current');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('makes a job queue that is missing', async () => {
    await database.sql("SELECT pgboss.delete_queue('email.send')");
    expect(await prepareDatabase(database)).toBe('prepared');
    const { rows } = await database.sql("SELECT name FROM pgboss.queue WHERE name = 'email.send'");
    expect(rows).toEqual([{ name: 'email.send' }]);
    expect(await prepareDatabase(database)).toBe('current');
  });

  it('writes a schedule whose cron or options differ from this build', async () => {
    await database.sql(
      "UPDATE pgboss.schedule SET cron = '0 0 * * *' WHERE name = 'maintenance.purge'",
    );
    expect(await prepareDatabase(database)).toBe('prepared');
    const { rows } = await database.sql(
      "SELECT cron FROM pgboss.schedule WHERE name = 'maintenance.purge'",
    );
    expect(rows).toEqual([{ cron: '17 * * * *' }]);

    await database.sql("UPDATE pgboss.schedule SET options = '{}' WHERE name = 'health.snapshot'");
    expect(await prepareDatabase(database)).toBe('prepared');
    const health = await database.sql(
      "SELECT options FROM pgboss.schedule WHERE name = 'health.snapshot'",
    );
    expect(health.rows).toEqual([{ options: { expireInSeconds: 900 } }]);
  });
});

// Several processes share a database only on PostgreSQL; the embedded one has a single process.
const url = process.env.TANDEM_TEST_DATABASE === 'postgres' ? process.env.DATABASE_URL : undefined;

describe.skipIf(!url)('preparing the database from several processes at once', () => {
  const name = `tandem_prepare_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  const target = () => withDatabase(url ?? '', name);

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  async function eachOf<T>(count: number, fn: (database: Database) => Promise<T>) {
    const databases = await Promise.all(
      Array.from({ length: count }, () => openPostgres(target(), { max: 3 })),
    );
    try {
      return await Promise.allSettled(databases.map(fn));
    } finally {
      await Promise.all(databases.map((d) => d.close()));
    }
  }

  it('all succeed on an empty database, then on the migrated one', async () => {
    for (const round of ['empty', 'migrated']) {
      const results = await eachOf(5, (database) => prepareDatabase(database));
      expect(
        results.filter((r) => r.status === 'rejected'),
        round,
      ).toEqual([]);
    }
    const check = await openPostgres(target(), { max: 1 });
    try {
      const { rows } = await check.sql('SELECT name FROM pgboss.queue ORDER BY name');
      // Every queue this build makes, whichever process made it.
      expect(rows).toEqual([...preparedQueueNames].sort().map((name) => ({ name })));
    } finally {
      await check.close();
    }
  });

  it('does not wait for the lock when the schema is current', async () => {
    // Another process holds the lock (an upgrade under way elsewhere, say) for this whole test.
    const holder = new pg.Client({ connectionString: target() });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    try {
      const results = await eachOf(3, (database) => prepareDatabase(database));
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason))).toEqual([
        'current',
        'current',
        'current',
      ]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('stops waiting for the lock when the start is aborted', async () => {
    // Another process holds the lock for as long as this transaction stays open, and the
    // schema is one this build must change (a schedule differs), so the start waits for it.
    const holder = new pg.Client({ connectionString: target() });
    await holder.connect();
    await holder.query(
      "UPDATE pgboss.schedule SET cron = '0 0 * * *' WHERE name = 'maintenance.purge'",
    );
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    try {
      const results = await eachOf(1, (database) => {
        const stop = new AbortController();
        setTimeout(() => stop.abort(), 300);
        return prepareDatabase(database, stop.signal);
      });
      expect(results[0]?.status).toBe('rejected');
      expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(StartAborted);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});
