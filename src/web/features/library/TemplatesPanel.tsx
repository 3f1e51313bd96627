import { ActionIcon, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconEye, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { agreementTypeLabels } from '../../../domain/clauses';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { Truncated } from '../../components/list/ListParts';
import { type AgreementTemplate, templatesQuery, versionTag } from './library.api';
import { TemplateForm } from './TemplateForm';
import { TemplatePreview } from './TemplatePreview';

/** Agreement templates: clauses in order per agreement type; everyone previews, writers edit. */
export function TemplatesPanel({ writer }: { writer: boolean }) {
  const queryClient = useQueryClient();
  const templates = useQuery(templatesQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: templatesQuery.queryKey });
  const setArchived = useMutation({
    mutationFn: async ({
      template,
      archived,
    }: {
      template: AgreementTemplate;
      archived: boolean;
    }) =>
      unwrap(
        await api.POST(
          archived
            ? '/api/v1/agreement-templates/{id}/archive'
            : '/api/v1/agreement-templates/{id}/restore',
          { params: { path: { id: template.id }, header: { 'if-match': versionTag(template) } } },
        ),
      ),
    onSuccess: (template) => {
      notifications.show({
        color: 'teal',
        message: `${template.name} ${template.archivedAt ? 'archived' : 'restored'}.`,
      });
      return refresh();
    },
    onError: (error) => {
      notifications.show({ color: 'red', message: describeError(error) });
      return refresh();
    },
  });
  const openForm = (template?: AgreementTemplate) => {
    const id = modals.open({
      title: template ? `Change ${template.name}` : 'Add a template',
      size: 'lg',
      children: (
        <TemplateForm
          template={template}
          onDone={() => {
            modals.close(id);
            notifications.show({ color: 'teal', message: 'Template saved.' });
            void refresh();
          }}
        />
      ),
    });
  };
  const openPreview = (template: AgreementTemplate) =>
    modals.open({
      title: `Preview ${template.name}`,
      size: 'xl',
      children: <TemplatePreview template={template} />,
    });

  if (templates.isError) return <ErrorAlert error={templates.error} />;
  const rows = [...(templates.data ?? [])].sort(
    (a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null),
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          A template drafts one type of agreement from library clauses, in order. Preview one for a
          partner to see the filled text, or which variables still lack a value.
        </Text>
        {writer ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => openForm()}>
            Add template
          </Button>
        ) : null}
      </Group>
      {templates.data && rows.length === 0 ? (
        <Text c="dimmed">No templates yet.</Text>
      ) : (
        <DataTable
          label="Agreement templates"
          rows={rows}
          rowKey={(template) => template.id}
          columns={[
            {
              key: 'name',
              header: 'Template',
              width: 'minmax(160px, 2fr)',
              primary: true,
              cell: (template) => (
                <Group gap={6} wrap="nowrap">
                  <Truncated fw={500}>{template.name}</Truncated>
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
              header: 'Agreement type',
              width: 'minmax(140px, 1.5fr)',
              cell: (template) => (
                <Truncated>{agreementTypeLabels[template.agreementType]}</Truncated>
              ),
            },
            {
              key: 'clauses',
              header: 'Clauses',
              width: 'minmax(160px, 2fr)',
              cell: (template) => (
                <Truncated size="sm" c="dimmed">
                  {template.clauses.map((c) => c.title).join(' · ') || '—'}
                </Truncated>
              ),
            },
            {
              key: 'actions',
              header: 'Actions',
              width: 'minmax(110px, 0.7fr)',
              actions: true,
              cell: (template: AgreementTemplate) => (
                <>
                  <Tooltip label={`Preview ${template.name}`}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Preview ${template.name}`}
                      onClick={() => openPreview(template)}
                    >
                      <IconEye size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  {writer ? (
                    <>
                      <Tooltip label={`Change ${template.name}`}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Change ${template.name}`}
                          onClick={() => openForm(template)}
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
                    </>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      )}
    </Stack>
  );
}
