import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { type BuildOptions, buildApp } from '../src/server/app';
import { type Config, defaultFileLimits, defaultRateLimits } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import { type Database, openEmbedded, openPostgres } from '../src/server/db/client';
import { openBlobStore } from '../src/server/files/open';
import { createContract } from './contract';
import { createTestJobs } from './jobs';

export const PUBLIC_URL = 'http://tandem.test';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '',
    filesDir: '',
    fileLimits: defaultFileLimits,
    databaseUrl: undefined,
    publicUrl: PUBLIC_URL,
    secret: 'test-secret-that-is-at-least-32-characters-long',
    trustProxy: false,
    rateLimits: defaultRateLimits,
    smtpUrl: undefined,
    mailFrom: 'Tandem <tandem@tandem.test>',
    logLevel: 'silent',
    ...overrides,
  };
}

/** A fresh, migrated database for one test file: a copy of the run's template. */
export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const template = inject('postgresTemplate');
  if (template) {
    const url = process.env.DATABASE_URL ?? '';
    const name = `tandem_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openPostgres(target.toString(), { max: 5 });
    return {
      database,
      async drop() {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dump = readFileSync(inject('embeddedDump'));
  const database = await openEmbedded({ loadDataDir: new Blob([dump]) });
  return { database, drop: () => database.close() };
}

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
};

/**
 * The whole app on a fresh database, ready for `app.inject`. Without logs and without the web
 * app unless `build` asks for them.
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  build: BuildOptions = {},
  /** A database of the test's own (a restored backup); a fresh one by default. */
  opened?: { database: Database; drop(): Promise<void> },
): Promise<TestApp> {
  const { database, drop } = opened ?? (await openTestDatabase());
  // Each test app keeps its files in a folder of its own, removed when it closes.
  const filesDir = overrides.filesDir ?? mkdtempSync(join(tmpdir(), 'tandem-files-'));
  const config = testConfig({ ...overrides, filesDir });
  const files = openBlobStore(config);
  const jobs = createTestJobs(database, config, files);
  const ctx: AppContext = { config, database, jobs, files, setupToken: null };
  const app = await buildApp(ctx, { logger: false, serveWeb: false, ...build });
  await app.ready();
  checkAnswersAgainstDocument(app);
  return {
    app,
    ctx,
    database,
    async close() {
      await app.close();
      await jobs.stop();
      await drop();
      if (overrides.filesDir === undefined) rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/**
 * Every answer a test receives through `app.inject` is checked against the app's OpenAPI
 * document (status, headers, body), so an undocumented answer fails the test that caused it.
 */
function checkAnswersAgainstDocument(app: FastifyInstance) {
  const check = createContract(app.swagger() as Record<string, unknown>);
  const inject = app.inject.bind(app);
  app.inject = (async (options: InjectOptions | string) => {
    const res = await inject(options as InjectOptions);
    const opts = typeof options === 'string' ? { url: options } : options;
    const url = typeof opts.url === 'string' ? opts.url : String(opts.path ?? '');
    check((opts.method ?? 'GET').toUpperCase(), url, res);
    return res;
  }) as FastifyInstance['inject'];
}

/** Sends a request as an API key holder (no Origin needed) or anonymously. */
export function request(
  app: FastifyInstance,
  options: InjectOptions & { key?: string; cookie?: string },
): Promise<LightMyRequestResponse> {
  const { key, cookie, headers, ...rest } = options;
  return app.inject({
    ...rest,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(cookie ? { cookie, origin: PUBLIC_URL } : {}),
      ...headers,
    },
  });
}

/**
 * Every row of every table and every queued job, minus columns that reading touches (last use
 * of a key, session refresh), so a test can assert that a denied request changed nothing.
 */
export async function databaseSnapshot(database: Database): Promise<string> {
  const tables = (
    await database.sql(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_%' ORDER BY tablename",
    )
  ).rows as Array<{ tablename: string }>;
  const volatile = new Set(['last_used_at', 'sign_in_failures', 'rate_limit_hits']);
  const out: Record<string, unknown[]> = {};
  for (const { tablename } of tables) {
    if (volatile.has(tablename)) continue;
    const rows = (await database.sql(`SELECT * FROM "${tablename}"`)).rows as Array<
      Record<string, unknown>
    >;
    out[tablename] = rows
      .map((row) => {
        const { last_used_at: _used, updated_at_session: _s, ...rest } = row;
        return JSON.stringify(rest);
      })
      .sort();
  }
  // Queued jobs too: a denied request must not have enqueued a mail.
  const jobs = await database.sql('SELECT name, data FROM pgboss.job ORDER BY created_on, id');
  out['pgboss.job'] = jobs.rows.map((row) => JSON.stringify(row));
  return JSON.stringify(out);
}

/**
 * Sends a request that must be refused: asserts its status and a problem+json answer, and that
 * the database is unchanged, as every denied request must leave it.
 */
export async function expectDenied(
  t: Pick<TestApp, 'app' | 'database'>,
  status: number,
  options: Parameters<typeof request>[1],
): Promise<LightMyRequestResponse> {
  const before = await databaseSnapshot(t.database);
  const res = await request(t.app, options);
  expect(res.statusCode, `${options.method} ${options.url}`).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(await databaseSnapshot(t.database)).toBe(before);
  return res;
}

/** A request as the tests write it: any method name, and an API key or session cookie to send. */
export type TestRequest = {
  method: string;
  url: string;
  key?: string;
  cookie?: string;
  payload?: object;
  headers?: Record<string, string>;
};

/**
 * `send` and `denied` for a test file's app, which its `beforeAll` makes later: each call reads
 * the app when it runs.
 */
export function testClient(app: () => Pick<TestApp, 'app' | 'database'>) {
  const asInject = (options: TestRequest) => options as Parameters<typeof request>[1];
  return {
    send: (options: TestRequest) => request(app().app, asInject(options)),
    denied: (status: number, options: TestRequest) =>
      expectDenied(app(), status, asInject(options)),
  };
}
