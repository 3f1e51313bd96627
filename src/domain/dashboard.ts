import { z } from 'zod';
import { type HealthBand, healthBands } from './health';
import { PartnerListQuery, partnerStage, partnerType } from './partners';
import { PeriodLabel } from './periods';
import { planStatus } from './plans';

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
  })
  .meta({ id: 'PortfolioDashboard' });
export type PortfolioDashboard = z.infer<typeof PortfolioDashboard>;
