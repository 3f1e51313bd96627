import { PartnerListQuery } from '../src/domain/partners';
import type { MemberScope } from '../src/server/access/scope';
import type { ServiceContext } from '../src/server/context';
import { listPartners } from '../src/server/features/partners/partners.list';
import { type LoopResult, runClosedLoop } from './closed-loop';
import type { Dataset } from './dataset';

export type LoopTiming = {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
};

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
    const scope: MemberScope = {
      kind: 'member',
      workspaceId: dataset.workspaceId,
      role: 'viewer',
      userId: null,
      memberId: null,
      apiKeyId: null,
    };
    const queries = mix.map((params) =>
      PartnerListQuery.parse(Object.fromEntries(new URLSearchParams(params))),
    );
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
