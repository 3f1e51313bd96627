import { type HealthBand, healthBands } from '../../../domain/health';
import { type PartnerSort, partnerSorts } from '../../../domain/partners';

/** The partner list's filters, kept in the URL so a filtered list can be shared and reloaded. */
export type PartnerListSearch = {
  q?: string;
  type?: string[];
  tier?: string[];
  stage?: string[];
  ownerId?: string[];
  teamId?: string[];
  tag?: string[];
  country?: string[];
  sort?: PartnerSort;
  /** A band of the latest health score; the API is asked for its range. */
  health?: HealthBand;
  /** Absent: archived partners are hidden. */
  archived?: PartnerArchivedFilter;
};

export const archivedFilters = ['true', 'only'] as const;
export type PartnerArchivedFilter = (typeof archivedFilters)[number];

const listKeys = ['type', 'tier', 'stage', 'ownerId', 'teamId', 'tag', 'country'] as const;

function strings(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string' && item !== '',
  );
  return list.length > 0 ? list : undefined;
}

export function partnerListSearch(raw: Record<string, unknown>): PartnerListSearch {
  const search: PartnerListSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim() !== '') search.q = raw.q;
  for (const key of listKeys) {
    const values = strings(raw[key]);
    if (values) search[key] = values;
  }
  if ((partnerSorts as readonly unknown[]).includes(raw.sort))
    search.sort = raw.sort as PartnerSort;
  if (typeof raw.health === 'string' && raw.health in healthBands)
    search.health = raw.health as HealthBand;
  // A link may carry `archived=true` as a boolean once the router has parsed it.
  const archived = String(raw.archived);
  if ((archivedFilters as readonly string[]).includes(archived))
    search.archived = archived as PartnerArchivedFilter;
  return search;
}
