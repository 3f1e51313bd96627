import { Button, Card, Center, Loader, Stack, Text, Timeline } from '@mantine/core';
import {
  IconArrowsExchange,
  IconCircleCheck,
  IconCirclePlus,
  IconCopyPlus,
  IconEdit,
  IconPoint,
  IconUserMinus,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../partners/partner-labels';
import { describePlanEvent } from './plan-history';
import { type Plan, planHistory } from './plans.api';

const icons: Record<string, typeof IconEdit> = {
  'plan.created': IconCirclePlus,
  'plan.updated': IconEdit,
  'plan.status_changed': IconArrowsExchange,
  'plan.agreed': IconCircleCheck,
  'plan.revised': IconCopyPlus,
  'plan.objective_owner_released': IconUserMinus,
};

/** The plan's audit events, newest first, as the partner page's history shows a partner's. */
export function PlanHistory({ plan }: { plan: Plan }) {
  const history = useInfiniteQuery({
    // The plan's version keys it, so a change made on the page shows at once.
    queryKey: ['plan', plan.id, 'history', plan.version],
    queryFn: ({ pageParam, signal }) => planHistory(plan.id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const events = history.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="plan-history">
      <Stack gap="md">
        <Text component="h2" fw={600} size="lg" id="plan-history">
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
          <Timeline
            bulletSize={26}
            lineWidth={2}
            component="ol"
            aria-label="Changes, newest first"
            // An ordered list for screen readers, without the numbers beside the bullets.
            style={{ listStyle: 'none', paddingInlineStart: 'var(--offset)' }}
          >
            {events.map((event) => {
              const entry = describePlanEvent(event);
              const Icon = icons[event.action] ?? IconPoint;
              return (
                <Timeline.Item
                  key={event.id}
                  component="li"
                  bullet={<Icon size={14} aria-hidden />}
                  title={entry.title}
                >
                  <Text size="sm" c="dimmed">
                    {event.actor.name} ·{' '}
                    <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                  </Text>
                  {entry.lines.map((line) => (
                    <Text size="sm" key={line}>
                      {line}
                    </Text>
                  ))}
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
    </section>
  );
}
