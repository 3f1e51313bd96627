import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { portfolioFiltersInWords } from '../../../domain/dashboard';
import { type ReportSchedule, scheduleInWords } from '../../../domain/report-subscriptions';
import { api, describeError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { can, useSession } from '../auth/session';
import { formatDateTime } from '../partners/partner-labels';
import { teamsQuery, useMembers } from '../settings/settings.api';
import { ScheduleReportForm } from './ScheduleReportForm';

type Subscription = components['schemas']['ReportSubscription'];

const subscriptionsQuery = {
  queryKey: ['report-subscriptions'],
  queryFn: async () =>
    unwrap(await api.GET('/api/v1/report-subscriptions', { params: { query: { limit: 200 } } }))
      .items,
};

const scheduleOf = (s: Subscription): ReportSchedule =>
  s.cadence === 'weekly'
    ? { cadence: 'weekly', weekday: s.weekday ?? 'monday' }
    : { cadence: 'monthly', dayOfMonth: s.dayOfMonth ?? 1 };

/** The workspace's scheduled reports: pause, resume, send now, delete. */
export function ReportsPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const list = useQuery(subscriptionsQuery);
  const members = useMembers();
  const teams = useQuery(teamsQuery);
  const names = {
    owners: new Map((members.data ?? []).map((m) => [m.id, m.name])),
    teams: new Map((teams.data ?? []).map((team) => [team.id, team.name])),
  };
  const manage = can(session, 'report_subscription.manage');
  const refresh = () => queryClient.invalidateQueries({ queryKey: subscriptionsQuery.queryKey });
  const onError = (error: unknown) =>
    notifications.show({ color: 'red', message: describeError(error) });
  const toggle = useMutation({
    mutationFn: async (s: Subscription) =>
      unwrap(
        await api.PATCH('/api/v1/report-subscriptions/{id}', {
          params: { path: { id: s.id }, header: { 'if-match': `"${s.version}"` } },
          body: { status: s.status === 'active' ? 'paused' : 'active' },
        }),
      ),
    onSuccess: refresh,
    onError,
  });
  const sendNow = useMutation({
    mutationFn: async (s: Subscription) =>
      unwrap(
        await api.POST('/api/v1/report-subscriptions/{id}/send-now', {
          params: { path: { id: s.id } },
        }),
      ),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'The report is on its way.' });
      return refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: async (s: Subscription) =>
      unwrap(
        await api.DELETE('/api/v1/report-subscriptions/{id}', {
          params: { path: { id: s.id }, header: { 'if-match': `"${s.version}"` } },
        }),
      ),
    onSuccess: refresh,
    onError,
  });

  return (
    <Stack gap="lg">
      <PageTitle title="Scheduled reports" />
      {manage ? (
        <Card withBorder>
          <ScheduleReportForm report={{ kind: 'portfolio' }} onDone={refresh} />
        </Card>
      ) : null}
      <ErrorAlert error={list.error ? describeError(list.error) : null} title="Could not load" />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">
          No report is scheduled yet. {manage ? 'Schedule the portfolio report above.' : ''}
        </Text>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Report</Table.Th>
                <Table.Th>Schedule</Table.Th>
                <Table.Th>Recipients</Table.Th>
                <Table.Th>Next</Table.Th>
                <Table.Th>Last sent</Table.Th>
                {manage ? <Table.Th>Actions</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {s.title}
                    {s.kind === 'portfolio' ? (
                      <Text size="sm" c="dimmed">
                        {portfolioFiltersInWords(s.filters, names) ?? 'Every partner'}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {scheduleInWords(scheduleOf(s))}{' '}
                    {s.status === 'paused' ? <Badge color="gray">Paused</Badge> : null}
                  </Table.Td>
                  <Table.Td>
                    {s.recipients
                      .map((r) => (r.unsubscribedAt ? `${r.name} (unsubscribed)` : r.name))
                      .join(', ')}
                  </Table.Td>
                  <Table.Td>{s.nextRunAt ? formatDateTime(s.nextRunAt) : '—'}</Table.Td>
                  <Table.Td>{s.lastSentAt ? formatDateTime(s.lastSentAt) : 'Never'}</Table.Td>
                  {manage ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => toggle.mutate(s)}>
                          {s.status === 'active' ? 'Pause' : 'Resume'}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => sendNow.mutate(s)}>
                          Send now
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Delete the schedule of ${s.title}`}
                          onClick={() => remove.mutate(s)}
                        >
                          Delete
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
