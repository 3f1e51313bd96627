import { NumberInput, SimpleGrid } from '@mantine/core';
import { useForm } from '@mantine/form';
import { issueSeverities, ResponseDays } from '../../../domain/issues';
import { schemaErrors } from '../../lib/forms';
import { humanize } from '../partners/partner-labels';
import {
  WorkspaceSettingCard,
  WorkspaceSettingForm,
  type WorkspaceSettingProps,
} from '../settings/WorkspaceSetting';

function TargetsForm({ workspace, etag, onStale }: WorkspaceSettingProps) {
  const form = useForm({
    mode: 'controlled',
    initialValues: workspace.issueResponseDays,
    validate: (values) => schemaErrors(ResponseDays, values),
  });
  return (
    <WorkspaceSettingForm
      form={form}
      etag={etag}
      onStale={onStale}
      change={(values) => ({ issueResponseDays: values })}
      saved="Response targets saved."
      title="Issue response targets"
      description="Days to respond to an issue by its severity. A new issue is due that many days after it is raised, unless someone sets a date."
      submitLabel="Save response targets"
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {issueSeverities.map((severity) => (
          <NumberInput
            key={severity}
            label={`${humanize(severity)} (days)`}
            min={1}
            max={365}
            allowDecimal={false}
            {...form.getInputProps(severity)}
          />
        ))}
      </SimpleGrid>
    </WorkspaceSettingForm>
  );
}

/** The workspace's issue response targets, for admins, beside the other workspace settings. */
export function ResponseTargetsPanel() {
  return (
    <WorkspaceSettingCard part={(workspace) => workspace.issueResponseDays}>
      {(props) => <TargetsForm {...props} />}
    </WorkspaceSettingCard>
  );
}
