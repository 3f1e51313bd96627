import { Alert, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconEdit, IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { describeError } from '../../api/client';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { RecordPending } from '../../components/RecordError';
import { PartnerAgreements } from '../agreements/PartnerAgreements';
import { can, useSession } from '../auth/session';
import { CommentThread } from '../comments/CommentThread';
import { PartnerDisclosures } from '../disclosures/PartnerDisclosures';
import { PartnerHealthPanel } from '../health/PartnerHealthPanel';
import { PartnerTimeline } from '../interactions/PartnerTimeline';
import { PartnerIssues } from '../issues/PartnerIssues';
import { PartnerPlans } from '../plans/PartnerPlans';
import { PartnerScorecard } from '../plans/PartnerScorecard';
import { useMembers } from '../settings/settings.api';
import { PartnerTasks } from '../tasks/PartnerTasks';
import { PartnerTeam } from '../teams/PartnerTeam';
import { PartnerContacts } from './PartnerContacts';
import { PartnerHistory } from './PartnerHistory';
import { PartnerOverview } from './PartnerOverview';
import { formatDate, humanize } from './partner-labels';
import { archivePartner, partnerQuery, restorePartner } from './partners.api';
import { StageBadge } from './StageBadge';

export function PartnerPage() {
  const { partnerId } = useParams({ from: '/app/partners/$partnerId' });
  const { tab = 'overview' } = useSearch({ from: '/app/partners/$partnerId' });
  const navigate = useNavigate({ from: '/partners/$partnerId' });
  const session = useSession();
  const queryClient = useQueryClient();
  const record = useQuery(partnerQuery(partnerId));
  const members = useMembers();

  const archive = useMutation({
    mutationFn: ({ restore, etag }: { restore: boolean; etag: string }) =>
      restore ? restorePartner(partnerId, etag) : archivePartner(partnerId, etag),
    onSuccess: async (_data, { restore }) => {
      await queryClient.invalidateQueries({ queryKey: ['partners'] });
      await queryClient.invalidateQueries({ queryKey: ['partner', partnerId] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', partnerId] });
      notifications.show({
        color: 'teal',
        message: restore ? 'Partner restored.' : 'Partner archived.',
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  if (!record.data) return <RecordPending query={record} what="partner" />;
  const { partner, etag } = record.data;
  const owner = members.data?.find((member) => member.id === partner.ownerId);
  const archived = partner.archivedAt !== null;

  const confirmArchive = () =>
    modals.openConfirmModal({
      title: `Archive ${partner.name}?`,
      children: (
        <Text size="sm">
          The partner leaves the list and search. Nothing is deleted; you can restore it later.
        </Text>
      ),
      labels: { confirm: 'Archive', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => archive.mutate({ restore: false, etag }),
    });

  return (
    <Stack gap="lg">
      <Crumbs current={partner.name}>
        <AnchorLink to="/partners">Partners</AnchorLink>
      </Crumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <PageTitle title={partner.name} />
          <Group gap="sm">
            <StageBadge stage={partner.stage} size="lg" />
          </Group>
          <Text c="dimmed" size="sm" truncate="end">
            {[
              humanize(partner.type),
              partner.tier ? humanize(partner.tier) : null,
              partner.domains[0],
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <Group gap="sm">
          {can(session, 'partner.update') && !archived ? (
            <ButtonLink
              to="/partners/$partnerId/edit"
              params={{ partnerId }}
              leftSection={<IconEdit size={16} aria-hidden />}
            >
              Edit
            </ButtonLink>
          ) : null}
          {can(session, 'partner.archive') ? (
            archived ? (
              <Button
                variant="light"
                leftSection={<IconRestore size={16} aria-hidden />}
                loading={archive.isPending}
                onClick={() => archive.mutate({ restore: true, etag })}
              >
                Restore
              </Button>
            ) : (
              <Button
                variant="default"
                leftSection={<IconArchive size={16} aria-hidden />}
                loading={archive.isPending}
                onClick={confirmArchive}
              >
                Archive
              </Button>
            )
          ) : null}
        </Group>
      </Group>
      {archived && partner.archivedAt ? (
        <Alert color="gray" title="Archived">
          This partner was archived on {formatDate(partner.archivedAt)}. It is hidden from the list
          and search until restored.
        </Alert>
      ) : null}
      <Tabs
        value={tab}
        onChange={(value) =>
          navigate({
            search:
              value === 'contacts' ||
              value === 'timeline' ||
              value === 'issues' ||
              value === 'plan' ||
              value === 'scorecard' ||
              value === 'agreements' ||
              value === 'history' ||
              value === 'team' ||
              value === 'tasks' ||
              value === 'comments' ||
              value === 'disclosures'
                ? { tab: value }
                : {},
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List aria-label="Partner sections">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="contacts">Contacts</Tabs.Tab>
          {can(session, 'timeline.read') ? <Tabs.Tab value="timeline">Timeline</Tabs.Tab> : null}
          {can(session, 'plan.read') ? <Tabs.Tab value="plan">Plan</Tabs.Tab> : null}
          {can(session, 'plan.read') ? <Tabs.Tab value="scorecard">Scorecard</Tabs.Tab> : null}
          {can(session, 'agreement.read') ? (
            <Tabs.Tab value="agreements">Agreements</Tabs.Tab>
          ) : null}
          {can(session, 'issue.read') ? <Tabs.Tab value="issues">Issues</Tabs.Tab> : null}
          {can(session, 'task.read') ? <Tabs.Tab value="tasks">Tasks</Tabs.Tab> : null}
          {can(session, 'partner_team.read') ? <Tabs.Tab value="team">Team</Tabs.Tab> : null}
          {can(session, 'comment.read') ? <Tabs.Tab value="comments">Comments</Tabs.Tab> : null}
          {session?.kind === 'member' ? <Tabs.Tab value="history">History</Tabs.Tab> : null}
          {can(session, 'disclosure.read') ? (
            <Tabs.Tab value="disclosures">Disclosures</Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="lg">
          <Stack gap="lg">
            <PartnerOverview partner={partner} owner={owner} />
            {can(session, 'health.read') ? <PartnerHealthPanel partnerId={partnerId} /> : null}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="lg">
          <PartnerContacts
            partnerId={partnerId}
            canAdd={can(session, 'contact.create') && !archived}
          />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="lg">
          <PartnerTimeline partnerId={partnerId} archived={archived} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="lg">
          <PartnerPlans partnerId={partnerId} canAdd={can(session, 'plan.write') && !archived} />
        </Tabs.Panel>
        <Tabs.Panel value="scorecard" pt="lg">
          <PartnerScorecard partnerId={partnerId} />
        </Tabs.Panel>
        <Tabs.Panel value="agreements" pt="lg">
          <PartnerAgreements
            partnerId={partnerId}
            canAdd={can(session, 'agreement.write') && !archived}
          />
        </Tabs.Panel>
        <Tabs.Panel value="issues" pt="lg">
          <PartnerIssues partnerId={partnerId} canAdd={can(session, 'issue.create') && !archived} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="lg">
          <PartnerTasks
            partnerId={partnerId}
            canAdd={can(session, 'task.create') && !archived}
            canChange={can(session, 'task.update')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="team" pt="lg">
          <PartnerTeam
            partnerId={partnerId}
            canManage={can(session, 'partner_team.manage') && !archived}
          />
        </Tabs.Panel>
        <Tabs.Panel value="comments" pt="lg">
          <CommentThread subjectType="partner" subjectId={partnerId} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="lg">
          <PartnerHistory partnerId={partnerId} />
        </Tabs.Panel>
        <Tabs.Panel value="disclosures" pt="lg">
          <PartnerDisclosures partnerId={partnerId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
