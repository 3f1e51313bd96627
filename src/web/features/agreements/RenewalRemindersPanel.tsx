import { SimpleGrid, TagsInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { maxLeadTimes, RenewalReminderDays } from '../../../domain/renewal-reminders';
import { schemaErrors } from '../../lib/forms';
import {
  WorkspaceSettingCard,
  WorkspaceSettingForm,
  type WorkspaceSettingProps,
} from '../settings/WorkspaceSetting';

type Values = { renewalReminderDays: { noticeDeadline: string[]; endDate: string[] } };

const Body = z.object({ renewalReminderDays: RenewalReminderDays });

/** Typed days as numbers, longest first, as the API takes them (anything else stays to be refused). */
function days(values: string[]): number[] {
  const numbers = values.map((v) => (/^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN));
  return numbers.every((n) => Number.isInteger(n)) ? [...numbers].sort((a, b) => b - a) : numbers;
}

function bodyOf(values: Values) {
  return {
    renewalReminderDays: {
      noticeDeadline: days(values.renewalReminderDays.noticeDeadline),
      endDate: days(values.renewalReminderDays.endDate),
    },
  };
}

function RemindersForm({ workspace, etag, onStale }: WorkspaceSettingProps) {
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      renewalReminderDays: {
        noticeDeadline: workspace.renewalReminderDays.noticeDeadline.map(String),
        endDate: workspace.renewalReminderDays.endDate.map(String),
      },
    },
    validate: (values) => schemaErrors(Body, bodyOf(values)),
  });
  return (
    <WorkspaceSettingForm
      form={form}
      etag={etag}
      onStale={onStale}
      change={bodyOf}
      saved="Renewal reminders saved."
      title="Renewal reminders"
      description={`How many days before an agreement's notice deadline and its end date its owner is reminded, in the app and by mail. Up to ${maxLeadTimes} each; leave a list empty for none.`}
      submitLabel="Save renewal reminders"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TagsInput
          label="Before the notice deadline (days)"
          description="Press Enter after each number"
          maxTags={maxLeadTimes}
          {...form.getInputProps('renewalReminderDays.noticeDeadline')}
        />
        <TagsInput
          label="Before the end date (days)"
          description="Press Enter after each number"
          maxTags={maxLeadTimes}
          {...form.getInputProps('renewalReminderDays.endDate')}
        />
      </SimpleGrid>
    </WorkspaceSettingForm>
  );
}

/** The workspace's renewal reminder lead times, for admins, beside the other workspace settings. */
export function RenewalRemindersPanel() {
  return (
    <WorkspaceSettingCard part={(workspace) => workspace.renewalReminderDays}>
      {(props) => <RemindersForm {...props} />}
    </WorkspaceSettingCard>
  );
}
