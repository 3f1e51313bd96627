import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { IconBuildingStore, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { partnerSearchQuery } from '../features/partners/partners.api';

/** Ctrl/⌘+K: finds partners through the API and jumps to one; also the main destinations. */
export function CommandPalette({ canCreate }: { canCreate: boolean }) {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const found = useQuery({ ...partnerSearchQuery(debounced), enabled: debounced.length > 0 });

  const actions = useMemo(() => {
    const list: SpotlightActionData[] = [];
    if (debounced.length > 0) {
      for (const partner of found.data ?? []) {
        list.push({
          id: `partner-${partner.id}`,
          group: 'Partners',
          label: partner.name,
          description: [partner.type, partner.stage, partner.country].filter(Boolean).join(' · '),
          leftSection: <IconBuildingStore size={20} aria-hidden />,
          onClick: () =>
            navigate({ to: '/partners/$partnerId', params: { partnerId: partner.id } }),
        });
      }
    }
    const go: SpotlightActionData[] = [
      {
        id: 'go-partners',
        label: 'Partners',
        description: 'All partners',
        leftSection: <IconBuildingStore size={20} aria-hidden />,
        onClick: () => navigate({ to: '/partners' }),
      },
      {
        id: 'go-contacts',
        label: 'Contacts',
        description: 'All contacts',
        leftSection: <IconUsers size={20} aria-hidden />,
        onClick: () => navigate({ to: '/contacts' }),
      },
    ];
    if (canCreate) {
      go.push({
        id: 'new-partner',
        label: 'New partner',
        leftSection: <IconPlus size={20} aria-hidden />,
        onClick: () => navigate({ to: '/partners/new' }),
      });
    }
    const needle = debounced.toLowerCase();
    for (const action of go) {
      if (!needle || String(action.label).toLowerCase().includes(needle)) {
        list.push({ ...action, group: 'Go to' });
      }
    }
    return list;
  }, [debounced, found.data, navigate, canCreate]);

  return (
    <Spotlight
      actions={actions}
      query={query}
      onQueryChange={setQuery}
      // The server already matched the partners; the palette must not filter them again.
      filter={(_query, all) => all}
      shortcut={['mod + K']}
      nothingFound={found.isFetching ? 'Searching…' : 'No partner matches'}
      scrollable
      maxHeight={420}
      // The dialog has no visible title; this names it for screen readers.
      attributes={{ content: { 'aria-label': 'Command palette: search partners' } }}
      searchProps={{
        leftSection: <IconSearch size={20} aria-hidden />,
        placeholder: 'Search partners…',
        'aria-label': 'Search partners',
      }}
    />
  );
}
