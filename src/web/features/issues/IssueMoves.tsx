import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { type IssueStatus, issueMachine } from '../../../domain/issues';
import { allowedNext, moveBetween } from '../../../domain/state-machine';
import { ApiError, describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { moveLabel } from './issue-labels';
import { type Issue, transitionIssue } from './issues.api';

type Props = { issue: Issue; etag: string; onStale: () => void };

/**
 * The moves the issue can make now, as buttons: read from the same table the server checks,
 * so every button is a move the API accepts. A move that needs notes asks for them first.
 */
export function IssueMoves({ issue, etag, onStale }: Props) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<IssueStatus | null>(null);
  const [notes, setNotes] = useState('');
  const [failure, setFailure] = useState<ReactNode>(null);
  const move = useMutation({
    mutationFn: (body: { to: IssueStatus; resolutionNotes?: string }) =>
      transitionIssue(issue.id, etag, body),
    onSuccess: async (next) => {
      setAsking(null);
      setNotes('');
      setFailure(null);
      queryClient.setQueryData(['issue', issue.id], {
        issue: next,
        etag: `"${next.version}"`,
      });
      await queryClient.invalidateQueries({ queryKey: ['issues'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', issue.partnerId] });
      notifications.show({ color: 'teal', message: `Issue is now ${next.status}.` });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        setFailure(<StaleRecordAlert what="issue" onReload={onStale} />);
        return;
      }
      setFailure(describeError(error));
    },
  });
  const next = allowedNext(issueMachine, issue.status, issue);
  if (next.length === 0) return null;
  const needs = (to: IssueStatus) => moveBetween(issueMachine, issue.status, to)?.requires ?? [];

  return (
    <Stack gap="xs">
      {typeof failure === 'string' ? <ErrorAlert error={failure} title="Not moved" /> : failure}
      <Group gap="sm" role="group" aria-label="Change status">
        {next.map((to) => (
          <Button
            key={to}
            variant={to === 'resolved' ? 'filled' : 'light'}
            loading={move.isPending && move.variables?.to === to}
            disabled={move.isPending}
            onClick={() => (needs(to).length > 0 ? setAsking(to) : move.mutate({ to }))}
          >
            {moveLabel(issue.status, to)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? `${moveLabel(issue.status, asking)} this issue` : ''}
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (asking) move.mutate({ to: asking, resolutionNotes: notes });
          }}
        >
          <Stack gap="md">
            <Textarea
              label="Resolution notes"
              description="How was it resolved? Markdown."
              required
              autosize
              minRows={4}
              data-autofocus
              value={notes}
              onChange={(event) => setNotes(event.currentTarget.value)}
              error={
                move.error instanceof ApiError
                  ? move.error.fieldErrors.find((e) => e.field === 'resolutionNotes')?.message
                  : undefined
              }
            />
            <Group>
              <Button type="submit" loading={move.isPending}>
                {asking ? moveLabel(issue.status, asking) : 'Save'}
              </Button>
              <Button variant="default" onClick={() => setAsking(null)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
