import { Button, Card, Center, Code, Loader, Stack, Text, Timeline } from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { membersQuery } from '../settings/settings.api';
import { formatDateTime, humanize } from './partner-labels';
import { type PartnerHistoryEvent, partnerHistory } from './partners.api';

const hidden = new Set(['id', 'workspaceId', 'version', 'createdAt', 'updatedAt', 'searchText']);

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The fields an event changed, as `field: before → after` lines (text only, never HTML). */
function changes(
  event: PartnerHistoryEvent,
): Array<{ field: string; before: string; after: string }> {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  if (event.before == null || event.after == null) return [];
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const list: Array<{ field: string; before: string; after: string }> = [];
  for (const field of fields) {
    if (hidden.has(field)) continue;
    const from = show(before[field]);
    const to = show(after[field]);
    if (from !== to) list.push({ field, before: from, after: to });
  }
  return list;
}

function icon(action: string) {
  if (action.endsWith('created') || action.endsWith('restored')) return <IconPlus size={14} />;
  if (action.endsWith('deleted') || action.endsWith('archived')) return <IconTrash size={14} />;
  return <IconEdit size={14} />;
}

/** The audit events of a partner and its contacts, newest first. */
export function PartnerHistory({ partnerId }: { partnerId: string }) {
  const members = useQuery(membersQuery);
  const history = useInfiniteQuery({
    queryKey: ['partner-history', partnerId],
    queryFn: ({ pageParam }) => partnerHistory(partnerId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const events = history.data?.pages.flatMap((page) => page.items) ?? [];
  const actorName = (event: PartnerHistoryEvent) => {
    if (event.actorType === 'api_key') return 'An API key';
    const member = members.data?.find((m) => m.userId === event.actorId || m.id === event.actorId);
    return member?.name ?? 'Someone';
  };

  return (
    <Stack gap="md">
      <Text component="h2" fw={600} size="lg">
        History
      </Text>
      {history.isError ? <ErrorAlert error={history.error} /> : null}
      {history.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading history" />
        </Center>
      ) : events.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            No changes recorded yet.
          </Text>
        </Card>
      ) : (
        <Timeline bulletSize={26} lineWidth={2} component="ol" aria-label="Changes, newest first">
          {events.map((event) => {
            const changed = changes(event);
            return (
              <Timeline.Item
                key={event.id}
                component="li"
                bullet={icon(event.action)}
                title={`${humanize(event.action.replace('.', ' '))}`}
              >
                <Text size="sm" c="dimmed">
                  {actorName(event)} ·{' '}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                </Text>
                {changed.length > 0 ? (
                  <Stack gap={2} mt={6}>
                    {changed.map((change) => (
                      <Text size="sm" key={change.field}>
                        <Code>{change.field}</Code> {change.before} → {change.after}
                      </Text>
                    ))}
                  </Stack>
                ) : null}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      {history.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => history.fetchNextPage()}
          loading={history.isFetchingNextPage}
        >
          Show older changes
        </Button>
      ) : null}
    </Stack>
  );
}
