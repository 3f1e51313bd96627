import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopyPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { canRevise, type PlanStatus, planMachine } from '../../../domain/plans';
import { allowedNext } from '../../../domain/state-machine';
import { ApiError, describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { planMoveLabel, planStatusLabels } from './plan-labels';
import { type Plan, revisePlan, transitionPlan } from './plans.api';

type Props = { plan: Plan; etag: string; onStale: () => void };

/** Today in the browser's own calendar, as a date field takes it. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

type MoveBody = { to: PlanStatus; agreedBy?: string; agreedOn?: string };

/**
 * The moves the plan can make now, read from the machine the server checks, and "Start a new
 * version" for an agreed or active plan. Agreeing asks who agreed for the partner and when.
 */
export function PlanMoves({ plan, etag, onStale }: Props) {
  const queryClient = useQueryClient();
  const [agreeing, setAgreeing] = useState(false);
  const [agreedBy, setAgreedBy] = useState('');
  const [agreedOn, setAgreedOn] = useState(today);
  const [failure, setFailure] = useState<ReactNode>(null);

  const settle = async (next: Plan, message: string) => {
    setAgreeing(false);
    setFailure(null);
    queryClient.setQueryData(['plan', plan.id], { plan: next, etag: `"${next.version}"` });
    await queryClient.invalidateQueries({ queryKey: ['plans'] });
    await queryClient.invalidateQueries({ queryKey: ['partner-history', plan.partnerId] });
    notifications.show({ color: 'teal', message });
  };
  const fail = (error: Error) => {
    if (error instanceof ApiError && error.status === 412) {
      setFailure(<StaleRecordAlert what="plan" onReload={onStale} />);
      return;
    }
    // Who agreed and when are shown on their fields in the dialog.
    if (agreeing && error instanceof ApiError && error.fieldErrors.length > 0) return;
    setFailure(describeError(error));
  };
  const move = useMutation({
    mutationFn: (body: MoveBody) => transitionPlan(plan.id, etag, body),
    onSuccess: (next) =>
      settle(next, `The plan is now ${planStatusLabels[next.status].toLowerCase()}.`),
    onError: fail,
  });
  const revise = useMutation({
    mutationFn: () => revisePlan(plan.id, etag),
    onSuccess: (next) =>
      settle(next, `Version ${next.versionNumber} started as a draft from the agreed one.`),
    onError: fail,
  });

  const next = allowedNext(planMachine, plan.status);
  const revisable = canRevise(plan.status);
  if (next.length === 0 && !revisable) return null;
  const busy = move.isPending || revise.isPending;
  const fieldError = (field: string) =>
    move.error instanceof ApiError
      ? move.error.fieldErrors.find((e) => e.field === field)?.message
      : undefined;

  return (
    <Stack gap="xs">
      {typeof failure === 'string' ? <ErrorAlert error={failure} title="Not changed" /> : failure}
      <Group gap="sm" role="group" aria-label="Change status">
        {next.map((to) => (
          <Button
            key={to}
            variant={to === 'proposed' || to === 'agreed' || to === 'active' ? 'filled' : 'light'}
            loading={move.isPending && move.variables?.to === to}
            disabled={busy}
            onClick={() => {
              if (to === 'agreed') {
                move.reset();
                setAgreeing(true);
              } else move.mutate({ to });
            }}
          >
            {planMoveLabel(to)}
          </Button>
        ))}
        {revisable ? (
          <Button
            variant="light"
            leftSection={<IconCopyPlus size={16} aria-hidden />}
            loading={revise.isPending}
            disabled={busy}
            onClick={() => revise.mutate()}
          >
            Start a new version
          </Button>
        ) : null}
      </Group>
      <Modal
        opened={agreeing}
        onClose={() => setAgreeing(false)}
        title={`Record the partner’s agreement to version ${plan.versionNumber}`}
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            move.mutate({ to: 'agreed', agreedBy: agreedBy.trim(), agreedOn });
          }}
        >
          <Stack gap="md">
            <TextInput
              label="Who agreed for the partner"
              description="Their name, and role if it helps: “Carla Diaz, VP Alliances”."
              required
              data-autofocus
              autoComplete="off"
              value={agreedBy}
              onChange={(event) => setAgreedBy(event.currentTarget.value)}
              error={fieldError('agreedBy')}
            />
            <TextInput
              label="On which day"
              type="date"
              required
              value={agreedOn}
              onChange={(event) => setAgreedOn(event.currentTarget.value)}
              error={fieldError('agreedOn')}
            />
            {move.error && !fieldError('agreedBy') && !fieldError('agreedOn') ? (
              <ErrorAlert error={describeError(move.error)} title="Not recorded" />
            ) : null}
            <Group>
              <Button type="submit" loading={move.isPending}>
                Record agreement
              </Button>
              <Button variant="default" onClick={() => setAgreeing(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
