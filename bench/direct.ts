import { PartnerListQuery, type PartnerPage } from '../src/domain/partners';
import type { MemberScope } from '../src/server/access/scope';
import type { ServiceContext } from '../src/server/context';
import type { Database } from '../src/server/db/client';
import { listPartners } from '../src/server/features/partners/partners.list';
import { type LoopResult, runClosedLoop } from './closed-loop';
import type { Dataset } from './dataset';
import { bareDriver, recordStatements, type Statement, sendAll } from './record';

export type LoopTiming = {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
};

export function viewerScope(dataset: Pick<Dataset, 'workspaceId'>): MemberScope {
  return {
    kind: 'member',
    workspaceId: dataset.workspaceId,
    role: 'viewer',
    userId: null,
    memberId: null,
    apiKeyId: null,
  };
}

export function parseQuery(params: string) {
  return PartnerListQuery.parse(Object.fromEntries(new URLSearchParams(params)));
}

/** What a service reads of its context, for calling it with no HTTP around it. */
export function benchContext(
  dataset: Pick<Dataset, 'serverEnv'>,
  database: Database,
): ServiceContext {
  return {
    config: { secret: dataset.serverEnv.TANDEM_SECRET ?? '' },
    database,
    requestId: null,
  } as unknown as ServiceContext;
}

/** The partner list as the service answers it to a viewer, with no HTTP around it. */
export function partnerLister(
  dataset: Pick<Dataset, 'serverEnv' | 'workspaceId'>,
  database: Database,
): (query: PartnerListQuery) => Promise<PartnerPage> {
  const ctx = benchContext(dataset, database);
  const scope = viewerScope(dataset);
  return (query) => listPartners(ctx, scope, query);
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
    const list = partnerLister(dataset, database);
    const queries = mix.map(parseQuery);
    return await runClosedLoop({
      ...timing,
      run: async (i) => {
        const query = queries[i % queries.length];
        if (query) await list(query);
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
  const list = partnerLister(dataset, database);
  const out: Statement[][] = [];
  for (const params of mix) {
    out.push(await recordStatements(database, () => list(parseQuery(params))));
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
  let perQuery: Statement[][];
  try {
    perQuery = await statementsOf(dataset, database, mix);
  } finally {
    await database.close();
  }
  return replayRate(dataset, perQuery, timing);
}

/** Recorded statements, each query's list in turn, through the bare driver at the same concurrency. */
export async function replayRate(dataset: Dataset, perQuery: Statement[][], timing: LoopTiming) {
  const driver = await bareDriver(dataset, timing.concurrency);
  try {
    return await runClosedLoop({
      ...timing,
      run: (i) => sendAll(driver, perQuery[i % perQuery.length] ?? [])(),
    });
  } finally {
    await driver.close();
  }
}
