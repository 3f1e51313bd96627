import { Select, SimpleGrid, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FiscalSettings } from '../../../domain/periods';
import { schemaErrors } from '../../lib/forms';
import { timeZoneOptions } from '../../lib/time-zones';
import {
  WorkspaceSettingCard,
  WorkspaceSettingForm,
  type WorkspaceSettingProps,
} from './WorkspaceSetting';

const monthName = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });
const monthOptions = Array.from({ length: 12 }, (_, i) => ({
  value: String(i + 1),
  label: monthName.format(Date.UTC(2000, i, 1)),
}));

/** A select holds strings; the API takes the month as a number. */
type Values = { fiscalYearStartMonth: string; timeZone: string };
const settingsOf = (values: Values): FiscalSettings => ({
  fiscalYearStartMonth: Number(values.fiscalYearStartMonth),
  timeZone: values.timeZone,
});

function FiscalForm({ workspace, etag, onStale }: WorkspaceSettingProps) {
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      fiscalYearStartMonth: String(workspace.fiscalYearStartMonth),
      timeZone: workspace.timeZone,
    },
    validate: (values) => schemaErrors(FiscalSettings, settingsOf(values)),
  });
  // A zone saved under another spelling than the runtime lists stays choosable.
  const zones = timeZoneOptions.some((zone) => zone.value === workspace.timeZone)
    ? timeZoneOptions
    : [{ value: workspace.timeZone, label: workspace.timeZone }, ...timeZoneOptions];
  return (
    <WorkspaceSettingForm
      form={form}
      etag={etag}
      onStale={onStale}
      change={settingsOf}
      saved="Fiscal year and time zone saved."
      title="Fiscal year and time zone"
      description="Plans, KPI targets and reports speak of fiscal years and quarters. A fiscal year is named by the calendar year it ends in: starting in July, FY2027 runs from July 2026 to June 2027. The time zone decides which day it is. Changing the start month moves the days of every period."
      submitLabel="Save fiscal year"
    >
      <Text size="sm">
        Today is in <strong>{workspace.currentPeriod.quarter}</strong>.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Fiscal year starts in"
          description="The first month of every fiscal year"
          data={monthOptions}
          allowDeselect={false}
          {...form.getInputProps('fiscalYearStartMonth')}
        />
        <Select
          label="Time zone"
          description="Type to search, such as Berlin or New York"
          data={zones}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No time zone matches"
          {...form.getInputProps('timeZone')}
        />
      </SimpleGrid>
    </WorkspaceSettingForm>
  );
}

/** The workspace's fiscal-year start and time zone, for admins, beside the other settings. */
export function FiscalSettingsPanel() {
  return (
    <WorkspaceSettingCard
      part={(workspace) => [workspace.fiscalYearStartMonth, workspace.timeZone]}
    >
      {(props) => <FiscalForm {...props} />}
    </WorkspaceSettingCard>
  );
}
