/**
 * `npm run bench -- reports [--small]`: seconds to make one partner scorecard PDF (a plan with
 * five KPIs and a year of monthly values) and portfolio-report pages per second, over HTTP from
 * the real server. No baseline: the issue asks for the seconds and the rate themselves.
 */
import type { WorkspaceId } from '../src/domain/ids';
import { systemScope } from '../src/server/access/scope';
import type { ServiceContext } from '../src/server/context';
import { createApiKey } from '../src/server/features/api-keys/api-keys.service';
import type { Dataset } from './dataset';
import { type Figure, median, type Say } from './measure';
import { freePort, spawnServer, waitReady } from './processes';

export const reportSizes = {
  full: { scorecards: 20, portfolios: 3 },
  small: { scorecards: 5, portfolios: 2 },
};
type Sizes = (typeof reportSizes)['full'];

/** A fiscal year no other benchmark plans in, so the plan is this benchmark's own. */
const PERIOD = 'FY2031';

/** pdfkit writes each page as its own `/Type /Page` object, never in a compressed stream. */
const pagesOf = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

export async function reportFigures(
  dataset: Dataset,
  figure: Figure,
  say: Say,
  sizes: Sizes,
): Promise<void> {
  // The data set's key is a viewer's; writing the plan takes a manager's, made as the CLI does.
  const database = await dataset.open();
  let key: string;
  try {
    const ctx = { database, requestId: null } as unknown as ServiceContext;
    const scope = systemScope(dataset.workspaceId as WorkspaceId, 'cli');
    ({ key } = await createApiKey(ctx, scope, { name: 'reports benchmark', role: 'manager' }));
  } finally {
    await database.close();
  }
  const server = spawnServer(dataset.serverEnv, await freePort());
  const headers = {
    authorization: `Bearer ${key}`,
    'content-type': 'application/json',
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}`);
    return res;
  };
  const timed = async (path: string) => {
    const started = performance.now();
    const res = await call('GET', path);
    const pdf = Buffer.from(await res.arrayBuffer());
    return { seconds: (performance.now() - started) / 1000, pages: pagesOf(pdf) };
  };
  try {
    await waitReady(server.url, server.child);
    const partners = (await await call('GET', '/partners?limit=1&sort=name').then((r) =>
      r.json(),
    )) as {
      items: Array<{ id: string }>;
    };
    const partnerId = partners.items[0]?.id;
    if (!partnerId) throw new Error('the data set has no partner');
    const plan = (await (
      await call('POST', '/plans', {
        partnerId,
        period: PERIOD,
        summary: 'Grow **partner-sourced revenue** together.',
        objectives: [{ text: 'Launch the joint offering', ownerSide: 'both' }],
      })
    ).json()) as { id: string };
    const units = ['currency', 'count', 'percent', 'count', 'duration'] as const;
    const kpiIds: string[] = [];
    for (const [i, unit] of units.entries()) {
      const kpi = (await (
        await call('POST', `/plans/${plan.id}/kpis`, {
          name: `KPI ${i + 1}`,
          unit,
          ...(unit === 'currency' ? { currency: 'EUR' } : {}),
          target: 1_000_000,
        })
      ).json()) as { id: string };
      kpiIds.push(kpi.id);
    }
    await call('PUT', `/plans/${plan.id}/measurements`, {
      measurements: kpiIds.flatMap((kpiId) =>
        Array.from({ length: 12 }, (_, m) => ({
          kpiId,
          period: `${PERIOD}-M${String(m + 1).padStart(2, '0')}`,
          value: 70_000 + m * 1_000,
        })),
      ),
    });
    await timed(`/plans/${plan.id}/scorecard`);
    const scorecards: number[] = [];
    for (let i = 0; i < sizes.scorecards; i++) {
      scorecards.push((await timed(`/plans/${plan.id}/scorecard`)).seconds);
    }
    const portfolios: Array<{ seconds: number; pages: number }> = [];
    for (let i = 0; i < sizes.portfolios; i++) portfolios.push(await timed('/reports/portfolio'));
    const portfolio = portfolios.sort((a, b) => a.seconds - b.seconds)[portfolios.length >> 1];
    say(
      `scorecard: ${scorecards.map((s) => s.toFixed(3)).join(' ')} s; portfolio: ${portfolio?.pages} pages in ${portfolio?.seconds.toFixed(2)} s`,
    );
    figure('scorecard-pdf', `${median(scorecards).toFixed(3)} s`, 1, 'report');
    const rate = portfolio ? portfolio.pages / portfolio.seconds : Number.NaN;
    figure('portfolio-report-pages', `${rate.toFixed(1)} pages/s`, 1, 'report');
  } finally {
    await server.stop();
  }
}
