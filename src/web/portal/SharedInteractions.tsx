import { Badge, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { PortalInteraction } from '../../domain/portal/interactions';
import { ErrorAlert } from '../components/ErrorAlert';
import { ShowMore } from '../components/list/ListResults';
import { useKeysetList } from '../components/list/useKeysetList';
import { Markdown } from '../features/interactions/Markdown';
import { humanize } from '../features/partners/partner-labels';
import { formatInZone, portalInteractions } from './portal.api';

function InteractionCard({ interaction }: { interaction: PortalInteraction }) {
  const ours = interaction.participants.filter((p) => p.side === 'workspace');
  const theirs = interaction.participants.filter((p) => p.side === 'partner');
  return (
    <Card withBorder component="article" aria-labelledby={`interaction-${interaction.id}`}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Badge variant="light">{humanize(interaction.kind)}</Badge>
          <Title order={3} size="h5" id={`interaction-${interaction.id}`}>
            <time dateTime={interaction.occurredAt}>
              {formatInZone(interaction.occurredAt, interaction.timeZone)}
            </time>
          </Title>
          {interaction.durationMinutes ? (
            <Text size="sm" c="dimmed">
              {interaction.durationMinutes} min
            </Text>
          ) : null}
        </Group>
        {interaction.summary ? <Markdown>{interaction.summary}</Markdown> : null}
        {interaction.outcome ? (
          <Text size="sm">
            <Text span fw={600}>
              Outcome:
            </Text>{' '}
            {interaction.outcome}
          </Text>
        ) : null}
        {interaction.nextSteps.length > 0 ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              Next steps
            </Text>
            <ul style={{ margin: 0 }}>
              {interaction.nextSteps.map((step) => (
                <li key={step}>
                  <Text size="sm">{step}</Text>
                </li>
              ))}
            </ul>
          </Stack>
        ) : null}
        {interaction.participants.length > 0 ? (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[
              ours.length > 0 ? `Our side: ${ours.map((p) => p.name).join(', ')}` : null,
              theirs.length > 0 ? `Your side: ${theirs.map((p) => p.name).join(', ')}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The interactions shared with the partner, newest first, read-only. */
export function SharedInteractions() {
  const list = useKeysetList(['portal', 'interactions'], (cursor) => portalInteractions(cursor));
  const items = list.items;
  return (
    <Stack gap="md">
      <ErrorAlert error={list.query.error} />
      {list.query.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading interactions" />
        </Center>
      ) : items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            No meetings or conversations have been shared with you yet.
          </Text>
        </Card>
      ) : (
        items.map((item) => <InteractionCard key={item.id} interaction={item} />)
      )}
      <ShowMore list={list} />
    </Stack>
  );
}
