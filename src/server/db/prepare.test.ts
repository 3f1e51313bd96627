import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../test/global-setup';
import { type Database, openPostgres } from './client';
import { prepareDatabase } from './prepare';
import { SCHEMA_LOCK, StartAborted } from './schema-lock';

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
      expect(rows).toEqual([
        { name: '__pgboss__send-it' },
        { name: 'cadence.catch-up' },
        { name: 'email.send' },
        { name: 'health.snapshot' },
        { name: 'maintenance.purge' },
        { name: 'notification.digest' },
        { name: 'notification.email' },
        { name: 'notification.overdue' },
      ]);
    } finally {
      await check.close();
    }
  });

  it('stops waiting for the lock when the start is aborted', async () => {
    // Another process holds the lock for as long as this transaction stays open.
    const holder = new pg.Client({ connectionString: target() });
    await holder.connect();
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
