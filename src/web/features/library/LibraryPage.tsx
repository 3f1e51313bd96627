import { Stack, Tabs } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { can, useSession } from '../auth/session';
import { ClausesPanel } from './ClausesPanel';
import { TemplatesPanel } from './TemplatesPanel';

/** The agreement library: the clause library and the templates made of its clauses. */
export function LibraryPage() {
  const session = useSession();
  const search = useSearch({ from: '/app/library' });
  const navigate = useNavigate({ from: '/library' });
  const tab = search.tab === 'templates' ? 'templates' : 'clauses';
  if (!can(session, 'clause.read')) return <NoAccess what="read the agreement library" />;
  const writer = can(session, 'clause.manage');

  return (
    <Stack gap="lg">
      <PageTitle title="Agreement library" />
      <Tabs
        value={tab}
        onChange={(value) =>
          navigate({ search: value === 'templates' ? { tab: value } : {}, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List aria-label="Library sections">
          <Tabs.Tab value="clauses">Clauses</Tabs.Tab>
          <Tabs.Tab value="templates">Templates</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="clauses" pt="lg">
          <ClausesPanel writer={writer} />
        </Tabs.Panel>
        <Tabs.Panel value="templates" pt="lg">
          <TemplatesPanel writer={writer} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
