import { Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink, ButtonLink } from '../../components/links';
import { DataTable } from '../../components/list/DataTable';
import { workspaceQuery } from '../settings/settings.api';
import { planColumns } from './PlanTable';
import { formatDay, PlanStatusBadge, periodName } from './plan-labels';
import { listPlans, type Plan } from './plans.api';

/** The plan for the period we are in: its status, its agreement and its first objectives. */
function CurrentPlan({ plan }: { plan: Plan }) {
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={`current-${plan.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <AnchorLink
            to="/plans/$planId"
            params={{ planId: plan.id }}
            fw={600}
            size="lg"
            id={`current-${plan.id}`}
          >
            {periodName(plan.period)} plan
          </AnchorLink>
          <PlanStatusBadge status={plan.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {plan.agreement
            ? `Version ${plan.agreement.versionNumber} agreed by ${plan.agreement.agreedBy} on ${formatDay(plan.agreement.agreedOn)}`
            : 'Not agreed yet'}
          {plan.agreedVersionNumber !== null && plan.versionNumber > plan.agreedVersionNumber
            ? `; version ${plan.versionNumber} is being worked on`
            : ''}
        </Text>
        {plan.objectives.length > 0 ? (
          <Stack component="ol" gap={4} m={0} pl="lg">
            {plan.objectives.slice(0, 3).map((objective, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: objectives are identified by position
              <Text component="li" size="sm" key={index} lineClamp={2}>
                {objective.text}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            No objectives yet.
          </Text>
        )}
        {plan.objectives.length > 3 ? (
          <Text size="xs" c="dimmed">
            and {plan.objectives.length - 3} more
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** A partner's plans: the current period's first, then the others, latest period first. */
export function PartnerPlans({ partnerId, canAdd }: { partnerId: string; canAdd: boolean }) {
  const workspace = useQuery(workspaceQuery);
  const query = { partnerId, sort: '-period' as const };
  const plans = useInfiniteQuery({
    queryKey: ['plans', query],
    queryFn: ({ pageParam, signal }) => listPlans(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = plans.data?.pages.flatMap((page) => page.items) ?? [];
  const current = workspace.data?.workspace.currentPeriod;
  const isCurrent = (plan: Plan) =>
    current !== undefined && (plan.period === current.year || plan.period === current.quarter);
  // The year's plan before the quarter's: the quarter's works within it.
  const currentPlans = items.filter(isCurrent).sort((a, b) => a.period.length - b.period.length);
  const others = items.filter((plan) => !isCurrent(plan));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text component="h2" fw={600} size="lg">
          Plan
        </Text>
        {canAdd ? (
          <ButtonLink
            to="/plans/new"
            search={{ partnerId }}
            leftSection={<IconPlus size={16} aria-hidden />}
            variant="light"
          >
            New plan
          </ButtonLink>
        ) : null}
      </Group>
      {plans.isError ? <ErrorAlert error={plans.error} /> : null}
      {plans.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading plans" />
        </Center>
      ) : items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            No plan with this partner yet.
            {canAdd ? ' Start one with “New plan” to agree what you mean to achieve together.' : ''}
          </Text>
        </Card>
      ) : (
        <>
          {currentPlans.length > 0 ? (
            <section aria-labelledby="current-plans">
              <Text component="h3" fw={600} size="md" mb="xs" id="current-plans">
                This period
              </Text>
              <Stack gap="sm">
                {currentPlans.map((plan) => (
                  <CurrentPlan key={plan.id} plan={plan} />
                ))}
              </Stack>
            </section>
          ) : current ? (
            <Text size="sm" c="dimmed">
              No plan for {periodName(current.year)} or {periodName(current.quarter)} yet.
            </Text>
          ) : null}
          {others.length > 0 ? (
            <section aria-labelledby="other-plans">
              <Text component="h3" fw={600} size="md" mb="xs" id="other-plans">
                Other periods
              </Text>
              <DataTable
                label="Other plans"
                rows={others}
                columns={planColumns(false)}
                rowKey={(plan) => plan.id}
              />
            </section>
          ) : null}
        </>
      )}
      {plans.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => plans.fetchNextPage()}
          loading={plans.isFetchingNextPage}
        >
          Show more plans
        </Button>
      ) : null}
    </Stack>
  );
}
