import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import {
  KpiCreate,
  type KpiUnit,
  kpiAggregations,
  kpiCadences,
  kpiDirections,
  kpiUnits,
} from '../../../domain/kpis';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem, schemaErrors } from '../../lib/forms';
import { editText, typedValue, unitHint } from './kpi-input';
import type { Kpi, KpiCreateBody } from './kpis.api';

type Values = {
  name: string;
  unit: string;
  currency: string;
  target: string;
  baseline: string;
  direction: string;
  cadence: string;
  aggregation: string;
};

export const unitLabels: Record<string, string> = {
  count: 'Count',
  currency: 'Money',
  percent: 'Percent',
  duration: 'Duration (seconds)',
};
export const directionLabels: Record<string, string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
};
export const cadenceLabels: Record<string, string> = { monthly: 'Monthly', quarterly: 'Quarterly' };
export const aggregationLabels: Record<string, string> = {
  sum: 'Sum of the values',
  last: 'Latest value',
  average: 'Average of the values',
};
export const options = (values: readonly string[], labels: Record<string, string>) =>
  values.map((value) => ({ value, label: labels[value] ?? value }));

function initialValues(kpi?: Kpi): Values {
  return {
    name: kpi?.name ?? '',
    unit: kpi?.unit ?? 'count',
    currency: kpi?.currency ?? '',
    target: kpi ? editText(kpi.unit, kpi.target, kpi.currency) : '',
    baseline: kpi ? editText(kpi.unit, kpi.baseline, kpi.currency) : '',
    direction: kpi?.direction ?? 'higher',
    cadence: kpi?.cadence ?? 'monthly',
    aggregation: kpi?.aggregation ?? 'sum',
  };
}

/**
 * The body the form sends, values converted from everyday units, or the fields' errors. The
 * zod schema is the API's own, so the form refuses what the server would.
 */
function bodyOf(values: Values): { body: KpiCreateBody } | { errors: Record<string, string> } {
  const unit = values.unit as KpiUnit;
  const currency = unit === 'currency' ? values.currency.trim().toUpperCase() || null : null;
  const errors: Record<string, string> = {};
  const target = typedValue(unit, values.target, currency);
  const baseline = typedValue(unit, values.baseline, currency);
  if ('message' in target) errors.target = target.message;
  else if (target.value === null) errors.target = 'Give the period’s target';
  if ('message' in baseline) errors.baseline = baseline.message;
  if (unit === 'currency' && currency === null) errors.currency = 'Give the currency, such as EUR';
  const body = {
    name: values.name.trim(),
    unit,
    currency,
    target: 'value' in target ? (target.value ?? 0) : 0,
    baseline: 'value' in baseline ? baseline.value : null,
    direction: values.direction as KpiCreateBody['direction'],
    cadence: values.cadence as KpiCreateBody['cadence'],
    aggregation: values.aggregation as KpiCreateBody['aggregation'],
  } satisfies KpiCreateBody;
  Object.assign(errors, { ...schemaErrors(KpiCreate, body), ...errors });
  return Object.keys(errors).length > 0 ? { errors } : { body };
}

/** Adds or changes a KPI; `save` sends it and throws the API's problem on failure. */
export function KpiForm({
  kpi,
  hasValues,
  save,
  onCancel,
}: {
  kpi?: Kpi;
  /** A KPI with values keeps its unit, currency and cadence (the server refuses a change). */
  hasValues: boolean;
  save: (body: KpiCreateBody) => Promise<unknown>;
  onCancel: () => void;
}) {
  const form = useForm<Values>({ mode: 'controlled', initialValues: initialValues(kpi) });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unit = form.values.unit as KpiUnit;
  const hint = unitHint(unit, form.values.currency || null);
  const fixed = kpi !== undefined && hasValues;

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    const result = bodyOf(values);
    if ('errors' in result) {
      form.setErrors(result.errors);
      return;
    }
    setBusy(true);
    try {
      await save(result.body);
    } catch (error) {
      setProblem(applyProblem(form, error));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {problem ? <ErrorAlert error={problem} /> : null}
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label="Unit"
            data={options(kpiUnits, unitLabels)}
            allowDeselect={false}
            disabled={fixed}
            description={fixed ? 'Fixed once it has values' : undefined}
            {...form.getInputProps('unit')}
          />
          {unit === 'currency' ? (
            <TextInput
              label="Currency"
              placeholder="EUR"
              required
              maxLength={3}
              disabled={fixed}
              {...form.getInputProps('currency')}
            />
          ) : null}
          <TextInput
            label={`Target (${hint})`}
            required
            inputMode="decimal"
            {...form.getInputProps('target')}
          />
          <TextInput
            label={`Baseline (${hint})`}
            description="Optional: where it stood when the period began"
            inputMode="decimal"
            {...form.getInputProps('baseline')}
          />
          <Select
            label="Direction"
            data={options(kpiDirections, directionLabels)}
            allowDeselect={false}
            {...form.getInputProps('direction')}
          />
          <Select
            label="Measured"
            data={options(kpiCadences, cadenceLabels)}
            allowDeselect={false}
            disabled={fixed}
            {...form.getInputProps('cadence')}
          />
          <Select
            label="The period’s value is the"
            data={options(kpiAggregations, aggregationLabels)}
            allowDeselect={false}
            {...form.getInputProps('aggregation')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {kpi ? 'Save KPI' : 'Add KPI'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
