/**
 * `npm run bench -- relationships [--small]`: the latency of a partner's first timeline page and
 * of a member's "my work" over HTTP against the real server, each divided by the same SQL (every
 * statement the request sends) through the bare driver, beside the same pages from a bare
 * node:http server around the same services (the floor), and the mention mail fan-out to an
 * in-process SMTP server.
 */
import type { Database } from '../src/server/db/client';
import type { Dataset } from './dataset';
import { spawnFloorServer } from './http-floor';
import { type Figure, latency, median, type Say } from './measure';
import { notifyFanout } from './notify-fanout';
import { freePort, spawnServer, waitReady } from './processes';
import { bareDriver, recordRequests, type Statement, sendAll } from './record';
import { addRelationshipFixtures, type RelationshipFixtures } from './relationships-data';
import { pageLatency } from './wrk';

/** How much each run measures: the full run, or a quick one that proves the figures run. */
export const relationshipSizes = {
  full: { entries: 10_000, tasks: 2_000, mentions: 1_000, rounds: 3, requests: 200 },
  small: { entries: 1_000, tasks: 200, mentions: 100, rounds: 3, requests: 100 },
};
type Sizes = (typeof relationshipSizes)['full'];

type Latencies = { timeline: number; myWork: number };

/** The pages the figures read: the fixture partner's timeline and the fixture member's work. */
function pagePaths(fixtures: RelationshipFixtures) {
  return {
    timeline: `/api/v1/partners/${fixtures.partnerId}/timeline`,
    myWork: '/api/v1/tasks/my-work',
  };
}

/** The viewer's API key reads the timeline; the member's session reads their work. */
async function signedInPages(
  dataset: Dataset,
  fixtures: RelationshipFixtures,
  signIn: (email: string, password: string) => Promise<string>,
) {
  const cookie = await signIn(fixtures.memberEmail, dataset.password);
  const paths = pagePaths(fixtures);
  return {
    timeline: { url: paths.timeline, headers: { authorization: `Bearer ${dataset.apiKey}` } },
    myWork: { url: paths.myWork, headers: { cookie } },
  };
}

/** Both pages over HTTP against a server process, one request at a time. */
async function httpLatencies(
  dataset: Dataset,
  fixtures: RelationshipFixtures,
  sizes: Sizes,
): Promise<Latencies> {
  const server = spawnServer(dataset.serverEnv, await freePort());
  try {
    await waitReady(server.url, server.child);
    const pages = await signedInPages(dataset, fixtures, async (email, password) => {
      const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email, password }),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.includes('session_token'));
      if (res.status !== 200 || !cookie) throw new Error(`sign-in answered ${res.status}`);
      return cookie.split(';')[0] ?? '';
    });
    return {
      timeline: await pageLatency(server.url, pages.timeline.url, pages.timeline.headers, sizes),
      myWork: await pageLatency(server.url, pages.myWork.url, pages.myWork.headers, sizes),
    };
  } finally {
    await server.stop();
  }
}

/** Both pages from the bare node:http server around the same services (`http-floor.ts`). */
async function floorLatencies(
  dataset: Dataset,
  fixtures: RelationshipFixtures,
  sizes: Sizes,
): Promise<Latencies> {
  const floor = spawnFloorServer(dataset, await freePort(), fixtures.memberId);
  try {
    await waitReady(floor.url, floor.child);
    const paths = pagePaths(fixtures);
    return {
      timeline: await pageLatency(floor.url, paths.timeline, {}, sizes),
      myWork: await pageLatency(floor.url, paths.myWork, {}, sizes),
    };
  } finally {
    await floor.stop();
  }
}

/** Every statement each page's request sends, recorded while the app answers it in-process. */
async function pageStatements(
  dataset: Dataset,
  database: Database,
  fixtures: RelationshipFixtures,
): Promise<{ timeline: Statement[]; myWork: Statement[] }> {
  const [timeline = [], myWork = []] = await recordRequests(
    dataset,
    database,
    async (app, config) => {
      const pages = await signedInPages(dataset, fixtures, async (email, password) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          headers: { origin: config.publicUrl },
          payload: { email, password },
        });
        const cookie = res.cookies.find((c) => c.name.endsWith('session_token'));
        if (res.statusCode !== 200 || !cookie)
          throw new Error(`sign-in answered ${res.statusCode}`);
        return `${cookie.name}=${cookie.value}`;
      });
      return [pages.timeline, pages.myWork];
    },
  );
  return { timeline, myWork };
}

/** The same statements through the bare driver (PGlite's `query` or one pg connection). */
async function sqlLatencies(
  dataset: Dataset,
  statements: { timeline: Statement[]; myWork: Statement[] },
  sizes: Sizes,
): Promise<Latencies> {
  const driver = await bareDriver(dataset, 1);
  try {
    return {
      timeline: await latency(sendAll(driver, statements.timeline), sizes),
      myWork: await latency(sendAll(driver, statements.myWork), sizes),
    };
  } finally {
    await driver.close();
  }
}

export async function relationshipFigures(
  dataset: Dataset,
  figure: Figure,
  say: Say,
  sizes: Sizes,
): Promise<void> {
  const database = await dataset.open();
  let fixtures: RelationshipFixtures;
  let statements: { timeline: Statement[]; myWork: Statement[] };
  try {
    const started = performance.now();
    fixtures = await addRelationshipFixtures(database, dataset, sizes);
    say(
      `fixtures: ${sizes.entries} timeline entries, ${sizes.tasks} open tasks in ${(
        (performance.now() - started) / 1000
      ).toFixed(1)} s`,
    );
    statements = await pageStatements(dataset, database, fixtures);
  } finally {
    await database.close();
  }

  type Round = { http: Latencies; floor: Latencies; sql: Latencies };
  const rounds: Round[] = [];
  for (let i = 0; i < sizes.rounds; i++) {
    say(`round ${i + 1} of ${sizes.rounds}`);
    const http = await httpLatencies(dataset, fixtures, sizes);
    const floor = await floorLatencies(dataset, fixtures, sizes);
    const sql = await sqlLatencies(dataset, statements, sizes);
    say(
      `timeline ${http.timeline.toFixed(2)} / ${floor.timeline.toFixed(2)} / ${sql.timeline.toFixed(2)} ms, my work ${http.myWork.toFixed(2)} / ${floor.myWork.toFixed(2)} / ${sql.myWork.toFixed(2)} ms (server / bare node:http / SQL)`,
    );
    rounds.push({ http, floor, sql });
  }
  const of = (pick: (r: Round) => number) => median(rounds.map(pick));
  figure(
    'timeline-first-page',
    `${of((r) => r.http.timeline).toFixed(2)} ms`,
    of((r) => r.http.timeline / r.sql.timeline),
    '<=1.5',
  );
  figure('timeline-first-page-sql', `${of((r) => r.sql.timeline).toFixed(2)} ms`, 1, 'baseline');
  // The same page from node:http around the same service, with no framework or authentication.
  figure(
    'timeline-first-page-floor',
    `${of((r) => r.floor.timeline).toFixed(2)} ms`,
    of((r) => r.floor.timeline / r.sql.timeline),
    'report',
  );
  figure(
    'my-work',
    `${of((r) => r.http.myWork).toFixed(2)} ms`,
    of((r) => r.http.myWork / r.sql.myWork),
    '<=1.5',
  );
  figure('my-work-sql', `${of((r) => r.sql.myWork).toFixed(2)} ms`, 1, 'baseline');
  figure(
    'my-work-floor',
    `${of((r) => r.floor.myWork).toFixed(2)} ms`,
    of((r) => r.floor.myWork / r.sql.myWork),
    'report',
  );

  const fanout = await notifyFanout(dataset, sizes.mentions, say);
  figure(
    'notify-fanout',
    `${fanout.perSecond.toFixed(0)} msg/s`,
    fanout.perSecond / fanout.smtpPerSecond,
    'report',
  );
  figure('notify-fanout-smtp-alone', `${fanout.smtpPerSecond.toFixed(0)} msg/s`, 1, 'baseline');
}
