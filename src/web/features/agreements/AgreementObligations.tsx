import { Badge, Button, Card, Group, Menu, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconChevronDown, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { dayInWords } from '../../../domain/periods';
import { describeError } from '../../api/client';
import { Attachments } from '../../components/attachments/Attachments';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { ObligationForm, partyLabels } from './ObligationForm';
import { ObligationStepForm, type Step } from './ObligationStepForm';
import { describeSchedule } from './obligation-schedule';
import {
  deleteObligation,
  type Obligation,
  obligationsQuery,
  updateObligation,
} from './obligations.api';

type Props = { agreementId: string; canChange: boolean };
type Editing = { kind: 'add' } | { kind: 'edit'; obligation: Obligation } | Step;

const statusColors = { open: 'blue', done: 'teal', waived: 'gray' } as const;
const statusLabels = { open: 'Open', done: 'Done', waived: 'Waived' } as const;

/** How a row names its obligation: the first line of the description. */
const firstLine = (o: Obligation) => o.description.split('\n')[0] ?? '';

/** The line under a closed obligation: how it was met or why it was waived. */
function note(obligation: Obligation): string | null {
  if (!obligation.evidenceNote) return null;
  return obligation.status === 'waived'
    ? `Waived: ${obligation.evidenceNote}`
    : `Evidence: ${obligation.evidenceNote}`;
}

/**
 * The agreement's obligations (decisions 052 and 058): what each party must do and when, the
 * next due date with an overdue flag, and, for those who may change the agreement, adding and
 * changing them, marking them done (through a day, when they recur), waiving them with a reason,
 * reopening them and making a task of an occurrence.
 */
export function AgreementObligations({ agreementId, canChange }: Props) {
  const queryClient = useQueryClient();
  const list = useQuery(obligationsQuery(agreementId));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [evidenceOf, setEvidenceOf] = useState<Obligation | null>(null);
  const refresh = async () => {
    setEditing(null);
    setError(null);
    await queryClient.invalidateQueries({ queryKey: ['agreement', agreementId, 'obligations'] });
  };
  const reopen = useMutation({
    mutationFn: (obligation: Obligation) => updateObligation(obligation, { status: 'open' }),
    onSuccess: refresh,
    onError: (failure) => setError(describeError(failure)),
  });
  const remove = useMutation({
    mutationFn: deleteObligation,
    onSuccess: refresh,
    onError: (failure) => setError(describeError(failure)),
  });
  const items = list.data ?? [];

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="obligations-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Text fw={600} id="obligations-title" component="h2" size="lg" m={0}>
            Obligations
          </Text>
          {canChange && editing?.kind !== 'add' ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setEditing({ kind: 'add' })}
            >
              Add obligation
            </Button>
          ) : null}
        </Group>
        {list.isError ? <ErrorAlert error={describeError(list.error)} /> : null}
        {error ? <ErrorAlert error={error} title="Not saved" /> : null}
        {list.isSuccess && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No obligations yet. Add what each side must do: a report every month, a review every
            quarter, a certificate by a date.
          </Text>
        ) : null}
        {items.length > 0 ? (
          <DataTable
            label="Obligations"
            rows={items}
            rowKey={(o) => o.id}
            columns={[
              {
                key: 'obligation',
                header: 'Obligation',
                width: 'minmax(200px, 3fr)',
                primary: true,
                cell: (o) => (
                  <>
                    <Text size="sm" fw={500} style={{ whiteSpace: 'pre-line' }}>
                      {o.description}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {describeSchedule(o)}
                      {o.doneThrough ? ` · done through ${dayInWords(o.doneThrough)}` : ''}
                    </Text>
                    {note(o) ? (
                      <Text size="xs" c="dimmed">
                        {note(o)}
                      </Text>
                    ) : null}
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      px={0}
                      style={{ alignSelf: 'flex-start' }}
                      onClick={() => setEvidenceOf(o)}
                      aria-label={`Evidence files of ${firstLine(o)}`}
                    >
                      Evidence files
                    </Button>
                  </>
                ),
              },
              {
                key: 'party',
                header: 'Party',
                width: 'minmax(80px, 1fr)',
                cell: (o) => partyLabels[o.party],
              },
              {
                key: 'owner',
                header: 'Owner',
                width: 'minmax(100px, 1fr)',
                cell: (o) =>
                  o.ownerName ?? (
                    <Text span size="sm" c="dimmed">
                      Nobody
                    </Text>
                  ),
              },
              {
                key: 'next',
                header: 'Next due',
                width: 'minmax(120px, 1.2fr)',
                cell: (o) => (
                  <Group gap={6}>
                    <Text size="sm">{o.nextDueOn ? dayInWords(o.nextDueOn) : '—'}</Text>
                    {o.overdue ? (
                      <Badge color="red" variant="light">
                        Overdue
                      </Badge>
                    ) : null}
                  </Group>
                ),
              },
              {
                key: 'status',
                header: 'Status',
                width: 'minmax(80px, 0.8fr)',
                cell: (o) => (
                  <Badge variant="light" color={statusColors[o.status]}>
                    {statusLabels[o.status]}
                  </Badge>
                ),
              },
              ...(canChange
                ? [
                    {
                      key: 'actions',
                      header: 'Actions',
                      width: 'minmax(100px, auto)',
                      actions: true,
                      cell: (o: Obligation) => (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button
                              size="xs"
                              variant="default"
                              rightSection={<IconChevronDown size={14} aria-hidden />}
                              aria-label={`Actions for ${firstLine(o)}`}
                            >
                              Actions
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            {o.status === 'open' ? (
                              <>
                                <Menu.Item
                                  onClick={() => setEditing({ kind: 'done', obligation: o })}
                                >
                                  {o.rrule ? 'Mark done through…' : 'Mark done…'}
                                </Menu.Item>
                                <Menu.Item
                                  onClick={() => setEditing({ kind: 'waive', obligation: o })}
                                >
                                  Waive…
                                </Menu.Item>
                                <Menu.Item
                                  onClick={() => setEditing({ kind: 'task', obligation: o })}
                                >
                                  Make a task…
                                </Menu.Item>
                              </>
                            ) : (
                              <Menu.Item onClick={() => reopen.mutate(o)}>Reopen</Menu.Item>
                            )}
                            <Menu.Item onClick={() => setEditing({ kind: 'edit', obligation: o })}>
                              Edit…
                            </Menu.Item>
                            <Menu.Item
                              color="red"
                              onClick={() =>
                                modals.openConfirmModal({
                                  title: 'Delete this obligation?',
                                  children: o.description,
                                  labels: { confirm: 'Delete', cancel: 'Keep it' },
                                  confirmProps: { color: 'red' },
                                  onConfirm: () => remove.mutate(o),
                                })
                              }
                            >
                              Delete
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        ) : null}
        {evidenceOf ? (
          <Stack gap="xs">
            <Attachments
              key={evidenceOf.id}
              subject={{ type: 'obligation', agreementId, obligationId: evidenceOf.id }}
              title={`Evidence files: ${firstLine(evidenceOf)}`}
              canChange={canChange}
            />
            <Group>
              <Button size="xs" variant="default" onClick={() => setEvidenceOf(null)}>
                Close evidence files
              </Button>
            </Group>
          </Stack>
        ) : null}
        {editing?.kind === 'add' || editing?.kind === 'edit' ? (
          <ObligationForm
            key={editing.kind === 'edit' ? editing.obligation.id : 'new'}
            agreementId={agreementId}
            obligation={editing.kind === 'edit' ? editing.obligation : undefined}
            onDone={refresh}
            onCancel={() => setEditing(null)}
          />
        ) : null}
        {editing && editing.kind !== 'add' && editing.kind !== 'edit' ? (
          <ObligationStepForm
            key={`${editing.kind}-${editing.obligation.id}`}
            step={editing}
            onDone={refresh}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Stack>
    </Card>
  );
}
