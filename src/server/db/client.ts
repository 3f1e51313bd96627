import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite, Results, Transaction } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The root client or a transaction handle: query functions take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DatabaseKind = 'embedded' | 'postgres';

/** Runs multi-statement SQL or one parameterized statement; pg-boss and raw tools use it. */
export type SqlRunner = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface Database {
  kind: DatabaseKind;
  /** The root client. In tests it throws when used while a transaction is open in the same flow. */
  db: Db;
  /**
   * Runs `fn` in one transaction; everything inside must go through `tx`. Services do not call
   * it: they use `withTransaction(ctx, …)`, which joins the caller's transaction.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Raw SQL on the root client; in tests it throws when used while a transaction is open. */
  sql: SqlRunner;
  /**
   * One parameterized statement on the root client, its rows as arrays in column order: for
   * reads of many rows (exports), with no object or name per row. The two drivers read dates
   * and `bigint` differently: the statement casts them (to text, to float8) to what it needs.
   */
  rows: (text: string, values: unknown[]) => Promise<unknown[][]>;
  /** The embedded engine, when there is one (backup, restore). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const openTransaction = new AsyncLocalStorage<true>();
const guardEnabled = process.env.NODE_ENV === 'test' || process.env.TANDEM_TX_GUARD === '1';
const queryEntryPoints = new Set([
  'select',
  'selectDistinct',
  'selectDistinctOn',
  'insert',
  'update',
  'delete',
  'execute',
  'transaction',
  'query',
  'with',
  '$count',
]);

/**
 * On PGlite a root-client query inside an open transaction waits forever; on PostgreSQL it
 * silently escapes the transaction. The guard makes either mistake fail loudly in tests.
 */
function guardRoot(db: Db): Db {
  if (!guardEnabled) return db;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && queryEntryPoints.has(prop) && openTransaction.getStore()) {
        throw misuse(`Root database client used (${prop})`);
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

function misuse(what: string): Error {
  return new Error(
    `${what} while a transaction is open: join it with withTransaction(ctx, …) and query through ctx.tx`,
  );
}

/**
 * `transaction` and `sql` on the root are misuses inside an open transaction too: a nested
 * `transaction` opens a second one (on PGlite it waits forever), `sql` runs outside it.
 */
function guardTransaction(raw: Db): Database['transaction'] {
  return (fn) => {
    if (guardEnabled && openTransaction.getStore())
      return Promise.reject(misuse('database.transaction() called'));
    return raw.transaction((tx) => openTransaction.run(true, () => fn(tx)));
  };
}

function guardSql(runner: SqlRunner): SqlRunner {
  if (!guardEnabled) return runner;
  return (text, values) => {
    if (openTransaction.getStore()) return Promise.reject(misuse('database.sql() called'));
    return runner(text, values);
  };
}

type ArrayRunner = Database['rows'];

function guardRows(runner: ArrayRunner): ArrayRunner {
  if (!guardEnabled) return runner;
  return (text, values) => {
    if (openTransaction.getStore()) return Promise.reject(misuse('database.rows() called'));
    return runner(text, values);
  };
}

function wrap(
  kind: DatabaseKind,
  raw: Db,
  runners: { sql: SqlRunner; rows: ArrayRunner },
  close: () => Promise<void>,
  pglite?: PGlite,
): Database {
  return {
    kind,
    db: guardRoot(raw),
    transaction: guardTransaction(raw),
    sql: guardSql(runners.sql),
    rows: guardRows(runners.rows),
    pglite,
    close,
  };
}

/** Whether the current async flow is inside a transaction opened by `database.transaction`. */
export function inTransaction(): boolean {
  return openTransaction.getStore() === true;
}

/** Each driver is loaded when its database is opened: a process needs only one of them. */
export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob }) {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  return PGlite.create({ ...options, extensions: { pg_trgm } });
}

/**
 * The types Drizzle wants as PostgreSQL's text (it makes Dates itself): timestamp, timestamptz,
 * date, interval, and the numeric, timestamp, timestamptz, interval and date arrays.
 */
const textTypes = [1114, 1184, 1082, 1186, 1231, 1115, 1185, 1187, 1182];
type Parser = (text: string, type: number) => unknown;

/**
 * Drizzle passes those as a parser map on every query, and PGlite merges a per-query map into a
 * copy of its own 300-odd parsers each time: a tenth of a millisecond a statement. So the engine
 * keeps those types as text for every query, Drizzle's client is told not to pass the map, and
 * raw statements (`database.sql`) parse them as PGlite would have, into Dates as `pg` does
 * (arrays of them excepted: they come back as arrays of text; no raw statement reads one).
 */
function keepDatesAsText(client: PGlite) {
  const parsers = client.parsers as Record<number, Parser>;
  const defaults = new Map<number, Parser>();
  for (const type of textTypes) {
    const parse = parsers[type];
    if (parse) defaults.set(type, parse);
    parsers[type] = (text) => text;
  }
  const withoutParsers = <C extends Pick<PGlite, 'query'>>(target: C): C =>
    new Proxy(target, {
      get(object, prop, receiver) {
        if (prop === 'query') {
          return (text: string, values?: unknown[], options?: { rowMode?: 'array' | 'object' }) =>
            object.query(text, values, options?.rowMode ? { rowMode: options.rowMode } : undefined);
        }
        if (prop === 'transaction') {
          return (fn: (tx: Transaction) => Promise<unknown>) =>
            client.transaction((tx) => fn(withoutParsers(tx)));
        }
        const value = Reflect.get(object, prop, receiver);
        return typeof value === 'function' ? value.bind(object) : value;
      },
    });
  /** Rows of a raw statement with its date and time columns parsed as the engine would. */
  const parseDates = (result: Results) => {
    const columns = result.fields.flatMap((field) => {
      const parse = defaults.get(field.dataTypeID);
      return parse ? [{ name: field.name, type: field.dataTypeID, parse }] : [];
    });
    if (columns.length === 0) return result.rows;
    return result.rows.map((row) => {
      const parsed = { ...(row as Record<string, unknown>) };
      for (const { name, type, parse } of columns) {
        const text = parsed[name];
        if (typeof text === 'string') parsed[name] = parse(text, type);
      }
      return parsed;
    });
  };
  return { forDrizzle: withoutParsers(client), parseDates };
}

/** Opens the embedded database in `dataDir` (or in memory), or from a dump for tests. */
export async function openEmbedded(options: {
  dataDir?: string;
  loadDataDir?: Blob;
}): Promise<Database> {
  const [client, { drizzle: drizzlePglite }] = await Promise.all([
    openPGlite(options),
    import('drizzle-orm/pglite'),
  ]);
  const { forDrizzle, parseDates } = keepDatesAsText(client);
  const raw = drizzlePglite({ client: forDrizzle, schema }) as unknown as Db;
  const sqlRunner: SqlRunner = async (text, values) => {
    if (!values || values.length === 0) {
      // exec() runs several statements; query() takes one with parameters.
      const results = await client.exec(text);
      const last = results.at(-1);
      return { rows: last ? parseDates(last) : [] };
    }
    return { rows: parseDates(await client.query(text, values)) };
  };
  // Through the proxy that keeps dates as text, as the Drizzle client reads them.
  const rows: ArrayRunner = async (text, values) =>
    (await forDrizzle.query<unknown[]>(text, values, { rowMode: 'array' })).rows;
  return wrap('embedded', raw, { sql: sqlRunner, rows }, () => client.close(), client);
}

/** Connects a pool to a PostgreSQL server. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const [{ default: pgDriver }, { drizzle: drizzlePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
  ]);
  const pool = new pgDriver.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection the server closed (a restart, a terminated backend) is dropped and
  // replaced by the pool on the next query; unhandled, its error would end the process.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`);
  });
  // Fail at start, with the server's own message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const raw = drizzlePg({ client: pool, schema }) as unknown as Db;
  const sqlRunner: SqlRunner = async (text, values) => {
    const result = await pool.query(text, values);
    const last = Array.isArray(result) ? result.at(-1) : result;
    return { rows: last?.rows ?? [] };
  };
  const rows: ArrayRunner = async (text, values) =>
    (await pool.query<unknown[]>({ text, values, rowMode: 'array' })).rows;
  return wrap('postgres', raw, { sql: sqlRunner, rows }, () => endPool(pool));
}

/**
 * Ends the pool once its connections have closed: `pool.end()` resolves when it has asked them
 * to, not when they are gone, and a database dropped right after would cut them off.
 */
async function endPool(pool: pg.Pool): Promise<void> {
  const open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    let removed = 0;
    pool.on('remove', () => {
      removed += 1;
      if (removed >= open) resolve();
    });
    // A connection held forever by a stuck query must not hold up shutdown forever.
    setTimeout(resolve, 5000).unref();
  });
  await pool.end();
  await closed;
}
