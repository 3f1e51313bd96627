import { NumberInput, SimpleGrid } from '@mantine/core';
import { useForm } from '@mantine/form';
import { HealthWeights, healthComponents } from '../../../domain/health-score';
import { schemaErrors } from '../../lib/forms';
import {
  WorkspaceSettingCard,
  WorkspaceSettingForm,
  type WorkspaceSettingProps,
} from '../settings/WorkspaceSetting';
import { componentLabels } from './health-labels';

function WeightsForm({ workspace, etag, onStale }: WorkspaceSettingProps) {
  const form = useForm({
    mode: 'controlled',
    initialValues: workspace.healthWeights,
    validate: (values) => schemaErrors(HealthWeights, values),
  });
  return (
    <WorkspaceSettingForm
      form={form}
      etag={etag}
      onStale={onStale}
      change={(values) => ({ healthWeights: values })}
      saved="Health score weights saved."
      title="Health score weights"
      description="How much each component counts towards a partner's health score, 0 to 100. Only the proportions matter; the next daily snapshot and every partner page use them."
      submitLabel="Save weights"
    >
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {healthComponents.map((key) => (
          <NumberInput
            key={key}
            label={componentLabels[key]}
            min={0}
            max={100}
            allowDecimal={false}
            {...form.getInputProps(key)}
          />
        ))}
      </SimpleGrid>
    </WorkspaceSettingForm>
  );
}

/** The workspace's health score weights, for admins, beside the other workspace settings. */
export function HealthWeightsPanel() {
  return (
    <WorkspaceSettingCard part={(workspace) => workspace.healthWeights}>
      {(props) => <WeightsForm {...props} />}
    </WorkspaceSettingCard>
  );
}
