/**
 * The `scale-out` figures (PostgreSQL only): partner creates per second with one process and
 * with three behind a round-robin of the same load, directly and through PgBouncer in
 * transaction mode. Two shared cores limit what three processes can gain here.
 */
import { join } from 'node:path';
import { systemScope } from '../src/server/access/scope';
import type { ServiceContext } from '../src/server/context';
import { createApiKey } from '../src/server/features/api-keys/api-keys.service';
import { packageRoot } from '../src/server/paths';
import type { LoopResult } from './closed-loop';
import type { Dataset } from './dataset';
import { startPgBouncer } from './pgbouncer';
import { freePort, runNode, spawnServer, waitReady } from './processes';

const timing = { concurrency: 12, warmupMs: 1_000, durationMs: 5_000, maxRequests: 20_000 };

export type ScaleOut = {
  one: number;
  three: number;
  /** Three processes through PgBouncer; null when PgBouncer is not installed. */
  threeBouncer: number | null;
};

async function createsPerSecond(
  env: Record<string, string>,
  processes: number,
  key: string,
  say: (line: string) => void,
): Promise<number> {
  const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
  const servers = ports.map((port) => spawnServer(env, port));
  try {
    await Promise.all(servers.map((s) => waitReady(s.url, s.child)));
    const { result } = await runNode<LoopResult>([
      '--import',
      'tsx',
      join(packageRoot, 'bench/load.ts'),
      JSON.stringify({ urls: servers.map((s) => s.url), key, paths: [], create: true, ...timing }),
    ]);
    if (result.errors > 0) say(`  ${result.errors} failed (first: ${result.firstError})`);
    return result.perSecond;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export async function scaleOut(dataset: Dataset, say: (line: string) => void): Promise<ScaleOut> {
  const database = await dataset.open();
  let key: string;
  try {
    const ctx = { database, requestId: null } as unknown as ServiceContext;
    const scope = systemScope(dataset.workspaceId, 'cli');
    ({ key } = await createApiKey(ctx, scope, { name: 'scale-out', role: 'admin' }));
  } finally {
    await database.close();
  }
  const direct = dataset.serverEnv;
  const one = await createsPerSecond(direct, 1, key, say);
  say(`scale-out: 1 process ${one.toFixed(0)} creates/s`);
  const three = await createsPerSecond(direct, 3, key, say);
  say(`scale-out: 3 processes ${three.toFixed(0)} creates/s`);
  const bouncer = await startPgBouncer(process.env.DATABASE_URL ?? '');
  if (!bouncer) {
    say('scale-out: pgbouncer is not installed; no PgBouncer figure');
    return { one, three, threeBouncer: null };
  }
  try {
    const name = new URL(dataset.driverTarget).pathname.slice(1);
    const env = { ...direct, DATABASE_URL: bouncer.url(name) };
    const threeBouncer = await createsPerSecond(env, 3, key, say);
    say(`scale-out: 3 processes through PgBouncer ${threeBouncer.toFixed(0)} creates/s`);
    return { one, three, threeBouncer };
  } finally {
    await bouncer.stop();
  }
}
