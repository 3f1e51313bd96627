import { Stack, Text } from '@mantine/core';
import { PageTitle } from '../../components/PageTitle';
import { TimelineView } from './TimelineView';

/** What happened across every partner of the workspace, newest first. */
export function ActivityPage() {
  return (
    <Stack gap="lg">
      <PageTitle title="Activity" />
      <Text c="dimmed" size="sm">
        Interactions, stage and owner changes and more across all partners, newest first.
      </Text>
      <TimelineView partnerId={null} />
    </Stack>
  );
}
