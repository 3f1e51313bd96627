import pg from 'pg';
import { PartnerListQuery } from '../src/domain/partners';
import type { MemberScope } from '../src/server/access/scope';
import type { ServiceContext } from '../src/server/context';
import type { Database } from '../src/server/db/client';
import { listPartners } from '../src/server/features/partners/partners.list';
import { type LoopResult, runClosedLoop } from './closed-loop';
import type { Dataset } from './dataset';
import { recordStatements, type Statement } from './record';

export type LoopTiming = {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
};

export function viewerScope(dataset: Dataset): MemberScope {
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

/** The statements the service sends for each query of the mix (`recordStatements`). */
async function statementsOf(
  dataset: Dataset,
  database: Database,
  mix: string[],
): Promise<Statement[][]> {
  const ctx = {
    config: { secret: dataset.serverEnv.TANDEM_SECRET ?? '' },
    database,
    requestId: null,
  } as unknown as ServiceContext;
  const scope = viewerScope(dataset);
  const out: Statement[][] = [];
  for (const params of mix) {
    out.push(await recordStatements(database, () => listPartners(ctx, scope, parseQuery(params))));
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
    const perQuery = await statementsOf(dataset, database, mix);
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
