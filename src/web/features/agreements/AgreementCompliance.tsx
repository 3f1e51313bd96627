import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { agreementStatusLabels } from './agreement-labels';
import {
  type Agreement,
  type AgreementRequirement,
  agreementRequirementsQuery,
  markRequirement,
} from './agreements.api';

type Props = { agreement: Agreement; canMark: boolean };
type Editing = { entry: AgreementRequirement; status: 'met' | 'waived' };

const statusColors = { open: 'orange', met: 'teal', waived: 'gray' } as const;
const statusLabels = { open: 'Open', met: 'Met', waived: 'Waived' } as const;

/** What an entry's state reads as, with its evidence or waiver. */
function entryState(entry: AgreementRequirement): string {
  if (entry.status === 'met') return `Evidence: ${entry.evidence ?? ''}`;
  if (entry.status === 'waived')
    return `Waived by ${entry.waivedByName ?? 'someone'}: ${entry.waivedReason ?? ''}`;
  if (entry.satisfiedByAgreementId) return 'Met by another agreement with this partner';
  return entry.blocks ? `Needed before ${agreementStatusLabels[entry.blocks]}` : 'A reminder';
}

/**
 * The agreement's compliance checklist (decision 053): each requirement's state, what stops
 * the next move before anyone tries it, and, for admins and managers, marking an entry met
 * with evidence, waived with a reason, or open again.
 */
export function AgreementCompliance({ agreement, canMark }: Props) {
  const queryClient = useQueryClient();
  const checklist = useQuery(agreementRequirementsQuery(agreement.id));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mark = useMutation({
    mutationFn: ({
      entry,
      status,
    }: {
      entry: AgreementRequirement;
      status: Editing['status'] | 'open';
    }) =>
      markRequirement(
        agreement.id,
        entry,
        status === 'met'
          ? { status, evidence: note.trim() }
          : status === 'waived'
            ? { status, reason: note.trim() }
            : { status },
      ),
    onSuccess: async () => {
      setEditing(null);
      setNote('');
      setError(null);
      await queryClient.invalidateQueries({ queryKey: ['agreement', agreement.id] });
    },
    onError: (failure) => setError(describeError(failure)),
  });
  const items = checklist.data?.items ?? [];
  const titles = new Map(items.map((i) => [i.id, i.title]));
  const start = (entry: AgreementRequirement, status: Editing['status']) => {
    setEditing({ entry, status });
    setNote('');
    setError(null);
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="compliance-title">
      <Stack gap="sm">
        <Text fw={600} id="compliance-title" component="h2" size="lg" m={0}>
          Compliance checklist
        </Text>
        {checklist.isError ? <ErrorAlert error={describeError(checklist.error)} /> : null}
        {error ? <ErrorAlert error={error} title="Not saved" /> : null}
        {(checklist.data?.blockedMoves ?? []).map((move) => (
          <Alert key={move.to} color="orange" title={`Before ${agreementStatusLabels[move.to]}`}>
            {move.requirementIds.map((id) => titles.get(id)).join(', ')}{' '}
            {move.requirementIds.length === 1 ? 'is' : 'are'} not met yet.
          </Alert>
        ))}
        {checklist.isSuccess && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No compliance requirement applies to this type of agreement.
          </Text>
        ) : null}
        {items.length > 0 ? (
          <DataTable
            label="Compliance checklist"
            rows={items}
            rowKey={(entry) => entry.id}
            columns={[
              {
                key: 'requirement',
                header: 'Requirement',
                width: 'minmax(180px, 2fr)',
                primary: true,
                cell: (entry) => (
                  <>
                    <Text size="sm" fw={500}>
                      {entry.title}
                    </Text>
                    {entry.description ? (
                      <Text size="xs" c="dimmed">
                        {entry.description}
                      </Text>
                    ) : null}
                  </>
                ),
              },
              {
                key: 'status',
                header: 'Status',
                width: 'minmax(120px, 1fr)',
                cell: (entry) => (
                  <Group gap={4}>
                    <Badge variant="light" color={statusColors[entry.status]}>
                      {statusLabels[entry.status]}
                    </Badge>
                    {entry.blocking ? (
                      <Badge variant="outline" color="orange">
                        Blocking
                      </Badge>
                    ) : null}
                  </Group>
                ),
              },
              {
                key: 'details',
                header: 'Details',
                width: 'minmax(160px, 2fr)',
                cell: (entry) => <Text size="sm">{entryState(entry)}</Text>,
              },
              ...(canMark
                ? [
                    {
                      key: 'actions',
                      header: 'Actions',
                      width: 'minmax(170px, auto)',
                      actions: true,
                      cell: (entry: AgreementRequirement) => (
                        <Group gap={4} wrap="nowrap">
                          {entry.status === 'open' ? (
                            <>
                              <Button
                                size="xs"
                                variant="light"
                                aria-label={`Mark ${entry.title} met`}
                                onClick={() => start(entry, 'met')}
                              >
                                Mark met
                              </Button>
                              <Button
                                size="xs"
                                variant="default"
                                aria-label={`Waive ${entry.title}`}
                                onClick={() => start(entry, 'waived')}
                              >
                                Waive
                              </Button>
                            </>
                          ) : (
                            <Button
                              size="xs"
                              variant="subtle"
                              aria-label={`Reopen ${entry.title}`}
                              loading={mark.isPending && mark.variables?.entry.id === entry.id}
                              onClick={() => mark.mutate({ entry, status: 'open' })}
                            >
                              Reopen
                            </Button>
                          )}
                        </Group>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        ) : null}
        {editing ? (
          <form
            aria-label={`${editing.status === 'met' ? 'Mark met' : 'Waive'}: ${editing.entry.title}`}
            onSubmit={(event) => {
              event.preventDefault();
              mark.mutate({ entry: editing.entry, status: editing.status });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={
                  editing.status === 'met'
                    ? `Evidence that “${editing.entry.title}” is met`
                    : `Why “${editing.entry.title}” is waived`
                }
                description={
                  editing.status === 'met'
                    ? 'A document, a link or who confirmed it'
                    : 'Your name and the time are recorded with the reason'
                }
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                autosize
                minRows={2}
                required
                data-autofocus
                autoFocus
              />
              <Group gap="sm">
                <Button type="submit" loading={mark.isPending} disabled={!note.trim()}>
                  {editing.status === 'met' ? 'Mark met' : 'Waive'}
                </Button>
                <Button variant="default" onClick={() => setEditing(null)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
