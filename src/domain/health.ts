import { z } from 'zod';
import { type HealthComponentScore, HealthWeights, healthComponents } from './health-score';

/**
 * The API's view of the health score: a partner's live breakdown with its trend, and the
 * at-risk lists. The formula itself is `health-score.ts`.
 */

const healthComponent = z.enum(healthComponents);

export const HealthComponentScoreSchema = z
  .object({
    key: healthComponent,
    weight: z.number().min(0).max(1).describe("The weight's share of all weights, 0–1"),
    score: z.number().int().min(0).max(100),
    reason: z.string(),
  })
  .meta({ id: 'HealthComponentScore' });

/** A day's score (the workspace's date) from the daily snapshots. */
export const HealthTrendPoint = z
  .object({ day: z.iso.date(), score: z.number().int().min(0).max(100) })
  .meta({ id: 'HealthTrendPoint' });
export type HealthTrendPoint = z.infer<typeof HealthTrendPoint>;

/** How many days of snapshots the partner page's trend shows. */
export const HEALTH_TREND_DAYS = 90;
/** The at-risk view compares the score now with the snapshot this many days ago. */
export const HEALTH_FALLING_DAYS = 30;

export const PartnerHealth = z
  .object({
    partnerId: z.uuid(),
    score: z.number().int().min(0).max(100).describe('Computed now from the current data'),
    components: z.array(HealthComponentScoreSchema),
    weights: HealthWeights,
    computedAt: z.iso.datetime(),
    trend: z
      .array(HealthTrendPoint)
      .describe(`The daily snapshots of the last ${HEALTH_TREND_DAYS} days, oldest first`),
  })
  .meta({ id: 'PartnerHealth' });
export type PartnerHealth = z.infer<typeof PartnerHealth>;

export const AtRiskPartner = z
  .object({
    partnerId: z.uuid(),
    name: z.string(),
    score: z.number().int().min(0).max(100).describe('The latest daily score'),
    previousScore: z
      .number()
      .int()
      .min(0)
      .max(100)
      .nullable()
      .describe(`The score about ${HEALTH_FALLING_DAYS} days ago, when there was one`),
    weakest: HealthComponentScoreSchema.describe(
      'The component that costs the most points (weight share × what it lacks of 100)',
    ),
  })
  .meta({ id: 'AtRiskPartner' });
export type AtRiskPartner = z.infer<typeof AtRiskPartner>;

export const AtRiskLists = z
  .object({
    lowest: z.array(AtRiskPartner).describe('The lowest latest scores, lowest first'),
    falling: z
      .array(AtRiskPartner)
      .describe(`The biggest falls against ${HEALTH_FALLING_DAYS} days ago, biggest first`),
  })
  .meta({ id: 'AtRiskLists' });
export type AtRiskLists = z.infer<typeof AtRiskLists>;

export const AtRiskQuery = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(20)
      .describe('Partners per list, 1 to 100 (default 20)'),
  })
  .strict();

/** Score bands the web app offers as filters; the API filters by `healthMin` / `healthMax`. */
export const healthBands = {
  atRisk: { min: 0, max: 39 },
  fair: { min: 40, max: 69 },
  healthy: { min: 70, max: 100 },
} as const;
export type HealthBand = keyof typeof healthBands;

export function healthBandOf(score: number): HealthBand {
  if (score <= healthBands.atRisk.max) return 'atRisk';
  if (score <= healthBands.fair.max) return 'fair';
  return 'healthy';
}

/**
 * The component that costs the score the most points: its weight share times what it lacks of
 * 100. A weight-0 component never is, however low its own score.
 */
export function weakestComponent(
  components: readonly HealthComponentScore[],
): HealthComponentScore | undefined {
  let weakest: HealthComponentScore | undefined;
  let worstLoss = -1;
  for (const component of components) {
    const loss = component.weight * (100 - component.score);
    if (loss > worstLoss) {
      weakest = component;
      worstLoss = loss;
    }
  }
  return weakest;
}
