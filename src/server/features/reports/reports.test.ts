import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertManyPartners,
  insertPartner,
  seedPartnerUser,
  seedWorld,
  signIn,
  type World,
} from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { kpiChartSeries } from '../../../domain/kpi-chart';
import { formatPeriod, periodAt } from '../../../domain/periods';
import type { MemberScope } from '../../access/scope';
import { portfolioReportContent } from './reports.portfolio';
import { scorecardContent } from './reports.scorecard';
import {
  generatedAt,
  portfolioReportData,
  reportPartnerLimit,
  scorecardData,
} from './reports.service';

let t: TestApp;
let world: World;
const url = '/api/v1/reports/portfolio';

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  await insertPartner(t.database, world.a.workspaceId, {
    name: '=HYPERLINK("http://evil.example") <b>Acme</b>',
    stage: 'active',
    type: 'reseller',
  });
  await insertPartner(t.database, world.b.workspaceId, { name: 'Bravo Only', stage: 'active' });
});

afterAll(() => t.close());

/** Every object in pdfmake content, depth first: tables, charts, text runs. */
function nodesOf(content: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(content)) return content.flatMap(nodesOf);
  if (!content || typeof content !== 'object') return [];
  const node = content as Record<string, unknown>;
  return [node, ...Object.values(node).flatMap(nodesOf)];
}

const cellText = (cell: unknown) =>
  typeof cell === 'string' ? cell : String((cell as { text?: unknown }).text ?? '');

/** The body rows of the first table whose header has `header`, each cell as its text. */
function tableRows(content: unknown, header: string): string[][] {
  const table = nodesOf(content)
    .map((node) => (node.table as { body?: unknown[][] } | undefined)?.body)
    .find((body) => body?.[0]?.some((cell) => cellText(cell) === header));
  return (table ?? []).slice(1).map((row) => row.map(cellText));
}

/** An admin of the workspace, as a request of theirs is scoped. */
const scope = (w: World['a']): MemberScope => ({
  kind: 'member',
  workspaceId: w.workspaceId,
  role: 'admin',
  userId: w.members.admin.userId,
  memberId: w.members.admin.memberId,
  apiKeyId: null,
});

const serviceCtx = () => ({ ...t.ctx, requestId: null });

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe('the portfolio report', () => {
  it('is a PDF attachment, not cached, with the figures and the partners in two pages', async () => {
    const res = await request(t.app, { method: 'GET', url, key: world.a.members.viewer.key });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="tandem-portfolio-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(res.rawPayload)).toBeGreaterThanOrEqual(2);
  });

  it("shows only the caller's workspace, names as text, with the filters in words", async () => {
    const a = await portfolioReportData(serviceCtx(), scope(world.a), { type: ['reseller'] });
    expect(a.filters).toBe('Type: Reseller');
    expect(a.partners.map((p) => p.name)).toEqual([
      '=HYPERLINK("http://evil.example") <b>Acme</b>',
    ]);
    const b = await portfolioReportData(serviceCtx(), scope(world.b), {});
    expect(b.partners.map((p) => p.name)).toContain('Bravo Only');
    expect(JSON.stringify(b)).not.toContain('Acme');
    // pdfmake draws a text node as text: the name is one string, never markup.
    const content = JSON.stringify(portfolioReportContent(a));
    expect(content).toContain(JSON.stringify(a.partners[0]?.name).slice(1, -1));
  });

  it(`lists at most ${reportPartnerLimit} partners and says how many there are`, async () => {
    await insertManyPartners(t.database, world.b.workspaceId, reportPartnerLimit + 5);
    const data = await portfolioReportData(serviceCtx(), scope(world.b), {});
    expect(data.partners).toHaveLength(reportPartnerLimit);
    expect(data.partnerCount).toBe(reportPartnerLimit + 5 + 3);
    expect(JSON.stringify(portfolioReportContent(data))).toContain(
      `The first ${reportPartnerLimit} of ${data.partnerCount} partners`,
    );
  });

  it('refuses partner users and bad filters, changing nothing', async () => {
    const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
    const cookie = await signIn(t.app, user.email);
    await expectDenied(t, 403, { method: 'GET', url, cookie });
    const res = await expectDenied(t, 400, {
      method: 'GET',
      url: `${url}?type=bogus`,
      key: world.a.members.admin.key,
    });
    expect(JSON.stringify(res.json().errors)).toContain('type');
    await expectDenied(t, 401, { method: 'GET', url });
  });

  it('dates the figures in the workspace time zone', () => {
    const when = new Date('2026-12-05T23:30:00Z');
    expect(generatedAt(when, 'Europe/Berlin')).toBe('6 December 2026 at 00:30 (Europe/Berlin)');
  });
});

describe('the plan scorecard', () => {
  const year = formatPeriod(
    periodAt(Date.now(), 'year', { fiscalYearStartMonth: 1, timeZone: 'UTC' }),
  );
  let planId = '';

  beforeAll(async () => {
    const key = world.a.members.manager.key;
    const plan = await request(t.app, {
      method: 'POST',
      url: '/api/v1/plans',
      key,
      payload: {
        partnerId: world.a.partners[1],
        period: year,
        summary: 'Grow **together** <script>x</script>',
        objectives: [
          {
            text: 'Launch in DACH',
            ownerSide: 'both',
            ownerMemberId: world.a.members.member.memberId,
          },
        ],
      },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    planId = plan.json().id;
    const kpi = await request(t.app, {
      method: 'POST',
      url: `/api/v1/plans/${planId}/kpis`,
      key,
      payload: { name: 'Partner revenue', unit: 'currency', currency: 'EUR', target: 12_000_00 },
    });
    expect(kpi.statusCode, kpi.body).toBe(201);
    const kpiId = kpi.json().id;
    const values = await request(t.app, {
      method: 'PUT',
      url: `/api/v1/plans/${planId}/measurements`,
      key,
      payload: {
        measurements: [1, 2, 4].map((month) => ({
          kpiId,
          period: `${year}-M${String(month).padStart(2, '0')}`,
          value: 1_000_00,
          note: month === 4 ? '=SUM(A1) late invoice' : '',
        })),
      },
    });
    expect(values.statusCode, values.body).toBe(200);
  });

  it('is a PDF attachment named for the partner and period, for any internal reader', async () => {
    const res = await request(t.app, {
      method: 'GET',
      url: `/api/v1/plans/${planId}/scorecard`,
      key: world.a.members.viewer.key,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(
        `^attachment; filename="tandem-scorecard-[a-z0-9-]+-${year.toLowerCase()}-[0-9-]+\\.pdf"$`,
      ),
    );
    expect(pageCount(res.rawPayload)).toBeGreaterThanOrEqual(2);
  });

  it('shows the plan, its owners by name and each KPI with its values as text', async () => {
    const data = await scorecardData(serviceCtx(), scope(world.a), planId);
    expect(data.objectives).toEqual([
      { text: 'Launch in DACH', ownerSide: 'both', owner: 'A member' },
    ]);
    expect(data.kpis[0]?.periods).toHaveLength(12);
    expect(data.kpis[0]?.periods[0]?.shown).toBe(`Jan ${year.slice(2)}`);
    const content = JSON.stringify(scorecardContent(data));
    expect(content).toContain('Partner revenue');
    expect(content).toContain('€12,000.00');
    expect(content).toContain('=SUM(A1) late invoice');
    expect(content).toContain('<script>x</script>');
  });

  it('draws a sum as a running total with a gap counted as nothing, and the forecast from the last value', async () => {
    const data = await scorecardData(serviceCtx(), scope(world.a), planId);
    const item = data.kpis[0];
    if (!item) throw new Error('no KPI');
    const { actual, forecast } = kpiChartSeries(item);
    expect(actual.slice(0, 5)).toEqual([1_000_00, 2_000_00, 2_000_00, 3_000_00, null]);
    const end = item.kpi.progress.trendForecast ?? item.kpi.progress.runRateForecast;
    if (end !== null) {
      expect(forecast[3]).toBe(3_000_00);
      expect(forecast[11]).toBeCloseTo(end);
      expect(forecast[2]).toBeNull();
    }
  });

  it('draws the target by then and gives each recorded period its own target', async () => {
    const data = await scorecardData(serviceCtx(), scope(world.a), planId);
    const content = scorecardContent(data);
    const json = JSON.stringify(content);
    // The KPI table reads what the target asks by now beside the actual.
    expect(json).toContain('Expected by now');
    // The chart's target line climbs by the pro-rata share: €1,000 a month of €12,000.
    const [svg = ''] = nodesOf(content).flatMap((node) =>
      typeof node.svg === 'string' ? [node.svg] : [],
    );
    expect(svg).toContain('Target by then');
    const lines = [...svg.matchAll(/<polyline points="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(lines.some((points) => points.split(' ').length === 12)).toBe(true);
    // Each recorded month beside its own share of the target, newest first.
    const rows = tableRows(content, 'Period’s target');
    expect(rows.map((row) => [row[0], row[2]])).toEqual([
      [`${year}-M04`, '€1,000.00'],
      [`${year}-M02`, '€1,000.00'],
      [`${year}-M01`, '€1,000.00'],
    ]);
  });

  it('dates each value by the day it was recorded in the workspace’s time zone', async () => {
    const data = await scorecardData(serviceCtx(), scope(world.a), planId);
    const [item] = data.kpis;
    if (!item) throw new Error('no KPI');
    // 20:00 UTC on May 4 is already May 5 in Kiritimati (UTC+14).
    const late = item.measurements.map((m) => ({ ...m, recordedAt: '2026-05-04T20:00:00.000Z' }));
    const recorded = (timeZone: string) =>
      tableRows(
        scorecardContent({ ...data, timeZone, kpis: [{ ...item, measurements: late }] }),
        'Period’s target',
      ).map((row) => row[4]);
    expect(new Set(recorded('UTC'))).toEqual(new Set(['2026-05-04']));
    expect(new Set(recorded('Pacific/Kiritimati'))).toEqual(new Set(['2026-05-05']));
  });

  it('is 404 to another workspace and to partner users, even of its partner, changing nothing', async () => {
    const url = `/api/v1/plans/${planId}/scorecard`;
    await expectDenied(t, 404, { method: 'GET', url, key: world.b.members.admin.key });
    const user = await seedPartnerUser(t.database, world.a, world.a.partners[1], 'partner_member');
    const cookie = await signIn(t.app, user.email);
    await expectDenied(t, 404, { method: 'GET', url, cookie });
  });
});
