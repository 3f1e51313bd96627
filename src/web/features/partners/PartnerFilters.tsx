import { Select, TagsInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { HealthBand } from '../../../domain/health';
import {
  defaultTiers,
  type PartnerSort,
  partnerStages,
  partnerTypes,
} from '../../../domain/partners';
import { ListToolbar } from '../../components/list/ListToolbar';
import { MultiFilter } from '../../components/list/MultiFilter';
import { activeFilterCount } from '../../components/list/sort';
import { useSession } from '../auth/session';
import { bandLabels } from '../health/health-labels';
import { teamsQuery, useMembers, workspaceQuery } from '../settings/settings.api';
import { countryOptions, humanize } from './partner-labels';
import type { PartnerArchivedFilter, PartnerListSearch } from './partner-list-search';

const typeOptions = partnerTypes.map((value) => ({ value, label: humanize(value) }));
const stageOptions = partnerStages.map((value) => ({ value, label: humanize(value) }));
/** Every order the API can sort partners in. */
export const partnerSortOptions: Array<{ value: PartnerSort; label: string }> = [
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-updatedAt', label: 'Recently updated' },
  { value: 'updatedAt', label: 'Least recently updated' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'health', label: 'Health, lowest first' },
  { value: '-health', label: 'Health, highest first' },
];

const healthOptions = (Object.keys(bandLabels) as HealthBand[]).map((band) => ({
  value: band,
  label: bandLabels[band],
}));

const archivedOptions = [
  { value: 'false', label: 'Hidden' },
  { value: 'true', label: 'Included' },
  { value: 'only', label: 'Only archived' },
];

export const partnerFilterKeys = [
  'type',
  'tier',
  'stage',
  'ownerId',
  'teamId',
  'tag',
  'country',
  'health',
  'archived',
] as const;

type Props = { search: PartnerListSearch; onChange: (next: PartnerListSearch) => void };

/** Search box, filters and sort of the partner list; every change lands in the URL. */
export function PartnerFilters({ search, onChange }: Props) {
  const session = useSession();
  const members = useMembers();
  const workspace = useQuery(workspaceQuery);
  const teams = useQuery({ ...teamsQuery, enabled: session?.kind === 'member' });
  const tiers = workspace.data?.workspace.tiers ?? [...defaultTiers];
  const sort = search.sort ?? 'name';

  return (
    <ListToolbar
      label="Find partners"
      searchPlaceholder="Search name or domain"
      query={search.q}
      onQuery={(q) => onChange({ ...search, q })}
      sort={sort}
      sortOptions={partnerSortOptions}
      onSort={(value) =>
        onChange({ ...search, sort: value === 'name' ? undefined : (value as PartnerSort) })
      }
      activeCount={activeFilterCount(search, partnerFilterKeys)}
      onClear={() => onChange(search.sort ? { sort: search.sort } : {})}
    >
      <MultiFilter
        label="Type"
        data={typeOptions}
        value={search.type}
        onChange={(values) => onChange({ ...search, type: values })}
      />
      <MultiFilter
        label="Tier"
        data={tiers.map((tier) => ({ value: tier, label: humanize(tier) }))}
        value={search.tier}
        onChange={(values) => onChange({ ...search, tier: values })}
      />
      <MultiFilter
        label="Stage"
        data={stageOptions}
        value={search.stage}
        onChange={(values) => onChange({ ...search, stage: values })}
      />
      {/* Owners are members, whom partner users do not see. */}
      {session?.kind === 'member' ? (
        <MultiFilter
          label="Owner"
          data={(members.data ?? []).map((member) => ({ value: member.id, label: member.name }))}
          value={search.ownerId}
          onChange={(values) => onChange({ ...search, ownerId: values })}
          anyLabel="Anyone"
          searchable
        />
      ) : null}
      {session?.kind === 'member' ? (
        <MultiFilter
          label="Team"
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={search.teamId}
          onChange={(values) => onChange({ ...search, teamId: values })}
          searchable
        />
      ) : null}
      <TagsInput
        label="Tag"
        value={search.tag ?? []}
        onChange={(tags) => {
          const tag = tags.map((t) => t.trim().toLowerCase());
          onChange({ ...search, tag: tag.length > 0 ? tag : undefined });
        }}
        placeholder={search.tag ? undefined : 'Any'}
        clearable
      />
      <MultiFilter
        label="Country"
        data={countryOptions}
        value={search.country}
        onChange={(values) => onChange({ ...search, country: values })}
        searchable
      />
      <Select
        label="Health"
        data={healthOptions}
        value={search.health ?? null}
        placeholder="Any"
        onChange={(value) =>
          onChange({ ...search, health: value ? (value as HealthBand) : undefined })
        }
        clearable
      />
      <Select
        label="Archived"
        data={archivedOptions}
        value={search.archived ?? 'false'}
        onChange={(value) =>
          onChange({
            ...search,
            archived: value && value !== 'false' ? (value as PartnerArchivedFilter) : undefined,
          })
        }
        allowDeselect={false}
      />
    </ListToolbar>
  );
}
