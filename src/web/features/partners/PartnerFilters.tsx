import { MultiSelect, Select, TagsInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { HealthBand } from '../../../domain/health';
import {
  defaultTiers,
  type PartnerSort,
  partnerStages,
  partnerTypes,
} from '../../../domain/partners';
import { ListToolbar } from '../../components/list/ListToolbar';
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
  const set = (key: keyof PartnerListSearch) => (values: string[]) =>
    onChange({ ...search, [key]: values.length > 0 ? values : undefined });
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
      <MultiSelect
        label="Type"
        data={typeOptions}
        value={search.type ?? []}
        onChange={set('type')}
        placeholder={search.type ? undefined : 'Any'}
        clearable
      />
      <MultiSelect
        label="Tier"
        data={tiers.map((tier) => ({ value: tier, label: humanize(tier) }))}
        value={search.tier ?? []}
        onChange={set('tier')}
        placeholder={search.tier ? undefined : 'Any'}
        clearable
      />
      <MultiSelect
        label="Stage"
        data={stageOptions}
        value={search.stage ?? []}
        onChange={set('stage')}
        placeholder={search.stage ? undefined : 'Any'}
        clearable
      />
      {/* Owners are members, whom partner users do not see. */}
      {session?.kind === 'member' ? (
        <MultiSelect
          label="Owner"
          data={(members.data ?? []).map((member) => ({ value: member.id, label: member.name }))}
          value={search.ownerId ?? []}
          onChange={set('ownerId')}
          placeholder={search.ownerId ? undefined : 'Anyone'}
          searchable
          clearable
        />
      ) : null}
      {session?.kind === 'member' ? (
        <MultiSelect
          label="Team"
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={search.teamId ?? []}
          onChange={set('teamId')}
          placeholder={search.teamId ? undefined : 'Any'}
          searchable
          clearable
        />
      ) : null}
      <TagsInput
        label="Tag"
        value={search.tag ?? []}
        onChange={(tags) => set('tag')(tags.map((tag) => tag.trim().toLowerCase()))}
        placeholder={search.tag ? undefined : 'Any'}
        clearable
      />
      <MultiSelect
        label="Country"
        data={countryOptions}
        value={search.country ?? []}
        onChange={set('country')}
        placeholder={search.country ? undefined : 'Any'}
        searchable
        clearable
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
