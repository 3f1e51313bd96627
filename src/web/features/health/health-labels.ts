import { type HealthBand, healthBandOf } from '../../../domain/health';
import type { HealthComponent } from '../../../domain/health-score';

export const componentLabels: Record<HealthComponent, string> = {
  engagement: 'Engagement',
  momentum: 'Momentum',
  sentiment: 'Sentiment',
  issues: 'Open issues',
  followThrough: 'Follow-through',
};

export const bandLabels: Record<HealthBand, string> = {
  atRisk: 'At risk (0–39)',
  fair: 'Fair (40–69)',
  healthy: 'Healthy (70–100)',
};

/** Mantine colours per band; the text always says the band too, never colour alone. */
export const bandColors: Record<HealthBand, string> = {
  atRisk: 'red',
  fair: 'yellow',
  healthy: 'teal',
};

export function bandColor(score: number): string {
  return bandColors[healthBandOf(score)];
}
