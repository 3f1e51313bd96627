import { Button, Group, MultiSelect, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type ReportFilters, type Weekday, weekdays } from '../../../domain/report-subscriptions';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { listContacts } from '../contacts/contacts.api';
import type { PortfolioSearch } from '../dashboard/dashboard-search';
import { PortfolioFilters } from '../dashboard/PortfolioFilters';
import { membersQuery } from '../settings/settings.api';

/** The report a schedule sends: the portfolio report, or one plan's scorecard. */
export type ScheduledReport =
  | { kind: 'portfolio' }
  | { kind: 'scorecard'; planId: string; partnerId: string; partnerName: string };

export const dayLabel = (day: Weekday) => `${day[0]?.toUpperCase()}${day.slice(1)}`;

/**
 * Schedules a report by email, weekly or monthly, to members and, for a scorecard, to the
 * partner's contacts.
 */
export function ScheduleReportForm({
  report,
  onDone,
}: {
  report: ScheduledReport;
  onDone: () => Promise<unknown> | undefined;
}) {
  const members = useQuery(membersQuery);
  const partnerId = report.kind === 'scorecard' ? report.partnerId : null;
  const contacts = useQuery({
    queryKey: ['contacts', { partnerId }, 'recipients'],
    queryFn: ({ signal }) => listContacts({ partnerId: partnerId ?? '' }, undefined, signal),
    enabled: partnerId !== null,
  });
  const [cadence, setCadence] = useState<'weekly' | 'monthly'>('weekly');
  const [weekday, setWeekday] = useState<Weekday>('monday');
  const [day, setDay] = useState<number>(1);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [contactIds, setContactIds] = useState<string[]>([]);
  const [filters, setFilters] = useState<PortfolioSearch>({});
  const [failure, setFailure] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/report-subscriptions', {
          body: {
            ...(report.kind === 'scorecard'
              ? { kind: 'scorecard', planId: report.planId, contactIds }
              : // The type filter offers only partner types.
                { kind: 'portfolio', filters: filters as ReportFilters }),
            cadence,
            ...(cadence === 'weekly' ? { weekday } : { dayOfMonth: day }),
            memberIds,
          },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Report scheduled.' });
      setMemberIds([]);
      setContactIds([]);
      setFilters({});
      await onDone();
    },
    onError: (error) => setFailure(describeError(error)),
  });
  const title =
    report.kind === 'scorecard'
      ? `Email the scorecard for ${report.partnerName}`
      : 'Email the portfolio report';
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setFailure(null);
        create.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          Sent at 07:00 in the workspace time zone, with the PDF attached. Each email carries a link
          that unsubscribes its recipient.
        </Text>
        <ErrorAlert error={failure} title="Could not schedule the report" />
        <Group align="end">
          <Select
            label="Cadence"
            data={[
              { value: 'weekly', label: 'Weekly' },
              { value: 'monthly', label: 'Monthly' },
            ]}
            value={cadence}
            onChange={(value) => setCadence(value === 'monthly' ? 'monthly' : 'weekly')}
            allowDeselect={false}
          />
          {cadence === 'weekly' ? (
            <Select
              label="Weekday"
              data={weekdays.map((d) => ({ value: d, label: dayLabel(d) }))}
              value={weekday}
              onChange={(value) => setWeekday((value as Weekday) ?? 'monday')}
              allowDeselect={false}
            />
          ) : (
            <NumberInput
              label="Day of the month"
              description="1 to 28"
              min={1}
              max={28}
              value={day}
              onChange={(value) => setDay(Number(value) || 1)}
            />
          )}
        </Group>
        {report.kind === 'portfolio' ? (
          <Stack gap={4}>
            <PortfolioFilters
              label="Filters of the report"
              search={filters}
              onChange={setFilters}
              cols={{ base: 1, sm: 2, lg: 3 }}
            />
            <Text size="sm" c="dimmed">
              The dashboard's filters: the report covers only the partners they match, or every
              partner when none is chosen.
            </Text>
          </Stack>
        ) : null}
        <MultiSelect
          label={report.kind === 'scorecard' ? 'Members' : 'Recipients'}
          placeholder="Choose members"
          searchable
          data={(members.data ?? []).map((m) => ({
            value: m.id,
            label: `${m.name} (${m.email})`,
          }))}
          value={memberIds}
          onChange={setMemberIds}
        />
        {report.kind === 'scorecard' ? (
          <MultiSelect
            label={`Contacts at ${report.partnerName}`}
            placeholder="Choose contacts with an email address"
            searchable
            data={(contacts.data?.items ?? [])
              .filter((c) => c.email)
              .map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName} (${c.email})` }))}
            value={contactIds}
            onChange={setContactIds}
          />
        ) : null}
        <Group>
          <Button
            type="submit"
            loading={create.isPending}
            disabled={memberIds.length + contactIds.length === 0}
          >
            Schedule
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
