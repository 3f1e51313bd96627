import { Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { formatPeriod, nextPeriod, parsePeriod } from '../../../domain/periods';
import { describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { copyPlan, type Plan } from './plans.api';

/**
 * "Copy to FY2028": the plan's summary, objectives and KPIs as a new draft for the next period,
 * opened at once so the new targets can be set there.
 */
export function PlanCopy({ plan }: { plan: Plan }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const parsed = parsePeriod(plan.period);
  const next = parsed ? formatPeriod(nextPeriod(parsed)) : null;
  const copy = useMutation({
    mutationFn: () => copyPlan(plan.id),
    onSuccess: async (made) => {
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      notifications.show({
        color: 'teal',
        message: `A draft ${made.period} plan was made from ${plan.period}'s; set its targets.`,
      });
      await navigate({ to: '/plans/$planId', params: { planId: made.id } });
    },
  });
  if (!next) return null;
  return (
    <Stack gap="xs" align="flex-start">
      {copy.error ? <ErrorAlert error={describeError(copy.error)} title="Not copied" /> : null}
      <Button
        variant="default"
        leftSection={<IconCopy size={16} aria-hidden />}
        loading={copy.isPending}
        onClick={() => copy.mutate()}
      >
        Copy to {next}
      </Button>
    </Stack>
  );
}
