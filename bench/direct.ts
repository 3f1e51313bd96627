import pg from 'pg';
import { PartnerListQuery } from '../src/domain/partners';
import type { MemberScope } from '../src/server/access/scope';
import type { ServiceContext } from '../src/server/context';
import type { Database } from '../src/server/db/client';
import { listPartners } from '../src/server/features/partners/partners.list';
import { type LoopResult, runClosedLoop } from './closed-loop';
import type { Dataset } from './dataset';

export type LoopTiming = {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
};

function viewerScope(dataset: Dataset): MemberScope {
  return {
    kind: 'member',
    workspaceId: dataset.workspaceId,
    role: 'viewer',
    userId: null,
    memberId: null,
    apiKeyId: null,
  };
}

function parseQuery(params: string) {
  return PartnerListQuery.parse(Object.fromEntries(new URLSearchParams(params)));
}

/**
 * The baseline of the partners-list figure: the same query mix through the same service
 * function and the same Database object (Drizzle over PGlite or pg), in-process, with no HTTP,
 * authentication or serialization, at the same concurrency.
 */
export async function directRate(
  dataset: Dataset,
  mix: string[],
  timing: LoopTiming,
): Promise<LoopResult> {
  const database = await dataset.open();
  try {
    const ctx = {
      config: { secret: dataset.serverEnv.TANDEM_SECRET ?? '' },
      database,
      requestId: null,
    } as unknown as ServiceContext;
    const scope = viewerScope(dataset);
    const queries = mix.map(parseQuery);
    return await runClosedLoop({
      ...timing,
      run: async (i) => {
        const query = queries[i % queries.length];
        if (query) await listPartners(ctx, scope, query);
      },
    });
  } finally {
    await database.close();
  }
}

type Statement = { text: string; values: unknown[] };

/**
 * The statements the service sends for each query of the mix, recorded once at the driver (so
 * they are exactly what Drizzle sends, parameters included).
 */
async function recordStatements(
  dataset: Dataset,
  database: Database,
  mix: string[],
): Promise<Statement[][]> {
  const recorded: Statement[] = [];
  const restore: Array<() => void> = [];
  if (database.pglite) {
    const engine = database.pglite;
    const query = engine.query.bind(engine);
    engine.query = ((text: string, values?: unknown[], options?: unknown) => {
      recorded.push({ text, values: values ?? [] });
      return query(text, values, options as never);
    }) as typeof engine.query;
    restore.push(() => {
      engine.query = query;
    });
  } else {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[]];
      // Drizzle sends `query({ text, rowMode, types }, values)`; others put values in the config.
      if (typeof config === 'string') recorded.push({ text: config, values: values ?? [] });
      else recorded.push({ text: config.text, values: config.values ?? values ?? [] });
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    restore.push(() => {
      pg.Client.prototype.query = query;
    });
  }
  const ctx = {
    config: { secret: dataset.serverEnv.TANDEM_SECRET ?? '' },
    database,
    requestId: null,
  } as unknown as ServiceContext;
  const scope = viewerScope(dataset);
  const out: Statement[][] = [];
  try {
    for (const params of mix) {
      recorded.length = 0;
      await listPartners(ctx, scope, parseQuery(params));
      out.push([...recorded]);
    }
  } finally {
    for (const undo of restore) undo();
  }
  return out;
}

/**
 * The floor under the partners-list figure: the statements the service sends for the same mix,
 * sent again through the bare driver (no ORM, no service, no HTTP) at the same concurrency.
 */
export async function sqlRate(
  dataset: Dataset,
  mix: string[],
  timing: LoopTiming,
): Promise<LoopResult> {
  const database = await dataset.open();
  let pool: pg.Pool | undefined;
  try {
    const perQuery = await recordStatements(dataset, database, mix);
    const engine = database.pglite;
    let send: (statement: Statement) => Promise<unknown>;
    if (engine) {
      send = (s) => engine.query(s.text, s.values);
    } else {
      await database.close();
      const bare = new pg.Pool({ connectionString: dataset.driverTarget, max: timing.concurrency });
      pool = bare;
      send = (s) => bare.query(s.text, s.values);
    }
    return await runClosedLoop({
      ...timing,
      run: async (i) => {
        for (const statement of perQuery[i % perQuery.length] ?? []) await send(statement);
      },
    });
  } finally {
    await pool?.end();
    if (database.pglite) await database.close();
  }
}
