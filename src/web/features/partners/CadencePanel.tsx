import { NumberInput, SimpleGrid } from '@mantine/core';
import { useForm } from '@mantine/form';
import { cadenceDays } from '../../../domain/cadence';
import {
  WorkspaceSettingCard,
  WorkspaceSettingForm,
  type WorkspaceSettingProps,
} from '../settings/WorkspaceSetting';
import { humanize } from './partner-labels';

/** Form values by position, as a tier's name may hold a dot that a field path would split. */
type Values = { default: number | string; tiers: Array<number | string> };

/** The schema's message for a value, or null when it is fine (blank tier days are allowed). */
function daysError(value: number | string, blankOk: boolean): string | null {
  if (value === '' && blankOk) return null;
  const parsed = cadenceDays.safeParse(value === '' ? undefined : value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a valid value');
}

function CadenceForm({ workspace, etag, onStale }: WorkspaceSettingProps) {
  const setting = workspace.contactCadenceDays;
  const tiers = workspace.tiers;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      default: setting.default,
      tiers: tiers.map((tier) => setting.tiers[tier] ?? ''),
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      const fallback = daysError(values.default, false);
      if (fallback) errors.default = fallback;
      values.tiers.forEach((value, i) => {
        const message = daysError(value, true);
        if (message) errors[`tiers.${i}`] = message;
      });
      return errors;
    },
  });
  return (
    <WorkspaceSettingForm
      form={form}
      etag={etag}
      onStale={onStale}
      change={(values) => ({
        contactCadenceDays: {
          default: Number(values.default),
          // A blank tier uses the default.
          tiers: Object.fromEntries(
            tiers.flatMap((tier, i) =>
              values.tiers[i] === '' ? [] : [[tier, Number(values.tiers[i])]],
            ),
          ),
        },
      })}
      saved="Contact cadence saved."
      title="Contact cadence"
      description="Days that may pass between interactions with a partner, by tier. A partner past its cadence shows as cooling. The default applies to partners without a tier and to tiers left blank; a partner may set its own."
      submitLabel="Save contact cadence"
      maw={640}
    >
      <SimpleGrid cols={{ base: 2, sm: 3 }}>
        <NumberInput
          label="Default (days)"
          min={1}
          max={365}
          allowDecimal={false}
          {...form.getInputProps('default')}
        />
        {tiers.map((tier, i) => (
          <NumberInput
            key={tier}
            label={`${humanize(tier)} (days)`}
            placeholder={`Default (${form.getValues().default || '–'})`}
            min={1}
            max={365}
            allowDecimal={false}
            {...form.getInputProps(`tiers.${i}`)}
          />
        ))}
      </SimpleGrid>
    </WorkspaceSettingForm>
  );
}

/** The workspace's contact cadence per tier, for admins, beside the other workspace settings. */
export function CadencePanel() {
  return (
    <WorkspaceSettingCard part={(workspace) => [workspace.contactCadenceDays, workspace.tiers]}>
      {(props) => <CadenceForm {...props} />}
    </WorkspaceSettingCard>
  );
}
