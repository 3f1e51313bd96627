import { Button, SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { defaultTiers, partnerTypes } from '../../../domain/partners';
import { MultiFilter } from '../../components/list/MultiFilter';
import { countryOptions, humanize } from '../partners/partner-labels';
import { teamsQuery, useMembers, workspaceQuery } from '../settings/settings.api';
import { type PortfolioSearch, portfolioKeys } from './dashboard-search';

const typeOptions = partnerTypes.map((value) => ({ value, label: humanize(value) }));

/**
 * The portfolio's filters (owner, team, type, tier, country): the dashboard's, and the same for
 * a scheduled portfolio report, which is made with them.
 */
export function PortfolioFilters({
  search,
  onChange,
  label,
  cols = { base: 2, sm: 3, lg: 6 },
}: {
  search: PortfolioSearch;
  onChange: (next: PortfolioSearch) => void;
  /** The name of the group for screen readers: what the filters narrow. */
  label: string;
  cols?: { base: number; sm?: number; lg?: number };
}) {
  const members = useMembers();
  const teams = useQuery(teamsQuery);
  const workspace = useQuery(workspaceQuery);
  const tiers = workspace.data?.workspace.tiers ?? [...defaultTiers];
  const active = portfolioKeys.filter((key) => search[key]?.length).length;
  const select = (
    key: keyof PortfolioSearch,
    name: string,
    data: Array<{ value: string; label: string }>,
  ) => (
    <MultiFilter
      label={name}
      data={data}
      value={search[key]}
      onChange={(values) => onChange({ ...search, [key]: values })}
      searchable
    />
  );
  return (
    <SimpleGrid cols={cols} spacing="sm" role="search" aria-label={label}>
      {select(
        'ownerId',
        'Owner',
        (members.data ?? []).map((m) => ({ value: m.id, label: m.name })),
      )}
      {select(
        'teamId',
        'Team',
        (teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
      )}
      {select('type', 'Type', typeOptions)}
      {select(
        'tier',
        'Tier',
        tiers.map((tier) => ({ value: tier, label: humanize(tier) })),
      )}
      {select('country', 'Country', countryOptions)}
      {active > 0 ? (
        <Button variant="subtle" onClick={() => onChange({})} style={{ alignSelf: 'end' }}>
          Clear filters
        </Button>
      ) : null}
    </SimpleGrid>
  );
}
