import { ActionIcon, Badge, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
import { can, useSession } from '../auth/session';
import { humanize } from '../partners/partner-labels';
import {
  createPlanTemplate,
  deletePlanTemplate,
  type PlanTemplate,
  type PlanTemplateBody,
  planTemplatesQuery,
  updatePlanTemplate,
} from '../plans/plan-templates.api';
import { PlanTemplateForm } from './PlanTemplateForm';

/**
 * Plan templates per partner type (decision 045): what a new plan starts from. Admins and
 * managers add, change, archive and delete them; the new-plan form offers each type's default.
 */
export function PlanTemplatesPanel() {
  const session = useSession();
  const manage = can(session, 'plan_template.manage');
  const queryClient = useQueryClient();
  const templates = useQuery(planTemplatesQuery('any'));
  const [editing, setEditing] = useState<PlanTemplate | 'new' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['plan-templates'] });
  const failed = (error: unknown) => {
    notifications.show({ color: 'red', message: describeError(error) });
    return refresh();
  };
  const setArchived = useMutation({
    mutationFn: ({ template, archived }: { template: PlanTemplate; archived: boolean }) =>
      updatePlanTemplate(template, { archived }),
    onSuccess: (template) => {
      notifications.show({
        color: 'teal',
        message: template.archivedAt ? `${template.name} archived.` : `${template.name} restored.`,
      });
      return refresh();
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: deletePlanTemplate,
    onSuccess: () => refresh(),
    onError: failed,
  });

  const save = async (body: PlanTemplateBody) => {
    const saved =
      editing === 'new' || editing === null
        ? await createPlanTemplate(body)
        : await updatePlanTemplate(editing, body);
    notifications.show({ color: 'teal', message: `${saved.name} saved.` });
    setEditing(null);
    await refresh();
  };

  if (templates.isError) return <ErrorAlert error={templates.error} />;

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        What a new plan starts from, per partner type: a summary, objectives and KPI definitions.
        The new-plan form offers the type’s default template; plans made from a template keep their
        own copy.
      </Text>
      {manage ? (
        <Group>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            Add template
          </Button>
        </Group>
      ) : null}
      <DataTable
        label="Plan templates"
        rows={templates.data ?? []}
        rowKey={(template) => template.id}
        columns={[
          {
            key: 'name',
            header: 'Template',
            width: 'minmax(180px, 2fr)',
            primary: true,
            cell: (template) => (
              <Group gap={6} wrap="nowrap">
                <Truncated fw={500}>{template.name}</Truncated>
                {template.isDefault ? (
                  <Badge size="xs" variant="light">
                    Default
                  </Badge>
                ) : null}
                {template.archivedAt ? (
                  <Badge size="xs" variant="light" color="gray">
                    Archived
                  </Badge>
                ) : null}
              </Group>
            ),
          },
          {
            key: 'type',
            header: 'Partner type',
            width: 'minmax(120px, 1fr)',
            cell: (template) => humanize(template.partnerType),
          },
          {
            key: 'content',
            header: 'Content',
            width: 'minmax(140px, 1fr)',
            cell: (template) =>
              `${template.objectives.length} objectives, ${template.kpis.length} KPIs`,
          },
          ...(manage
            ? [
                {
                  key: 'actions',
                  header: 'Actions',
                  width: 'minmax(120px, 0.6fr)',
                  actions: true,
                  cell: (template: PlanTemplate) => (
                    <>
                      <Tooltip label={`Edit ${template.name}`}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Edit ${template.name}`}
                          onClick={() => setEditing(template)}
                        >
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip
                        label={
                          template.archivedAt
                            ? `Restore ${template.name}`
                            : `Archive ${template.name}`
                        }
                      >
                        <ActionIcon
                          variant="subtle"
                          aria-label={
                            template.archivedAt
                              ? `Restore ${template.name}`
                              : `Archive ${template.name}`
                          }
                          disabled={setArchived.isPending}
                          onClick={() =>
                            setArchived.mutate({ template, archived: template.archivedAt === null })
                          }
                        >
                          {template.archivedAt ? (
                            <IconArchiveOff size={16} aria-hidden />
                          ) : (
                            <IconArchive size={16} aria-hidden />
                          )}
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={`Delete ${template.name}`}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete ${template.name}`}
                          disabled={remove.isPending}
                          onClick={() =>
                            modals.openConfirmModal({
                              title: `Delete ${template.name}?`,
                              children: (
                                <Text size="sm">
                                  Plans made from it keep what they took. Archive it instead to keep
                                  it for later.
                                </Text>
                              ),
                              labels: { confirm: 'Delete', cancel: 'Keep it' },
                              confirmProps: { color: 'red' },
                              onConfirm: () => remove.mutate(template),
                            })
                          }
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New plan template' : `Edit ${editing?.name ?? ''}`}
        size="xl"
      >
        {editing !== null ? (
          <PlanTemplateForm
            template={editing === 'new' ? null : editing}
            save={save}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
