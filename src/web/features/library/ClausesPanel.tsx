import { ActionIcon, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
import { ClauseForm } from './ClauseForm';
import { type Clause, clausesQuery, versionTag } from './library.api';

/** The clause library: add, change, archive and restore clauses (writers); everyone reads. */
export function ClausesPanel({ writer }: { writer: boolean }) {
  const queryClient = useQueryClient();
  const clauses = useQuery(clausesQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: clausesQuery.queryKey });
  const setArchived = useMutation({
    mutationFn: async ({ clause, archived }: { clause: Clause; archived: boolean }) =>
      unwrap(
        await api.POST(archived ? '/api/v1/clauses/{id}/archive' : '/api/v1/clauses/{id}/restore', {
          params: { path: { id: clause.id }, header: { 'if-match': versionTag(clause) } },
        }),
      ),
    onSuccess: (clause) => {
      notifications.show({
        color: 'teal',
        message: `${clause.title} ${clause.archivedAt ? 'archived' : 'restored'}.`,
      });
      return refresh();
    },
    onError: (error) => {
      notifications.show({ color: 'red', message: describeError(error) });
      return refresh();
    },
  });
  const openForm = (clause?: Clause) => {
    const id = modals.open({
      title: clause ? `Change ${clause.title}` : 'Add a clause',
      size: 'xl',
      children: (
        <ClauseForm
          clause={clause}
          onDone={() => {
            modals.close(id);
            notifications.show({ color: 'teal', message: 'Clause saved.' });
            void refresh();
          }}
        />
      ),
    });
  };

  if (clauses.isError) return <ErrorAlert error={clauses.error} />;
  const rows = [...(clauses.data ?? [])].sort(
    (a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null),
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          Reusable contract text with variables, each with fallback positions to concede in
          negotiation. Templates assemble clauses into agreements.
        </Text>
        {writer ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => openForm()}>
            Add clause
          </Button>
        ) : null}
      </Group>
      {clauses.data && rows.length === 0 ? (
        <Text c="dimmed">The library has no clauses yet.</Text>
      ) : (
        <DataTable
          label="Clauses"
          rows={rows}
          rowKey={(clause) => clause.id}
          columns={[
            {
              key: 'title',
              header: 'Clause',
              width: 'minmax(160px, 2fr)',
              primary: true,
              cell: (clause) => (
                <Group gap={6} wrap="nowrap">
                  <Truncated fw={500}>{clause.title}</Truncated>
                  {clause.archivedAt ? (
                    <Badge size="xs" variant="light" color="gray">
                      Archived
                    </Badge>
                  ) : null}
                </Group>
              ),
            },
            {
              key: 'category',
              header: 'Category',
              width: 'minmax(120px, 1fr)',
              cell: (clause) => <Truncated>{clause.category}</Truncated>,
            },
            {
              key: 'fallbacks',
              header: 'Fallbacks',
              width: 'minmax(80px, 0.5fr)',
              cell: (clause) => String(clause.fallbackPositions.length),
            },
            {
              key: 'variables',
              header: 'Variables',
              width: 'minmax(160px, 2fr)',
              cell: (clause) => (
                <Truncated size="sm" c="dimmed">
                  {clause.variables.join(', ') || '—'}
                </Truncated>
              ),
            },
            ...(writer
              ? [
                  {
                    key: 'actions',
                    header: 'Actions',
                    width: 'minmax(80px, 0.5fr)',
                    actions: true,
                    cell: (clause: Clause) => (
                      <>
                        <Tooltip label={`Change ${clause.title}`}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Change ${clause.title}`}
                            onClick={() => openForm(clause)}
                          >
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip
                          label={
                            clause.archivedAt
                              ? `Restore ${clause.title}`
                              : `Archive ${clause.title}`
                          }
                        >
                          <ActionIcon
                            variant="subtle"
                            aria-label={
                              clause.archivedAt
                                ? `Restore ${clause.title}`
                                : `Archive ${clause.title}`
                            }
                            disabled={setArchived.isPending}
                            onClick={() =>
                              setArchived.mutate({ clause, archived: clause.archivedAt === null })
                            }
                          >
                            {clause.archivedAt ? (
                              <IconArchiveOff size={16} aria-hidden />
                            ) : (
                              <IconArchive size={16} aria-hidden />
                            )}
                          </ActionIcon>
                        </Tooltip>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Stack>
  );
}
