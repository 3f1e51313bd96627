import { Button, Group, MultiSelect, Select, TagsInput, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  defaultTiers,
  type PartnerSort,
  partnerStages,
  partnerTypes,
} from '../../../domain/partners';
import { useSession } from '../auth/session';
import { useMembers, workspaceQuery } from '../settings/settings.api';
import { countryOptions, humanize } from './partner-labels';
import type { PartnerArchivedFilter, PartnerListSearch } from './partner-list-search';

const typeOptions = partnerTypes.map((value) => ({ value, label: humanize(value) }));
const stageOptions = partnerStages.map((value) => ({ value, label: humanize(value) }));
const sortOptions: Array<{ value: PartnerSort; label: string }> = [
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-updatedAt', label: 'Recently updated' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
];

const archivedOptions = [
  { value: 'false', label: 'Hidden' },
  { value: 'true', label: 'Included' },
  { value: 'only', label: 'Only archived' },
];

type Props = { search: PartnerListSearch; onChange: (next: PartnerListSearch) => void };

/** Search box, filters and sort of the partner list; every change lands in the URL. */
export function PartnerFilters({ search, onChange }: Props) {
  const [text, setText] = useState(search.q ?? '');
  const session = useSession();
  const members = useMembers();
  const workspace = useQuery(workspaceQuery);
  const tiers = workspace.data?.workspace.tiers ?? [...defaultTiers];
  const setQuery = useDebouncedCallback((q: string) => {
    onChange({ ...search, q: q.trim() === '' ? undefined : q });
  }, 250);

  const set = (key: keyof PartnerListSearch) => (values: string[]) =>
    onChange({ ...search, [key]: values.length > 0 ? values : undefined });
  const filtered = Boolean(
    search.q ||
      search.type ||
      search.tier ||
      search.stage ||
      search.ownerId ||
      search.tag ||
      search.country ||
      search.archived,
  );

  return (
    <search aria-label="Find partners">
      <Group gap="sm" align="end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or domain"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setQuery(event.currentTarget.value);
          }}
          w={{ base: '100%', sm: 240 }}
          type="search"
        />
        <MultiSelect
          label="Type"
          data={typeOptions}
          value={search.type ?? []}
          onChange={set('type')}
          placeholder={search.type ? undefined : 'Any'}
          clearable
          w={170}
        />
        <MultiSelect
          label="Tier"
          data={tiers.map((tier) => ({ value: tier, label: humanize(tier) }))}
          value={search.tier ?? []}
          onChange={set('tier')}
          placeholder={search.tier ? undefined : 'Any'}
          clearable
          w={150}
        />
        <MultiSelect
          label="Stage"
          data={stageOptions}
          value={search.stage ?? []}
          onChange={set('stage')}
          placeholder={search.stage ? undefined : 'Any'}
          clearable
          w={160}
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
            w={170}
          />
        ) : null}
        <TagsInput
          label="Tag"
          value={search.tag ?? []}
          onChange={(tags) => set('tag')(tags.map((tag) => tag.trim().toLowerCase()))}
          placeholder={search.tag ? undefined : 'Any'}
          clearable
          w={160}
        />
        <MultiSelect
          label="Country"
          data={countryOptions}
          value={search.country ?? []}
          onChange={set('country')}
          placeholder={search.country ? undefined : 'Any'}
          searchable
          clearable
          w={170}
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
          w={150}
        />
        <Select
          label="Sort"
          data={sortOptions}
          value={search.sort ?? 'name'}
          onChange={(value) =>
            onChange({
              ...search,
              sort: value && value !== 'name' ? (value as PartnerSort) : undefined,
            })
          }
          allowDeselect={false}
          w={170}
        />
        {filtered ? (
          <Button
            variant="subtle"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={() => {
              setText('');
              onChange(search.sort ? { sort: search.sort } : {});
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </Group>
    </search>
  );
}
