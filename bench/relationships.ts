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
import { type Figure, median, type Say, sliceMedian, WARMUP_MS } from './measure';
import { notifyFanout } from './notify-fanout';
import { freePort, spawnServer, waitReady } from './processes';
import {
  type BenchRequest,
  bareDriverBeside,
  recordRequests,
  type Statement,
  sendAll,
} from './record';
import { addRelationshipFixtures, type RelationshipFixtures } from './relationships-data';
import { pageSlicer } from './wrk';

/** How much each run measures: the full run, or a quick one that proves the figures run. */
export const relationshipSizes = {
  full: { entries: 10_000, tasks: 2_000, mentions: 1_000, rounds: 3, pairs: 5 },
  small: { entries: 1_000, tasks: 200, mentions: 100, rounds: 3, pairs: 3 },
};
type Sizes = (typeof relationshipSizes)['full'];

type Page = 'timeline' | 'myWork';
const pages: Page[] = ['timeline', 'myWork'];

/** How long each slice of a pair asks its page, after the warm-up. */
const SLICE_MS = 1_000;

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

/** One page over HTTP beside its SQL: the medians of each, and the median of the pairs' ratios. */
type Paired = { http: number; sql: number; ratio: number };

/**
 * Each page over HTTP against its SQL through the bare driver, in alternating one-second slices
 * once both are warm. This machine's speed drifts by a third from one second to the next (the same
 * statements: 1.9 ms, then 3.4); two neighbouring slices see the same drift, two runs minutes
 * apart do not.
 */
async function paired(
  url: string,
  requests: Record<Page, BenchRequest>,
  sql: Record<Page, () => Promise<void>>,
  sizes: Sizes,
): Promise<Record<Page, Paired>> {
  const slicers = {
    timeline: await pageSlicer(url, requests.timeline.url, requests.timeline.headers),
    myWork: await pageSlicer(url, requests.myWork.url, requests.myWork.headers),
  };
  try {
    for (const page of pages) await slicers[page].slice(WARMUP_MS);
    const slices: Record<Page, Array<{ http: number; sql: number }>> = { timeline: [], myWork: [] };
    for (let i = 0; i < sizes.pairs; i++) {
      for (const page of pages) {
        const http = await slicers[page].slice(SLICE_MS);
        slices[page].push({ http, sql: await sliceMedian(sql[page], SLICE_MS) });
      }
    }
    const summary = (list: Array<{ http: number; sql: number }>): Paired => ({
      http: median(list.map((s) => s.http)),
      sql: median(list.map((s) => s.sql)),
      ratio: median(list.map((s) => s.http / s.sql)),
    });
    return { timeline: summary(slices.timeline), myWork: summary(slices.myWork) };
  } finally {
    for (const page of pages) slicers[page].close();
  }
}

/** Both pages from the real server, paired with their SQL. */
async function serverRound(
  dataset: Dataset,
  fixtures: RelationshipFixtures,
  sql: Record<Page, () => Promise<void>>,
  sizes: Sizes,
): Promise<Record<Page, Paired>> {
  const server = spawnServer(dataset.serverEnv, await freePort());
  try {
    await waitReady(server.url, server.child);
    const requests = await signedInPages(dataset, fixtures, async (email, password) => {
      const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email, password }),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.includes('session_token'));
      if (res.status !== 200 || !cookie) throw new Error(`sign-in answered ${res.status}`);
      return cookie.split(';')[0] ?? '';
    });
    return await paired(server.url, requests, sql, sizes);
  } finally {
    await server.stop();
  }
}

/** Both pages from the bare node:http server around the same services (`http-floor.ts`). */
async function floorRound(
  dataset: Dataset,
  fixtures: RelationshipFixtures,
  sql: Record<Page, () => Promise<void>>,
  sizes: Sizes,
): Promise<Record<Page, Paired>> {
  const floor = spawnFloorServer(dataset, await freePort(), fixtures.memberId);
  try {
    await waitReady(floor.url, floor.child);
    const paths = pagePaths(fixtures);
    const requests = {
      timeline: { url: paths.timeline, headers: {} },
      myWork: { url: paths.myWork, headers: {} },
    };
    return await paired(floor.url, requests, sql, sizes);
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

  // The baseline's driver has its own handle on the data (a copy of an embedded folder), so that
  // its slices can alternate with the server's.
  const driver = await bareDriverBeside(dataset, 1);
  type Round = { server: Record<Page, Paired>; floor: Record<Page, Paired> };
  const rounds: Round[] = [];
  try {
    const sql = {
      timeline: sendAll(driver, statements.timeline),
      myWork: sendAll(driver, statements.myWork),
    };
    for (const page of pages) await sliceMedian(sql[page], WARMUP_MS);
    for (let i = 0; i < sizes.rounds; i++) {
      say(`round ${i + 1} of ${sizes.rounds}`);
      const server = await serverRound(dataset, fixtures, sql, sizes);
      const floor = await floorRound(dataset, fixtures, sql, sizes);
      const line = (page: Page, name: string) =>
        `${name} ${server[page].http.toFixed(2)} / ${floor[page].http.toFixed(2)} / ${server[page].sql.toFixed(2)} ms (ratio ${server[page].ratio.toFixed(2)}, floor ${floor[page].ratio.toFixed(2)})`;
      say(
        `${line('timeline', 'timeline')}, ${line('myWork', 'my work')} (server / bare node:http / SQL)`,
      );
      rounds.push({ server, floor });
    }
  } finally {
    await driver.close();
  }
  const of = (pick: (r: Round) => number) => median(rounds.map(pick));
  figure(
    'timeline-first-page',
    `${of((r) => r.server.timeline.http).toFixed(2)} ms`,
    of((r) => r.server.timeline.ratio),
    '<=1.5',
  );
  figure(
    'timeline-first-page-sql',
    `${of((r) => r.server.timeline.sql).toFixed(2)} ms`,
    1,
    'baseline',
  );
  // The same page from node:http around the same service, with no framework or authentication.
  figure(
    'timeline-first-page-floor',
    `${of((r) => r.floor.timeline.http).toFixed(2)} ms`,
    of((r) => r.floor.timeline.ratio),
    'report',
  );
  figure(
    'my-work',
    `${of((r) => r.server.myWork.http).toFixed(2)} ms`,
    of((r) => r.server.myWork.ratio),
    '<=1.5',
  );
  figure('my-work-sql', `${of((r) => r.server.myWork.sql).toFixed(2)} ms`, 1, 'baseline');
  figure(
    'my-work-floor',
    `${of((r) => r.floor.myWork.http).toFixed(2)} ms`,
    of((r) => r.floor.myWork.ratio),
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
