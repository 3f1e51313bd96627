/**
 * The floor under the HTTP figures: a bare `node:http` server with no framework, no
 * authentication and no response schema, answering through the same service functions and the
 * same Database as the baselines, with `JSON.stringify`: the partner list to a viewer, a
 * partner's first timeline page, and one member's "my work". What any HTTP API reaches on this
 * machine, with the load generator on the same cores; the real server, which must also
 * authenticate every request, can only come below it.
 *
 * Run as its own process (`spawnFloorServer`); what it serves arrives as JSON in argv.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemberId } from '../src/domain/ids';
import { TimelineQuery } from '../src/domain/timeline';
import type { MemberScope } from '../src/server/access/scope';
import { myWork } from '../src/server/features/tasks/tasks.list';
import { listTimeline } from '../src/server/features/timeline/timeline.list';
import { packageRoot } from '../src/server/paths';
import { type Dataset, openerOf } from './dataset';
import { benchContext, parseQuery, partnerLister, viewerScope } from './direct';
import { type ServerProcess, serverProcess } from './processes';

type FloorConfig = Pick<Dataset, 'kind' | 'driverTarget' | 'serverEnv' | 'workspaceId'> & {
  port: number;
  /** Whose "my work" `/api/v1/tasks/my-work` answers, if anyone's. */
  memberId?: MemberId;
};

/** Starts the floor server on `port`; stop it before anything else opens an embedded database. */
export function spawnFloorServer(
  dataset: Dataset,
  port: number,
  memberId?: MemberId,
): ServerProcess {
  const { kind, driverTarget, serverEnv, workspaceId } = dataset;
  const config: FloorConfig = { kind, driverTarget, serverEnv, workspaceId, port, memberId };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(packageRoot, 'bench/http-floor.ts'), JSON.stringify(config)],
    { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return serverProcess(child, `http://127.0.0.1:${port}`, 'node:http around the services');
}

async function serve(config: FloorConfig) {
  const database = await openerOf(config.kind, config.driverTarget)();
  const ctx = benchContext(config, database);
  const viewer = viewerScope(config);
  const member: MemberScope = { ...viewer, role: 'member', memberId: config.memberId ?? null };
  const listPartners = partnerLister(config, database);
  const timeline = /^\/api\/v1\/partners\/([^/]+)\/timeline$/;

  /** The answer to a path, or null for anything else (answered empty, for the readiness check). */
  const answer = (url: URL): Promise<unknown> | null => {
    if (url.pathname === '/api/v1/partners') return listPartners(parseQuery(url.search.slice(1)));
    if (url.pathname === '/api/v1/tasks/my-work') return myWork(ctx, member);
    const partnerId = timeline.exec(url.pathname)?.[1];
    if (partnerId) return listTimeline(ctx, viewer, partnerId, TimelineQuery.parse({}));
    return null;
  };

  const server = http.createServer((request, response) => {
    const answered = answer(new URL(request.url ?? '/', 'http://floor'));
    if (!answered) return response.end();
    answered.then(
      (data) => {
        const body = Buffer.from(JSON.stringify(data));
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': body.length,
        });
        response.end(body);
      },
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  server.listen(config.port, '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    database.close().then(() => process.exit(0));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await serve(JSON.parse(process.argv[2] ?? '{}') as FloorConfig);
}
