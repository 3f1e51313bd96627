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

/** The sections in the order they are shown; the first one shown opens by default. */
const tabs = [
  'members',
  'teams',
  'partner-users',
  'invitations',
  'api-keys',
  'plan-templates',
  'compliance',
  'workspace',
] as const;

const tabLabels: Record<(typeof tabs)[number], string> = {
  members: 'Members',
  teams: 'Teams',
  'partner-users': 'Partner users',
  invitations: 'Invitations',
  'api-keys': 'API keys',
  'plan-templates': 'Plan templates',
  compliance: 'Compliance',
  workspace: 'Workspace',
};

/**
 * Workspace settings: every section for admins; managers see the one they manage, plan
 * templates (the navigation shows the page to no one else).
 */
export function SettingsPage() {
  const session = useSession();
  const search = useSearch({ from: '/app/settings' });
  const navigate = useNavigate({ from: '/settings' });
  const admin = can(session, 'workspace.update');
  // Partner users are listed to those who may read members (`member.read`: internal roles).
  const canReadMembers = session?.kind === 'member';
  const shown = tabs.filter((name) =>
    name === 'plan-templates'
      ? admin || can(session, 'plan_template.manage')
      : admin && (name !== 'partner-users' || canReadMembers),
  );
  const tab = (shown as readonly string[]).includes(search.tab ?? '') ? search.tab : shown[0];

  if (shown.length === 0) {
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
          {shown.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {tabLabels[name]}
            </Tabs.Tab>
          ))}
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
