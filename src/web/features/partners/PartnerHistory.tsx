import { Button, Card, Center, Code, Loader, Stack, Text, Timeline } from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useMembers } from '../settings/settings.api';
import { formatDateTime, humanize } from './partner-labels';
import { type PartnerHistoryEvent, partnerHistory } from './partners.api';

const hidden = new Set([
  'id',
  'workspaceId',
  'version',
  'createdAt',
  'updatedAt',
  'searchText',
  'partnerName',
]);

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

type Fields = Record<string, unknown>;

/** Who or what an event is about, when it is a contact: their name, also once deleted. */
function subject(event: PartnerHistoryEvent): string | null {
  if (event.entityType !== 'contact') return null;
  const record = (event.after ?? event.before ?? {}) as Fields;
  const name = [record.firstName, record.lastName].filter((part) => typeof part === 'string');
  return name.length > 0 ? name.join(' ') : null;
}

/**
 * What an event recorded, as `field: before → after` lines (text only, never HTML). A created
 * or deleted record shows the fields it had.
 */
function changes(
  event: PartnerHistoryEvent,
  memberName: (id: string) => string,
): Array<{ field: string; before: string; after: string }> {
  const before = (event.before ?? {}) as Fields;
  const after = (event.after ?? {}) as Fields;
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const shown = (field: string, value: unknown) =>
    field === 'ownerId' && typeof value === 'string' ? memberName(value) : show(value);
  const list: Array<{ field: string; before: string; after: string }> = [];
  for (const field of fields) {
    if (hidden.has(field)) continue;
    const from = event.before == null ? '' : shown(field, before[field]);
    const to = event.after == null ? '' : shown(field, after[field]);
    if (from === to || (from === '' && to === '—') || (to === '' && from === '—')) continue;
    list.push({ field: field === 'ownerId' ? 'owner' : field, before: from, after: to });
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
  const members = useMembers();
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
  const memberName = (id: string) =>
    members.data?.find((member) => member.id === id)?.name ?? 'a former member';

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
            const changed = changes(event, memberName);
            const about = subject(event);
            return (
              <Timeline.Item
                key={event.id}
                component="li"
                bullet={icon(event.action)}
                title={`${humanize(event.action.replace('.', ' '))}${about ? `: ${about}` : ''}`}
              >
                <Text size="sm" c="dimmed">
                  {actorName(event)} ·{' '}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                </Text>
                {changed.length > 0 ? (
                  <Stack gap={2} mt={6}>
                    {changed.map((change) => (
                      <Text size="sm" key={change.field}>
                        <Code>{change.field}</Code>{' '}
                        {change.before && change.after
                          ? `${change.before} → ${change.after}`
                          : change.before || change.after}
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
