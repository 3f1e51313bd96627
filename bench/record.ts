import { cp, rm } from 'node:fs/promises';
import pg from 'pg';
import { type App, buildApp } from '../src/server/app';
import { type Config, loadConfig } from '../src/server/config';
import type { Database } from '../src/server/db/client';
import { openBlobStore } from '../src/server/files/open';
import type { Jobs } from '../src/server/jobs/jobs';
import { type Dataset, openerOf } from './dataset';

export type Statement = { text: string; values: unknown[] };

/**
 * The statements `run` sends, recorded at the driver (so they are exactly what Drizzle sends,
 * parameters included), to be sent again through the bare driver as a baseline.
 */
export async function recordStatements(
  database: Database,
  run: () => Promise<unknown>,
): Promise<Statement[]> {
  const recorded: Statement[] = [];
  let restore: () => void;
  if (database.pglite) {
    const engine = database.pglite;
    const query = engine.query.bind(engine);
    engine.query = ((text: string, values?: unknown[], options?: unknown) => {
      recorded.push({ text, values: values ?? [] });
      return query(text, values, options as never);
    }) as typeof engine.query;
    restore = () => {
      engine.query = query;
    };
  } else {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[]];
      // Drizzle sends `query({ text, rowMode, types }, values)`; others put values in the config.
      if (typeof config === 'string') recorded.push({ text: config, values: values ?? [] });
      else recorded.push({ text: config.text, values: config.values ?? values ?? [] });
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    restore = () => {
      pg.Client.prototype.query = query;
    };
  }
  try {
    await run();
  } finally {
    restore();
  }
  return recorded;
}

/** Reads queue no jobs; a request that tried would fail the benchmark rather than pass unseen. */
export const noJobs: Jobs = {
  enqueue: () => Promise.reject(new Error('a page read queued a job')),
  enqueueMany: () => Promise.reject(new Error('a page read queued a job')),
  stop: async () => {},
};

/** A request as a figure asks it: a path under the server, and its headers. */
export type BenchRequest = { url: string; headers: Record<string, string> };

/**
 * Every statement each request sends (authentication included), recorded while the app answers
 * it in-process on the same data. Each is asked once first, so the once-a-minute writes (an API
 * key's last use, a rate-limit window's first read) are done and what is recorded is what every
 * later request sends. `requests` may first ask the app for what they need (a session cookie).
 */
export async function recordRequests(
  dataset: Dataset,
  database: Database,
  requests: (app: App, config: Config) => Promise<BenchRequest[]>,
): Promise<Statement[][]> {
  const config = loadConfig({ ...dataset.serverEnv, LOG_LEVEL: 'silent' });
  const app = await buildApp(
    { config, database, jobs: noJobs, files: openBlobStore(config), setupToken: null },
    { logger: false, serveWeb: false },
  );
  try {
    await app.ready();
    // Its once-a-second sync would otherwise land in a recording now and then.
    await app.rateLimiter.stop();
    const recorded: Statement[][] = [];
    for (const { url, headers } of await requests(app, config)) {
      const ask = async () => {
        const res = await app.inject({ url, headers });
        if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}`);
      };
      await ask();
      recorded.push(await recordStatements(database, ask));
    }
    return recorded;
  } finally {
    await app.close();
  }
}

/** The bare driver a baseline sends recorded statements through, and how to let it go. */
export type BareDriver = { send: (s: Statement) => Promise<unknown>; close: () => Promise<void> };

/**
 * PGlite's own `query` on the data set's directory, or a pg pool of `connections` on its
 * database: no ORM, no service, no HTTP.
 */
export async function bareDriver(dataset: Dataset, connections: number): Promise<BareDriver> {
  const database = await dataset.open();
  const engine = database.pglite;
  if (engine) return { send: (s) => engine.query(s.text, s.values), close: () => database.close() };
  await database.close();
  const pool = new pg.Pool({ connectionString: dataset.driverTarget, max: connections });
  return { send: (s) => pool.query(s.text, s.values), close: () => pool.end() };
}

/**
 * The bare driver on a second handle to the data, for a baseline measured while a server process
 * has it open: the same PostgreSQL database, or a copy of the embedded folder (the embedded engine
 * belongs to one process), removed when the driver closes. Make it while nothing has the folder open.
 */
export async function bareDriverBeside(dataset: Dataset, connections: number): Promise<BareDriver> {
  if (dataset.kind === 'postgres') return bareDriver(dataset, connections);
  const copy = `${dataset.driverTarget}-baseline`;
  await rm(copy, { recursive: true, force: true });
  await cp(dataset.driverTarget, copy, { recursive: true });
  const driver = await bareDriver(
    { ...dataset, driverTarget: copy, open: openerOf('embedded', copy) },
    connections,
  );
  return {
    send: driver.send,
    close: async () => {
      await driver.close();
      await rm(copy, { recursive: true, force: true });
    },
  };
}

/** Sends a list of statements in order: one request's worth. */
export function sendAll(driver: BareDriver, statements: Statement[]) {
  return async () => {
    for (const statement of statements) await driver.send(statement);
  };
}
