import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import {
  IconAddressBook,
  IconAlertTriangle,
  IconBuildingStore,
  IconChecklist,
  IconPlus,
  IconSearch,
  IconSettings,
  IconTargetArrow,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { contactName, contactSearchQuery } from '../features/contacts/contacts.api';
import { countryName, humanize } from '../features/partners/partner-labels';
import { partnerSearchQuery } from '../features/partners/partners.api';
import classes from './CommandPalette.module.css';

/** A place the palette can open, found by its label or a keyword. */
type PageEntry = {
  id: string;
  label: string;
  description: string;
  keywords: string[];
  icon: ReactNode;
  to: () => void;
};

const paletteAttribute = 'data-command-palette';

/** The results the palette shows, in order. */
function actionElements(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`[${paletteAttribute}] [data-action]`)];
}

type Props = { canCreate: boolean; isAdmin: boolean; canManageTemplates: boolean };

/**
 * Ctrl/⌘+K, from anywhere (also while typing in a field): finds partners, contacts and pages,
 * and Enter opens the first result.
 */
export function CommandPalette({ canCreate, isAdmin, canManageTemplates }: Props) {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  // An emptied query drops the last results at once rather than after the debounce.
  const needle = query.trim() === '' ? '' : debounced;
  const partners = useQuery({ ...partnerSearchQuery(needle), enabled: needle.length > 0 });
  const contacts = useQuery({ ...contactSearchQuery(needle), enabled: needle.length > 0 });
  const settled =
    needle === query.trim() && (needle === '' || (!partners.isFetching && !contacts.isFetching));

  const pages = useMemo(() => {
    const list: PageEntry[] = [
      {
        id: 'page-partners',
        label: 'Partners',
        description: 'All partners',
        keywords: ['companies', 'list'],
        icon: <IconBuildingStore size={20} aria-hidden />,
        to: () => navigate({ to: '/partners' }),
      },
      {
        id: 'page-contacts',
        label: 'Contacts',
        description: 'All contacts',
        keywords: ['people', 'list'],
        icon: <IconAddressBook size={20} aria-hidden />,
        to: () => navigate({ to: '/contacts' }),
      },
      {
        id: 'page-my-work',
        label: 'My work',
        description: 'My open tasks: overdue, due this week, later',
        keywords: ['tasks', 'todo', 'overdue', 'mine'],
        icon: <IconChecklist size={20} aria-hidden />,
        to: () => navigate({ to: '/my-work' }),
      },
      {
        id: 'page-issues',
        label: 'Issues',
        description: 'The issues and conflicts register',
        keywords: ['conflicts', 'problems', 'overdue', 'register'],
        icon: <IconAlertTriangle size={20} aria-hidden />,
        to: () => navigate({ to: '/issues' }),
      },
      {
        id: 'page-plans',
        label: 'Plans',
        description: 'Joint business plans with partners, by period',
        keywords: ['business plan', 'objectives', 'agreement', 'jbp'],
        icon: <IconTargetArrow size={20} aria-hidden />,
        to: () => navigate({ to: '/plans' }),
      },
    ];
    if (canCreate) {
      list.push(
        {
          id: 'page-new-partner',
          label: 'New partner',
          description: 'Add a partner',
          keywords: ['create', 'add', 'company'],
          icon: <IconPlus size={20} aria-hidden />,
          to: () => navigate({ to: '/partners/new' }),
        },
        {
          id: 'page-new-contact',
          label: 'New contact',
          description: 'Add a contact at a partner',
          keywords: ['create', 'add', 'person'],
          icon: <IconUserPlus size={20} aria-hidden />,
          to: () => navigate({ to: '/contacts/new' }),
        },
      );
    }
    if (isAdmin) {
      const tabs = [
        ['members', 'Members', 'People of the workspace and their roles', ['team', 'roles']],
        ['partner-users', 'Partner users', 'People of partners who use the portal', ['portal']],
        ['invitations', 'Invitations', 'Invite members and partner users', ['invite']],
        ['api-keys', 'API keys', 'Keys for integrations', ['token', 'integration']],
        [
          'workspace',
          'Workspace',
          'Name, partner tiers and issue response targets',
          ['tiers', 'name', 'response', 'targets'],
        ],
      ] as const;
      for (const [tab, label, description, keywords] of tabs) {
        list.push({
          id: `page-settings-${tab}`,
          label: `Settings: ${label}`,
          description,
          keywords: ['settings', ...keywords],
          icon: <IconSettings size={20} aria-hidden />,
          to: () => navigate({ to: '/settings', search: { tab } }),
        });
      }
    }
    if (canManageTemplates) {
      list.push({
        id: 'page-settings-plan-templates',
        label: 'Settings: Plan templates',
        description: 'Plans to start from, per partner type',
        keywords: ['settings', 'plans', 'templates', 'kpis'],
        icon: <IconSettings size={20} aria-hidden />,
        to: () => navigate({ to: '/settings', search: { tab: 'plan-templates' } }),
      });
    }
    return list;
  }, [navigate, canCreate, isAdmin, canManageTemplates]);

  const actions = useMemo(() => {
    const list: SpotlightActionData[] = [];
    if (needle.length > 0) {
      for (const partner of partners.data ?? []) {
        list.push({
          id: `partner-${partner.id}`,
          group: 'Partners',
          label: partner.name,
          description: [
            humanize(partner.type),
            humanize(partner.stage),
            partner.country ? countryName(partner.country) : null,
          ]
            .filter(Boolean)
            .join(' · '),
          leftSection: <IconBuildingStore size={20} aria-hidden />,
          onClick: () =>
            navigate({ to: '/partners/$partnerId', params: { partnerId: partner.id } }),
        });
      }
      for (const contact of contacts.data ?? []) {
        list.push({
          id: `contact-${contact.id}`,
          group: 'Contacts',
          label: contactName(contact),
          description: [contact.title, contact.partnerName].filter(Boolean).join(' · '),
          leftSection: <IconUsers size={20} aria-hidden />,
          onClick: () =>
            navigate({ to: '/contacts/$contactId', params: { contactId: contact.id } }),
        });
      }
    }
    const lower = needle.toLowerCase();
    for (const page of pages) {
      const words = [page.label, page.description, ...page.keywords].join(' ').toLowerCase();
      if (lower === '' || words.includes(lower)) {
        list.push({
          id: page.id,
          group: 'Pages',
          label: page.label,
          description: page.description,
          leftSection: page.icon,
          onClick: page.to,
        });
      }
    }
    return list;
  }, [needle, partners.data, contacts.data, pages, navigate]);

  // Enter pressed before the results for the typed query arrived opens the first of them.
  const enterPending = useRef(false);
  useEffect(() => {
    if (actions.length === 0) return;
    const shown = actionElements();
    // Results arrive after the query changed: mark the first, the one Enter opens.
    if (!shown.some((element) => element.hasAttribute('data-selected'))) {
      shown[0]?.setAttribute('data-selected', 'true');
    }
    if (enterPending.current && settled) {
      enterPending.current = false;
      shown[0]?.click();
    }
  }, [actions, settled]);

  return (
    <Spotlight
      actions={actions}
      query={query}
      onQueryChange={setQuery}
      onSpotlightOpen={() => {
        enterPending.current = false;
        setQuery('');
      }}
      // The server already matched partners and contacts; the palette must not filter again.
      filter={(_query, all) => all}
      shortcut={['mod + K']}
      // Also while typing in a field: the shortcut is the palette's, not the field's.
      tagsToIgnore={[]}
      triggerOnContentEditable
      nothingFound={settled ? 'Nothing matches' : 'Searching…'}
      scrollable
      classNames={{ action: classes.action }}
      maxHeight={420}
      // The dialog has no visible title; this names it for screen readers.
      attributes={{ content: { 'aria-label': 'Command palette', [paletteAttribute]: '' } }}
      searchProps={{
        leftSection: <IconSearch size={20} aria-hidden />,
        placeholder: 'Search partners, contacts and pages…',
        'aria-label': 'Search partners, contacts and pages',
        onKeyDown: (event) => {
          if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
          if (!settled) {
            // The list still shows the previous query's results: wait for this one's.
            // Unmarking the selection keeps the palette from opening a stale result now.
            enterPending.current = true;
            for (const element of actionElements()) element.removeAttribute('data-selected');
          }
        },
      }}
    />
  );
}
