/**
 * Schema-driven fuzzing of a running server: requests for every operation of the OpenAPI
 * document, built by fast-check from the document's own schemas and bent out of shape (wrong
 * types, boundary values, unknown fields, control characters, malformed JSON, wrong content
 * types). Passes when no answer is a 5xx, every error is problem+json, every answer matches the
 * document, the server still answers, and a second workspace's data has not changed.
 * `FUZZ_RUNS` sets the total number of requests (default 3200); `FUZZ_SEED` replays a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app';
import type { AppContext } from '../src/server/context';
import { type Database, openEmbedded } from '../src/server/db/client';
import { prepareDatabase } from '../src/server/db/prepare';
import { openBlobStore } from '../src/server/files/open';
import { createContract } from '../test/contract';
import { seedWorld } from '../test/factories';
import { testConfig } from '../test/harness';
import { arbitraries, type Document, requestsFor } from './fuzz-requests';

const totalRuns = Number(process.env.FUZZ_RUNS ?? 3200);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** Every row that belongs to the second workspace, to compare before and after. */
async function workspaceRows(database: Database, workspaceId: string): Promise<string> {
  const tables = (
    await database.sql(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'workspace_id' ORDER BY table_name",
    )
  ).rows as Array<{ table_name: string }>;
  const out: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables) {
    if (table === 'rate_limit_hits') continue;
    const rows = (
      await database.sql(`SELECT * FROM "${table}" WHERE workspace_id = $1`, [workspaceId])
    ).rows as Array<Record<string, unknown>>;
    out[table] = rows.map(({ last_used_at: _used, ...rest }) => JSON.stringify(rest)).sort();
  }
  return JSON.stringify(out);
}

async function main() {
  const database = await openEmbedded({});
  await prepareDatabase(database);
  const config = testConfig({ filesDir: mkdtempSync(join(tmpdir(), 'tandem-fuzz-files-')) });
  const ctx: AppContext = {
    config,
    database,
    jobs: { enqueue: async () => {}, enqueueMany: async () => {}, stop: async () => {} },
    files: openBlobStore(config),
    setupToken: null,
  };
  const app = await buildApp(ctx, { logger: false, serveWeb: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const world = await seedWorld(database);
  const theirsBefore = await workspaceRows(database, world.b.workspaceId);

  const document = app.swagger() as unknown as Document;
  const check = createContract(document as unknown as Record<string, unknown>);
  const build = arbitraries(document);
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );
  const runsEach = Math.ceil(totalRuns / operations.length);
  const failures: string[] = [];
  let sent = 0;
  const statuses = new Map<number, number>();
  const started = Date.now();

  for (const { path, method, op } of operations) {
    const arb = requestsFor(
      method,
      path,
      op,
      build,
      { mine: world.a.partners, theirs: world.b.partners },
      {
        admin: world.a.members.admin.key,
        viewer: world.a.members.viewer.key,
        theirs: world.b.members.admin.key,
      },
    );
    // Headers a client library refuses to send are dropped rather than failing the run.
    for (const req of fc.sample(arb, { numRuns: runsEach, seed: seed + sent })) {
      sent++;
      let res: Response;
      try {
        res = await fetch(`${base}${req.url}`, {
          method: req.method,
          headers: req.headers,
          body: req.body,
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        // fetch itself refuses some header values; the server never saw the request.
        if (cause === undefined && (error as Error).name === 'TypeError') continue;
        failures.push(`${req.method} ${req.url}: no answer (${String(error)})`);
        continue;
      }
      const body = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const type = res.headers.get('content-type') ?? '';
      const where = `${op.operationId}: ${req.method} ${req.url.slice(0, 200)} → ${res.status}`;
      if (res.status >= 500) failures.push(`${where} ${body.slice(0, 300)}`);
      else if (res.status >= 400 && !type.startsWith('application/problem+json'))
        failures.push(`${where} is not problem+json (${type})`);
      else {
        try {
          const headers = Object.fromEntries(res.headers.entries());
          check(req.method, req.url, {
            statusCode: res.status,
            headers,
            body,
          } as unknown as LightMyRequestResponse);
        } catch (error) {
          failures.push((error as Error).message.slice(0, 400));
        }
      }
    }
  }

  const health = await fetch(`${base}/api/health`).then(
    (r) => r.status,
    () => 0,
  );
  if (health !== 200) failures.push(`the server no longer answers /api/health (${health})`);
  const theirsAfter = await workspaceRows(database, world.b.workspaceId);
  if (theirsAfter !== theirsBefore) failures.push("the second workspace's data changed");
  await app.close();
  await database.close();
  rmSync(config.filesDir, { recursive: true, force: true });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `fuzz: ${sent} requests over ${operations.length} operations in ${seconds} s (seed ${seed})\n` +
      `fuzz: answers by status ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}\n`,
  );
  if (failures.length > 0) {
    const unique = [...new Set(failures)];
    process.stderr.write(`fuzz: ${unique.length} failures\n${unique.slice(0, 40).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('fuzz: no 5xx, every error problem+json, every answer as documented\n');
}

await main();
