import { type HealthBand, healthBands } from '../../../domain/health';
import type { PartnerListSearch } from '../partners/partner-list-search';
import { type PlanListSearch, planListSearch } from '../plans/plan-list-search';
import type { DashboardLink } from './dashboard.api';

/** The dashboard's filters, kept in the URL like the partner list's. */
export type PortfolioSearch = {
  ownerId?: string[];
  teamId?: string[];
  type?: string[];
  tier?: string[];
  country?: string[];
};

export const portfolioKeys = ['ownerId', 'teamId', 'type', 'tier', 'country'] as const;

function strings(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string' && item !== '',
  );
  return list.length > 0 ? list : undefined;
}

export function portfolioSearch(raw: Record<string, unknown>): PortfolioSearch {
  const search: PortfolioSearch = {};
  for (const key of portfolioKeys) {
    const values = strings(raw[key]);
    if (values) search[key] = values;
  }
  return search;
}

const partnerListKeys = ['type', 'tier', 'stage', 'ownerId', 'teamId', 'country'] as const;

/**
 * The partner list's URL for a figure's link: the list filters as they are, and a health score
 * range as the band the list's URL names (the API link says `healthMin`/`healthMax`).
 */
export function partnerSearchOf(link: DashboardLink): PartnerListSearch {
  const search: PartnerListSearch = {};
  for (const key of partnerListKeys) {
    const values = link.query[key];
    if (values && values.length > 0) search[key] = values;
  }
  const min = Number(link.query.healthMin?.[0]);
  const max = Number(link.query.healthMax?.[0]);
  const band = (Object.keys(healthBands) as HealthBand[]).find(
    (name) => healthBands[name].min === min && healthBands[name].max === max,
  );
  if (band) search.health = band;
  return search;
}

/** The plan list's URL for a figure's link: its periods and statuses, read as the list reads them. */
export function planSearchOf(link: DashboardLink): PlanListSearch {
  return planListSearch(link.query);
}
