import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import {
  type KpiUnit,
  kpiAggregations,
  kpiCadences,
  kpiDirections,
  kpiUnits,
  maxKpisPerPlan,
} from '../../../domain/kpis';
import { partnerTypes } from '../../../domain/partners';
import { PlanTemplateCreate } from '../../../domain/plan-templates';
import { maxObjectives, ownerSides } from '../../../domain/plans';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import {
  aggregationLabels,
  cadenceLabels,
  directionLabels,
  options,
  unitLabels,
} from '../kpis/KpiForm';
import { editText, typedValue, unitHint } from '../kpis/kpi-input';
import { humanize } from '../partners/partner-labels';
import { ownerSideLabels } from '../plans/plan-labels';
import type { PlanTemplate, PlanTemplateBody } from '../plans/plan-templates.api';
import { useMembers } from './settings.api';

type ObjectiveValues = { key: string; text: string; ownerSide: string; ownerMemberId: string };
type KpiValues = {
  key: string;
  name: string;
  unit: string;
  currency: string;
  target: string;
  baseline: string;
  direction: string;
  cadence: string;
  aggregation: string;
};
type Values = {
  name: string;
  partnerType: string;
  isDefault: boolean;
  summary: string;
  objectives: ObjectiveValues[];
  kpis: KpiValues[];
};

const blankObjective = (): ObjectiveValues => ({
  key: randomId(),
  text: '',
  ownerSide: 'both',
  ownerMemberId: '',
});
const blankKpi = (): KpiValues => ({
  key: randomId(),
  name: '',
  unit: 'count',
  currency: '',
  target: '',
  baseline: '',
  direction: 'higher',
  cadence: 'monthly',
  aggregation: 'sum',
});

function initialValues(template: PlanTemplate | null): Values {
  return {
    name: template?.name ?? '',
    partnerType: template?.partnerType ?? 'technology',
    isDefault: template?.isDefault ?? false,
    summary: template?.summary ?? '',
    objectives: (template?.objectives ?? []).map((o) => ({
      key: randomId(),
      text: o.text,
      ownerSide: o.ownerSide,
      ownerMemberId: o.ownerMemberId ?? '',
    })),
    kpis: (template?.kpis ?? []).map((k) => ({
      key: randomId(),
      name: k.name,
      unit: k.unit,
      currency: k.currency ?? '',
      target: editText(k.unit, k.target, k.currency),
      baseline: editText(k.unit, k.baseline, k.currency),
      direction: k.direction,
      cadence: k.cadence,
      aggregation: k.aggregation,
    })),
  };
}

/** The body the form sends (values in stored units), or the fields' errors, as the API names them. */
function bodyOf(values: Values): { body: PlanTemplateBody } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const kpis = values.kpis.map((k, index) => {
    const unit = k.unit as KpiUnit;
    const currency = unit === 'currency' ? k.currency.trim().toUpperCase() || null : null;
    const target = typedValue(unit, k.target, currency);
    const baseline = typedValue(unit, k.baseline, currency);
    if ('message' in target) errors[`kpis.${index}.target`] = target.message;
    if ('message' in baseline) errors[`kpis.${index}.baseline`] = baseline.message;
    return {
      name: k.name.trim(),
      unit,
      currency,
      target: 'value' in target ? target.value : null,
      baseline: 'value' in baseline ? baseline.value : null,
      direction: k.direction as 'higher' | 'lower',
      cadence: k.cadence as 'monthly' | 'quarterly',
      aggregation: k.aggregation as 'sum' | 'last' | 'average',
    };
  });
  const body: PlanTemplateBody = {
    name: values.name.trim(),
    partnerType: values.partnerType as PlanTemplateBody['partnerType'],
    isDefault: values.isDefault,
    summary: values.summary.trim(),
    objectives: values.objectives.map((o) => ({
      text: o.text.trim(),
      ownerSide: o.ownerSide as 'us' | 'partner' | 'both',
      ownerMemberId: o.ownerMemberId || null,
      ownerContactId: null,
    })),
    kpis,
  };
  Object.assign(errors, { ...schemaErrors(PlanTemplateCreate, body), ...errors });
  return Object.keys(errors).length > 0 ? { errors } : { body };
}

/** A template's name, type, summary, objectives and KPI rows; `save` throws the API's problem. */
export function PlanTemplateForm(props: {
  template: PlanTemplate | null;
  save: (body: PlanTemplateBody) => Promise<unknown>;
  onCancel: () => void;
}) {
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(props.template),
  });
  const members = useMembers();
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const focusLater = (selector: string) =>
    requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>(selector)?.focus());

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const result = bodyOf(values);
    if ('errors' in result) {
      form.setErrors(result.errors);
      return;
    }
    setBusy(true);
    try {
      await props.save(result.body);
    } catch (error) {
      setProblem(applyProblem(form, error));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form ref={ref} onSubmit={submit} noValidate>
      <Stack gap="md">
        {problem ? <ErrorAlert error={problem} title="Not saved" /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <Select
            label="Partner type"
            data={partnerTypes.map((value) => ({ value, label: humanize(value) }))}
            allowDeselect={false}
            {...form.getInputProps('partnerType')}
          />
        </SimpleGrid>
        <Checkbox
          label="Default for this partner type"
          description="The new-plan form offers it first; another default of the type stops being one."
          {...form.getInputProps('isDefault', { type: 'checkbox' })}
        />
        <Textarea
          label="Summary"
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps('summary')}
        />
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={600} size="sm" mb={4}>
            Objectives
          </Text>
          {form.values.objectives.map((objective, index) => (
            <Card key={objective.key} withBorder padding="sm" data-row={objective.key}>
              <Group align="flex-start" wrap="nowrap" gap="sm">
                <Stack gap="xs" style={{ flex: 1 }}>
                  <Textarea
                    label={`Objective ${index + 1}`}
                    aria-label={`Objective ${index + 1}: what to achieve`}
                    required
                    autosize
                    minRows={1}
                    {...form.getInputProps(`objectives.${index}.text`)}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Select
                      label="Owned by"
                      aria-label={`Objective ${index + 1}: owned by`}
                      data={ownerSides.map((value) => ({ value, label: ownerSideLabels[value] }))}
                      allowDeselect={false}
                      {...form.getInputProps(`objectives.${index}.ownerSide`)}
                    />
                    <Select
                      label="Our owner"
                      aria-label={`Objective ${index + 1}: our owner`}
                      placeholder="No one"
                      data={memberOptions}
                      searchable
                      clearable
                      {...form.getInputProps(`objectives.${index}.ownerMemberId`)}
                      value={objective.ownerMemberId || null}
                      onChange={(value) =>
                        form.setFieldValue(`objectives.${index}.ownerMemberId`, value ?? '')
                      }
                    />
                  </SimpleGrid>
                </Stack>
                <Tooltip label="Remove">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={24}
                    aria-label={`Remove objective ${index + 1}`}
                    onClick={() => {
                      form.removeListItem('objectives', index);
                      focusLater('[data-add-objective]');
                    }}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Card>
          ))}
          {form.values.objectives.length < maxObjectives ? (
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                data-add-objective
                onClick={() => {
                  const row = blankObjective();
                  form.insertListItem('objectives', row);
                  focusLater(`[data-row="${row.key}"] textarea`);
                }}
              >
                Add objective
              </Button>
            </Group>
          ) : null}
        </Stack>
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={600} size="sm" mb={4}>
            KPIs
          </Text>
          {form.values.kpis.map((kpi, index) => {
            const n = index + 1;
            const unit = kpi.unit as KpiUnit;
            const hint = unitHint(unit, kpi.currency || null);
            return (
              <Card key={kpi.key} withBorder padding="sm" data-row={kpi.key}>
                <Group align="flex-start" wrap="nowrap" gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs" style={{ flex: 1 }}>
                    <TextInput
                      label={`KPI ${n}`}
                      aria-label={`KPI ${n}: name`}
                      required
                      {...form.getInputProps(`kpis.${index}.name`)}
                    />
                    <Select
                      label="Unit"
                      aria-label={`KPI ${n}: unit`}
                      data={options(kpiUnits, unitLabels)}
                      allowDeselect={false}
                      {...form.getInputProps(`kpis.${index}.unit`)}
                    />
                    {unit === 'currency' ? (
                      <TextInput
                        label="Currency"
                        aria-label={`KPI ${n}: currency`}
                        placeholder="EUR"
                        maxLength={3}
                        {...form.getInputProps(`kpis.${index}.currency`)}
                      />
                    ) : null}
                    <TextInput
                      label={`Default target (${hint})`}
                      aria-label={`KPI ${n}: default target`}
                      placeholder="Set in each plan"
                      inputMode="decimal"
                      {...form.getInputProps(`kpis.${index}.target`)}
                    />
                    <TextInput
                      label={`Baseline (${hint})`}
                      aria-label={`KPI ${n}: baseline`}
                      inputMode="decimal"
                      {...form.getInputProps(`kpis.${index}.baseline`)}
                    />
                    <Select
                      label="Direction"
                      aria-label={`KPI ${n}: direction`}
                      data={options(kpiDirections, directionLabels)}
                      allowDeselect={false}
                      {...form.getInputProps(`kpis.${index}.direction`)}
                    />
                    <Select
                      label="Cadence"
                      aria-label={`KPI ${n}: cadence`}
                      data={options(kpiCadences, cadenceLabels)}
                      allowDeselect={false}
                      {...form.getInputProps(`kpis.${index}.cadence`)}
                    />
                    <Select
                      label="Aggregation"
                      aria-label={`KPI ${n}: aggregation`}
                      data={options(kpiAggregations, aggregationLabels)}
                      allowDeselect={false}
                      {...form.getInputProps(`kpis.${index}.aggregation`)}
                    />
                  </SimpleGrid>
                  <Tooltip label="Remove">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={24}
                      aria-label={`Remove KPI ${n}`}
                      onClick={() => {
                        form.removeListItem('kpis', index);
                        focusLater('[data-add-kpi]');
                      }}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Card>
            );
          })}
          {form.values.kpis.length < maxKpisPerPlan ? (
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                data-add-kpi
                onClick={() => {
                  const row = blankKpi();
                  form.insertListItem('kpis', row);
                  focusLater(`[data-row="${row.key}"] input`);
                }}
              >
                Add KPI
              </Button>
            </Group>
          ) : null}
        </Stack>
        <Group>
          <Button type="submit" loading={busy}>
            {props.template ? 'Save template' : 'Add template'}
          </Button>
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
