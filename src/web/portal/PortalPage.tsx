import {
  Box,
  Button,
  Container,
  Group,
  Loader,
  Stack,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { ColorSchemeToggle } from '../components/ColorSchemeToggle';
import { ErrorAlert } from '../components/ErrorAlert';
import { Logo } from '../components/Logo';
import { PageTitle } from '../components/PageTitle';
import { portalOverview } from './portal.api';
import { SharedAgreements } from './SharedAgreements';
import { SharedInteractions } from './SharedInteractions';
import { SharedIssues } from './SharedIssues';

/**
 * The partner portal: who is signed in, for which partner, and what the workspace shares with
 * them (interactions, agreements to read and sign, issues).
 */
export function PortalPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery({
    queryKey: ['portal', 'me'],
    queryFn: async () => unwrap(await api.GET('/api/v1/portal/me')),
  });
  const overview = useQuery({ queryKey: ['portal', 'overview'], queryFn: portalOverview });
  const issues = overview.data?.issues;
  const activeIssues = issues ? issues.open + issues.investigating + issues.escalated : null;
  const toSign = overview.data?.agreementsAwaitingYourSignature ?? 0;
  // Opens on what waits for the partner user's signature, until they pick a tab themselves.
  const [picked, setPicked] = useState<string | null>(null);
  const tab = picked ?? (toSign > 0 ? 'agreements' : 'interactions');

  async function signOut() {
    await api.POST('/api/v1/auth/sign-out');
    queryClient.clear();
    await navigate({ to: '/sign-in' });
  }

  return (
    <Box mih="100vh">
      <Group component="header" justify="space-between" p="md" wrap="nowrap">
        <Logo />
        <Group gap="sm" wrap="nowrap">
          <ColorSchemeToggle />
          <Button variant="default" onClick={signOut}>
            Sign out
          </Button>
        </Group>
      </Group>
      <Container component="main" size="md" pb="xl">
        <PageTitle title="Partner portal" mb="xs" />
        {me.isPending ? <Loader aria-label="Loading" /> : null}
        <ErrorAlert error={me.error} />
        {me.data ? (
          <Stack gap="lg">
            <Stack gap={4}>
              <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                {me.data.partner.name}
              </Title>
              <Text c="dimmed" size="sm">
                What {me.data.workspace.name} shares with you. Signed in as {me.data.user.name} (
                {me.data.role === 'partner_admin' ? 'partner admin' : 'partner member'}).
              </Text>
            </Stack>
            <ErrorAlert error={overview.error} />
            <Tabs value={tab} onChange={setPicked} keepMounted={false}>
              <Tabs.List aria-label="Shared with you">
                <Tabs.Tab value="interactions">
                  Interactions
                  {overview.data ? ` (${overview.data.interactions})` : null}
                </Tabs.Tab>
                <Tabs.Tab value="agreements">
                  Agreements{toSign > 0 ? ` (${toSign} to sign)` : null}
                </Tabs.Tab>
                <Tabs.Tab value="issues">
                  Issues
                  {activeIssues !== null ? (
                    <>
                      {` (${activeIssues}`}
                      <VisuallyHidden> active</VisuallyHidden>)
                    </>
                  ) : null}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="interactions" pt="lg">
                <SharedInteractions />
              </Tabs.Panel>
              <Tabs.Panel value="agreements" pt="lg">
                <SharedAgreements />
              </Tabs.Panel>
              <Tabs.Panel value="issues" pt="lg">
                <SharedIssues />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        ) : null}
      </Container>
    </Box>
  );
}
