import { Card, Center, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Scorecard } from '../kpis/Scorecard';
import { workspaceQuery } from '../settings/settings.api';
import { formatDay, PlanStatusBadge, periodName } from './plan-labels';
import { listPlans, type Plan } from './plans.api';

/**
 * The scorecard of the partner's current plan: the year's, or the quarter's when there is no
 * year plan; with both, a switch between them.
 */
export function PartnerScorecard({ partnerId }: { partnerId: string }) {
  const workspace = useQuery(workspaceQuery);
  const query = { partnerId, sort: '-period' as const };
  const plans = useQuery({
    queryKey: ['plans', query, 'first'],
    queryFn: ({ signal }) => listPlans(query, undefined, signal),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const current = workspace.data?.workspace.currentPeriod;
  // The year's plan before the quarter's: the quarter's works within it.
  const currentPlans = (plans.data?.items ?? [])
    .filter((plan) => plan.period === current?.year || plan.period === current?.quarter)
    .sort((a, b) => a.period.length - b.period.length);
  const plan: Plan | undefined =
    currentPlans.find((candidate) => candidate.id === chosen) ?? currentPlans[0];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text component="h2" fw={600} size="lg">
          Scorecard
        </Text>
        {currentPlans.length > 1 && plan ? (
          <SegmentedControl
            aria-label="Plan"
            size="xs"
            value={plan.id}
            onChange={setChosen}
            data={currentPlans.map((p) => ({ value: p.id, label: periodName(p.period) }))}
          />
        ) : null}
      </Group>
      {plans.isError ? <ErrorAlert error={plans.error} /> : null}
      {workspace.isError ? <ErrorAlert error={workspace.error} /> : null}
      {plans.isPending || workspace.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading the scorecard" />
        </Center>
      ) : plan ? (
        <>
          <Group gap="xs" wrap="wrap">
            <AnchorLink to="/plans/$planId" params={{ planId: plan.id }} fw={600}>
              {periodName(plan.period)} plan
            </AnchorLink>
            <PlanStatusBadge status={plan.status} />
            <Text size="sm" c="dimmed">
              {plan.agreement
                ? `agreed by ${plan.agreement.agreedBy} on ${formatDay(plan.agreement.agreedOn)}`
                : 'not agreed yet'}
            </Text>
          </Group>
          <Scorecard plan={plan} />
        </>
      ) : current ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            No plan for {periodName(current.year)} or {periodName(current.quarter)} yet, so there is
            no scorecard. Plans are on the Plan tab.
          </Text>
        </Card>
      ) : null}
    </Stack>
  );
}
