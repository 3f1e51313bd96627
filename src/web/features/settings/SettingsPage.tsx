import { Stack, Tabs, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { PageTitle } from '../../components/PageTitle';
import { RenewalRemindersPanel } from '../agreements/RenewalRemindersPanel';
import { can, useSession } from '../auth/session';
import { HealthWeightsPanel } from '../health/HealthWeightsPanel';
import { ResponseTargetsPanel } from '../issues/ResponseTargetsPanel';
import { CadencePanel } from '../partners/CadencePanel';
import { ApiKeysPanel } from './ApiKeysPanel';
import { ComplianceRequirementsPanel } from './ComplianceRequirementsPanel';
import { FiscalSettingsPanel } from './FiscalSettingsPanel';
import { InvitationsPanel } from './InvitationsPanel';
import { MembersPanel } from './MembersPanel';
import { PartnerUsersPanel } from './PartnerUsersPanel';
import { PlanTemplatesPanel } from './PlanTemplatesPanel';
import { TeamsPanel } from './TeamsPanel';
import { WorkspacePanel } from './WorkspacePanel';

const tabs = [
  'workspace',
  'members',
  'teams',
  'partner-users',
  'invitations',
  'api-keys',
  'plan-templates',
  'compliance',
] as const;

/** Workspace settings: for admins (the navigation shows it to no one else). */
export function SettingsPage() {
  const session = useSession();
  const search = useSearch({ from: '/app/settings' });
  const navigate = useNavigate({ from: '/settings' });
  // Partner users are listed to those who may read members (`member.read`: internal roles).
  const canReadMembers = session?.kind === 'member';
  const shown = tabs.filter((name) => name !== 'partner-users' || canReadMembers);
  const tab = (shown as readonly string[]).includes(search.tab ?? '') ? search.tab : 'members';

  if (!can(session, 'workspace.update')) {
    return (
      <Stack>
        <PageTitle title="Settings" />
        <Text c="dimmed">Only administrators manage the workspace.</Text>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PageTitle title="Settings" />
      <Tabs
        value={tab}
        onChange={(value) => navigate({ search: value ? { tab: value } : {}, replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label="Settings sections">
          <Tabs.Tab value="members">Members</Tabs.Tab>
          <Tabs.Tab value="teams">Teams</Tabs.Tab>
          {canReadMembers ? <Tabs.Tab value="partner-users">Partner users</Tabs.Tab> : null}
          <Tabs.Tab value="invitations">Invitations</Tabs.Tab>
          <Tabs.Tab value="api-keys">API keys</Tabs.Tab>
          <Tabs.Tab value="plan-templates">Plan templates</Tabs.Tab>
          <Tabs.Tab value="compliance">Compliance</Tabs.Tab>
          <Tabs.Tab value="workspace">Workspace</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="lg">
          <MembersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="teams" pt="lg">
          <TeamsPanel />
        </Tabs.Panel>
        {canReadMembers ? (
          <Tabs.Panel value="partner-users" pt="lg">
            <PartnerUsersPanel />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="invitations" pt="lg">
          <InvitationsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys" pt="lg">
          <ApiKeysPanel />
        </Tabs.Panel>
        <Tabs.Panel value="plan-templates" pt="lg">
          <PlanTemplatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="compliance" pt="lg">
          <ComplianceRequirementsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="workspace" pt="lg">
          <Stack gap="lg">
            <WorkspacePanel />
            <FiscalSettingsPanel />
            <ResponseTargetsPanel />
            <CadencePanel />
            <HealthWeightsPanel />
            <RenewalRemindersPanel />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
