import { z } from 'zod';
import { type HealthBand, healthBands } from './health';
import { kpiStatus } from './kpis';
import { PartnerListQuery, partnerStage, partnerType } from './partners';
import { PeriodLabel } from './periods';
import { planStatus } from './plans';
import { humanize } from './text';

/**
 * The portfolio dashboard (issue 9 §4): counts over the workspace's active partners, narrowed by
 * the partner list's own filters. Every figure names the list and the list filters that show the
 * records behind it, so a client clicks through to exactly what was counted.
 */

/** The partner list's filters the dashboard takes: parsed as the list parses them. */
export const PortfolioQuery = PartnerListQuery.pick({
  ownerId: true,
  teamId: true,
  type: true,
  tier: true,
  country: true,
}).strict();
export type PortfolioQuery = z.infer<typeof PortfolioQuery>;

/** The filters of the dashboard a figure link carries on to its list. */
export const portfolioFilterKeys = ['ownerId', 'teamId', 'type', 'tier', 'country'] as const;

/**
 * The filters in words (`Owner: Ada Admin; Type: Reseller`), or null when none is applied: the
 * portfolio report prints them and the scheduled reports list shows them. Owners and teams are
 * named from the maps given; one missing from them has left or retired.
 */
export function portfolioFiltersInWords(
  filters: Partial<Record<(typeof portfolioFilterKeys)[number], readonly string[]>>,
  names: { owners: ReadonlyMap<string, string>; teams: ReadonlyMap<string, string> },
): string | null {
  const parts = [
    ['Owner', (filters.ownerId ?? []).map((id) => names.owners.get(id) ?? 'a former member')],
    ['Team', (filters.teamId ?? []).map((id) => names.teams.get(id) ?? 'a retired team')],
    ['Type', (filters.type ?? []).map(humanize)],
    ['Tier', filters.tier ?? []],
    ['Country', filters.country ?? []],
  ] as const;
  const words = parts
    .filter(([, values]) => values.length > 0)
    .map(([label, values]) => `${label}: ${values.join(', ')}`);
  return words.length > 0 ? words.join('; ') : null;
}

export const DashboardLink = z
  .object({
    list: z.enum(['partners', 'plans']).describe('The list operation: `listPartners`, `listPlans`'),
    query: z
      .record(z.string(), z.array(z.string()))
      .describe("The list's query parameters, each with its values (repeat the parameter)"),
  })
  .meta({ id: 'DashboardLink' });
export type DashboardLink = z.infer<typeof DashboardLink>;

const count = z.number().int().min(0);

/** How many off-track partners the dashboard names, worst first. */
export const OFF_TRACK_LIMIT = 10;

const attainment = z
  .number()
  .nullable()
  .describe(
    'Attainment to date: 1 is on target, 0 nothing, capped at 2; null while nothing is due',
  );

export const OffTrackPartner = z
  .object({
    partnerId: z.uuid(),
    name: z.string(),
    planId: z.uuid(),
    period: PeriodLabel,
    offTrackKpis: z.number().int().min(1).describe("How many of the plan's KPIs are off track"),
    kpi: z
      .object({
        id: z.uuid(),
        name: z.string(),
        attainment,
        forecastAttainment: z.number().nullable().describe('Attainment forecast at period end'),
        outlook: z
          .number()
          .describe(
            'The better of pace and forecast attainment: what the status rule compares (docs/kpi-math.md)',
          ),
      })
      .describe('The off-track KPI with the lowest outlook: the one that puts the partner here'),
  })
  .meta({ id: 'OffTrackPartner' });
export type OffTrackPartner = z.infer<typeof OffTrackPartner>;

const healthBand = z.enum(Object.keys(healthBands) as [HealthBand, ...HealthBand[]]);

export const PortfolioDashboard = z
  .object({
    filters: z
      .object({
        ownerId: z.array(z.uuid()),
        teamId: z.array(z.uuid()),
        type: z.array(partnerType),
        tier: z.array(z.string()),
        country: z.array(z.string()),
      })
      .describe('The filters applied, as given'),
    partners: z
      .object({ count, link: DashboardLink })
      .describe('Active (not archived) partners the filters match'),
    byStage: z.array(z.object({ stage: partnerStage, count, link: DashboardLink })),
    byTier: z
      .array(z.object({ tier: z.string().nullable(), count, link: DashboardLink.nullable() }))
      .describe(
        "The workspace's tiers in its order, then tiers no longer listed, then no tier (null; no list filter shows those, so no link). With a `tier` filter, only its tiers",
      ),
    byType: z
      .array(z.object({ type: partnerType, count, link: DashboardLink }))
      .describe('Every type; with a `type` filter, only its types'),
    health: z
      .object({
        bands: z.array(
          z.object({
            band: healthBand,
            min: z.number().int(),
            max: z.number().int(),
            count,
            link: DashboardLink,
          }),
        ),
        unscored: count.describe('Partners without a health snapshot yet'),
      })
      .describe("Each partner's latest daily health score (its latest snapshot), in bands"),
    plans: z
      .object({
        periods: z
          .array(PeriodLabel)
          .describe("The workspace's current fiscal year and quarter, in its time zone"),
        count,
        byStatus: z.array(z.object({ status: planStatus, count, link: DashboardLink })),
      })
      .describe(
        "Plans of the filtered active partners whose period is the current fiscal year or quarter. The links list the periods' plans by status; the plan list does not filter by partner fields or leave out archived partners' plans, so it may show more than the figure counts",
      ),
    kpis: z
      .object({
        count: count.describe('KPIs of the active plans of the filtered partners'),
        byStatus: z.array(z.object({ status: kpiStatus, count, link: DashboardLink })),
        notDue: count.describe('KPIs with nothing due yet, so no status'),
        meanAttainment: attainment.describe(
          'The mean attainment of the KPIs with one (1 is on target); null when none has',
        ),
        offTrack: z.object({
          count: count.describe('Partners with at least one off-track KPI'),
          partners: z
            .array(OffTrackPartner)
            .describe(
              `The first ${OFF_TRACK_LIMIT}, furthest behind first (their worst KPI's outlook)`,
            ),
        }),
      })
      .describe(
        "KPI attainment across active plans, from each KPI's stored progress. The status links list the active plans",
      ),
  })
  .meta({ id: 'PortfolioDashboard' });
export type PortfolioDashboard = z.infer<typeof PortfolioDashboard>;
