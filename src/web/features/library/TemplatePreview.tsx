import {
  Alert,
  Button,
  Code,
  List,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { currencyExponent } from '../../../domain/money';
import { ApiError, api, describeError, unwrap } from '../../api/client';
import { blankToNull } from '../../lib/forms';
import { PartnerPicker } from '../contacts/PartnerPicker';
import { Markdown } from '../interactions/Markdown';
import type { AgreementTemplate } from './library.api';

type Missing = { name: string | null; code: string; clauseIds: string[] };

/** Fills a template for a partner and agreement fields; shows the text or each missing variable. */
export function TemplatePreview({ template }: { template: AgreementTemplate }) {
  const [partner, setPartner] = useState<{ id: string | null; name: string | null }>({
    id: null,
    name: null,
  });
  const [fields, setFields] = useState({
    title: '',
    effectiveDate: '',
    endDate: '',
    governingLaw: '',
    currency: 'EUR',
  });
  const [numbers, setNumbers] = useState<{
    noticePeriodDays: number | string;
    renewalTermMonths: number | string;
    amount: number | string;
  }>({ noticePeriodDays: '', renewalTermMonths: '', amount: '' });
  const preview = useMutation({
    mutationFn: async () => {
      const optional = (value: string) => blankToNull(value) ?? undefined;
      const number = (value: number | string) => (typeof value === 'number' ? value : undefined);
      const currency = fields.currency.trim().toUpperCase();
      const amount = number(numbers.amount);
      return unwrap(
        await api.POST('/api/v1/agreement-templates/{id}/preview', {
          params: { path: { id: template.id } },
          body: {
            partnerId: partner.id ?? '',
            title: optional(fields.title),
            effectiveDate: optional(fields.effectiveDate),
            endDate: optional(fields.endDate),
            governingLaw: optional(fields.governingLaw),
            noticePeriodDays: number(numbers.noticePeriodDays),
            renewalTermMonths: number(numbers.renewalTermMonths),
            value:
              amount === undefined
                ? undefined
                : { amount: Math.round(amount * 10 ** currencyExponent(currency)), currency },
          },
        }),
      );
    },
  });
  const titleOf = (id: string) => template.clauses.find((c) => c.id === id)?.title ?? id;
  const problem = preview.error instanceof ApiError ? preview.error : null;
  const missing = (problem?.code === 'template_variables' ? problem.extra.variables : null) as
    | Missing[]
    | null;
  const set = (name: keyof typeof fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields({ ...fields, [name]: event.currentTarget.value });

  return (
    <Stack>
      <PartnerPicker
        value={partner.id}
        selectedName={partner.name}
        onChange={(id, name) => setPartner({ id, name })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Agreement title" value={fields.title} onChange={set('title')} />
        <TextInput
          label="Governing law"
          value={fields.governingLaw}
          onChange={set('governingLaw')}
        />
        <TextInput
          label="Effective date"
          type="date"
          value={fields.effectiveDate}
          onChange={set('effectiveDate')}
        />
        <TextInput label="End date" type="date" value={fields.endDate} onChange={set('endDate')} />
        <NumberInput
          label="Notice period (days)"
          min={0}
          allowDecimal={false}
          value={numbers.noticePeriodDays}
          onChange={(value) => setNumbers({ ...numbers, noticePeriodDays: value })}
        />
        <NumberInput
          label="Renewal term (months)"
          min={1}
          allowDecimal={false}
          value={numbers.renewalTermMonths}
          onChange={(value) => setNumbers({ ...numbers, renewalTermMonths: value })}
        />
        <NumberInput
          label="Value"
          min={0}
          thousandSeparator=","
          value={numbers.amount}
          onChange={(value) => setNumbers({ ...numbers, amount: value })}
        />
        <TextInput
          label="Currency"
          maxLength={3}
          value={fields.currency}
          onChange={set('currency')}
        />
      </SimpleGrid>
      <Button onClick={() => preview.mutate()} loading={preview.isPending} disabled={!partner.id}>
        Preview
      </Button>
      {missing ? (
        <Alert color="red" title="The template cannot be filled" role="alert">
          <List size="sm">
            {missing.map((variable) => (
              <List.Item key={`${variable.code}-${variable.name}`}>
                <Code>{variable.name ? `{{${variable.name}}}` : 'Template'}</Code>{' '}
                {variable.code === 'variable_empty' ? 'has no value' : 'is not a known variable'}
                {variable.clauseIds.length > 0
                  ? ` (in ${variable.clauseIds.map(titleOf).join(', ')})`
                  : ''}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : preview.error ? (
        <Alert color="red" role="alert">
          {describeError(preview.error)}
        </Alert>
      ) : null}
      {preview.data ? (
        <Paper withBorder p="md" aria-label="Filled agreement" component="section">
          <Markdown>{preview.data.text}</Markdown>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          Choose a partner and fill in what you know; every variable without a value is named.
        </Text>
      )}
    </Stack>
  );
}
