import {
  ActionIcon,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { messages } from '../../../domain/messages';
import { maxObjectives, ownerSides, PlanCreate } from '../../../domain/plans';
import { ErrorAlert } from '../../components/ErrorAlert';
import { confirmDiscard, schemaErrors } from '../../lib/forms';
import { contactName, listContacts } from '../contacts/contacts.api';
import { PartnerPicker } from '../contacts/PartnerPicker';
import { editText } from '../kpis/kpi-input';
import { useMembers } from '../settings/settings.api';
import { PlanTemplatePicker } from './PlanTemplatePicker';
import { blankObjective, type PlanFormValues, planBody, templateTargets } from './plan-form-values';
import { ownerSideLabels, periodOptions } from './plan-labels';
import type { PlanTemplate } from './plan-templates.api';
import type { PlanCreateBody } from './plans.api';

function usePlanForm(initial: PlanFormValues, template: { current: PlanTemplate | null }) {
  return useForm<PlanFormValues>({
    mode: 'controlled',
    initialValues: initial,
    // The server's own schema, applied to the body the form would send.
    validate: (values) => {
      const errors = {
        ...schemaErrors(PlanCreate, planBody(values, template.current)),
        ...templateTargets(values, template.current).errors,
      };
      if (values.partnerId === '') errors.partnerId = messages.choosePartner;
      return errors;
    },
  });
}
export type PlanFormApi = ReturnType<typeof usePlanForm>;

type Props = {
  initial: PlanFormValues;
  /** A new plan picks its partner and period; an existing one keeps them. */
  isNew: boolean;
  partnerName: string | null;
  currentPeriod: { year: string; quarter: string };
  submitLabel: string;
  pending: boolean;
  failure: ReactNode;
  onSubmit: (body: PlanCreateBody, form: PlanFormApi) => void;
  onCancel: () => void;
};

/** A plan's summary and objectives (and, for a new plan, its partner and period). */
export function PlanForm(props: Props) {
  const template = useRef<PlanTemplate | null>(null);
  const form = usePlanForm(props.initial, template);
  const { setFieldValue } = form;
  const chooseTemplate = useCallback(
    (chosen: PlanTemplate | null) => {
      template.current = chosen;
      setFieldValue('templateId', chosen?.id ?? '');
      setFieldValue(
        'kpiTargets',
        (chosen?.kpis ?? []).map((kpi) => editText(kpi.unit, kpi.target, kpi.currency)),
      );
    },
    [setFieldValue],
  );
  const members = useMembers();
  const partnerId = form.values.partnerId;
  const contacts = useQuery({
    queryKey: ['contacts', { partnerId }],
    queryFn: ({ signal }) => listContacts({ partnerId }, undefined, signal),
    enabled: partnerId !== '',
  });
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const contactOptions = (contacts.data?.items ?? []).map((c) => ({
    value: c.id,
    label: contactName(c),
  }));
  const objectives = form.values.objectives;
  const formRef = useRef<HTMLFormElement>(null);
  // Moving or removing a row re-renders it elsewhere or not at all: focus and a spoken note follow.
  const [announcement, setAnnouncement] = useState('');
  const focusLater = (selector: string) =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(selector)?.focus());
  const row = (key: string) => `[data-objective-key="${key}"]`;
  const move = (index: number, to: number) => {
    const key = objectives[index]?.key ?? '';
    form.reorderListItem('objectives', { from: index, to });
    setAnnouncement(`Objective moved to position ${to + 1} of ${objectives.length}.`);
    const up = to < index;
    const stillThatWay = up ? to > 0 : to < objectives.length - 1;
    focusLater(`${row(key)} [data-move="${up === stillThatWay ? 'up' : 'down'}"]`);
  };
  const remove = (index: number) => {
    const next = objectives[index + 1] ?? objectives[index - 1];
    form.removeListItem('objectives', index);
    setAnnouncement(`Objective ${index + 1} removed.`);
    focusLater(next ? `${row(next.key)} textarea` : '[data-add-objective]');
  };
  const add = () => {
    const objective = blankObjective();
    form.insertListItem('objectives', objective);
    focusLater(`${row(objective.key)} textarea`);
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit((values) => props.onSubmit(planBody(values, template.current), form))}
    >
      <Stack gap="md" maw={880}>
        {typeof props.failure === 'string' ? (
          <ErrorAlert error={props.failure} title="Not saved" />
        ) : (
          props.failure
        )}
        {!props.isNew ? null : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PartnerPicker
              value={partnerId || null}
              selectedName={props.partnerName}
              onChange={(id) => {
                form.setFieldValue('partnerId', id ?? '');
                // Another partner's contacts cannot own this plan's objectives.
                objectives.forEach((_, index) => {
                  form.setFieldValue(`objectives.${index}.ownerContactId`, '');
                });
              }}
              error={form.errors.partnerId}
            />
            <Select
              label="Period"
              required
              description="A fiscal year or quarter; a partner has one plan per period."
              data={periodOptions(props.currentPeriod, [form.values.period])}
              allowDeselect={false}
              searchable
              {...form.getInputProps('period')}
            />
          </SimpleGrid>
        )}
        {props.isNew ? (
          <PlanTemplatePicker
            partnerId={partnerId}
            templateId={form.values.templateId}
            onTemplate={chooseTemplate}
            targetProps={(index) => form.getInputProps(`kpiTargets.${index}`)}
          />
        ) : null}
        <Textarea
          label="Summary"
          description="What you and the partner mean to achieve together. Markdown: **bold**, lists, links."
          autosize
          minRows={4}
          maxRows={16}
          {...form.getInputProps('summary')}
        />
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={600} size="sm" mb={4}>
            Objectives
          </Text>
          {typeof form.errors.objectives === 'string' &&
          // An error of one objective shows on its own field, not again here.
          !Object.keys(form.errors).some((key) => key.startsWith('objectives.')) ? (
            <Text c="red" size="sm" role="alert">
              {form.errors.objectives}
            </Text>
          ) : null}
          {objectives.length === 0 ? (
            <Text size="sm" c="dimmed">
              No objectives yet.
            </Text>
          ) : null}
          {objectives.map((objective, index) => {
            const n = index + 1;
            return (
              <Card
                key={objective.key}
                withBorder
                padding="md"
                component="section"
                aria-label={`Objective ${n}`}
                data-objective-key={objective.key}
              >
                <Stack gap="sm">
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={600} size="sm">
                      Objective {n}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label="Move up">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Move objective ${n} up`}
                          disabled={index === 0}
                          data-move="up"
                          onClick={() => move(index, index - 1)}
                        >
                          <IconArrowUp size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Move down">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Move objective ${n} down`}
                          disabled={index === objectives.length - 1}
                          data-move="down"
                          onClick={() => move(index, index + 1)}
                        >
                          <IconArrowDown size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Remove">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove objective ${n}`}
                          onClick={() => remove(index)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Group>
                  <Textarea
                    label="What to achieve"
                    aria-label={`Objective ${n}: what to achieve`}
                    required
                    autosize
                    minRows={2}
                    maxRows={8}
                    {...form.getInputProps(`objectives.${index}.text`)}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <Select
                      label="Owned by"
                      aria-label={`Objective ${n}: owned by`}
                      data={ownerSides.map((value) => ({ value, label: ownerSideLabels[value] }))}
                      allowDeselect={false}
                      {...form.getInputProps(`objectives.${index}.ownerSide`)}
                    />
                    <Select
                      label="Our owner"
                      aria-label={`Objective ${n}: our owner`}
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
                    <Select
                      label="Partner's owner"
                      aria-label={`Objective ${n}: partner's owner`}
                      placeholder={partnerId ? 'No one' : 'Choose the partner first'}
                      data={contactOptions}
                      searchable
                      clearable
                      disabled={partnerId === ''}
                      nothingFoundMessage="No contact of this partner matches"
                      {...form.getInputProps(`objectives.${index}.ownerContactId`)}
                      value={objective.ownerContactId || null}
                      onChange={(value) =>
                        form.setFieldValue(`objectives.${index}.ownerContactId`, value ?? '')
                      }
                    />
                  </SimpleGrid>
                </Stack>
              </Card>
            );
          })}
          <VisuallyHidden role="status" aria-live="polite">
            {announcement}
          </VisuallyHidden>
          {objectives.length < maxObjectives ? (
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={add}
                data-add-objective
              >
                Add objective
              </Button>
            </Group>
          ) : null}
        </Stack>
        <Group>
          <Button type="submit" loading={props.pending}>
            {props.submitLabel}
          </Button>
          <Button variant="default" onClick={() => confirmDiscard(form, props.onCancel)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
