import { Card, List, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { formatKpiValue, type KpiUnit } from '../../../domain/kpis';
import { unitHint } from '../kpis/kpi-input';
import { humanize } from '../partners/partner-labels';
import { partnerQuery } from '../partners/partners.api';
import { type PlanTemplate, planTemplatesQuery } from './plan-templates.api';

type Props = {
  partnerId: string;
  templateId: string;
  onTemplate: (template: PlanTemplate | null) => void;
  /** The target typed for each of the template's KPIs, by position, and its error. */
  targetProps: (index: number) => GetInputPropsReturnType;
};

/**
 * The new-plan form's template picker (decision 045): the partner type's default template is
 * preselected (never applied by the server unasked), and what it will add is shown, with a
 * target to set for each KPI (the template's default where it has one).
 */
export function PlanTemplatePicker(props: Props) {
  const templates = useQuery(planTemplatesQuery());
  const partner = useQuery({ ...partnerQuery(props.partnerId), enabled: props.partnerId !== '' });
  const type = partner.data?.partner.type ?? null;
  const items = templates.data ?? [];
  const chosen = items.find((t) => t.id === props.templateId) ?? null;
  // Preselect the type's default once per partner, unless the person chose already.
  const preselectedFor = useRef<string | null>(null);
  const { onTemplate } = props;
  useEffect(() => {
    if (!type || preselectedFor.current === props.partnerId || templates.data === undefined) return;
    preselectedFor.current = props.partnerId;
    const fallback = templates.data.find((t) => t.partnerType === type && t.isDefault) ?? null;
    onTemplate(fallback);
  }, [type, props.partnerId, templates.data, onTemplate]);

  if (items.length === 0) return null;
  const data = items.map((t) => ({
    value: t.id,
    label: `${t.name} (${humanize(t.partnerType)}${t.isDefault ? ', default' : ''})`,
  }));

  return (
    <Stack gap="xs">
      <Select
        label="Start from a template"
        description="Its summary, objectives and KPIs go into the new plan; you can change them after."
        placeholder="No template: start empty"
        data={data}
        value={props.templateId || null}
        onChange={(id) => {
          preselectedFor.current = props.partnerId;
          props.onTemplate(items.find((t) => t.id === id) ?? null);
        }}
        clearable
        searchable
      />
      {chosen ? (
        <Card withBorder padding="sm" aria-label="What the template adds" component="section">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              What “{chosen.name}” adds
            </Text>
            {chosen.summary ? (
              <Text size="sm" c="dimmed" lineClamp={3}>
                Summary: {chosen.summary}
              </Text>
            ) : null}
            {chosen.objectives.length > 0 ? (
              <List size="sm">
                {chosen.objectives.map((o, index) => (
                  // Template objectives have no ids; their order is their identity here.
                  // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list in order
                  <List.Item key={index}>{o.text}</List.Item>
                ))}
              </List>
            ) : null}
            {chosen.kpis.length > 0 ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                {chosen.kpis.map((kpi, index) => (
                  <TextInput
                    // biome-ignore lint/suspicious/noArrayIndexKey: the template's KPIs in order
                    key={index}
                    label={`${kpi.name}: target (${unitHint(kpi.unit as KpiUnit, kpi.currency)})`}
                    description={
                      kpi.target === null
                        ? 'The template has no default target: set one'
                        : `Default ${formatKpiValue(kpi.unit as KpiUnit, kpi.target, kpi.currency)}`
                    }
                    inputMode="decimal"
                    required={kpi.target === null}
                    {...props.targetProps(index)}
                  />
                ))}
              </SimpleGrid>
            ) : null}
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
