import { TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { updateWorkspaceBody } from '../../../domain/workspaces';
import { schemaErrors } from '../../lib/forms';
import {
  WorkspaceSettingCard,
  WorkspaceSettingForm,
  type WorkspaceSettingProps,
} from './WorkspaceSetting';

function WorkspaceForm({ workspace, etag, onStale }: WorkspaceSettingProps) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: workspace.name, tiers: workspace.tiers },
    validate: (values) => schemaErrors(updateWorkspaceBody, values),
  });
  return (
    <WorkspaceSettingForm
      form={form}
      etag={etag}
      onStale={onStale}
      change={(values) => ({ name: values.name.trim(), tiers: values.tiers })}
      saved="Workspace saved."
      submitLabel="Save workspace"
    >
      <TextInput label="Workspace name" required {...form.getInputProps('name')} />
      <TagsInput
        label="Partner tiers"
        description="Highest first. Press Enter after each tier."
        {...form.getInputProps('tiers')}
      />
    </WorkspaceSettingForm>
  );
}

export function WorkspacePanel() {
  return (
    <WorkspaceSettingCard part={(workspace) => [workspace.name, workspace.tiers]}>
      {(props) => <WorkspaceForm {...props} />}
    </WorkspaceSettingCard>
  );
}
